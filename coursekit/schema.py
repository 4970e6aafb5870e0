"""The versioned schema of question banks and checklist files (pydantic models).

A question bank is a YAML file with ``kind: question_bank``; a checklist file has
``kind: checklists``. Both carry ``schema_version``; unknown keys are errors.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = 1

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]


def _no_quote_escape(text: str) -> str:
    """Two apostrophes are YAML's escape inside '...' quotes; in plain text they reach the page as typed."""
    if "''" in text:
        raise ValueError(
            "has two apostrophes ('') where one is meant: only text inside single quotes doubles them; "
            "write one apostrophe here"
        )
    return text


Text = Annotated[str, Field(min_length=1, max_length=20000), AfterValidator(_no_quote_escape)]
RefKey = Annotated[str, Field(pattern=r"^[A-Za-z0-9_:\-]+$")]
# The fixed scale of the clinical rulebook (data/clinical-rules.yml), most urgent first.
ActionId = Literal["emergency", "same-day", "appointment", "avoid-area", "adapt"]
_ACTION = "The rulebook action this text states (data/clinical-rules.yml); checked against the rule."
_RULE = "The id of the clinical rule this tests (data/clinical-rules.yml)."


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Option(Strict):
    text: Text
    feedback: Text
    action: ActionId | None = Field(None, description=_ACTION)
    rule: Slug | None = Field(None, description=_RULE + " Default: the item's rule.")


class Pair(Strict):
    prompt: Text
    match: Text
    feedback: Text
    action: ActionId | None = Field(None, description="The action the match states. " + _ACTION)
    rule: Slug | None = Field(None, description=_RULE + " Default: the item's rule.")


class Step(Strict):
    text: Text
    feedback: Text = Field(description="Shown when the student puts this step in the wrong place.")
    action: ActionId | None = Field(None, description=_ACTION)


class ItemBase(Strict):
    id: Slug
    stem: Text
    explanation: Text
    objective: Slug
    references: list[RefKey] = Field(min_length=1)
    difficulty: Literal["easy", "medium", "hard"]
    tags: list[Slug] = Field(default_factory=list)
    rule: Slug | None = Field(None, description=_RULE)
    chapter: Slug | None = Field(
        None, description="The chapter (book/<bank id>/<chapter>.md) whose Check yourself may draw this item."
    )


class SingleChoice(ItemBase):
    type: Literal["single_choice"]
    options: list[Option] = Field(min_length=2, max_length=10)
    answer: int = Field(description="1-based number of the correct option.")

    @model_validator(mode="after")
    def _answer_in_range(self):
        if not 1 <= self.answer <= len(self.options):
            raise ValueError(
                f"answer {self.answer} is out of range: there are {len(self.options)} "
                "options, numbered from 1"
            )
        return self


class MultipleSelect(ItemBase):
    type: Literal["multiple_select"]
    options: list[Option] = Field(min_length=2, max_length=10)
    answer: list[int] = Field(min_length=1, description="1-based numbers of every correct option.")

    @model_validator(mode="after")
    def _answer_in_range(self):
        bad = [a for a in self.answer if not 1 <= a <= len(self.options)]
        if bad:
            raise ValueError(
                f"answer {bad} is out of range: there are {len(self.options)} options, numbered from 1"
            )
        if len(set(self.answer)) != len(self.answer):
            raise ValueError(f"answer {self.answer} repeats an option")
        return self


class TrueFalse(ItemBase):
    type: Literal["true_false"]
    answer: bool
    feedback_true: Text = Field(description="Feedback when the student answers True.")
    feedback_false: Text = Field(description="Feedback when the student answers False.")
    states_action: ActionId | None = Field(
        None, description="The action the statement says the item's rule takes; the key must agree."
    )


class Numeric(ItemBase):
    type: Literal["numeric"]
    answer: float
    tolerance: float = Field(ge=0)
    unit: str = ""
    feedback_correct: Text
    feedback_incorrect: Text


class Matching(ItemBase):
    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2, max_length=10)
    distractors: list[Text] = Field(
        default_factory=list, description="Extra matches that belong to no prompt."
    )

    @model_validator(mode="after")
    def _distinct(self):
        matches = [p.match for p in self.pairs] + list(self.distractors)
        if len(set(matches)) != len(matches):
            raise ValueError("every match and distractor must be distinct")
        prompts = [p.prompt for p in self.pairs]
        if len(set(prompts)) != len(prompts):
            raise ValueError("every prompt must be distinct")
        return self


class Ordering(ItemBase):
    type: Literal["ordering"]
    steps: list[Step] = Field(min_length=2, max_length=10, description="The steps in their correct order.")

    @field_validator("steps")
    @classmethod
    def _distinct(cls, steps):
        texts = [s.text for s in steps]
        if len(set(texts)) != len(texts):
            raise ValueError("every step must be distinct")
        return steps


Item = Annotated[
    SingleChoice | MultipleSelect | TrueFalse | Numeric | Matching | Ordering,
    Field(discriminator="type"),
]

ITEM_TYPES = ("single_choice", "multiple_select", "true_false", "numeric", "matching", "ordering")


class PartFile(Strict):
    """What every content file shares: the schema version and the part of the course it belongs to.
    Each kind adds its ``kind`` and its entries."""

    schema_version: Literal[1]
    part: Text


class QuestionBank(PartFile):
    kind: Literal["question_bank"]
    id: Slug
    title: Text
    objectives: dict[Slug, Text] = Field(min_length=1)
    items: list[Item] = Field(min_length=1)


class ChecklistItem(Strict):
    id: Slug
    text: Text
    group: str = ""
    references: list[RefKey] = Field(default_factory=list)


class Checklist(Strict):
    id: Slug
    title: Text
    kind: Literal["competency", "screening"]
    intro: Text
    items: list[ChecklistItem] = Field(min_length=1)


class ChecklistFile(PartFile):
    kind: Literal["checklists"]
    checklists: list[Checklist] = Field(min_length=1)


# ---- interactive case studies (branching) ----


class CaseChoice(Strict):
    text: Text
    feedback: Text
    verdict: Literal["best", "acceptable", "unsafe"]
    action: ActionId | None = Field(None, description=_ACTION)
    next: Slug = Field(description="The id of the next step, or 'end' to finish the case.")


class CaseStep(Strict):
    id: Slug
    prompt: Text
    rule: Slug | None = Field(None, description=_RULE)
    choices: list[CaseChoice] = Field(min_length=2, max_length=6)


class Case(Strict):
    id: Slug
    title: Text
    client: Text = Field(description="The scenario the student reads first (Markdown).")
    objective: Slug | None = None
    start: Slug
    steps: list[CaseStep] = Field(min_length=1)
    debrief: Text
    references: list[RefKey] = Field(min_length=1)

    @model_validator(mode="after")
    def _graph(self):
        ids = [s.id for s in self.steps]
        if len(set(ids)) != len(ids):
            raise ValueError("every step id in a case must be distinct")
        if "end" in ids:
            raise ValueError("'end' is reserved: it marks the end of the case")
        known = set(ids)
        if self.start not in known:
            raise ValueError(f"start step '{self.start}' is not a step of this case")
        for step in self.steps:
            for choice in step.choices:
                if choice.next != "end" and choice.next not in known:
                    raise ValueError(f"step '{step.id}': a choice leads to unknown step '{choice.next}'")
        edges = {s.id: {c.next for c in s.choices} for s in self.steps}
        seen, todo = set(), [self.start]
        while todo:
            cur = todo.pop()
            if cur in seen or cur == "end":
                continue
            seen.add(cur)
            todo.extend(edges[cur])
        unreachable = [i for i in ids if i not in seen]
        if unreachable:
            raise ValueError(f"steps never reached from the start: {', '.join(unreachable)}")
        finishing = {"end"}
        changed = True
        while changed:
            changed = False
            for sid, nxt in edges.items():
                if sid not in finishing and nxt & finishing:
                    finishing.add(sid)
                    changed = True
        stuck = [i for i in ids if i not in finishing]
        if stuck:
            raise ValueError(f"steps from which the case can never end: {', '.join(stuck)}")
        return self


class CaseFile(PartFile):
    kind: Literal["cases"]
    cases: list[Case] = Field(min_length=1)


# ---- open-response exercises with a model answer (e.g. a care plan) ----


class ExercisePrompt(Strict):
    id: Slug
    label: Text
    hint: str = ""


class OpenExercise(Strict):
    id: Slug
    title: Text
    scenario: Text
    prompts: list[ExercisePrompt] = Field(min_length=1, max_length=10)
    model_answer: Text
    references: list[RefKey] = Field(min_length=1)


class ExerciseFile(PartFile):
    kind: Literal["exercises"]
    exercises: list[OpenExercise] = Field(min_length=1)
