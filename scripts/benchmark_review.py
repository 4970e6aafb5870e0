"""Review page benchmark (prints figures; a benchmark, not a test).

Fills the browser with a year of answer history for every question of the course (each item
answered about once a week, right or wrong at random, with a confidence), then measures in headless
Chromium, on the built book opened from disk:

- how long review.js takes to read that history, pick the due items and show a session
  ("Start the next session" to the session in the page: performance.now in the page), median of 20;
- the page's size (HTML, and gzip-compressed) and how many questions it carries.

Target (issue 15): picking and showing the due items in under 50 ms.

    .venv/bin/python scripts/benchmark_review.py [--site _build/html]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from coursekit.review import Slot, schedule  # noqa: E402

TARGET_MS = 50.0
DAY = 86_400_000


def history(items: list[dict], now_ms: int, seed: int = 1) -> dict[str, str]:
    """localStorage entries: one year of answers per bank, and Review's log and schedule."""
    rng = random.Random(seed)
    quizzes: dict[str, dict] = {}
    log = []
    for it in items:
        at = now_ms - 365 * DAY
        while at < now_ms:
            correct = rng.random() < 0.7
            log.append(
                {
                    "id": it["id"],
                    "at": at,
                    "correct": correct,
                    "confidence": rng.choice(["low", "medium", "high"]),
                }
            )
            quizzes.setdefault(it["bank"], {"items": {}})["items"][it["id"]] = {
                "response": 1,
                "correct": correct,
                "attempts": 1,
                "saved_at": _iso(at),
            }
            at += rng.randint(3, 11) * DAY
    slots: dict[str, Slot] = {}
    for e in sorted(log, key=lambda e: e["at"]):  # the schedule those answers give (coursekit.review)
        slots[e["id"]] = schedule(slots.get(e["id"]), e["correct"], e["at"])
    entries = {f"coursekit:quiz:{b}": json.dumps(q) for b, q in quizzes.items()}
    items = {i: {"box": s.box, "last": s.last, "due": s.due} for i, s in slots.items()}
    entries["coursekit:review"] = json.dumps({"items": items, "log": log})
    return entries


def _iso(ms: int) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(ms / 1000, dt.UTC).isoformat().replace("+00:00", "Z")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    args = ap.parse_args()
    page_path = args.site / "book" / "review.html"
    if not page_path.exists():
        raise SystemExit(f"{page_path} not found: build the book first (make book)")
    html = page_path.read_bytes()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
            ],
        )
        page = browser.new_page()
        page.goto(page_path.as_uri())
        data = json.loads(page.locator(".ck-review script.ck-data").text_content())
        now = page.evaluate("Date.now()")
        entries = history(data["items"], now)
        page.evaluate("e => { for (const k in e) localStorage.setItem(k, e[k]); }", entries)
        page.reload()
        times = page.evaluate(
            """() => {
                const next = document.querySelector('.ck-review-next'), out = [];
                for (let i = 0; i < 20; i++) {
                    const t0 = performance.now();
                    next.click();
                    document.querySelector('.ck-review-session').getBoundingClientRect();  // laid out
                    out.push(performance.now() - t0);
                }
                return out;
            }"""
        )
        shown = page.locator(".ck-review-session fieldset.ck-item").count()
        status = page.locator(".ck-review-status").inner_text()
        log = len(json.loads(entries["coursekit:review"])["log"])
        browser.close()
    median = statistics.median(times)
    print(
        f"review page: {len(html) / 1024:.0f} KB HTML, {len(gzip.compress(html)) / 1024:.0f} KB gzip, "
        f"{len(data['items'])} questions"
    )
    print(f"history: {log} answers over a year; session shows {shown}: {status[:80]}...")
    print(
        f"pick and show the due items: median {median:.1f} ms, max {max(times):.1f} ms "
        f"(target < {TARGET_MS:.0f} ms: {'met' if median < TARGET_MS else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
