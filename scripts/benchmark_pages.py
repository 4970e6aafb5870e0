"""Page-level benchmark: this book next to the Jupyter Book 1.x template book (prints figures;
a benchmark, not a test).

For each book, in one run:
- clean strict build seconds (output removed first), seconds per page, no-change rebuild seconds;
- bytes transferred for a typical chapter page and for a quiz page, served over
  http://127.0.0.1 by Python's http.server in a thread and recorded with Playwright's response
  events, split into the HTML page, theme assets and our own assets (``_static/coursekit.*``);
- Lighthouse 12.2.3 (bench/node_modules, installed with ``npm ci`` in bench/; its default
  mobile preset: simulated slow 4G and a 4x slower CPU) performance and accessibility scores of
  the chapter page and of the quiz page, each twice: served gzip-compressed, as any real host
  serves text (GitHub Pages, where the book is published, does), and served uncompressed by plain
  http.server;
- console errors on every page;
- for this book: milliseconds from clicking "Check answer" to the feedback being in the page
  (performance.now in the page) and to the next frame.

Each figure is printed next to its target. Usage:

    .venv/bin/python scripts/benchmark_pages.py [--out /tmp/bench] [--skip-lighthouse] [--html DIR]

Builds go under --out (default: a fresh temporary folder), never into the project's _build.
``--html DIR`` measures this book's pages in an existing build (DIR/_build/html or an html folder)
instead of building it (no build times), and skips the template book.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.static_server import serve_directory  # noqa: E402  (the browser tests' server)

JB = str(Path(sys.executable).parent / "jupyter-book")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LIGHTHOUSE = ROOT / "bench" / "node_modules" / "lighthouse" / "cli" / "index.js"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

TARGET_OWN_BYTES = 20 * 1024
OTHER_OWN = {"print.css", "progress-page.js", "progress-page.css", "search-offline.js"}
TARGET_REBUILD = 5.0
TARGET_PERF = 95
TARGET_A11Y = 100


def mark(ok: bool) -> str:
    return "met" if ok else "MISSED"


# ---- builds ----


def build(source: Path, out: Path | None) -> tuple[float, Path]:
    cmd = [JB, "build", str(source), "-W", "-n", "--keep-going", "-q"]
    if out is not None:
        cmd += ["--path-output", str(out)]
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=source, capture_output=True, text=True)
    took = time.perf_counter() - t
    if proc.returncode != 0:
        print(proc.stdout[-2000:], proc.stderr[-2000:], file=sys.stderr)
        raise SystemExit(f"build of {source} failed")
    return took, (out or source) / "_build" / "html"


def pages_of(html: Path) -> list[Path]:
    return sorted(p for p in html.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts)


def template_book(where: Path) -> Path:
    book = where / "jb-template"
    if book.exists():
        shutil.rmtree(book)
    subprocess.run([JB, "create", str(book)], check=True, capture_output=True)
    return book


# ---- serving and measuring ----


def transferred(browser, url: str) -> dict:
    """Bytes of every response while loading url (http.server sends no compression, so body
    length is what crossed the wire), by kind; gzip sizes estimate a compressing host."""
    ctx = browser.new_context()
    seen = []

    def on_response(resp):
        try:
            body = resp.body()
        except Exception:  # redirects and aborted requests have no body
            return
        seen.append((resp.url, len(body), len(gzip.compress(body, 9))))

    page = ctx.new_page()
    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    ctx.close()
    out = {
        "page": [0, 0],
        "theme": [0, 0],
        "own": [0, 0],
        "site": [0, 0],
        "requests": len(seen),
        "own_files": [],
    }
    for u, raw, gz in seen:
        u = u.split("#")[0].split("?")[0]
        name = u.rsplit("/", 1)[-1]
        if u == url.split("#")[0]:
            kind = "page"
        elif "/_static/coursekit." in u:
            kind = "own"  # the quiz/checklist/case/exercise JS and CSS
        elif "/_static/" in u and name in OTHER_OWN:
            kind = "site"  # our other site-wide files (print.css on every page)
        else:
            kind = "theme"
        out[kind][0] += raw
        out[kind][1] += gz
        if kind == "own":
            out["own_files"].append(f"{u.rsplit('/', 1)[-1]} {raw} B")
    return out


def console_errors(browser, base: str, html: Path) -> list[str]:
    ctx = browser.new_context()
    errors = []
    for path in pages_of(html):
        url = base + path.relative_to(html).as_posix()
        page = ctx.new_page()
        page.on("console", lambda m, url=url: m.type == "error" and errors.append(f"{url}: {m.text}"))
        page.on("pageerror", lambda e, url=url: errors.append(f"{url}: {e}"))
        page.goto(url, wait_until="load")
        page.close()
    ctx.close()
    return errors


CHECK_TIMING = """async () => {
  const times = [];
  for (const fs of document.querySelectorAll('fieldset.ck-item')) {
    const input = fs.querySelector('input[type=radio], input[type=checkbox]');
    if (!input) continue;
    input.checked = true;
    const box = fs.querySelector('.ck-feedback');
    const t = await new Promise(resolve => {
      let t0 = 0;
      const obs = new MutationObserver(() => {
        const dom = performance.now() - t0;
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve([dom, performance.now() - t0]), 0));
      });
      obs.observe(box, {childList: true, subtree: true, characterData: true});
      t0 = performance.now();
      fs.querySelector('.ck-check').click();
    });
    times.push(t);
  }
  return times;
}"""


def check_answer_timing(browser, url: str) -> list[list[float]]:
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(url, wait_until="load")
    times = page.evaluate(CHECK_TIMING)
    ctx.close()
    return times


def lighthouse(url: str) -> dict | None:
    if not LIGHTHOUSE.exists():
        print(f"  (Lighthouse not installed: run `npm ci` in {LIGHTHOUSE.parents[3]})")
        return None
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    proc = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--quiet",
            "--only-categories=performance,accessibility",
            "--chrome-flags=--headless --no-sandbox --disable-gpu",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        print("  Lighthouse failed:", (proc.stderr or proc.stdout)[-800:])
        return None
    cats = report["categories"]
    audits = report["audits"]
    failing = [
        a["id"]
        for a in (audits[r["id"]] for r in cats["accessibility"]["auditRefs"] if r["weight"])
        if a.get("score") is not None and a["score"] < 1
    ]
    metrics = {
        k: audits[k]["displayValue"]
        for k in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
        )
        if k in audits
    }
    return {
        "performance": round(cats["performance"]["score"] * 100),
        "accessibility": round(cats["accessibility"]["score"] * 100),
        "a11y_failing": failing,
        "metrics": metrics,
    }


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def report_book(name, source, out, browser, chapter, quiz, skip_lh, built: Path | None = None):
    print(f"\n=== {name} ===")
    if built is not None:
        html = built / "_build" / "html" if (built / "_build" / "html").is_dir() else built
        pages = pages_of(html)
        print(f"existing build            {html}   {len(pages)} pages (build times not measured)")
    else:
        if out is not None and out.exists():
            shutil.rmtree(out)
        clean, html = build(source, out)
        rebuild, _ = build(source, out)
        pages = pages_of(html)
        print(
            f"clean strict build        {clean:7.2f} s   {len(pages)} pages, "
            f"{clean / len(pages):.2f} s per page"
        )
        print(
            f"no-change rebuild         {rebuild:7.2f} s   target < {TARGET_REBUILD:.0f} s: "
            f"{mark(rebuild < TARGET_REBUILD)}"
        )
    with serve_directory(html) as base:
        for label, rel in (("chapter page", chapter), ("quiz page", quiz)):
            if rel is None:
                continue
            t = transferred(browser, base + rel)
            own_ok = t["own"][0] < TARGET_OWN_BYTES
            print(f"bytes, {label} {rel}  ({t['requests']} responses; gzip-9 estimate in brackets)")
            print(f"    HTML page             {kb(t['page'][0]):>10}  ({kb(t['page'][1])})")
            print(f"    theme assets          {kb(t['theme'][0]):>10}  ({kb(t['theme'][1])})")
            if t["site"][0]:
                print(f"    own print.css etc.    {kb(t['site'][0]):>10}  ({kb(t['site'][1])})")
            print(
                f"    own assets coursekit.* {kb(t['own'][0]):>9}  ({kb(t['own'][1])})"
                + (f"   target < 20 KB: {mark(own_ok)}  [{', '.join(t['own_files'])}]" if t["own"][0] else "")
            )
        errors = console_errors(browser, base, html)
        print(
            f"console errors            {len(errors):7d}   on {len(pages)} pages; "
            f"target 0: {mark(not errors)}"
        )
        for e in errors[:5]:
            print("    ", e[:200])
        if quiz is not None:
            times = check_answer_timing(browser, base + quiz)
            dom = [t[0] for t in times]
            frame = [t[1] for t in times]
            print(
                f"'Check answer' -> feedback in DOM: median {statistics.median(dom):.2f} ms, "
                f"max {max(dom):.2f} ms; to next frame: median {statistics.median(frame):.1f} ms, "
                f"max {max(frame):.1f} ms ({len(times)} questions)"
            )
    if not skip_lh:
        for page, (how, compress) in (
            (p, h)
            for p in (chapter, quiz)
            if p
            for h in (("gzip, as a host serves it", True), ("uncompressed http.server", False))
        ):
            with serve_directory(html, compress=compress) as base:
                lh = lighthouse(base + page)
            if not lh:
                continue
            print(
                f"Lighthouse {page} ({how}): performance {lh['performance']} "
                f"(target >= {TARGET_PERF}: {mark(lh['performance'] >= TARGET_PERF)}), "
                f"accessibility {lh['accessibility']} (target {TARGET_A11Y}: "
                f"{mark(lh['accessibility'] >= TARGET_A11Y)})"
            )
            print("    metrics:", ", ".join(f"{k} {v}" for k, v in lh["metrics"].items()))
            if lh["a11y_failing"]:
                print("    accessibility audits not passed:", ", ".join(lh["a11y_failing"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=None, help="folder for the builds (default: a temp folder)")
    ap.add_argument("--skip-lighthouse", action="store_true")
    ap.add_argument("--html", type=Path, default=None, help="measure an existing build of this book")
    args = ap.parse_args()
    where = args.out or Path(tempfile.mkdtemp(prefix="ck-bench-"))
    where.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        report_book(
            "Touch & Neuropathy",
            ROOT,
            where / "book",
            browser,
            "book/safety/red-flags.html",
            "book/safety/quiz.html",
            args.skip_lighthouse,
            built=args.html,
        )
        if args.html is not None:
            browser.close()
            return
        tpl = template_book(where)
        report_book(
            "Jupyter Book 1.x template (jupyter-book create)",
            tpl,
            None,
            browser,
            "markdown.html",
            None,
            args.skip_lighthouse,
        )
        browser.close()


if __name__ == "__main__":
    main()
