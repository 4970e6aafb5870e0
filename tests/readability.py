"""Plain-language checks for client handouts: Flesch-Kincaid grade of Markdown text.

Syllables are counted with the usual vowel-group heuristic (no dictionary download), so the
grade is an estimate; it is used to keep handouts at about school grade 8 or below.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)|\n\s*\n|\n\s*[-*]\s|\n\s*\d+\.\s|\n\|")


def plain_text(markdown: str) -> str:
    """Strip MyST front matter, directives' option lines, roles, links and table rules."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    text = re.sub(r"^\(.*?\)=\s*$", "", text, flags=re.M)  # labels
    text = re.sub(r"^```.*$|^:[a-z-]+:.*$", "", text, flags=re.M)  # fences, directive options
    text = re.sub(r"\{[a-z:]+\}`[^`]*`", "", text)  # roles such as {cite:p}`key`
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their words
    text = re.sub(r"^\|?[\s:|-]+\|?$", "", text, flags=re.M)  # table rules
    return text


def syllables(word: str) -> int:
    w = word.lower()
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", w)
    w = re.sub(r"^y", "", w)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", w)))


def flesch_kincaid_grade(markdown: str) -> float:
    text = plain_text(markdown)
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)]))
    n_syll = sum(syllables(w) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * n_syll / len(words) - 15.59
