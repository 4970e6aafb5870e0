"""Markdown to HTML for stems, options and feedback: raw HTML is shown as text."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


@lru_cache(maxsize=4096)
def to_html(text: str) -> str:
    """Block Markdown (paragraphs, lists, emphasis, links) as HTML."""
    return _md.render(text).strip()


@lru_cache(maxsize=4096)
def to_inline_html(text: str) -> str:
    """Inline Markdown (for option labels): no surrounding paragraph."""
    return _md.renderInline(text).strip()
