"""Grade a folder of response files against an assignment key or the question banks.

Response files are ``coursekit-answers`` JSON: from the book's "Download my answers" (responses in
authored numbers, ``quiz`` = the bank id) or from an assignment's student edition (responses in
displayed order, with ``assignment``, ``variant`` and ``student_id``; the key translates them).
A malformed, duplicated or foreign file is reported by name and reason; the others are graded.
"""

from __future__ import annotations

import gc
import io
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import orjson

from .grading import ResponseError, grade
from .outputs import csv_text
from .permutation import Layout
from .schema import Matching, MultipleSelect, Numeric, Ordering, SingleChoice, TrueFalse
from .variants import ANSWERS_FORMAT, KEY_FORMAT, KEY_VERSION


class KeyError_(ValueError):
    """The key (or banks) cannot be used."""


@dataclass
class Key:
    quizzes: set[str]  # quiz ids a response file may name
    items: dict  # item id -> schema item, in authored order
    item_quiz: dict  # item id -> bank id
    assignment: str | None = None
    # variant id -> {"student_id", "name", "layouts": per item in authored order, its index in layouts}
    variants: dict = field(default_factory=dict)
    layouts: dict = field(default_factory=dict)  # item id -> the distinct Layouts students were given
    # (item id, layout index or None, response token) -> (authored response, mark, warning or None)
    marks_seen: dict = field(default_factory=dict)
    scopes: dict = field(default_factory=dict)  # quiz id -> its item ids, in authored order


def _variant(v: dict, layouts: list) -> dict:
    return {"student_id": v.get("student_id", ""), "name": v.get("name", ""), "layouts": layouts}


def _read_key_variants(doc: dict, items: dict) -> tuple[dict, dict]:
    """(variants, layouts) of a key document of format_version 1 or 2, layouts interned per item.

    A variant's ``layouts`` lists, per item in authored order, the index of its layout."""
    ids = list(items)
    layouts = {iid: [] for iid in ids}
    variants = {}
    if doc["format_version"] == 1:
        interned = {iid: {} for iid in ids}
        for vid, v in doc["variants"].items():
            chosen = {}
            for e in v["items"]:
                known = interned[e["item"]]
                chosen[e["item"]] = known.setdefault(Layout.from_key(e), len(known))
            variants[vid] = _variant(v, [chosen[iid] for iid in ids])
        return variants, {iid: list(interned[iid]) for iid in ids}
    for iid, item in items.items():
        layouts[iid] = [Layout.from_key({**f, "type": item.type}) for f in doc["items"][iid]["layouts"]]
    n, every = len(ids), set(range(1, len(ids) + 1))
    counts = [len(layouts[iid]) for iid in ids]
    for vid, v in doc["variants"].items():
        order, chosen = v["order"], v["layouts"]
        if len(order) != n or len(chosen) != n or set(order) != every:
            raise ValueError(f"variant {vid!r}: 'order' and 'layouts' must list every item once")
        picked = [0] * n
        for number, index in zip(order, chosen, strict=True):
            picked[number - 1] = index
        for iid, index, count in zip(ids, picked, counts, strict=True):
            if type(index) is not int or not 0 <= index < count:
                raise ValueError(f"variant {vid!r}: item {iid!r} has no layout {index!r}")
        variants[vid] = _variant(v, picked)
    return variants, layouts


def load_key(paths) -> Key:
    """A key JSON file written by ``coursekit assign`` (format_version 1 or 2), or question banks."""
    from pydantic import TypeAdapter, ValidationError

    from .schema import Item

    paths = [Path(p) for p in paths]
    if len(paths) == 1 and paths[0].suffix == ".json":
        p = paths[0]
        try:
            doc = json.loads(p.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise KeyError_(f"{p}: not a JSON key file ({exc})") from None
        if not isinstance(doc, dict) or doc.get("format") != KEY_FORMAT:
            raise KeyError_(
                f"{p}: not a coursekit key (format {doc.get('format') if isinstance(doc, dict) else None!r})"
            )
        if doc.get("format_version") not in (1, KEY_VERSION):
            raise KeyError_(f"{p}: key format_version {doc.get('format_version')!r} is not supported")
        adapter = TypeAdapter(Item)
        items, item_quiz = {}, {}
        try:
            for iid, entry in sorted(doc["items"].items(), key=lambda kv: kv[1]["number"]):
                items[iid] = adapter.validate_python(entry["item"])
                item_quiz[iid] = entry["bank"]
            variants, layouts = _read_key_variants(doc, items)
        except (KeyError, TypeError, ValueError, IndexError, ValidationError) as exc:
            raise KeyError_(f"{p}: the key is damaged ({type(exc).__name__}: {exc})") from None
        return Key(
            {doc["assignment"], *doc.get("banks", [])}, items, item_quiz, doc["assignment"], variants, layouts
        )
    from .selection import load_banks

    banks = load_banks(paths)
    items = {it.id: it for b in banks for it in b.items}
    return Key({b.id for b in banks}, items, {it.id: b.id for b in banks for it in b.items})


@dataclass
class Submission:
    file: str
    student_id: str
    name: str
    variant: str
    quiz: str
    marks: dict  # item id -> 1/0 (items of this submission's scope)
    responses: dict  # item id -> authored response (or None)
    warnings: list[str] = field(default_factory=list)
    saved_at: str = ""
    confidence: dict = field(default_factory=dict)  # item id -> "low"/"medium"/"high", where the student said
    _score: int | None = None

    @property
    def score(self) -> int:
        if self._score is None:
            self._score = sum(self.marks.values())
        return self._score


@dataclass
class Rejected:
    file: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"


def _scope(key: Key, quiz: str) -> list[str]:
    scope = key.scopes.get(quiz)
    if scope is None:
        if key.assignment is not None and quiz == key.assignment:
            scope = list(key.items)
        else:
            scope = [i for i in key.items if key.item_quiz[i] == quiz]
        key.scopes[quiz] = scope
    return scope


MAX_FILE_BYTES = 5_000_000  # a real response file of 250 items is under 100 KB
MAX_ANSWERS = 10_000  # answers in one file; a quiz has a few hundred items at most
SHOWN_IDS = 5  # unknown item ids named in a warning; the rest are counted


def _short(value, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _load_json(path: Path) -> object | Rejected:
    name = path.name
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return Rejected(name, f"cannot be read ({exc.strerror or exc})")
    if len(raw) > MAX_FILE_BYTES:
        size = path.stat().st_size / 1e6
        return Rejected(
            name, f"too large ({size:.1f} MB; a response file may be at most {MAX_FILE_BYTES // 10**6} MB)"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Rejected(name, "not UTF-8 text")
    try:
        return orjson.loads(text)  # a class's files in a fraction of json's time
    except orjson.JSONDecodeError:
        pass  # a bad file: the standard library's reading names what is wrong, as before
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        return Rejected(name, f"not valid JSON (line {exc.lineno}: {exc.msg})")
    except RecursionError:
        return Rejected(name, "not a response file: brackets nested too deeply to read")


def read_submission(path: Path, key: Key) -> Submission | Rejected:
    """One response file graded, or the reason it cannot be. No file content can make this raise."""
    try:
        return _read_submission(path, key)
    except Exception as exc:  # noqa: BLE001 - a grader no file can break: name the file, grade the rest
        return Rejected(path.name, f"cannot be graded ({type(exc).__name__}: {_short(str(exc), 120)})")


def _read_submission(path: Path, key: Key) -> Submission | Rejected:
    name = path.name
    doc = _load_json(path)
    if isinstance(doc, Rejected):
        return doc
    if not isinstance(doc, dict) or doc.get("format") != ANSWERS_FORMAT:
        got = doc.get("format") if isinstance(doc, dict) else type(doc).__name__
        return Rejected(
            name, f"not a coursekit answers file (format {_short(got)}, expected '{ANSWERS_FORMAT}')"
        )
    if doc.get("format_version") != 1:
        return Rejected(
            name, f"format_version {_short(doc.get('format_version'))} is not supported (expected 1)"
        )
    quiz = doc.get("quiz")
    if not isinstance(quiz, str) or quiz not in key.quizzes:
        return Rejected(
            name, f"foreign file: it answers quiz {_short(quiz)}, not {' or '.join(sorted(key.quizzes))}"
        )
    answers = doc.get("answers")
    if not isinstance(answers, dict):
        return Rejected(name, "malformed: 'answers' is not a mapping of item ids")
    if len(answers) > MAX_ANSWERS:
        return Rejected(
            name, f"too many answers ({len(answers):,}; a response file may hold at most {MAX_ANSWERS:,})"
        )
    variant_id = doc.get("variant") or ""
    raw_student = doc.get("student_id")
    if not isinstance(variant_id, str) or not isinstance(raw_student, (str, int, type(None))):
        return Rejected(name, "malformed: 'variant' and 'student_id' must be text")
    student = str(raw_student or "").strip()
    student_name = ""
    chosen = None
    if key.assignment is not None and quiz == key.assignment:
        if variant_id not in key.variants:
            return Rejected(
                name, f"variant {_short(variant_id)} is not in the key of assignment '{key.assignment}'"
            )
        v = key.variants[variant_id]
        if v["student_id"] and student and student != v["student_id"]:
            return Rejected(
                name,
                f"variant '{variant_id}' was made for student '{v['student_id']}', the file says "
                f"{_short(student)}",
            )
        student = student or v["student_id"]
        student_name = v["name"]
        chosen = v["layouts"]
        if not student:
            return Rejected(name, "no student_id in the file")
    elif variant_id:
        return Rejected(name, f"foreign file: variant {_short(variant_id)} of quiz {quiz!r} has no key here")
    student = student or path.stem
    sub = Submission(
        name, student, student_name, variant_id, quiz, {}, {}, saved_at=str(doc.get("saved_at") or "")
    )
    scope = _scope(key, quiz)
    unknown = sorted(set(answers).difference(scope))
    if unknown:
        shown = ", ".join(_short(i, 40) for i in unknown[:SHOWN_IDS])
        more = f" and {len(unknown) - SHOWN_IDS:,} more" if len(unknown) > SHOWN_IDS else ""
        sub.warnings.append(
            f"{len(unknown):,} answer(s) to items not in this quiz were ignored: {shown}{more}"
        )
    marks, responses, warnings = sub.marks, sub.responses, sub.warnings
    seen = key.marks_seen
    for iid, layout in zip(scope, chosen or [None] * len(scope), strict=True):
        entry = answers.get(iid)
        response = None if type(entry) is not dict else entry.get("response")
        if response is not None and entry.get("confidence") in CBM:
            sub.confidence[iid] = entry["confidence"]
        if response is None:
            if entry is not None and type(entry) is not dict:
                warnings.append(f"item '{iid}': malformed entry, marked 0")
            marks[iid] = 0
            responses[iid] = None
            continue
        # Remembered per item, layout and response (a class gives the same few answers to an item);
        # the token tells 1, 1.0, True and "1" apart, also inside lists.
        try:
            kind = type(response)
            token = (iid, layout, repr(response)) if kind is list else (iid, layout, kind, response)
            hit = seen.get(token)
            if hit is None:
                hit = seen[token] = _graded(key, iid, layout, response)
        except (TypeError, RecursionError):  # a mapping where a number or list belongs: not remembered
            hit = _graded(key, iid, layout, response)
        responses[iid], marks[iid], warning = hit
        if warning:
            warnings.append(warning)
    return sub


def _graded(key: Key, iid: str, layout: int | None, response) -> tuple:
    """(authored response or None, mark, warning or None) for a response in displayed order
    (``layout`` is its index in ``key.layouts[iid]``; None: already in authored numbers)."""
    try:
        if layout is not None:
            response = key.layouts[iid][layout].to_authored(response)
        return response, _mark(key.items[iid], response), None
    except (ResponseError, ValueError, TypeError) as exc:
        return (
            None,
            0,
            f"item '{iid}': response {_short(response)} cannot be graded ({_short(str(exc), 120)}); marked 0",
        )


def _mark(item, response) -> int:
    """The book's mark for a response. A matching or ordering item with some rows left empty is
    answered but not right (the book marks them all-or-nothing), so it scores 0 without a warning."""
    if isinstance(item, (Matching, Ordering)) and isinstance(response, list) and None in response:
        filled = [r for r in response if r is not None]
        if isinstance(item, Ordering):
            for v in filled:
                if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= len(item.steps):
                    raise ResponseError(f"item '{item.id}': a step number does not exist")
        n = len(item.pairs) if isinstance(item, Matching) else len(item.steps)
        if len(response) != n:
            raise ResponseError(f"item '{item.id}': expected {n} rows, got {len(response)}")
        return 0
    return grade(item, response).score


def _without_cycle_collection(values):
    """``values``, yielded with Python's cycle collector paused: reading a class's files makes only
    acyclic objects (freed as usual), and the collector would rescan every graded file so far."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield from values
    finally:
        if was_enabled:
            gc.enable()


def grade_folder(folder: Path, key: Key) -> tuple[list[Submission], list[Rejected], list[Rejected]]:
    """Graded submissions, rejected files (with reasons) and files not read (with reasons)."""
    folder = Path(folder)
    files, unread = [], []
    for p in sorted(folder.rglob("*")):
        if p.is_dir():
            continue
        rel = p.relative_to(folder).as_posix()
        if p.parent != folder:
            unread.append(Rejected(rel, "in a sub-folder (only files directly in the folder are graded)"))
        elif p.suffix.lower() != ".json":
            unread.append(Rejected(rel, "the name does not end in .json"))
        else:
            files.append(p)
    rejected, groups = [], {}
    for f in _without_cycle_collection(files):
        r = read_submission(f, key)
        if isinstance(r, Rejected):
            rejected.append(r)
            continue
        groups.setdefault((r.quiz if key.assignment is None else "", r.student_id), []).append(r)
    subs = []
    for group in groups.values():
        # The most recently saved file counts (on a tie, the first by name); the others are reported.
        keep = max(group, key=lambda s: (s.saved_at, [-ord(c) for c in s.file]))
        subs.append(keep)
        for other in group:
            if other is not keep:
                rejected.append(
                    Rejected(
                        other.file, f"duplicate: student '{other.student_id}' is graded from {keep.file}"
                    )
                )
    return subs, sorted(rejected, key=lambda r: r.file), unread


def missing_students(key: Key, subs: list[Submission]) -> list[tuple[str, str, str]]:
    """(student_id, name, variant) of the key's roster students without a graded file."""
    graded = {s.student_id for s in subs}
    return [
        (v["student_id"], v["name"], vid)
        for vid, v in key.variants.items()
        if v["student_id"] and v["student_id"] not in graded
    ]


# ---- item analysis ----


def _point_biserial(marks: list[int], rest: list[float]) -> float | None:
    n = len(marks)
    if n < 2:
        return None
    right = sum(marks)
    p = right / n
    if p in (0, 1):
        return None
    mean = sum(rest) / n
    sd = math.sqrt(sum([(x - mean) ** 2 for x in rest]) / n)
    if sd == 0:
        return None
    m1 = sum([r for m, r in zip(marks, rest, strict=True) if m]) / right
    m0 = sum([r for m, r in zip(marks, rest, strict=True) if not m]) / (n - right)
    return (m1 - m0) / sd * math.sqrt(p * (1 - p))


def _upper_lower(marks: list[int], totals: list[float], order: list[int] | None = None) -> float | None:
    """``order``: the takers' positions sorted by total score (stable), if already known."""
    n = len(marks)
    k = max(1, round(0.27 * n))
    if n < 4:
        return None
    if order is None:
        order = sorted(range(n), key=totals.__getitem__)
    return (sum([marks[i] for i in order[-k:]]) - sum([marks[i] for i in order[:k]])) / k


def _distractors(item, responses: list) -> str:
    blank = sum(r is None for r in responses)
    given = [r for r in responses if r is not None]
    parts = []
    if isinstance(item, (SingleChoice, MultipleSelect)):
        right = {item.answer} if isinstance(item, SingleChoice) else set(item.answer)
        counts = [0] * len(item.options)
        chosen = Counter(given) if isinstance(item, SingleChoice) else Counter(chain.from_iterable(given))
        for c, times in chosen.items():
            counts[c - 1] += times
        parts = [f"{n}{'*' if n in right else ''}:{c}" for n, c in enumerate(counts, start=1)]
    elif isinstance(item, TrueFalse):
        parts = [
            f"true{'*' if item.answer else ''}:{sum(r is True for r in given)}",
            f"false{'' if item.answer else '*'}:{sum(r is False for r in given)}",
        ]
    elif isinstance(item, Numeric):
        ok = sum(abs(r - item.answer) <= item.tolerance + 1e-9 for r in given)
        parts = [f"within tolerance*:{ok}", f"other:{len(given) - ok}"]
    elif isinstance(item, Matching):
        for k, p in enumerate(item.pairs):
            parts.append(f"prompt {k + 1} right:{sum(r[k] == p.match for r in given)}")
    elif isinstance(item, Ordering):
        full = sum(r == list(range(1, len(item.steps) + 1)) for r in given)
        parts = [f"fully in order*:{full}", f"other:{len(given) - full}"]
    return "; ".join(parts + [f"blank:{blank}"])


def item_analysis(key: Key, subs: list[Submission]) -> list[dict]:
    # Per item, its takers (every submission whose quiz has the item, in order) and their marks,
    # responses, totals and rest scores; the ranking by total is shared by items with the same takers.
    totals = [s.score / max(len(s.marks), 1) for s in subs]
    rest_divs = [max(len(s.marks) - 1, 1) for s in subs]
    scores = [s.score for s in subs]
    one_quiz = len({s.quiz for s in subs}) == 1  # then every item has all or none of them as takers
    rankings: dict[tuple, list[int]] = {}
    rows = []
    for n, (iid, item) in enumerate(key.items.items(), start=1):
        if one_quiz:
            takers = list(range(len(subs))) if subs and iid in subs[0].marks else []
        else:
            takers = [k for k, s in enumerate(subs) if iid in s.marks]
        group = [subs[k] for k in takers]
        marks = [s.marks[iid] for s in group]
        responses = [s.responses[iid] for s in group]
        rest = [(scores[k] - m) / rest_divs[k] for k, m in zip(takers, marks, strict=True)]
        order = rankings.get(tuple(takers))
        if order is None:
            t = [totals[k] for k in takers]
            order = rankings[tuple(takers)] = sorted(range(len(t)), key=t.__getitem__)
        rpb = _point_biserial(marks, rest)
        ul = _upper_lower(marks, totals, order)
        rows.append(
            {
                "number": n,
                "item": iid,
                "type": item.type,
                "objective": item.objective,
                "n": len(marks),
                "answered": len(responses) - responses.count(None),
                "proportion_correct": round(sum(marks) / len(marks), 3) if marks else "",
                "point_biserial": "" if rpb is None else round(rpb, 3),
                "upper_lower_index": "" if ul is None else round(ul, 3),
                "distractor_counts": _distractors(item, responses),
            }
        )
    return rows


GRADED = "graded"
MISSING = "no graded file"


CBM = {"low": (1, 0), "medium": (2, -2), "high": (3, -6)}  # as coursekit/review.py (Gardner-Medwin)


def cbm_total(s: Submission) -> int:
    """The certainty-based marks of the answers a student gave with a confidence."""
    return sum(CBM[c][0] if s.marks.get(i) else CBM[c][1] for i, c in s.confidence.items())


def gradebook_csv(key: Key, subs: list[Submission], missing=(), cbm: bool = False) -> str:
    """One row per graded student, then one per roster student without a graded file; with ``cbm``
    (the instructor asks for it) two more columns: answers given with a confidence, and their marks."""
    ids = list(key.items)
    header = [
        "student_id",
        "name",
        "quiz",
        "variant",
        "file",
        "status",
        "score",
        "max_score",
        "percent",
        *(["cbm_answers", "cbm_marks"] if cbm else []),
        *ids,
    ]
    rows = []
    for s in sorted(subs, key=lambda s: (s.quiz, s.student_id)):
        mx = len(s.marks)
        pct = round(100 * s.score / mx, 1) if mx else ""
        marks = s.marks
        rows.append(
            [
                s.student_id,
                s.name,
                s.quiz,
                s.variant,
                s.file,
                GRADED,
                s.score,
                mx,
                pct,
                *([len(s.confidence), cbm_total(s)] if cbm else []),
                *(marks.get(i, "") for i in ids),
            ]
        )
    for sid, name, variant in missing:
        extra = ["", ""] if cbm else []
        rows.append(
            [sid, name, key.assignment, variant, "", MISSING, "", len(ids), "", *extra, *([""] * len(ids))]
        )
    return csv_text(header, rows)


def analysis_csv(rows: list[dict]) -> str:
    return csv_text(list(rows[0]), [list(r.values()) for r in rows])


def report_csv(rejected, unread, missing, subs) -> str:
    """Everything the instructor should look at, one problem a row: the grading report."""
    rows = [[r.file, "", "not graded", r.reason] for r in rejected]
    rows += [[r.file, "", "not read", r.reason] for r in unread]
    rows += [
        ["", sid, "missing", f"no graded response file from {name or sid} (variant {v})"]
        for sid, name, v in missing
    ]
    rows += [[s.file, s.student_id, "warning", w] for s in subs for w in s.warnings]
    return csv_text(["file", "student_id", "problem", "detail"], rows)


PANEL_ROWS = 50  # items per panel of the plot


def analysis_png(rows: list[dict]) -> bytes:
    """Every item on its own labelled row: proportion correct (left) and point-biserial (right).

    Items are drawn in panels of up to 50 rows, side by side, so every item number stays readable
    at 250 items; the region below 0.2 discrimination is shaded. Drawn with few artists (one set of
    points per axis, row lines as one collection, tick labels only on the left of a panel) straight on
    an Agg canvas, without pyplot, so 250 items take a fraction of a second."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    panels = [rows[k : k + PANEL_ROWS] for k in range(0, len(rows), PANEL_ROWS)] or [[]]
    height = max(3.0, 0.16 * min(len(rows), PANEL_ROWS) + 1.6)
    fig = Figure(figsize=(max(5.5, 3.4 * len(panels) + 0.6), height), dpi=100)
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, 2 * len(panels), squeeze=False)
    dot = {"marker": "o", "linestyle": "none", "markersize": 4, "zorder": 2}
    for k, chunk in enumerate(panels):
        left, right = axes[0][2 * k], axes[0][2 * k + 1]
        ys = list(range(len(chunk)))
        p = [r["proportion_correct"] for r in chunk]
        rpb = [r["point_biserial"] for r in chunk]
        known_p = [(y, v) for y, v in zip(ys, p, strict=True) if v != ""]
        left.plot([v for _, v in known_p], [y for y, _ in known_p], color="#1a5fb4", **dot)
        right.axvspan(-1, 0.2, color="#f6d5d5", zorder=0)
        known = [(y, v) for y, v in zip(ys, rpb, strict=True) if v != ""]
        right.plot([v for _, v in known], [y for y, _ in known], color="#1a5fb4", **dot)
        none = [y for y, v, q in zip(ys, rpb, p, strict=True) if v == "" and q != ""]
        right.plot([0.0] * len(none), none, markerfacecolor="none", markeredgecolor="#613583", **dot)
        for ax, lo in ((left, -0.05), (right, -1.05)):
            ax.set_ylim(PANEL_ROWS - 0.5 if len(rows) > PANEL_ROWS else len(chunk) - 0.5, -0.5)
            ax.set_xlim(lo, 1.05)
            ax.hlines(ys, lo, 1.05, color="#dddddd", linewidth=0.5, zorder=1)
            ax.tick_params(axis="both", labelsize=7)
        left.set_yticks(ys, [str(r["number"]) for r in chunk])
        right.set_yticks([])
        left.set_xlabel("proportion correct", fontsize=8)
        right.set_xlabel("point-biserial", fontsize=8)
        if k == 0:
            left.set_ylabel("item (number as in item-analysis.csv)", fontsize=8)
    fig.suptitle(
        "Item analysis. Shaded: discrimination below 0.2 (review the item).\n"
        "Hollow: no index (all right, all wrong or no spread).",
        fontsize=9,
    )
    fig.subplots_adjust(
        left=0.6 / fig.get_figwidth() + 0.02,
        right=0.99,
        bottom=0.9 / height,
        top=1 - 0.5 / height,
        wspace=0.35,
    )
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()
