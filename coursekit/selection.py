"""Load question banks from paths and select items by part, objective, tag, difficulty and count."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from .errors import CoursekitError
from .permutation import Permutation
from .schema import QuestionBank


@dataclass(frozen=True)
class Selected:
    bank: QuestionBank
    item: object  # one of the schema's item models

    @property
    def id(self) -> str:
        return self.item.id


def bank_files(paths) -> list[Path]:
    """The question-bank YAML files under ``paths`` (directories searched recursively)."""
    out = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out += sorted(
                f
                for f in p.rglob("*.y*ml")
                if f.suffix in {".yml", ".yaml"}
                and not any(part.startswith(("_", ".")) for part in f.relative_to(p).parts)
            )
        else:
            out.append(p)
    return out


def _fast_load(path: Path):
    """The bank parsed with libyaml (refusing repeated keys) and validated, or None when anything is
    off: then ``banks.load_bank`` runs and reports every problem with its line."""
    import yaml
    from pydantic import ValidationError

    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return None

    class _Fast(loader):
        def construct_mapping(self, node, deep=False):
            keys = [self.construct_object(k, deep=deep) for k, _ in node.value]
            if len(set(keys)) != len(keys):
                raise yaml.constructor.ConstructorError(None, None, "repeated key", node.start_mark)
            return super().construct_mapping(node, deep=deep)

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Fast)
    except (yaml.YAMLError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    if data.get("kind") != "question_bank":
        return "skip"
    from .banks import BankError, _expand_roles

    try:
        data = _expand_roles(path, data, None)  # the rulebook's words, as load_bank gives them
        bank = QuestionBank.model_validate(data)
    except (BankError, ValidationError):
        return None
    ids = [it.id for it in bank.items]
    if len(set(ids)) != len(ids) or any(it.objective not in bank.objectives for it in bank.items):
        return None
    return bank


def load_banks(paths) -> list[QuestionBank]:
    """Every question bank under ``paths``; other YAML kinds (checklists, cases) are skipped.

    Raises CoursekitError listing each problem (file, line, item) if a bank does not load.
    """
    from .banks import BankError, load_bank, read_yaml

    files = bank_files(paths or ["exercises"])
    banks, problems = [], []
    for f in files:
        fast = _fast_load(f)
        if fast == "skip":
            continue
        if fast is not None:
            banks.append(fast)
            continue
        try:
            data, _ = read_yaml(f)
            if data.get("kind") != "question_bank":
                continue
            banks.append(load_bank(f))
        except BankError as exc:
            problems += [str(p) for p in exc.problems]
    if problems:
        raise CoursekitError("the question banks do not load:\n" + "\n".join(problems))
    if not banks:
        raise CoursekitError("no question bank found in " + ", ".join(map(str, paths)))
    ids: dict[str, str] = {}
    for b in banks:
        for it in b.items:
            if it.id in ids:
                raise CoursekitError(f"item id '{it.id}' appears in two banks ({ids[it.id]}, {b.id})")
            ids[it.id] = b.id
    return banks


def select(banks, parts=(), objectives=(), tags=(), difficulties=(), count=None, seed=None) -> list[Selected]:
    """Items matching every given filter (any value within one filter), in authored order.

    With ``count``, a random sample of that size (reproducible from ``seed``), kept in authored order.
    """
    parts_l = {p.casefold() for p in parts}
    chosen = []
    for bank in banks:
        if parts_l and bank.part.casefold() not in parts_l and bank.id.casefold() not in parts_l:
            continue
        for item in bank.items:
            if objectives and item.objective not in objectives:
                continue
            if tags and not set(tags) & set(item.tags):
                continue
            if difficulties and item.difficulty not in difficulties:
                continue
            chosen.append(Selected(bank, item))
    if not chosen:
        raise CoursekitError("no item matches the selection (check --part, --objective, --tag, --difficulty)")
    if count is not None:
        if count < 1:
            raise CoursekitError(f"--count must be at least 1, got {count}")
        if count > len(chosen):
            raise CoursekitError(f"--count {count} asks for more items than the {len(chosen)} that match")
        keep = set(Permutation.drawn(len(chosen), random.Random(f"select:{seed}")).order[:count])
        chosen = [s for n, s in enumerate(chosen, start=1) if n in keep]
    return chosen


def selected_from_options(paths, parts, objectives, tags, difficulties, count, seed) -> list[Selected]:
    return select(load_banks(paths), parts, objectives, tags, difficulties, count, seed)
