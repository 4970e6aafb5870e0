"""Driving a live widget's Python side as its browser view would (tests/test_widget_front_end.py drives
the browser side): each change is what widget.js sends."""

import json

_seq = 0


def send(ui, **change):
    """One change from the browser: an answer, a tick, a case step, typed prompts or {clear: True}."""
    global _seq
    _seq += 1
    ui.change = {**change, "seq": _seq}


def check(ui, item, response, seq=None, confidence=None):
    """What the browser sends when Check answer is pressed."""
    send(ui, item=item, response=response, confidence=confidence)


def answers(ui) -> dict:
    """The answers the quiz widget shows (its progress-file entry, graded again)."""
    return ui.state.get("items", {})


def shown_items(ui) -> list[str]:
    """The ids of the questions in the widget's markup, in order."""
    data = ui.html.split('class="ck-data">', 1)[1].split("</script>", 1)[0]
    return [it["id"] for it in json.loads(data)["items"]]
