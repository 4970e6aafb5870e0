"""Print build and page-weight figures for the book (a benchmark, not a test).

- clean strict build seconds (cache and output removed first) and seconds per page;
- no-change rebuild seconds;
- per page with a quiz, checklist, case or exercise: bytes of coursekit's own JS and CSS (linked
  once per page), of the data embedded for it, and of the page's HTML.
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
    static = html / "_static"
    js, css = (static / "coursekit.js").stat().st_size, (static / "coursekit.css").stat().st_size
    print(f"coursekit.js / .css:     {js} / {css} bytes (linked once on each page that needs them)")
    marker = re.compile(r'class="ck-(quiz|checklist|case|exercise)"')
    data_block = re.compile(r'<script type="application/json" class="ck-[a-z-]*data">(.*?)</script>', re.S)
    for page in sorted(pages):
        text = page.read_text(encoding="utf-8")
        kinds = marker.findall(text)
        if kinds:
            data = sum(len(m.encode()) for m in data_block.findall(text))
            print(
                f"{page.relative_to(html)}: {', '.join(kinds)}; own JS+CSS {js + css} bytes, "
                f"embedded data {data} bytes; page HTML {len(text.encode())} bytes"
            )


if __name__ == "__main__":
    main()
