"""Answer cues: can a bank or case file be answered without the knowledge?

A test-wise student picks the longest option and answers "false". These figures say how far that
strategy gets (``coursekit validate`` prints them for every bank and case file):

- the share of single-choice items (and case steps) whose keyed answer is the longest option
  (target at most 35 %, near chance);
- the share of true/false items keyed True (target 40-60 %);
- in multiple-select items, how much longer the correct options are than the wrong ones (median ratio);
- the test-wise score: longest option, always "false", and in multiple-select every option at least as
  long as the item's mean; compared with the score expected from blind guessing;
- single items whose key is the longest by a clear margin (warned one by one);
- the mechanical faults of the NBME item-writing guide that text shows: "all/none of the above",
  negative stems, absolutes only in wrong options (warned one by one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import mean, median

LONGEST_TARGET = 0.35
TRUE_SHARE = (0.40, 0.60)
MARGIN = 1.25  # key at least 25 % longer than every other option: a clear cue


def _len(text: str) -> int:
    return len(" ".join(text.split()))


def _longest(lengths: list[int]) -> int:
    """Index of the longest (the first of equals), as a test-wise student would pick it."""
    return max(range(len(lengths)), key=lambda i: (lengths[i], -i))


@dataclass(frozen=True)
class CueWarning:
    ident: str  # the item, or "case / step"
    message: str

    def __str__(self) -> str:
        return f"{self.ident}: {self.message}"


@dataclass
class CueReport:
    name: str
    choice_items: int = 0
    key_longest: int = 0
    tf_items: int = 0
    tf_true: int = 0
    ms_ratios: list[float] = field(default_factory=list)
    testwise: list[float] = field(default_factory=list)
    chance: list[float] = field(default_factory=list)
    warnings: list[CueWarning] = field(default_factory=list)

    @property
    def longest_share(self) -> float | None:
        return self.key_longest / self.choice_items if self.choice_items else None

    @property
    def true_share(self) -> float | None:
        return self.tf_true / self.tf_items if self.tf_items else None

    @property
    def testwise_score(self) -> float | None:
        return mean(self.testwise) if self.testwise else None

    @property
    def chance_score(self) -> float | None:
        return mean(self.chance) if self.chance else None

    def problems(self) -> list[str]:
        """The targets this file misses (for tests and for authors)."""
        out = []
        if self.longest_share is not None and self.longest_share > LONGEST_TARGET:
            out.append(f"key is the longest option in {self.longest_share:.0%} (target at most 35%)")
        if (
            self.true_share is not None
            and self.tf_items >= 3
            and not TRUE_SHARE[0] <= self.true_share <= TRUE_SHARE[1]
        ):
            out.append(f"{self.true_share:.0%} of true/false items are keyed True (target 40-60%)")
        return out

    def summary(self) -> str:
        parts = []
        if self.choice_items:
            parts.append(f"key longest in {self.key_longest}/{self.choice_items} ({self.longest_share:.0%})")
        if self.tf_items:
            parts.append(f"true keyed {self.tf_true}/{self.tf_items} ({self.true_share:.0%})")
        if self.ms_ratios:
            parts.append(f"multiple-select correct/wrong length {median(self.ms_ratios):.2f}")
        if self.testwise:
            parts.append(f"test-wise score {self.testwise_score:.0%} (guessing {self.chance_score:.0%})")
        return f"cues: {self.name}: " + "; ".join(parts)


_ALL_NONE = re.compile(r"\b(?:all|none|both|neither) of the (?:above|options|answers)\b", re.I)
_NEGATIVE_STEM = re.compile(r"\b(?:EXCEPT|NOT|LEAST)\b")
_ABSOLUTE = re.compile(r"\b(?:never|always|none|only|completely|guarantee[sd]?)\b", re.I)


def _writing_faults(report, item):
    """Mechanical item-writing faults of the NBME guide that text can show."""
    options = [o.text for o in getattr(item, "options", [])]
    if any(_ALL_NONE.search(t) for t in options):
        report.warnings.append(
            CueWarning(item.id, "an option says 'all/none of the above': write a real option")
        )
    if _NEGATIVE_STEM.search(item.stem):
        report.warnings.append(
            CueWarning(item.id, "a negative stem (EXCEPT/NOT/LEAST): ask for the best answer")
        )
    if item.type == "single_choice" and len(options) > 2:
        key = options[item.answer - 1]
        wrong = [t for n, t in enumerate(options) if n != item.answer - 1]
        if not _ABSOLUTE.search(key) and sum(bool(_ABSOLUTE.search(t)) for t in wrong) >= 2:
            report.warnings.append(
                CueWarning(
                    item.id, "absolutes (never, always, only...) appear in wrong options but not in the key"
                )
            )


def _margin_warning(report, ident, lengths, key):
    others = [n for i, n in enumerate(lengths) if i != key]
    if others and lengths[key] >= MARGIN * max(others):
        report.warnings.append(
            CueWarning(
                ident,
                f"the key is the longest option by a clear margin ({lengths[key]} characters, "
                f"the next longest {max(others)}): make the distractors as long and specific",
            )
        )


def bank_cues(bank) -> CueReport:
    r = CueReport(f"question bank '{bank.id}'")
    for item in bank.items:
        _writing_faults(r, item)
        if item.type == "single_choice":
            lengths = [_len(o.text) for o in item.options]
            key = item.answer - 1
            r.choice_items += 1
            picked = _longest(lengths)
            r.key_longest += lengths[key] == max(lengths)
            r.testwise.append(float(picked == key))
            r.chance.append(1 / len(lengths))
            _margin_warning(r, item.id, lengths, key)
        elif item.type == "true_false":
            r.tf_items += 1
            r.tf_true += item.answer is True
            r.testwise.append(float(item.answer is False))
            r.chance.append(0.5)
        elif item.type == "multiple_select":
            lengths = [_len(o.text) for o in item.options]
            keyed = {a - 1 for a in item.answer}
            right = [lengths[i] for i in keyed]
            wrong = [n for i, n in enumerate(lengths) if i not in keyed]
            if wrong:
                r.ms_ratios.append(mean(right) / mean(wrong))
            avg = mean(lengths)
            picked = {i for i, n in enumerate(lengths) if n >= avg}
            r.testwise.append(float(picked == keyed))
            r.chance.append(1 / (2 ** len(lengths) - 1))
    return r


def case_cues(doc) -> CueReport:
    r = CueReport(f"cases ({len(doc.cases)})")
    for case in doc.cases:
        for step in case.steps:
            lengths = [_len(c.text) for c in step.choices]
            best = [i for i, c in enumerate(step.choices) if c.verdict == "best"]
            if not best:
                continue
            r.choice_items += 1
            r.key_longest += any(lengths[i] == max(lengths) for i in best)
            r.testwise.append(float(_longest(lengths) in best))
            r.chance.append(len(best) / len(lengths))
            _margin_warning(r, f"{case.id} / {step.id}", lengths, best[0])
    return r


def cues_for(doc) -> CueReport | None:
    kind = getattr(doc, "kind", None)
    if kind == "question_bank":
        return bank_cues(doc)
    if kind == "cases":
        return case_cues(doc)
    return None
