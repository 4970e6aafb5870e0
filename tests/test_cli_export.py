"""`coursekit export`: GIFT, Moodle XML and QTI, each read back with an independent parser."""

import html
import io
import re
import zipfile

import pytest
from lxml import etree

from coursekit.banks import load_bank

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


def test_gift_round_trip_and_ordering_reported(tmp_path):
    r, out = _export(tmp_path, "gift", "safety.gift")
    assert r.exit_code == 0, r.output
    assert "16 of 18 items written" in r.stdout
    assert "not exported: item 'safety-ending-session-order' (ordering)" in r.stderr
    assert "not exported: item 'safety-gbs-steps' (ordering)" in r.stderr
    qs = parse_gift(out.read_text())
    assert set(qs) == {i for i, it in BANK.items() if it.type != "ordering"}
    for iid, q in qs.items():
        it = BANK[iid]
        assert q["stem"].startswith("[markdown]")
        assert _plain(q["stem"][10:]) == _plain(it.stem)
        assert _plain(it.explanation) in _plain(q["general"])
        if it.type == "single_choice":
            marks = [a[0] for a in q["answers"]]
            assert marks.count("=") == 1
            right = q["answers"][marks.index("=")]
            assert right[1] == it.options[it.answer - 1].text
            assert [a[2][0] for a in q["answers"]] == [o.feedback for o in it.options]
        elif it.type == "multiple_select":
            weights = [float(re.match(r"%(-?[\d.]+)%", a[1]).group(1)) for a in q["answers"]]
            assert [n + 1 for n, w in enumerate(weights) if w > 0] == sorted(it.answer)
            assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=0.1)
        elif it.type == "true_false":
            assert q["body"].strip().split("#")[0] == ("TRUE" if it.answer else "FALSE")
        elif it.type == "matching":
            pairs = [tuple(x.strip() for x in a[1].split("->")) for a in q["answers"]]
            assert [p for p in pairs if p[0]] == [(p.prompt, p.match) for p in it.pairs]


def test_gift_numeric_and_escaping(tmp_path):
    banks = demo_bank(tmp_path)
    bank = banks / "demo-quiz.yml"
    bank.write_text(bank.read_text().replace("Which are even numbers?", '"Which are {even}: numbers ~ = #?"'))
    r, out = _export(tmp_path, "gift", "demo.gift", bank=banks)
    assert r.exit_code == 0, r.output
    qs = parse_gift(out.read_text())
    assert qs["demo-multi"]["stem"] == "[markdown]Which are {even}: numbers ~ = #?"
    num = qs["demo-num"]
    assert num["body"].startswith("#")
    assert num["answers"][0][1] == "366:0" and num["answers"][0][2] == ["Yes, 366."]


def test_moodle_xml_parses_and_matches_the_bank(tmp_path):
    r, out = _export(tmp_path, "moodle-xml", "safety.xml")
    assert r.exit_code == 0, r.output
    assert "18 of 18" in r.stdout and "not exported" not in r.stderr
    assert "2 ordering item(s) use Moodle's Ordering question type" in r.stderr
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
    assert "16 of 18" in r.stdout
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
    monkeypatch.setattr(time, "time", lambda: real() + 3600)  # an hour later (zip entries carry a time)
    monkeypatch.setattr(time, "localtime", lambda t=None: time.gmtime(real() + 3600 if t is None else t))
    b, fb = _export(tmp_path, fmt, "b.out", "--count", "5", "--seed", "9")
    assert a.exit_code == b.exit_code == 0
    assert fa.read_bytes() == fb.read_bytes()
