"""Live-Jupyter forms of branching cases and open exercises (ipywidgets)."""

from __future__ import annotations

import ipywidgets as w

from .markdown import to_html, to_inline_html
from .static_activities import VERDICT_LABELS, _sources
from .widgets import Notices


def case_widget(case, citations, store) -> w.Widget:
    steps = {s.id: s for s in case.steps}
    path: list[list] = list(store.case_path(case.id))
    notices = Notices(store)
    history = w.HTML()
    prompt = w.HTML()
    radios = w.RadioButtons(options=[], value=None, layout=w.Layout(width="auto"))
    choose = w.Button(description="Choose", button_style="primary")
    feedback = w.HTML()
    debrief = w.HTML()
    restart = w.Button(description="Start the case again")

    def current():
        if not path:
            return case.start
        sid, i = path[-1]
        return steps[sid].choices[i].next

    def render():
        rows = []
        for sid, i in path:
            c = steps[sid].choices[i]
            rows.append(
                f"<li>{to_html(steps[sid].prompt)}<p><strong>You chose:</strong> "
                f"{to_inline_html(c.text)}</p><p><strong>{VERDICT_LABELS[c.verdict]}.</strong></p>"
                f"{to_html(c.feedback)}</li>"
            )
        history.value = f"<ol>{''.join(rows)}</ol>" if rows else ""
        now = current()
        finished = now == "end"
        for widget in (prompt, radios, choose):
            widget.layout.display = "none" if finished else None
        if finished:
            debrief.value = f"<h4>Debrief</h4>{to_html(case.debrief)}{_sources(citations)}"
            return
        debrief.value = ""
        prompt.value = f"<h4>Step {len(path) + 1}</h4>{to_html(steps[now].prompt)}"
        radios.options = [(c.text, n) for n, c in enumerate(steps[now].choices)]
        radios.value = None

    def on_choose(_):
        if radios.value is None:
            feedback.value = "<p><strong>Choose one option first.</strong></p>"
            return
        now = current()
        c = steps[now].choices[radios.value]
        path[:] = store.case_step(case.id, path, [now, radios.value], finished=c.next == "end")
        notices.refresh()
        feedback.value = ""
        render()

    def on_restart(_):
        path.clear()
        store.restart_case(case.id)
        notices.refresh()
        feedback.value = ""
        render()

    choose.on_click(on_choose)
    restart.on_click(on_restart)
    try:
        render()
    except (KeyError, IndexError):  # a saved path the case no longer has: start afresh
        path.clear()
        render()
    notices.refresh()
    return w.VBox(
        [
            notices.widget,
            w.HTML(to_html(case.client)),
            history,
            prompt,
            radios,
            choose,
            feedback,
            debrief,
            restart,
        ]
    )


def exercise_widget(ex, citations, store) -> w.Widget:
    saved = store.exercise_answers(ex.id)
    notices = Notices(store)
    seen = {p.id: saved.get("answers", {}).get(p.id, "") for p in ex.prompts}  # as last read from the file
    areas = {
        p.id: w.Textarea(
            value=saved.get("answers", {}).get(p.id, ""),
            placeholder=p.hint,
            layout=w.Layout(width="100%", height="8em"),
        )
        for p in ex.prompts
    }
    model = w.HTML()
    status = w.HTML()
    submit = w.Button(
        description="Submit and show the model answer", button_style="primary", layout=w.Layout(width="auto")
    )

    def show_model():
        model.value = f"<h4>Model answer</h4>{to_html(ex.model_answer)}{_sources(citations)}"

    def on_submit(_):
        answers = {k: a.value for k, a in areas.items()}
        if not any(v.strip() for v in answers.values()):
            status.value = "<p>Write your answer first, then compare it with the model answer.</p>"
            return
        changed = {k: v for k, v in answers.items() if v != seen[k]}  # another tab's prompts stay as saved
        store.save_exercise(ex.id, changed, submitted=True)
        notices.refresh()
        stored = store.exercise_answers(ex.id).get("answers", {})
        for k, area in areas.items():
            seen[k] = area.value = stored.get(k, "")
        status.value = "<p>Saved and submitted.</p>"
        show_model()

    submit.on_click(on_submit)
    if saved.get("submitted"):
        show_model()
    rows = []
    for p in ex.prompts:
        rows += [w.HTML(f"<strong>{to_inline_html(p.label)}</strong>"), areas[p.id]]
    return w.VBox([notices.widget, w.HTML(to_html(ex.scenario)), *rows, submit, status, model])
