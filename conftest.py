"""Shared by every pytest run, including `pytest --nbval exercises/` on its own."""

import os
import tempfile
from pathlib import Path

# Notebooks under nbval, and tests, read and write a scratch progress file, never the
# student's own ~/.coursekit/progress.json (my-progress.ipynb's output depends on it).
os.environ["COURSEKIT_PROGRESS"] = str(Path(tempfile.mkdtemp(prefix="ck-progress-")) / "progress.json")
