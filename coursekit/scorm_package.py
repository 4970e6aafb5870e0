"""A SCORM 1.2 package (a zip an LMS imports) holding the course's own quiz front end.

The package is one SCO: ``index.html`` shows the selected items with coursekit.js and coursekit.css
(as a book page links them, no CDN), one try per question, and ``scorm-bridge.js`` reports score,
lesson status, one interaction per item and ``cmi.suspend_data`` to the LMS's SCORM 1.2 API. Beside
them are ``imsmanifest.xml`` and the ADL/IMS SCORM 1.2 schema files it names. The zip is
byte-reproducible: fixed timestamps and permissions, entries sorted by name.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from html import escape
from importlib.resources import files
from pathlib import Path
from types import SimpleNamespace

from lxml import etree

from .lms import Skipped
from .schema import Matching, MultipleSelect, Ordering, SingleChoice
from .static_html import _json_for_script, asset, quiz_html

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_FILES = ("adlcp_rootv1p2.xsd", "ims_xml.xsd", "imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd")
SCO_FILES = ("index.html", "coursekit.css", "coursekit.js", "scorm-bridge.js")
_EPOCH = (1980, 1, 1, 0, 0, 0)
_LETTERS = 26  # responses are written as letters a-z (SCORM 1.2 choice, matching, sequencing)

_PAGE_CSS = (
    "body{font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;margin:0}"
    "main{max-width:48rem;margin:0 auto;padding:1rem}"
    ".ck-lms-status{padding:.5rem .75rem;border-left:4px solid #2b4a7a;background:rgba(43,74,122,.08)}"
)


def _too_big(item) -> str | None:
    """Why an item's responses cannot be written as SCORM 1.2 letters, or None."""
    if isinstance(item, (SingleChoice, MultipleSelect)) and len(item.options) > _LETTERS:
        return f"more than {_LETTERS} options"
    if isinstance(item, Matching) and len(item.pairs) + len(item.distractors) > _LETTERS:
        return f"more than {_LETTERS} matches and distractors"
    if isinstance(item, Ordering) and len(item.steps) > _LETTERS:
        return f"more than {_LETTERS} steps"
    return None


def _citations_for(paths):
    """citations_for(item) using the references.bib of the project holding the banks (none found:
    each reference shown by its key)."""
    from .display import project_root
    from .references import citation

    bib = None
    for p in paths or ["exercises"]:
        try:
            candidate = project_root(Path(p).resolve()) / "references.bib"
        except FileNotFoundError:
            continue
        if candidate.is_file():
            bib = candidate
            break

    def citations_for(item):
        if bib is None:
            return [{"key": k, "text": k, "url": ""} for k in item.references]
        return [citation(bib, k) for k in item.references]

    return citations_for


def manifest_xml(identifier: str, title: str, mastery: int | None) -> bytes:
    """imsmanifest.xml for one SCO (index.html) with an optional mastery score."""
    title = title if len(title) <= 200 else title[:199] + "\u2026"  # titleType: at most 200 characters

    def el(parent, ns, tag, text=None, **attrs):
        e = etree.SubElement(parent, f"{{{ns}}}{tag}", {k.replace("__", ":"): v for k, v in attrs.items()})
        if text is not None:
            e.text = text
        return e

    root = etree.Element(
        f"{{{CP}}}manifest",
        {"identifier": identifier, "version": "1.0"},
        nsmap={None: CP, "adlcp": ADLCP, "xsi": XSI},
    )
    root.set(
        f"{{{XSI}}}schemaLocation",
        f"{CP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd",
    )
    meta = el(root, CP, "metadata")
    el(meta, CP, "schema", "ADL SCORM")
    el(meta, CP, "schemaversion", "1.2")
    orgs = el(root, CP, "organizations", default="org-1")
    org = el(orgs, CP, "organization", identifier="org-1")
    el(org, CP, "title", title)
    item = el(org, CP, "item", identifier="item-1", identifierref="sco-1", isvisible="true")
    el(item, CP, "title", title)
    if mastery is not None:
        el(item, ADLCP, "masteryscore", str(mastery))
    resources = el(root, CP, "resources")
    res = etree.SubElement(
        resources,
        f"{{{CP}}}resource",
        {"identifier": "sco-1", "type": "webcontent", f"{{{ADLCP}}}scormtype": "sco", "href": "index.html"},
    )
    for name in SCO_FILES:
        el(res, CP, "file", href=name)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def page_html(quiz: str, title: str, config: dict) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        '<link rel="stylesheet" href="coursekit.css">\n'
        f"<style>{_PAGE_CSS}</style>\n</head>\n<body>\n<main>\n<h1>{escape(title)}</h1>\n"
        '<p class="ck-lms-status" role="status" aria-live="polite">'
        "This quiz needs JavaScript to record your answers.</p>\n"
        f"{quiz}\n"
        f'<script type="application/json" class="ck-scorm">{_json_for_script(config)}</script>\n'
        "</main>\n"
        '<script src="coursekit.js"></script>\n<script src="scorm-bridge.js"></script>\n'
        "</body>\n</html>\n"
    )


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever builds it
            zf.writestr(info, entries[name], compresslevel=9)
    return buf.getvalue()


def export_scorm(selected, title: str, *, mastery: int | None = None, paths=()) -> tuple[bytes, list]:
    """The SCORM 1.2 zip for the selected items, and the items it cannot hold (as ``Skipped``)."""
    skipped, items = [], []
    for s in selected:
        reason = _too_big(s.item)
        if reason:
            skipped.append(Skipped(s.item.id, s.item.type, reason))
        else:
            items.append(s.item)
    if not items:
        return b"", skipped
    banks = list(dict.fromkeys(s.bank.id for s in selected))
    digest = hashlib.sha256(
        json.dumps([title, mastery, [it.model_dump(mode="json") for it in items]], sort_keys=True).encode()
    ).hexdigest()
    # the suspend_data signature changes only when the questions' ids or types do
    signature = hashlib.sha256("\n".join(f"{it.id}:{it.type}" for it in items).encode()).hexdigest()[:12]
    quiz_id = banks[0] if len(banks) == 1 else "quiz"
    bank = SimpleNamespace(id=quiz_id, title=title, items=items)
    quiz = quiz_html(
        bank,
        _citations_for(paths),
        inline=False,
        storage_key=f"coursekit:scorm:{digest[:16]}",
        one_try=True,
    )
    config = {"mastery": mastery, "signature": signature}
    entries = {
        "imsmanifest.xml": manifest_xml(f"coursekit-{digest[:16]}", title, mastery),
        "index.html": page_html(quiz, title, config).encode("utf-8"),
    }
    for name in ("coursekit.css", "coursekit.js", "scorm-bridge.js"):
        entries[name] = asset(name).encode("utf-8")
    for name in SCHEMA_FILES:
        entries[name] = files("coursekit").joinpath("static", "scorm12", name).read_bytes()
    return _zip(entries), skipped
