"""Print build and page-weight figures for the book (a benchmark, not a test).

- clean strict build seconds (cache and output removed first) and seconds per page;
- no-change rebuild seconds;
- per quiz/checklist page: bytes of coursekit's own JS and CSS inlined in it, and the page's
  total HTML bytes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JB = str(Path(sys.executable).parent / "jupyter-book")


def build() -> float:
    t = time.perf_counter()
    subprocess.run(
        [JB, "build", str(ROOT), "-W", "-n", "--keep-going", "-q"], check=True, capture_output=True
    )
    return time.perf_counter() - t


def main() -> None:
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    clean = build()
    rebuild = build()
    html = ROOT / "_build" / "html"
    pages = [p for p in html.rglob("*.html") if "_static" not in p.parts]
    print(
        f"clean strict build:      {clean:6.2f} s  ({len(pages)} pages, {clean / len(pages):.2f} s per page)"
    )
    print(f"no-change rebuild:       {rebuild:6.2f} s")
    from coursekit.static_html import asset

    js, css = len(asset("coursekit.js").encode()), len(asset("coursekit.css").encode())
    print(f"coursekit.js / .css:     {js} / {css} bytes (inlined once per quiz or checklist output)")
    for page in sorted(pages):
        text = page.read_text(encoding="utf-8")
        n = len(re.findall(r'class="ck-(?:quiz|checklist)"', text))
        if n:
            data = sum(
                len(m.encode())
                for m in re.findall(
                    r'<script type="application/json" class="ck-data">(.*?)</script>', text, re.S
                )
            )
            print(
                f"{page.relative_to(html)}: {n} widget(s); coursekit JS+CSS {n * (js + css)} bytes; "
                f"quiz data {data} bytes; page HTML {len(text.encode())} bytes"
            )


if __name__ == "__main__":
    main()
