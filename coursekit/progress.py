"""A student's progress in live Jupyter: one JSON file, changed one answer at a time.

The file lives at ``$COURSEKIT_PROGRESS`` or ``~/.coursekit/progress.json``. Every answer, tick,
case step or exercise answer is a *change*: under a lock the file is re-read, the change is merged
into what is there, and the result is written atomically. So two notebooks or tabs open on the same
file never lose each other's work.

A file that cannot be used (broken or half-written JSON, bytes that are not UTF-8, JSON of the
wrong shape such as ``"items": null``) is moved aside (``progress.json.corrupt-<time>``), kept
byte for byte, and reported in ``warnings`` (the widgets show them); it is never overwritten, and
answers keep going to the progress file.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path

FORMAT = "coursekit-progress"
SECTIONS = ("quizzes", "checklists", "cases", "exercises", "review")


class UnusableProgress(ValueError):
    """The progress file exists but cannot be used as one."""


def default_path() -> Path:
    env = os.environ.get("COURSEKIT_PROGRESS")
    return Path(env) if env else Path.home() / ".coursekit" / "progress.json"


def _empty() -> dict:
    return {"format": FORMAT, "format_version": 1, **{s: {} for s in SECTIONS}}


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")


def _kind(value) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false", int: "a number"}
    return "null" if value is None else names.get(type(value), "a number")


def _need(value, kind, where: str):
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        wanted = {dict: "an object", list: "a list", str: "a string", bool: "true or false", int: "a number"}
        raise UnusableProgress(f"{where} is {_kind(value)}, not {wanted[kind]}")
    return value


def _check_shape(data) -> None:
    """Raise UnusableProgress naming the first part of ``data`` the widgets could not use."""
    _need(data, dict, "the file")
    if data.get("format") != FORMAT:
        raise UnusableProgress('not a coursekit progress file (no "format": "coursekit-progress")')
    for section in SECTIONS:
        for key, entry in _need(data.get(section, {}), dict, section).items():
            where = f"{section}.{key}"
            _need(entry, dict, where)
            if section == "quizzes":
                for item, saved in _need(entry.get("items", {}), dict, f"{where}.items").items():
                    _need(saved, dict, f"{where}.items.{item}")
                    _need(saved.get("correct", False), bool, f"{where}.items.{item}.correct")
                    _need(saved.get("attempts", 0), int, f"{where}.items.{item}.attempts")
            elif section == "checklists":
                for tick in _need(entry.get("ticked", []), list, f"{where}.ticked"):
                    _need(tick, str, f"an entry of {where}.ticked")
            elif section == "review":  # one Leitner slot per question (coursekit/review.py)
                for field in ("box", "last", "due"):
                    _need(entry.get(field, 0), int, f"{where}.{field}")
            elif section == "cases":
                for step in _need(entry.get("path", []), list, f"{where}.path"):
                    _need(step, list, f"a step of {where}.path")
                    if len(step) != 2:
                        raise UnusableProgress(f"a step of {where}.path is not [step, choice]")
                    _need(step[0], str, f"a step of {where}.path")
                    _need(step[1], int, f"a choice of {where}.path")
                _need(entry.get("finished", False), bool, f"{where}.finished")
            else:
                for prompt, text in _need(entry.get("answers", {}), dict, f"{where}.answers").items():
                    _need(text, str, f"{where}.answers.{prompt}")
                _need(entry.get("submitted", False), bool, f"{where}.submitted")


@contextlib.contextmanager
def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_name(path.name + ".lock")
    with open(lock, "a+") as fh:
        try:
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - Windows: best effort
            pass
        yield


class ProgressStore:
    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_path()
        self.warnings: list[str] = []

    def _load(self) -> dict:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return _empty()
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise UnusableProgress(f"bytes that are not UTF-8 at byte {exc.start}") from None
        except ValueError as exc:
            raise UnusableProgress(f"broken JSON: {exc}") from None
        _check_shape(data)
        for section in SECTIONS:
            data.setdefault(section, {})
        return data

    def _load_or_move_aside(self) -> dict:
        """Call with the lock held."""
        try:
            return self._load()
        except UnusableProgress as exc:
            aside = self.path.with_name(
                f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
            )
            os.replace(self.path, aside)
            self.warnings.append(
                f"Your progress file {self.path} could not be read ({exc}); it was moved to "
                f"{aside} and a new one was started. Your answers are saved in the new file."
            )
            return _empty()

    def read(self) -> dict:
        """The stored progress; an unusable file is moved aside and reported."""
        try:
            return self._load()
        except UnusableProgress:
            with _locked(self.path):
                return self._load_or_move_aside()

    def _write(self, data: dict) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".progress-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=1, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise

    def update(self, change) -> dict:
        """Merge ``change(data)`` into freshly read data under the lock and save it."""
        with _locked(self.path):
            data = self._load_or_move_aside()
            change(data)
            self._write(data)
            return data

    # Changes: each touches only its own answer, tick, case or exercise prompt, and returns the whole
    # progress as saved (so a widget shows the merged file without reading it again).

    def record_answer(
        self, quiz: str, item: str, response, correct: bool, confidence: str | None = None
    ) -> dict:
        def change(data):
            items = data["quizzes"].setdefault(quiz, {}).setdefault("items", {})
            prev = items.get(item, {})
            items[item] = {
                "response": response,
                "correct": correct,
                "attempts": prev.get("attempts", 0) + 1,
                "saved_at": _now(),
            }
            if confidence:
                items[item]["confidence"] = confidence

        return self.update(change)

    def forget(self, section: str, key: str) -> dict:
        """Clear one quiz's answers, checklist's ticks, case or exercise (the Reset buttons)."""

        def change(data):
            data[section].pop(key, None)

        return self.update(change)

    def tick(self, checklist: str, entry: str, ticked: bool) -> dict:
        """Tick (or untick) one entry of a checklist, keeping every other entry as stored."""

        def change(data):
            saved = data["checklists"].setdefault(checklist, {})
            now = set(saved.get("ticked", [])) - {entry} | ({entry} if ticked else set())
            saved.update(ticked=sorted(now), saved_at=_now())

        return self.update(change)

    def case_step(self, case: str, before: list, step: list, finished: bool) -> dict:
        """Record the choice ``step`` ([step id, choice]) made after the path ``before``.

        If the stored path already runs through the same choices (another tab went on along the same
        route), it is kept; otherwise the path becomes ``before`` + ``step``.
        """
        chosen = [list(p) for p in before] + [list(step)]

        def change(data):
            saved = data["cases"].get(case, {})
            if saved.get("path", [])[: len(chosen)] == chosen:
                data["cases"][case] = {**saved, "saved_at": _now()}
            else:
                data["cases"][case] = {"path": chosen, "finished": finished, "saved_at": _now()}

        return self.update(change)

    def save_exercise(self, exercise: str, answers: dict, submitted: bool) -> dict:
        """Merge the given prompt answers into the exercise; prompts not given keep their stored text."""

        def change(data):
            saved = data["exercises"].setdefault(exercise, {})
            saved["answers"] = {**saved.get("answers", {}), **answers}
            saved["submitted"] = saved.get("submitted", False) or submitted
            saved["saved_at"] = _now()

        return self.update(change)

    def review_slots(self, slots: dict) -> dict:
        """Set Review's schedule of some questions (id -> {box, last, due}), keeping the others."""

        def change(data):
            data["review"].update(slots)

        return self.update(change)

    # Reads.

    def quiz_answers(self, quiz: str) -> dict:
        return self.read()["quizzes"].get(quiz, {}).get("items", {})

    def ticked(self, checklist: str) -> list[str]:
        return self.read()["checklists"].get(checklist, {}).get("ticked", [])

    def case_path(self, case: str) -> list:
        return self.read()["cases"].get(case, {}).get("path", [])

    def exercise_answers(self, exercise: str) -> dict:
        return self.read()["exercises"].get(exercise, {})
