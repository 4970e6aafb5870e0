"""A student's progress across the whole course, per part.

- ``progress_overview()``: the "My progress" page of the HTML book. The totals per part (which
  quiz items, checklist items and cases exist) are rendered at build time into a JSON data
  block; ``progress-page.js`` reads the browser's localStorage and draws the chart and table.
  Nothing is fetched at run time, so the page works over ``file://``.
- ``progress_summary()``: the same counts in live Jupyter, read from the progress file
  (``coursekit.progress.ProgressStore``), shown as a matplotlib bar chart and a table.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from .banks import load_bank, load_cases, load_checklists
from .progress import ProgressStore
from .static_html import LOCAL_STORAGE_PREFIX, _json_for_script, asset, inline_assets

_TOC_PART = re.compile(r"file:\s*book/([a-z0-9-]+)/")


def _part_order(root: Path) -> list[str]:
    """Part slugs in the order the table of contents first uses them."""
    order: list[str] = []
    toc = root / "_toc.yml"
    if toc.is_file():
        for slug in _TOC_PART.findall(toc.read_text(encoding="utf-8")):
            if slug not in order:
                order.append(slug)
    return order


def course_totals(root: Path | None = None) -> list[dict]:
    """What each part holds: quiz item ids, checklist item ids and case ids.

    Parts are keyed by the file name prefix (``exercises/<part>-quiz.yml``) and named by the
    files' ``part`` field; they come in table-of-contents order.
    """
    from .display import project_root

    root = root or project_root()
    ex = root / "exercises"
    parts: dict[str, dict] = {}

    def part(slug: str, title: str) -> dict:
        return parts.setdefault(
            slug, {"id": slug, "title": title, "quizzes": [], "checklists": [], "cases": []}
        )

    for path in sorted(ex.glob("*-quiz.yml")):
        bank = load_bank(path)
        part(path.name[: -len("-quiz.yml")], bank.part)["quizzes"].append(
            {"id": bank.id, "items": [i.id for i in bank.items]}
        )
    for path in sorted(ex.glob("*-checklists.yml")):
        doc = load_checklists(path)
        entry = part(path.name[: -len("-checklists.yml")], doc.part)
        for c in doc.checklists:
            entry["checklists"].append({"id": c.id, "items": [i.id for i in c.items]})
    for path in sorted(ex.glob("*-cases.yml")):
        doc = load_cases(path)
        part(path.name[: -len("-cases.yml")], doc.part)["cases"] += [c.id for c in doc.cases]

    order = _part_order(root)
    rank = {slug: n for n, slug in enumerate(order)}
    return sorted(parts.values(), key=lambda p: (rank.get(p["id"], len(rank)), p["id"]))


def _totals_row(p: dict) -> tuple[int, int, int]:
    return (
        sum(len(q["items"]) for q in p["quizzes"]),
        sum(len(c["items"]) for c in p["checklists"]),
        len(p["cases"]),
    )


class ProgressOverview:
    """The "My progress" page: a JSON block of totals plus the markup progress-page.js fills in."""

    def __init__(self, root: Path | None = None):
        self.parts = course_totals(root)

    def html(self) -> str:
        rows = "".join(
            f'<tr><th scope="row">{escape(p["title"])}</th><td>{q}</td><td>{c}</td><td>{k}</td></tr>'
            for p in self.parts
            for q, c, k in [_totals_row(p)]
        )
        data = {"prefix": LOCAL_STORAGE_PREFIX, "parts": self.parts}
        style = f"<style>{asset('progress-page.css')}</style>" if inline_assets() else ""
        script = f"<script>{asset('progress-page.js')}</script>" if inline_assets() else ""
        return "\n".join(
            p
            for p in [
                style,
                '<div class="ck-progress" id="ck-progress">',
                '<p class="ck-progress-status" role="status" aria-live="polite">'
                "Your progress is read from this browser when the page opens.</p>",
                '<div class="ck-progress-chart" id="ck-progress-chart"></div>',
                '<table class="ck-progress-table" id="ck-progress-table">'
                "<caption>Your progress per part, read from this browser</caption>"
                '<thead><tr><th scope="col">Part</th><th scope="col">Quiz questions in the part</th>'
                '<th scope="col">Checklist items in the part</th>'
                '<th scope="col">Case studies in the part</th></tr></thead>'
                f"<tbody>{rows}</tbody></table>",
                '<div class="ck-calibration"><h3>How sure, how right</h3>'
                "<p>When you say how sure you are before checking an answer (in Review, or in the quizzes if "
                "you turn it on there), this chart shows how often you were right at each level. If you are "
                "right about as often as you feel sure, your confidence is a good guide; if you are often "
                "wrong when you felt sure, slow down on those questions.</p>"
                '<div class="ck-calibration-chart"></div>'
                '<p class="ck-calibration-text" role="status" aria-live="polite"></p></div>',
                '<div class="ck-progress-tools">'
                "<h3>Keep or move your progress</h3>"
                '<p><button type="button" class="ck-progress-export">Export all my progress</button> '
                "saves every quiz answer, tick, case path, exercise answer and your Review schedule kept in "
                "this browser "
                "to one JSON file.</p>"
                '<p><label for="ck-progress-import">Import progress from a file</label> '
                '<input type="file" id="ck-progress-import" class="ck-progress-import" '
                'accept="application/json,.json"></p>'
                '<p class="ck-progress-message" role="alert"></p>'
                '<p><button type="button" class="ck-progress-reset">Reset all my progress</button> '
                "clears everything this course has saved in this browser (you are asked first).</p>"
                "</div>",
                f'<script type="application/json" class="ck-progress-data">{_json_for_script(data)}</script>',
                f"{script}</div>",
            ]
            if p
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        q, c, k = (sum(col) for col in zip(*(_totals_row(p) for p in self.parts), strict=True))
        plain = (
            f"Progress overview: {len(self.parts)} parts, {q} quiz questions, "
            f"{c} checklist items, {k} case studies"
        )
        return {"text/html": self.html(), "text/plain": plain}


def summary_rows(data: dict, parts: list[dict]) -> list[dict]:
    """Counts per part from a progress dict (the format of ``ProgressStore.read()``)."""
    rows = []
    for p in parts:
        answered = correct = ticked = finished = 0
        for q in p["quizzes"]:
            saved = data.get("quizzes", {}).get(q["id"], {}).get("items", {})
            for item in q["items"]:
                if isinstance(saved.get(item), dict):
                    answered += 1
                    correct += bool(saved[item].get("correct"))
        for c in p["checklists"]:
            done = set(data.get("checklists", {}).get(c["id"], {}).get("ticked", []))
            ticked += len(done & set(c["items"]))
        for case in p["cases"]:
            finished += bool(data.get("cases", {}).get(case, {}).get("finished"))
        n_q, n_c, n_k = _totals_row(p)
        rows.append(
            {
                "part": p["title"],
                "answered": answered,
                "correct": correct,
                "questions": n_q,
                "ticked": ticked,
                "checklist_items": n_c,
                "finished": finished,
                "cases": n_k,
            }
        )
    return rows


def _percent(n: int, total: int) -> float:
    return 100.0 * n / total if total else 0.0


class ProgressSummary:
    """Live Jupyter: a bar chart and a table of the progress file, per part."""

    def __init__(self, store: ProgressStore | None = None, root: Path | None = None):
        self.store = store or ProgressStore()
        data = self.store.read()
        self.rows = summary_rows(data, course_totals(root))

    def table_markdown(self) -> str:
        lines = [
            "| Part | Quiz answered | Quiz correct | Checklist ticked | Cases finished |",
            "| --- | --- | --- | --- | --- |",
        ]
        for r in self.rows:
            cases = f"{r['finished']} of {r['cases']}" if r["cases"] else "none in this part"
            lines.append(
                f"| {r['part']} | {r['answered']} of {r['questions']} | {r['correct']} of {r['questions']} "
                f"| {r['ticked']} of {r['checklist_items']} | {cases} |"
            )
        return "\n".join(lines)

    def figure(self):
        import matplotlib.pyplot as plt

        labels = [r["part"] for r in self.rows]
        series = [
            ("Quiz answered", [_percent(r["answered"], r["questions"]) for r in self.rows], "#2b4a7a", ""),
            ("Quiz correct", [_percent(r["correct"], r["questions"]) for r in self.rows], "#1f7a3a", "//"),
            (
                "Checklist ticked",
                [_percent(r["ticked"], r["checklist_items"]) for r in self.rows],
                "#c25e00",
                "..",
            ),
            ("Cases finished", [_percent(r["finished"], r["cases"]) for r in self.rows], "#6b3fa0", "xx"),
        ]
        fig, ax = plt.subplots(figsize=(8, 4))
        width = 0.2
        for n, (name, values, colour, hatch) in enumerate(series):
            xs = [i + (n - 1.5) * width for i in range(len(labels))]
            ax.bar(xs, values, width, label=name, color=colour, hatch=hatch, edgecolor="black")
        ax.set_xticks(range(len(labels)), labels)
        ax.set_ylim(0, 100)
        ax.set_ylabel("Percent of the part done")
        ax.legend(loc="upper right", fontsize="small")
        fig.tight_layout()
        return fig

    def alt_text(self) -> str:
        """What the chart shows, in words (its text alternative)."""
        parts = []
        for r in self.rows:
            cases = (
                f"{_percent(r['finished'], r['cases']):.0f}% of cases finished" if r["cases"] else "no cases"
            )
            parts.append(
                f"{r['part']}: {_percent(r['answered'], r['questions']):.0f}% of quiz questions answered, "
                f"{_percent(r['correct'], r['questions']):.0f}% correct, "
                f"{_percent(r['ticked'], r['checklist_items']):.0f}% of checklist items ticked, {cases}"
            )
        return "Bar chart of how much of each part is done. " + "; ".join(parts) + "."

    def chart_html(self) -> str:
        """The chart as an image with its text alternative (a plain figure output has none)."""
        import base64
        import io

        import matplotlib.pyplot as plt

        fig = self.figure()
        png = io.BytesIO()
        fig.savefig(png, format="png", dpi=96, metadata={"Software": None})
        plt.close(fig)
        data = base64.b64encode(png.getvalue()).decode("ascii")
        alt = escape(self.alt_text())
        return f'<img src="data:image/png;base64,{data}" alt="{alt}" style="max-width:100%">'

    def show(self):
        """Display the chart and the table (in a notebook)."""
        from IPython.display import HTML, Markdown, display

        for warning in self.store.warnings:
            display(Markdown(f"**Warning:** {warning}"))
        display(HTML(self.chart_html()))
        display(Markdown(self.table_markdown()))
        return None
