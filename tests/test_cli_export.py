"""`coursekit export`: GIFT, Moodle XML and QTI, each read back with an independent parser."""

import html
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser

import pytest
from lxml import etree

from coursekit.banks import load_bank

from .conftest import FIXTURES, ROOT
from .instructor_helpers import SAFETY, demo_bank, run

BANK = {it.id: it for it in load_bank(SAFETY).items}


def _plain(s: str) -> str:
    s = html.unescape(re.sub(r"<[^>]+>", " ", html.unescape(s or "")))
    return " ".join(re.findall(r"[a-z0-9]+", s.lower()))


def _export(tmp_path, fmt, name, *extra, bank=SAFETY):
    out = tmp_path / name
    return run("export", bank, "--format", fmt, "--out", out, *extra), out


# ---- a small GIFT reader, written from the GIFT description, independent of coursekit ----

GIFT_Q = re.compile(r"::((?:\\.|[^:\\])*)::((?:\\.|[^{\\])*)\{((?:\\.|[^}\\])*)\}", re.S)


def gift_unescape(s):
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), s)


def parse_gift(text):
    text = "\n".join(ln for ln in text.splitlines() if not ln.startswith("//"))
    out = {}
    for m in GIFT_Q.finditer(text):
        title, stem, body = m.groups()
        general = None
        if "####" in body:
            body, general = body.split("####", 1)
        answers = []
        for am in re.finditer(r"(?<!\\)([=~])((?:\\.|[^=~\\])*)", body):
            mark, rest = am.groups()
            parts = re.split(r"(?<!\\)#", rest)
            answers.append(
                (mark, gift_unescape(parts[0].strip()), [gift_unescape(p.strip()) for p in parts[1:]])
            )
        out[gift_unescape(title)] = {
            "stem": gift_unescape(stem),
            "body": body,
            "answers": answers,
            "general": gift_unescape(general.strip()) if general else None,
        }
    return out


def _safety_counts():
    """(items, ordering items) of the Safety bank."""
    items = load_bank(SAFETY).items
    return len(items), sum(it.type == "ordering" for it in items)


def test_gift_round_trip_and_ordering_reported(tmp_path):
    r, out = _export(tmp_path, "gift", "safety.gift")
    assert r.exit_code == 0, r.output
    n, k = _safety_counts()
    assert f"{n - k} of {n} items written" in r.stdout
    assert "not exported: item 'safety-ending-session-order' (ordering)" in r.stderr
    assert "not exported: item 'safety-gbs-steps' (ordering)" in r.stderr
    qs = parse_gift(out.read_text())
    assert set(qs) == {i for i, it in BANK.items() if it.type != "ordering"}
    for iid, q in qs.items():
        it = BANK[iid]
        assert q["stem"].startswith("[html]")
        assert _plain(q["stem"][6:]) == _plain(it.stem) + (
            "" if it.type != "numeric" else " answer in " + _plain(it.unit)
        )
        assert _plain(it.explanation) in _plain(q["general"])
        if it.type == "single_choice":
            marks = [a[0] for a in q["answers"]]
            assert marks.count("=") == 1
            right = q["answers"][marks.index("=")]
            assert _plain(right[1]) == _plain(it.options[it.answer - 1].text)
            assert [_plain(a[2][0]) for a in q["answers"]] == [_plain(o.feedback) for o in it.options]
        elif it.type == "multiple_select":
            weights = [float(re.match(r"%(-?[\d.]+)%", a[1]).group(1)) for a in q["answers"]]
            assert [n + 1 for n, w in enumerate(weights) if w > 0] == sorted(it.answer)
            assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=0.1)
        elif it.type == "true_false":
            assert q["body"].strip().split("#")[0] == ("TRUE" if it.answer else "FALSE")
        elif it.type == "matching":
            pairs = [tuple(x.strip() for x in a[1].split("->")) for a in q["answers"]]
            assert [(_plain(p[0]), p[1]) for p in pairs if p[0]] == [
                (_plain(p.prompt), p.match) for p in it.pairs
            ]


def test_gift_numeric_and_escaping(tmp_path):
    banks = demo_bank(tmp_path)
    bank = banks / "demo-quiz.yml"
    bank.write_text(bank.read_text().replace("Which are even numbers?", '"Which are {even}: numbers ~ = #?"'))
    r, out = _export(tmp_path, "gift", "demo.gift", bank=banks)
    assert r.exit_code == 0, r.output
    qs = parse_gift(out.read_text())
    assert qs["demo-multi"]["stem"] == "[html]<p>Which are {even}: numbers ~ = #?</p>"
    num = qs["demo-num"]
    assert num["body"].startswith("#")
    assert num["answers"][0][1] == "366:0" and num["answers"][0][2] == ["Yes, 366."]


def test_moodle_xml_parses_and_matches_the_bank(tmp_path):
    r, out = _export(tmp_path, "moodle-xml", "safety.xml")
    assert r.exit_code == 0, r.output
    n, k = _safety_counts()
    assert f"{n} of {n}" in r.stdout and "not exported" not in r.stderr
    assert f"{k} ordering item(s) use Moodle's Ordering question type" in r.stderr
    root = etree.parse(str(out)).getroot()
    assert root.tag == "quiz"
    qs = {q.findtext("name/text"): q for q in root.findall("question") if q.get("type") != "category"}
    assert set(qs) == set(BANK)
    types = {
        "ordering": "ordering",
        "single_choice": "multichoice",
        "multiple_select": "multichoice",
        "true_false": "truefalse",
        "numeric": "numerical",
        "matching": "matching",
    }
    for iid, q in qs.items():
        it = BANK[iid]
        assert q.get("type") == types[it.type]
        assert _plain(q.findtext("questiontext/text")) == _plain(it.stem)
        assert _plain(it.explanation) in _plain(q.findtext("generalfeedback/text"))
        if it.type in ("single_choice", "multiple_select"):
            answers = q.findall("answer")
            assert [_plain(a.findtext("feedback/text")) for a in answers] == [
                _plain(o.feedback) for o in it.options
            ]
            right = [n for n, a in enumerate(answers, start=1) if float(a.get("fraction")) > 0]
            assert right == ([it.answer] if it.type == "single_choice" else sorted(it.answer))
            assert q.findtext("single") == ("true" if it.type == "single_choice" else "false")
        elif it.type == "true_false":
            right = [a.findtext("text") for a in q.findall("answer") if a.get("fraction") == "100"]
            assert right == [str(it.answer).lower()]
        elif it.type == "numeric":
            a = q.findall("answer")[0]
            assert float(a.findtext("text")) == it.answer and float(a.findtext("tolerance")) == it.tolerance
        elif it.type == "matching":
            subs = [(_plain(s.findtext("text")), s.findtext("answer/text")) for s in q.findall("subquestion")]
            assert [s for s in subs if s[0]] == [(_plain(p.prompt), p.match) for p in it.pairs]
            assert [s[1] for s in subs if not s[0]] == list(it.distractors)
        elif it.type == "ordering":  # answers in the correct order, numbered by position
            answers = q.findall("answer")
            assert [_plain(a.findtext("text")) for a in answers] == [_plain(st.text) for st in it.steps]
            assert [a.get("fraction") for a in answers] == [str(n) for n in range(1, len(it.steps) + 1)]
            assert q.findtext("selecttype") == "ALL" and q.findtext("selectcount") == str(len(it.steps))
            assert q.findtext("gradingtype") == "ALL_OR_NOTHING"  # as coursekit grades it
            for st in it.steps:
                assert _plain(st.feedback) in _plain(q.findtext("generalfeedback/text"))


def test_moodle_xml_can_leave_ordering_out_for_older_sites(tmp_path):
    r, out = _export(tmp_path, "moodle-xml", "safety.xml", "--skip-ordering")
    assert r.exit_code == 0, r.output
    n, k = _safety_counts()
    assert f"{n - k} of {n}" in r.stdout
    assert "not exported: item 'safety-gbs-steps' (ordering): left out by --skip-ordering" in r.stderr
    root = etree.parse(str(out)).getroot()
    assert all(q.get("type") != "ordering" for q in root.findall("question"))


def test_qti_zip_parses_and_matches_the_bank(tmp_path):
    r, out = _export(tmp_path, "qti", "safety.zip")
    assert r.exit_code == 0, r.output
    for iid in ("safety-ending-session-order", "safety-gbs-steps", "safety-match-condition-response"):
        assert f"not exported: item '{iid}'" in r.stderr
    z = zipfile.ZipFile(io.BytesIO(out.read_bytes()))
    names = z.namelist()
    assert "imsmanifest.xml" in names
    manifest = etree.fromstring(z.read("imsmanifest.xml"))
    hrefs = [f.get("href") for f in manifest.iter("{*}file")]
    assert all(h in names for h in hrefs) and hrefs
    (xml_name,) = [
        n for n in names if n.endswith(".xml") and "/" in n and not n.endswith("assessment_meta.xml")
    ]
    root = etree.fromstring(z.read(xml_name))
    ns = {"q": root.nsmap[None]}
    items = {i.get("title"): i for i in root.iterfind(".//q:item", ns)}
    assert set(items) == {i for i, it in BANK.items() if it.type not in ("ordering", "matching")}
    for iid, el in items.items():
        it = BANK[iid]
        fbs = {
            f.get("ident"): _plain(f.findtext(".//q:mattext", namespaces=ns))
            for f in el.iterfind("q:itemfeedback", ns)
        }
        assert fbs["general_fb"] == _plain(it.explanation)
        if it.type in ("single_choice", "multiple_select"):
            labels = [lb.get("ident") for lb in el.iterfind(".//q:response_label", ns)]
            for ident, o in zip(labels, it.options, strict=True):
                assert fbs[ident + "_fb"] == _plain(o.feedback)
        if it.type == "single_choice":
            cond = [c for c in el.iterfind(".//q:respcondition", ns) if c.find("q:setvar", ns) is not None]
            right = cond[-1].findtext(".//q:varequal", namespaces=ns)
            texts = {
                lb.get("ident"): _plain(lb.findtext(".//q:mattext", namespaces=ns))
                for lb in el.iterfind(".//q:response_label", ns)
            }
            assert texts[right] == _plain(it.options[it.answer - 1].text)
        if it.type == "numeric":
            assert (
                _plain(it.feedback_correct) in fbs.values() and _plain(it.feedback_incorrect) in fbs.values()
            )
            stem = el.findtext(".//q:presentation/q:material/q:mattext", namespaces=ns)
            assert f"(Answer in {it.unit}.)" in html.unescape(stem)  # QTI 1.2 has no unit field


def test_export_needs_force_and_leaves_no_partial_file(tmp_path):
    r, out = _export(tmp_path, "gift", "q.gift")
    assert r.exit_code == 0
    out.write_text("mine")
    again, _ = _export(tmp_path, "gift", "q.gift")
    assert again.exit_code != 0 and "refusing to overwrite" in again.output and "q.gift" in again.output
    assert out.read_text() == "mine"
    forced, _ = _export(tmp_path, "gift", "q.gift", "--force")
    assert forced.exit_code == 0 and out.read_text() != "mine"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_export_with_nothing_expressible_fails_and_writes_nothing(tmp_path):
    r, out = _export(tmp_path, "qti", "none.zip", "--tag", "no-such-tag")
    assert r.exit_code != 0 and "no item matches" in r.output
    banks = demo_bank(tmp_path)  # its two hard items are a matching and an ordering item
    r = run("export", banks, "--format", "qti", "--out", tmp_path / "o.zip", "--difficulty", "hard")
    assert r.exit_code != 0
    assert "cannot express any of the 2 selected items" in r.output
    assert not (tmp_path / "o.zip").exists()


@pytest.mark.parametrize("fmt", ["gift", "moodle-xml", "qti"])
def test_selection_count_is_reproducible_to_the_byte(tmp_path, monkeypatch, fmt):
    import time

    a, fa = _export(tmp_path, fmt, "a.out", "--count", "5", "--seed", "9")
    real = time.time
    later = 36 * 3600  # a day and a half later: zip entries carry a time, and QTI manifests a date
    monkeypatch.setattr(time, "time", lambda: real() + later)
    monkeypatch.setattr(time, "localtime", lambda t=None: time.gmtime(real() + later if t is None else t))
    b, fb = _export(tmp_path, fmt, "b.out", "--count", "5", "--seed", "9")
    assert a.exit_code == b.exit_code == 0
    assert fa.read_bytes() == fb.read_bytes()


# ---- GIFT read by an independent parser: gift-pegjs (pinned in tests/js/package.json) ----

GIFT_PARSER = ROOT / "tests" / "js"


def gift_pegjs(text: str):
    if not (GIFT_PARSER / "node_modules" / "gift-pegjs").is_dir() or not shutil.which("node"):
        if os.environ.get("CI"):
            pytest.fail("gift-pegjs is not installed: run `npm ci` in tests/js")
        pytest.skip("gift-pegjs not installed (npm ci in tests/js)")
    out = subprocess.run(
        ["node", "gift-parse.js"], input=text, capture_output=True, text=True, cwd=GIFT_PARSER, check=True
    )
    doc = json.loads(out.stdout)
    assert not isinstance(doc, dict), f"gift-pegjs cannot parse the export: {doc}"
    return {q["title"]: q for q in doc}


def _placeholders(text: str) -> str:
    """gift-pegjs leaves Moodle's placeholders for escaped characters in plain text (Moodle's
    escapedchar_post turns them back): undo them as Moodle does."""
    return re.sub(r"&&(\d{3});", lambda m: chr(int(m.group(1))), text)


@pytest.mark.parametrize("bank", sorted(p.name for p in (ROOT / "exercises").glob("*-quiz.yml")))
def test_every_bank_gift_file_parses_with_an_independent_gift_parser(tmp_path, bank):
    r, out = _export(tmp_path, "gift", "b.gift", bank=ROOT / "exercises" / bank)
    assert r.exit_code == 0, r.output
    qs = gift_pegjs(out.read_text())
    items = {it.id: it for it in load_bank(ROOT / "exercises" / bank).items if it.type != "ordering"}
    assert set(qs) == set(items)
    for iid, q in qs.items():
        it = items[iid]
        assert q["stem"]["format"] == "html"
        if it.type == "numeric":  # as Moodle reads it: answer:tolerance, then "~#" for any other number
            right, other = q["choices"]
            assert right["isCorrect"] and right["text"] == {
                "type": "range",
                "number": it.answer,
                "range": it.tolerance,
            }
            assert not other["isCorrect"] and other["text"]["text"] == "*"
            assert _plain(other["feedback"]["text"]) == _plain(it.feedback_incorrect)
            if it.unit:  # GIFT has no unit field: the unit is named in the question
                assert f"(Answer in {it.unit}.)" in html.unescape(q["stem"]["text"])
        if it.type == "matching":
            pairs = [
                (_plain(m["subquestion"]["text"]), _placeholders(m["subanswer"])) for m in q["matchPairs"]
            ]
            assert pairs == [(_plain(p.prompt), p.match) for p in it.pairs] + [
                ("", d) for d in it.distractors
            ]


def test_gift_numeric_exponent_free_and_an_arrow_in_a_matching_prompt(tmp_path):
    banks = demo_bank(tmp_path)
    bank = banks / "demo-quiz.yml"
    text = bank.read_text().replace("prompt: Dog", 'prompt: "Dog -> puppy"')
    text = text.replace("tolerance: 0", "tolerance: 0.00001")
    bank.write_text(text)
    r, out = _export(tmp_path, "gift", "demo.gift", bank=banks)
    assert r.exit_code == 0, r.output
    qs = gift_pegjs(out.read_text())
    assert [(m["subquestion"]["text"], m["subanswer"]) for m in qs["demo-match"]["matchPairs"]][0] == (
        "Dog -&gt; puppy",
        "Bark",
    )
    assert qs["demo-num"]["choices"][0]["text"]["range"] == 0.00001
    assert "0.00001" in out.read_text() and "e-05" not in out.read_text()


# ---- hostile text in a bank is shown as text in every format ----


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__()
        self.bad, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "iframe", "svg", "object", "embed", "style"):
            self.bad.append(f"<{tag}>")
        for name, value in attrs:
            v = re.sub(r"[\s\x00-\x1f]", "", (value or "").lower())
            if name.startswith("on") or v.startswith(("javascript:", "vbscript:", "data:text/html")):
                self.bad.append(f"<{tag} {name}={value}>")

    def handle_data(self, data):
        self.text.append(data)


def _audit(fragments):
    audit = _Audit()
    for f in fragments:
        audit.feed(f)
        audit.close()
        audit.reset()
    return audit.bad, " ".join(audit.text)


def _html_fragments(fmt, out):
    if fmt == "moodle-xml":
        root = etree.parse(str(out)).getroot()
        return [el.findtext("text") or "" for el in root.iter() if el.get("format") == "html"]
    if fmt == "qti":
        z = zipfile.ZipFile(out)
        frags = []
        for name in z.namelist():
            if name.endswith(".xml"):
                frags += [el.text or "" for el in etree.fromstring(z.read(name)).iter("{*}mattext")]
        return frags
    frags = []

    def walk(node):
        if isinstance(node, dict):
            if set(node) == {"format", "text"}:
                assert node["format"] in ("html", "moodle"), node  # never [markdown]: raw HTML would pass
                frags.append(node["text"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(list(gift_pegjs(out.read_text()).values()))
    return frags


@pytest.mark.parametrize("fmt", ["gift", "moodle-xml", "qti"])
def test_hostile_text_in_a_bank_is_shown_as_text_in_every_export(tmp_path, fmt):
    r, out = _export(tmp_path, fmt, "hostile.out", bank=FIXTURES / "hostile" / "hostile-quiz.yml")
    assert r.exit_code == 0, r.output
    frags = _html_fragments(fmt, out)
    assert len(frags) > 10
    bad, text = _audit(frags)
    assert bad == []
    assert "<script>" in text and "onerror=" in text and "javascript:" in text  # visible as text
