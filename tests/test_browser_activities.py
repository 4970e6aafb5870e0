"""In the built book, can every branch of every case be walked, and do exercises keep answers?"""

import json
from collections import deque

from playwright.sync_api import expect

from .browser_support import Watch


def pages_with(site, marker):
    return sorted(p for p in site.rglob("*.html") if marker in p.read_text(encoding="utf-8"))


def shortest_paths(data):
    """For every reachable step, the shortest list of [step, choice] that leads to it."""
    paths, todo = {data["start"]: []}, deque([data["start"]])
    while todo:
        sid = todo.popleft()
        for i, c in enumerate(data["steps"][sid]["choices"]):
            if c["next"] != "end" and c["next"] not in paths:
                paths[c["next"]] = paths[sid] + [[sid, i]]
                todo.append(c["next"])
    return paths


def test_every_branch_of_every_case(site, browser):
    pages = pages_with(site, 'class="ck-case"')
    assert pages, "no case study in the built book"
    watch = Watch(browser)
    walked = 0
    for path in pages:
        page = watch.page(path.as_uri())
        for root in page.locator(".ck-case").all():
            data = json.loads(root.locator("script.ck-case-data").text_content())
            key = root.get_attribute("data-storage-key")
            for step_id, prefix in shortest_paths(data).items():
                for i, choice in enumerate(data["steps"][step_id]["choices"]):
                    page.evaluate(
                        "([k, v]) => localStorage.setItem(k, v)", [key, json.dumps({"path": prefix})]
                    )
                    page.reload()
                    root = page.locator(f"#ck-case-{data['case']}")
                    # web-first: retried until the deferred scripts have restored the saved path
                    expect(root.locator(".ck-case-step legend")).to_have_text(f"Step {len(prefix) + 1}")
                    root.locator(".ck-case-choices input").nth(i).check()
                    root.get_by_role("button", name="Choose").click()
                    label = data["verdicts"][choice["verdict"]]
                    assert label in root.locator(".ck-case-path li").last.inner_text()
                    if choice["next"] == "end":
                        assert root.locator(".ck-case-debrief").is_visible()
                        assert "Case finished" in root.locator(".ck-feedback").inner_text()
                    else:
                        assert label in root.locator(".ck-feedback").inner_text()
                        assert root.locator(".ck-case-step legend").inner_text() == f"Step {len(prefix) + 2}"
                    walked += 1
        page.close()
    assert walked >= 10
    watch.assert_clean()
    watch.context.close()


def test_a_case_resumes_after_reload_and_restarts(site, browser):
    watch = Watch(browser)
    page = watch.page(pages_with(site, 'class="ck-case"')[0].as_uri())
    root = page.locator(".ck-case").first
    root.locator(".ck-case-choices input").first.check()
    root.get_by_role("button", name="Choose").click()
    page.reload()
    root = page.locator(".ck-case").first
    assert root.locator(".ck-case-path li").count() == 1
    root.get_by_role("button", name="Start the case again").click()
    assert root.locator(".ck-case-path li").count() == 0
    assert root.locator(".ck-case-step legend").inner_text() == "Step 1"
    watch.assert_clean()
    watch.context.close()


def test_exercise_keeps_text_and_reveals_the_model_answer(site, browser):
    pages = pages_with(site, 'class="ck-exercise"')
    assert pages, "no open exercise in the built book"
    watch = Watch(browser)
    page = watch.page(pages[0].as_uri())
    root = page.locator(".ck-exercise").first
    model = root.locator(".ck-model")
    assert not model.is_visible()
    root.get_by_role("button", name="Submit and show the model answer").click()
    assert not model.is_visible()  # nothing written yet
    root.locator("textarea").first.fill("No heat on numb feet; moderate pressure.")
    root.get_by_role("button", name="Submit and show the model answer").click()
    assert model.is_visible() and "Model answer" in model.inner_text()
    page.reload()
    root = page.locator(".ck-exercise").first
    assert root.locator("textarea").first.input_value().startswith("No heat")
    assert root.locator(".ck-model").is_visible()
    watch.assert_clean()
    watch.context.close()
