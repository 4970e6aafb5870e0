"""In live Jupyter, does the widget quiz grade in Python, give feedback and keep progress?"""

import ipywidgets as w

from coursekit.display import Quiz
from coursekit.progress import ProgressStore


def find(widget, kind):
    out = []
    if isinstance(widget, kind):
        out.append(widget)
    for child in getattr(widget, "children", ()):
        out.extend(find(child, kind))
    return out


def test_checking_an_answer_grades_it_and_saves_it(demo_project, tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    quiz = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=store)
    ui = quiz.widget()
    first = ui.children[1]  # children[0] reports an unusable progress file
    radios = find(first, w.RadioButtons)[0]
    button = find(first, w.Button)[0]
    feedback = first.children[-1]

    button.click()
    assert "Choose an answer first" in feedback.value

    radios.value = 1
    button.click()
    assert "Not correct yet" in feedback.value and "Grass is green" in feedback.value
    assert "Doe et al. (2020)" in feedback.value

    radios.value = 2
    button.click()
    assert "\u2714 Correct." in feedback.value and "Explanation" in feedback.value
    saved = store.quiz_answers("demo")["demo-single"]
    assert saved == {**saved, "response": 2, "correct": True, "attempts": 2}
    assert "1 of 6 answered, 1 correct" in ui.children[-1].value

    # a new session restores the answer and its feedback
    again = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=store).widget()
    assert find(again.children[1], w.RadioButtons)[0].value == 2
    assert "Correct." in again.children[1].children[-1].value


def test_every_item_type_can_be_answered_in_the_widget(demo_project, tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    ui = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=store).widget()
    boxes = ui.children[1:7]
    find(boxes[1], w.Checkbox)[0].value = True
    find(boxes[1], w.Checkbox)[2].value = True
    find(boxes[2], w.RadioButtons)[0].value = True
    find(boxes[3], w.Text)[0].value = "366"
    for d, v in zip(find(boxes[4], w.Dropdown), ["Bark", "Meow"], strict=True):
        d.value = v
    for d, v in zip(find(boxes[5], w.Dropdown), [1, 2, 3], strict=True):
        d.value = v
    for box in boxes[1:]:
        find(box, w.Button)[0].click()
        assert "\u2714 Correct." in box.children[-1].value, box.children[-1].value
    assert len(store.quiz_answers("demo")) == 5


def test_a_corrupt_progress_file_is_reported_in_the_quiz(demo_project, tmp_path):
    path = tmp_path / "progress.json"
    path.write_text("{oops")
    ui = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=ProgressStore(path)).widget()
    assert "could not be read" in ui.children[0].value
    assert list(tmp_path.glob("progress.json.corrupt-*"))
