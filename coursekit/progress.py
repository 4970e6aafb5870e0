"""A student's progress in live Jupyter: one JSON file, written atomically.

The file lives at ``$COURSEKIT_PROGRESS`` or ``~/.coursekit/progress.json``. A file that
cannot be read is moved aside (``progress.json.corrupt-<time>``) and reported, never
overwritten. Writers take a lock, re-read and merge, so two notebooks lose nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path

FORMAT = "coursekit-progress"


def default_path() -> Path:
    env = os.environ.get("COURSEKIT_PROGRESS")
    return Path(env) if env else Path.home() / ".coursekit" / "progress.json"


SECTIONS = ("quizzes", "checklists", "cases", "exercises")


def _empty() -> dict:
    return {"format": FORMAT, "format_version": 1, **{s: {} for s in SECTIONS}}


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

    def read(self) -> dict:
        """The stored progress; a corrupt file is moved aside and reported."""
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return _empty()
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("not a coursekit progress file")
            for section in SECTIONS:
                data.setdefault(section, {})
            return data
        except ValueError as exc:
            aside = self.path.with_name(
                f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
            )
            os.replace(self.path, aside)
            self.warnings.append(
                f"Your progress file {self.path} could not be read ({exc}); it was moved to "
                f"{aside} and a new one was started."
            )
            return _empty()

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
        """Apply ``change(data)`` under the lock to freshly read data and save it."""
        with _locked(self.path):
            data = self.read()
            change(data)
            self._write(data)
            return data

    def record_answer(self, quiz: str, item: str, response, correct: bool) -> None:
        def change(data):
            items = data["quizzes"].setdefault(quiz, {}).setdefault("items", {})
            prev = items.get(item, {})
            items[item] = {
                "response": response,
                "correct": correct,
                "attempts": prev.get("attempts", 0) + 1,
                "saved_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            }

        self.update(change)

    def set_ticked(self, checklist: str, ticked: list[str]) -> None:
        def change(data):
            data["checklists"][checklist] = {
                "ticked": sorted(ticked),
                "saved_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            }

        self.update(change)

    def quiz_answers(self, quiz: str) -> dict:
        return self.read()["quizzes"].get(quiz, {}).get("items", {})

    def ticked(self, checklist: str) -> list[str]:
        return self.read()["checklists"].get(checklist, {}).get("ticked", [])

    def case_path(self, case: str) -> list:
        return self.read()["cases"].get(case, {}).get("path", [])

    def set_case_path(self, case: str, path: list, finished: bool) -> None:
        def change(data):
            data["cases"][case] = {
                "path": [list(p) for p in path],
                "finished": finished,
                "saved_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            }

        self.update(change)

    def exercise_answers(self, exercise: str) -> dict:
        return self.read()["exercises"].get(exercise, {})

    def set_exercise(self, exercise: str, answers: dict, submitted: bool) -> None:
        def change(data):
            data["exercises"][exercise] = {
                "answers": answers,
                "submitted": submitted,
                "saved_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            }

        self.update(change)
