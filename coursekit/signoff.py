"""Instructor sign-off of the competency checklists: printable sheets, a CSV template, and the
competency record read back from a completed sign-off CSV.

A student's ticks in the book are self-assessment; a competency counts as verified only when an
instructor has observed it and signed it off here.
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .markdown import to_inline_html

SKILL_COLUMNS = ["student_id", "name", "part", "checklist", "skill_id", "skill"]  # who and which skill
COLUMNS = [*SKILL_COLUMNS, "observed_by", "date", "result", "evidence"]
REQUIRED = ["student_id", "checklist", "skill_id", "observed_by", "date", "result", "evidence"]
RESULTS = {"competent": "competent", "not yet": "not yet"}
STATUS = {"competent": "verified", "not yet": "not yet", "": "not assessed"}


@dataclass(frozen=True)
class Competency:
    part: str
    checklist: object  # schema.Checklist with kind == "competency"


@dataclass(frozen=True)
class SignOff:
    row: int
    student_id: str
    name: str
    checklist: str
    skill_id: str
    observed_by: str
    date: str
    result: str
    evidence: str


class SignOffError(Exception):
    """Every problem found in a sign-off CSV, one line each (file, row, column, problem)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def competencies(paths, parts=()) -> list[Competency]:
    """The competency checklists under ``paths`` (only the given parts or checklist ids, if any)."""
    from .banks import BankError, load_checklists, read_yaml
    from .selection import bank_files

    wanted = {p.casefold() for p in parts}
    found, problems = [], []
    for f in bank_files(paths or ["exercises"]):
        try:
            data, _ = read_yaml(f)
            if not isinstance(data, dict) or data.get("kind") != "checklists":
                continue
            doc = load_checklists(f)
        except BankError as exc:
            problems += [str(p) for p in exc.problems]
            continue
        for c in doc.checklists:
            if c.kind == "competency" and (
                not wanted or doc.part.casefold() in wanted or c.id.casefold() in wanted
            ):
                found.append(Competency(doc.part, c))
    if problems:
        raise SignOffError(["the checklist files do not load:"] + problems)
    if not found:
        raise SignOffError(["no competency checklist found (kind: competency) for that selection"])
    return found


# ---- the printable sheet ----

_CSS = """
body{font-family:system-ui,sans-serif;color:#111;margin:0;line-height:1.4}
.sheet{max-width:60rem;margin:1rem auto;padding:0 1rem}
h1{font-size:1.4rem;margin:.5rem 0}h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
.who{display:flex;gap:2rem;flex-wrap:wrap;margin:.5rem 0}
.line{display:inline-block;min-width:14rem;border-bottom:1px solid #111;height:1.2rem}
.note{border-left:4px solid #555;padding:.3rem .6rem;background:#f3f3f3}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #444;padding:.35rem .4rem;vertical-align:top;text-align:left}
th{background:#e8e8e8}
td.blank{height:2.6rem}td.result{white-space:nowrap}
.box{display:inline-block;width:.9rem;height:.9rem;border:1px solid #111;margin-right:.25rem;
vertical-align:-2px}
.signatures{display:grid;grid-template-columns:1fr 1fr;gap:1rem 2rem;margin-top:1.5rem}
.signatures div{border-bottom:1px solid #111;padding-top:2rem;font-size:.85rem}
@page{size:A4;margin:14mm}
@media print{.sheet{margin:0;max-width:none;padding:0}tr,.signatures{break-inside:avoid}
section+section{break-before:page}th{background:#e8e8e8 !important;print-color-adjust:exact}}
"""


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<main class="sheet">\n{body}\n</main>\n</body>\n</html>\n'
    )


def _who(student_id: str, name: str) -> str:
    def field(label, value):
        shown = escape(value) if value else '<span class="line"></span>'
        return f"<p><strong>{label}:</strong> {shown}</p>"

    return f'<div class="who">{field("Student", name)}{field("Student ID", student_id)}</div>'


NOTE = (
    '<p class="note">Ticks a student makes in the book are self-assessment. A competency is verified '
    "only when an instructor has observed it and signed it off here.</p>"
)


def sheet_html(student_id: str, name: str, comps: list[Competency]) -> str:
    """One student's sign-off sheet: a section per competency checklist, with signature lines."""
    sections = []
    for comp in comps:
        c = comp.checklist
        rows = "".join(
            f"<tr><td>{to_inline_html(e.text)}</td><td class=blank></td><td class=blank></td>"
            '<td class=result><span class="box"></span>Competent<br><span class="box"></span>Not yet</td>'
            "<td class=blank></td></tr>"
            for e in c.items
        )
        sections.append(
            f"<section><h1>Competency sign-off: {escape(c.title)}</h1>"
            f"<p>{escape(comp.part)} &middot; checklist <code>{escape(c.id)}</code></p>"
            f"{_who(student_id, name)}{NOTE}"
            '<table><colgroup><col style="width:36%"><col style="width:15%"><col style="width:11%">'
            '<col style="width:13%"><col style="width:25%"></colgroup>'
            "<thead><tr><th scope=col>Skill</th><th scope=col>Observed by</th>"
            "<th scope=col>Date</th><th scope=col>Result</th><th scope=col>Evidence (what you saw)</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
            '<div class="signatures"><div>Instructor name</div><div>Instructor signature and date</div>'
            "<div>Student signature</div><div>Date</div></div></section>"
        )
    who = f"{name} ({student_id})" if student_id else "blank sheet"
    return _page(f"Competency sign-off: {who}", "\n".join(sections))


def template_rows(students, comps: list[Competency]) -> list[list[str]]:
    """One row per student and skill, with observed_by, date, result and evidence left empty."""
    return [
        [sid, name, comp.part, comp.checklist.id, e.id, e.text, "", "", "", ""]
        for sid, name in students
        for comp in comps
        for e in comp.checklist.items
    ]


# ---- reading a completed sign-off CSV back ----


def _unquote(cell: str) -> str:
    """Undo the apostrophe the template puts before a cell that looks like a formula."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@") else cell


def read_signoffs(path: Path, comps: list[Competency], today: datetime.date | None = None) -> list[SignOff]:
    """Every row of a completed sign-off CSV, checked; raises SignOffError naming every bad row
    (file, row, column, problem)."""
    today = today or datetime.date.today()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SignOffError([f"{path}: not UTF-8 text ({exc.reason}); save it as CSV UTF-8"]) from None
    reader = csv.reader(text.splitlines())
    header = [h.strip().casefold() for h in next(reader, [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise SignOffError([f"{path}: row 1: missing column(s) {', '.join(missing)}; found {header}"])
    skills = {comp.checklist.id: {e.id for e in comp.checklist.items} for comp in comps}
    problems, out, seen, names = [], [], {}, {}
    for n, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        row = {h: _unquote(cells[i].strip()) if i < len(cells) else "" for i, h in enumerate(header)}

        def bad(column, problem, n=n):
            problems.append(f"{path}: row {n}: column {column}: {problem}")

        sid, checklist, skill = row["student_id"], row["checklist"], row["skill_id"]
        result = " ".join(row["result"].casefold().replace("-", " ").split())
        if not sid:
            bad("student_id", "empty")
        if checklist not in skills:
            bad(
                "checklist",
                f"'{checklist}' is not a competency checklist (known: {', '.join(sorted(skills))})",
            )
        elif skill not in skills[checklist]:
            bad("skill_id", f"'{skill}' is not a skill of checklist '{checklist}'")
        if result and result not in RESULTS:
            bad("result", f"'{row['result']}' is not one of: competent, not yet (or empty: not assessed)")
        if result:
            for column in ("observed_by", "date"):
                if not row[column]:
                    bad(column, f"empty, but the result is '{result}'")
            if result == "competent" and not row["evidence"]:
                bad("evidence", "empty: say what you observed before marking a skill competent")
        else:
            filled = [c for c in ("observed_by", "date", "evidence") if row[c]]
            if filled:
                bad("result", f"empty, but {', '.join(filled)} is filled in")
        if row["date"]:
            try:
                day = datetime.date.fromisoformat(row["date"])
                if len(row["date"]) != 10:
                    raise ValueError
                if day > today:
                    bad("date", f"{row['date']} is in the future")
            except ValueError:
                bad("date", f"'{row['date']}' is not a date written YYYY-MM-DD")
        key = (sid, checklist, skill)
        if sid and key in seen:
            bad("skill_id", f"student '{sid}' has skill '{skill}' already on row {seen[key]}")
        seen.setdefault(key, n)
        name = row.get("name", "")
        if sid and name:
            if sid in names and names[sid][0] != name:
                bad(
                    "name",
                    f"'{name}' differs from '{names[sid][0]}' on row {names[sid][1]} for student '{sid}'",
                )
            names.setdefault(sid, (name, n))
        out.append(
            SignOff(n, sid, name, checklist, skill, row["observed_by"], row["date"], result, row["evidence"])
        )
    if problems:
        raise SignOffError(problems)
    if not out:
        raise SignOffError([f"{path}: no sign-off rows below the header"])
    return out


# ---- the competency record ----

RECORD_COLUMNS = [*SKILL_COLUMNS, "status", "observed_by", "date", "evidence"]


def record_rows(
    student_id: str, name: str, comps: list[Competency], signoffs: list[SignOff]
) -> list[list[str]]:
    """One row per skill of every competency checklist: verified, not yet or not assessed."""
    mine = {(s.checklist, s.skill_id): s for s in signoffs if s.student_id == student_id}
    rows = []
    for comp in comps:
        for e in comp.checklist.items:
            s = mine.get((comp.checklist.id, e.id))
            result = s.result if s else ""
            rows.append(
                [student_id, name, comp.part, comp.checklist.id, e.id, e.text, STATUS[result]]
                + ([s.observed_by, s.date, s.evidence] if s else ["", "", ""])
            )
    return rows


def record_html(student_id: str, name: str, comps: list[Competency], rows: list[list[str]]) -> str:
    """A printable competency record for one student."""
    by_checklist: dict[str, list[list[str]]] = {}
    for r in rows:
        by_checklist.setdefault(r[3], []).append(r)
    sections = []
    for comp in comps:
        c = comp.checklist
        mine = by_checklist.get(c.id, [])
        verified = sum(r[6] == "verified" for r in mine)
        text = {e.id: e.text for e in c.items}
        body = "".join(
            f"<tr><td>{to_inline_html(text[r[4]])}</td><td><strong>{escape(r[6])}</strong></td>"
            f"<td>{escape(r[7])}</td><td>{escape(r[8])}</td><td>{escape(r[9])}</td></tr>"
            for r in mine
        )
        sections.append(
            f"<section><h1>Competency record: {escape(c.title)}</h1>"
            f"<p>{escape(comp.part)} &middot; checklist <code>{escape(c.id)}</code></p>"
            f"{_who(student_id, name)}"
            f"<p><strong>{verified} of {len(mine)} skills verified by an instructor.</strong></p>{NOTE}"
            "<table><thead><tr><th scope=col>Skill</th><th scope=col>Status</th>"
            "<th scope=col>Observed by</th><th scope=col>Date</th><th scope=col>Evidence</th></tr></thead>"
            f"<tbody>{body}</tbody></table></section>"
        )
    return _page(f"Competency record: {name or student_id} ({student_id})", "\n".join(sections))
