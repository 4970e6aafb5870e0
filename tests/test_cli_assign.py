"""`coursekit assign`: student editions without any trace of the key, a key that maps them back."""

import base64
import html
import json
import re

import nbformat
import pytest
import yaml

from coursekit.banks import load_bank
from coursekit.variants import variant_entries

from .instructor_helpers import SAFETY, demo_bank, roster, run


def _assign(tmp_path, out="out", seed="42", *extra, bank=SAFETY, with_roster=True):
    args = ["assign", bank, "--name", "week-3", "--seed", seed, "--out", tmp_path / out, *extra]
    if with_roster:
        args += ["--roster", roster(tmp_path)]
    return run(*args)


def _words(text: str) -> str:
    """Lower-case words only: markup, entities, JSON and \\u escapes undone."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", html.unescape(text.replace("\\n", " "))))
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower())) + " "


def _secrets(bank_path):
    """Every text that would give an answer away: explanations and all feedback."""
    bank = load_bank(bank_path)
    out = []
    for it in bank.items:
        out.append(it.explanation)
        for name in ("feedback_true", "feedback_false", "feedback_correct", "feedback_incorrect"):
            if hasattr(it, name):
                out.append(getattr(it, name))
        for seq in ("options", "pairs", "steps"):
            for o in getattr(it, seq, []):
                out.append(o.feedback)
    return [s for s in out if len(re.findall(r"[a-z0-9]+", s.lower())) >= 3]


def _student_texts(out_dir):
    files = sorted((out_dir / "student").iterdir())
    assert files, "no student files"
    texts = {}
    for f in files:
        raw = f.read_text()
        if f.suffix == ".ipynb":
            nb = json.loads(raw)
            parts = [json.dumps(c["source"]) for c in nb["cells"]]
            parts += [o["data"]["text/html"] for c in nb["cells"] for o in c.get("outputs", [])]
            raw = raw + "\n" + "\n".join(parts)
        texts[f] = raw
    return texts


def _shared_code() -> list[str]:
    """The book's own stylesheet and scripts, which every student edition inlines (minified, as the book
    serves them), in each encoding a student file holds them in: as HTML, inside a JSON string, and as a
    Python literal inside a JSON string (the notebook's source). Package files, the same for every bank."""
    from coursekit.asset_minify import minify
    from coursekit.static_html import asset

    out = []
    for name in ("coursekit.css", "coursekit.js", "student-form.js"):
        text = minify(name, asset(name))
        out += [text, json.dumps(text)[1:-1], json.dumps(repr(text + "\"'")[1:-4])[1:-1]]
    return out


@pytest.mark.parametrize("bank_name", ["safety", "demo"])
def test_no_trace_of_the_key_in_any_student_artifact(tmp_path, bank_name):
    bank = SAFETY if bank_name == "safety" else demo_bank(tmp_path) / "demo-quiz.yml"
    r = _assign(tmp_path, bank=bank)
    assert r.exit_code == 0, r.output
    secrets = _secrets(bank)
    key = json.loads((tmp_path / "out" / "instructor" / "week-3-key.json").read_text())
    shared = _shared_code()
    for f, raw in _student_texts(tmp_path / "out").items():
        assert f.suffix in {".html", ".ipynb"}
        hay = _words(raw)
        for s in secrets:
            needle = " ".join(re.findall(r"[a-z0-9]+", s.lower())[:8])
            assert f" {needle} " not in hay, f"{f.name} reveals feedback/explanation: {s[:60]!r}"
        # No key-like fields or attributes, in JSON, JS or markup: everything but the book's own code
        # (whose grader and feedback styles know no item), which is there verbatim, is scanned.
        own = raw
        for code in shared:
            own = own.replace(code, "")
        assert len(raw) - len(own) > 10_000, f"{f.name}: the book's coursekit.js/.css are not inlined"
        assert not re.search(
            r"""["']?\b(correct\w*|answer|answer_key|key|explanation|feedback\w*)["']?\s*:""", own
        ), f.name
        assert not re.search(r"data-(correct|answer|key|feedback|explanation|solution)", raw), f.name
        assert "ck-check" not in own and "ck-feedback" not in own, f"{f.name} has a Check button"
        assert own.count('<fieldset class="ck-item"') == len(key["items"]), f.name  # as HTML once
        assert "<!--" not in raw, f"{f.name} has an HTML comment"
        assert not re.search(r"[A-Za-z0-9+/]{60,}={0,2}", raw), f"{f.name} has an encoded blob"
        assert "correct_displayed" not in raw and "correct_authored" not in raw
        # The correct displayed numbers of this variant are not flagged anywhere (base64 of the JSON too).
        vid = re.search(r"week-3-(v\d{3}-\w+)\.", f.name).group(1)
        blob = json.dumps([e["correct_displayed"] for e in variant_entries(key, vid)])
        assert base64.b64encode(blob.encode()).decode()[:20] not in raw


def test_the_key_maps_displayed_options_back_to_the_authored_ones(tmp_path):
    r = _assign(tmp_path)
    assert r.exit_code == 0, r.output
    assert "key for instructors only" in r.output
    key = json.loads((tmp_path / "out" / "instructor" / "week-3-key.json").read_text())
    assert key["format"] == "coursekit-key" and len(key["variants"]) == 3
    bank = {it.id: it for it in load_bank(SAFETY).items}
    page = (tmp_path / "out" / "student" / "week-3-v002-s002.html").read_text()
    v = key["variants"]["v002-s002"]
    entries = variant_entries(key, "v002-s002")
    assert v["student_id"] == "s002" and v["name"] == "Alan Turing"
    assert 'value="s002" readonly' in page
    # Questions appear in the variant's order; option labels appear in the displayed order.
    positions = [page.index(f'data-item="{e["item"]}"') for e in entries]
    assert positions == sorted(positions)
    for e in entries:
        it = bank[e["item"]]
        if e["type"] == "single_choice":
            assert it.answer == e["options"][e["correct_displayed"] - 1]
            fs = page[page.index(f'data-item="{e["item"]}"') :]
            fs = fs[: fs.index("</fieldset>")]
            labels = re.findall(r'value="(\d+)"> (.*?)</label>', fs)
            assert [int(d) for d, _ in labels] == list(range(1, len(it.options) + 1))
            for (_, text), authored in zip(labels, e["options"], strict=True):
                assert _words(text) == _words(it.options[authored - 1].text)
        if e["type"] == "ordering":
            assert [e["steps"][d - 1] for d in e["correct_displayed"]] == list(range(1, len(it.steps) + 1))


def test_matching_prompts_are_shuffled_per_student_and_graded_back(tmp_path):
    from coursekit.grading import grade
    from coursekit.variants import to_authored

    assert _assign(tmp_path).exit_code == 0
    key = json.loads((tmp_path / "out" / "instructor" / "week-3-key.json").read_text())
    bank = {it.id: it for it in load_bank(SAFETY).items}
    orders = set()
    for vid in key["variants"]:
        page = (tmp_path / "out" / "student" / f"week-3-{vid}.html").read_text()
        for e in (e for e in variant_entries(key, vid) if e["type"] == "matching"):
            it = bank[e["item"]]
            orders.add((e["item"], tuple(e["prompts"])))
            fs = page[page.index(f'data-item="{e["item"]}"') :]
            fs = fs[: fs.index("</fieldset>")]
            shown = [_words(t) for t in re.findall(r'<label for="[^"]*-m\d+">(.*?)</label>', fs)]
            assert shown == [_words(it.pairs[a - 1].prompt) for a in e["prompts"]]  # as the key says
            right = e["correct_displayed"]  # per displayed prompt, the match text, as the form records it
            assert right == [it.pairs[a - 1].match for a in e["prompts"]]
            assert grade(it, to_authored(e, right)).correct
            # a response file from before the book's markup (displayed choice numbers) still grades
            assert grade(it, to_authored(e, [e["choices"].index(t) + 1 for t in right])).correct
            with pytest.raises(ValueError, match="is not offered"):
                to_authored(e, ["no such match"] + right[1:])
            if len(set(right)) > 1:  # the right matches given to the wrong prompts
                assert not grade(it, to_authored(e, right[1:] + right[:1])).correct
            # a key written before prompts were shuffled (no "prompts") still grades in authored order
            legacy = {k: x for k, x in e.items() if k != "prompts"}
            in_authored_order = [e["choices"].index(p.match) + 1 for p in it.pairs]
            assert grade(it, to_authored(legacy, in_authored_order)).correct
    items = {i for i, _ in orders}
    assert len(orders) > len(items), "every student saw the prompts in the same order"


def test_variants_are_reproducible_from_the_seed_and_differ_between_students(tmp_path, monkeypatch):
    import datetime

    assert _assign(tmp_path, "a", "7").exit_code == 0

    class Later(datetime.datetime):  # the second run happens a day later
        @classmethod
        def now(cls, tz=None):
            return super().now(tz) + datetime.timedelta(days=1)

    monkeypatch.setattr(datetime, "datetime", Later)
    assert _assign(tmp_path, "b", "7").exit_code == 0
    monkeypatch.undo()
    assert _assign(tmp_path, "c", "8").exit_code == 0
    files = [f for f in (tmp_path / "a").rglob("*") if f.is_file()]
    assert len(files) == 7  # three HTML pages, three notebooks and the key: all byte-for-byte the same
    for f in files:
        assert f.read_bytes() == (tmp_path / "b" / f.relative_to(tmp_path / "a")).read_bytes(), f.name

    def variants(d):
        k = json.loads((tmp_path / d / "instructor" / "week-3-key.json").read_text())
        return {vid: variant_entries(k, vid) for vid in k["variants"]}

    assert variants("a") == variants("b")
    assert variants("a") != variants("c")
    a = variants("a")
    orders = {tuple(e["item"] for e in v) for v in a.values()}
    assert len(orders) == 3, "each student should get a different item order"


def test_the_notebook_is_valid_and_shows_the_form(tmp_path):
    assert _assign(tmp_path).exit_code == 0
    nb_path = tmp_path / "out" / "student" / "week-3-v001-s001.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    nbformat.validate(nb)
    html_out = nb.cells[1].outputs[0]["data"]["text/html"]
    page = (tmp_path / "out" / "student" / "week-3-v001-s001.html").read_text()
    assert html_out in page
    assert html_out.count("<fieldset") == 18


def test_the_page_is_offline_and_accessible(tmp_path):
    assert _assign(tmp_path).exit_code == 0
    page = (tmp_path / "out" / "student" / "week-3-v001-s001.html").read_text()
    assert not re.search(r"""(src|href)=["']https?:""", page)
    assert '<html lang="en-GB">' in page
    markup = re.sub(r"<script>.*?</script>", "", page, flags=re.S)  # not coursekit.js's own templates
    controls = re.findall(r'<input type="(?:radio|checkbox|number|text)" id="([^"]+)"', markup)
    controls += re.findall(r'<select id="([^"]+)"', markup)
    assert len(controls) > 18
    for c in controls:
        assert re.search(rf'<label(?: class="[^"]*")? for="{re.escape(c)}"', markup), c
    assert markup.count("<fieldset") == markup.count("<legend>Question ") == 18
    assert "Download my response file" in page and "coursekit-answers" in page


def test_selection_filters_and_count(tmp_path):
    r = run(
        "assign",
        SAFETY,
        "--difficulty",
        "easy",
        "--count",
        "3",
        "--seed",
        "1",
        "--name",
        "quick",
        "--out",
        tmp_path / "o",
    )
    assert r.exit_code == 0, r.output
    assert "3 items, 1 variant(s)" in r.output
    key = json.loads((tmp_path / "o" / "instructor" / "quick-key.json").read_text())
    bank = {it.id: it for it in load_bank(SAFETY).items}
    assert all(bank[i].difficulty == "easy" for i in key["items"])
    too_many = run("assign", SAFETY, "--difficulty", "easy", "--count", "99", "--out", tmp_path / "p")
    assert too_many.exit_code != 0 and "more items than the 8 that match" in too_many.output
    assert not (tmp_path / "p").exists()


def test_existing_output_needs_force(tmp_path):
    assert _assign(tmp_path).exit_code == 0
    page = tmp_path / "out" / "student" / "week-3-v001-s001.html"
    page.write_text("edited")
    again = _assign(tmp_path)
    assert again.exit_code != 0
    assert "refusing to overwrite" in again.output and "week-3-v001-s001.html" in again.output
    assert page.read_text() == "edited"
    forced = _assign(tmp_path, "out", "42", "--force")
    assert forced.exit_code == 0, forced.output
    assert page.read_text() != "edited"


def test_a_bad_roster_names_the_row_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("student_id,name\ns1,A\ns1,B\n,C\n")
    r = run("assign", SAFETY, "--roster", bad, "--out", tmp_path / "o")
    assert r.exit_code != 0
    assert "row 3: student_id 's1' already used on row 2" in r.output
    assert "row 4: empty student_id" in r.output
    assert not (tmp_path / "o").exists()
    cols = tmp_path / "cols.csv"
    cols.write_text("id,fullname\n1,A\n")
    r = run("assign", SAFETY, "--roster", cols, "--out", tmp_path / "o")
    assert r.exit_code != 0 and "row 1" in r.output and "student_id,name" in r.output
    assert not (tmp_path / "o").exists()


def test_no_temporary_files_are_left(tmp_path):
    assert _assign(tmp_path).exit_code == 0
    leftovers = [p for p in (tmp_path / "out").rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]
    assert leftovers == []


def test_a_broken_bank_is_reported_and_nothing_written(tmp_path):
    banks = demo_bank(tmp_path)
    data = yaml.safe_load((banks / "demo-quiz.yml").read_text())
    data["items"][0]["answer"] = 9
    (banks / "demo-quiz.yml").write_text(yaml.safe_dump(data))
    r = run("assign", banks, "--out", tmp_path / "o")
    assert r.exit_code != 0 and "demo-single" in r.output
    assert not (tmp_path / "o").exists()


def test_the_scan_would_catch_a_leak(tmp_path):
    """The checks above are not vacuous: the book's own quiz HTML (which grades in the page) fails them."""
    from coursekit.static_html import quiz_html

    raw = quiz_html(load_bank(SAFETY), lambda item: [])
    hay = _words(raw)
    secrets = _secrets(SAFETY)
    assert len(secrets) > 50
    leaked = [s for s in secrets if f" {' '.join(re.findall(r'[a-z0-9]+', s.lower())[:8])} " in hay]
    assert len(leaked) == len(secrets)
    assert re.search(r"""["']?\b(correct\w*|answer|answer_key|key|explanation|feedback\w*)["']?\s*:""", raw)


def test_assign_writes_everything_or_nothing(tmp_path):
    """Editions are written as they are made, but put in place only together: a file that cannot be
    written leaves the folder as it was, with no staging folder left behind."""
    out = tmp_path / "out"
    (out / "student" / "week-3-v002-s002.ipynb").mkdir(parents=True)  # in the way of the 4th file
    r = _assign(tmp_path, "out", "42", "--force")
    assert r.exit_code != 0
    assert f"cannot write {out / 'student' / 'week-3-v002-s002.ipynb'}" in r.output
    assert "nothing was written" in r.output
    assert [p.name for p in (out / "student").iterdir()] == ["week-3-v002-s002.ipynb"]
    assert not (out / "instructor").exists()
    (out / "student" / "week-3-v002-s002.ipynb").rmdir()
    assert _assign(tmp_path, "out", "42", "--force").exit_code == 0
    assert len(list((out / "student").iterdir())) == 6 and (out / "instructor" / "week-3-key.json").exists()


@pytest.mark.parametrize("bank_file", ["all-types.yml", "hostile/hostile-quiz.yml"])
def test_forms_put_together_from_remembered_pieces_match_forms_built_whole(bank_file):
    """FormMaker assembles each question from pieces encoded once (HTML, JSON, Python literal in
    JSON); a page and notebook built that way equal ones built from the whole form, with quotes,
    backslashes, markup and non-ASCII text in the bank."""
    from types import SimpleNamespace

    from coursekit.student_edition import FormMaker, form_html, notebook, page_html
    from coursekit.variants import make_variant

    from .conftest import FIXTURES

    bank = load_bank(FIXTURES / bank_file)
    selected = [SimpleNamespace(item=it, bank=bank) for it in bank.items]
    maker = FormMaker("week-3", 'Week "3" \\ café')
    for n in range(4):  # later variants reuse remembered questions
        v = make_variant(selected, "9", f"v{n:03d}", f"s{n}", "Ada 'A'")
        page, nb = maker.files(v)
        whole = form_html("week-3", 'Week "3" \\ café', v)
        assert page == page_html("week-3", 'Week "3" \\ café', v, whole)
        assert nb == notebook("week-3", 'Week "3" \\ café', v, whole)
        cell = json.loads(nb)["cells"][1]
        assert cell["outputs"][0]["data"]["text/html"] == whole
        source = f"from IPython.display import HTML, display\n\nFORM = {whole!r}\n\ndisplay(HTML(FORM))\n"
        assert cell["source"] == source
