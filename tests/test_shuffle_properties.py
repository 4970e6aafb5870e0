"""Property-based: the one permutation model (coursekit.permutation), used by the book, live Jupyter,
student editions, keys and grading, never changes which answer is correct, and grading is invariant to
the order options, prompts, match choices and steps are shown in."""

import json
import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.grading import grade
from coursekit.permutation import Permutation, authored_answer, book_layout, drawn_layout
from coursekit.schema import Item, Matching, MultipleSelect, Numeric, Ordering, SingleChoice, TrueFalse

from .conftest import FIXTURES

COMMON = dict(stem="Stem", explanation="Why.", objective="obj", references=["ref"], difficulty="easy")
slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
seeds = st.one_of(st.integers(), st.text(max_size=20))


def _distinct_texts(n_min, n_max):
    return st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)
        .map(str.strip)
        .filter(bool),
        min_size=n_min,
        max_size=n_max,
        unique=True,
    )


@st.composite
def items(draw):
    kind = draw(st.sampled_from(["single", "multiple", "tf", "numeric", "matching", "ordering"]))
    iid = draw(slugs)
    if kind in ("single", "multiple"):
        texts = draw(_distinct_texts(2, 10))
        options = [{"text": t, "feedback": f"fb {i}"} for i, t in enumerate(texts)]
        if kind == "single":
            answer = draw(st.integers(1, len(texts)))
            return SingleChoice(id=iid, type="single_choice", options=options, answer=answer, **COMMON)
        answer = draw(st.lists(st.integers(1, len(texts)), min_size=1, unique=True))
        return MultipleSelect(id=iid, type="multiple_select", options=options, answer=answer, **COMMON)
    if kind == "tf":
        return TrueFalse(
            id=iid,
            type="true_false",
            answer=draw(st.booleans()),
            feedback_true="t",
            feedback_false="f",
            **COMMON,
        )
    if kind == "numeric":
        return Numeric(
            id=iid,
            type="numeric",
            answer=70,
            tolerance=1,
            feedback_correct="y",
            feedback_incorrect="n",
            **COMMON,
        )
    if kind == "matching":
        texts = draw(_distinct_texts(4, 20))
        half = len(texts) // 2
        pairs = [
            {"prompt": p, "match": m, "feedback": "fb"}
            for p, m in zip(texts[:half], texts[half:], strict=False)
        ]
        return Matching(id=iid, type="matching", pairs=pairs[:10], **COMMON)
    texts = draw(_distinct_texts(2, 10))
    return Ordering(id=iid, type="ordering", steps=[{"text": t, "feedback": "fb"} for t in texts], **COMMON)


def responses(item):
    """Responses (authored numbering) to try: the right one and some wrong ones."""
    if isinstance(item, SingleChoice):
        return st.integers(1, len(item.options))
    if isinstance(item, MultipleSelect):
        return st.lists(st.integers(1, len(item.options)), min_size=1, unique=True)
    if isinstance(item, TrueFalse):
        return st.booleans()
    if isinstance(item, Numeric):
        return st.floats(60, 80)
    if isinstance(item, Matching):
        matches = [p.match for p in item.pairs]
        return st.permutations(matches) | st.just(matches)
    return st.permutations(list(range(1, len(item.steps) + 1))) | st.just(list(range(1, len(item.steps) + 1)))


def _shown_texts(item, layout):
    """What a student sees, in displayed order, and which of it is correct."""
    if isinstance(item, (SingleChoice, MultipleSelect)):
        shown = layout.options.arrange(o.text for o in item.options)
        right = layout.to_displayed(item.answer)
        return shown, right
    if isinstance(item, Matching):
        prompts = layout.prompts.arrange(p.prompt for p in item.pairs)
        right = layout.to_displayed(authored_answer(item))
        return list(zip(prompts, right, strict=True)), None
    if isinstance(item, Ordering):
        return layout.steps.arrange(s.text for s in item.steps), layout.to_displayed(authored_answer(item))
    return None, layout.to_displayed(item.answer)


def _layouts(item, seed):
    return {"book": book_layout(item), "drawn": drawn_layout(item, random.Random(f"{seed}:{item.id}"))}


@settings(max_examples=300, deadline=None)
@given(items(), seeds)
def test_a_layout_never_changes_which_answer_is_correct(item, seed):
    for name, layout in _layouts(item, seed).items():
        for perm in (layout.options, layout.prompts, layout.steps):
            if perm is not None:
                assert sorted(perm.order) == list(range(1, len(perm) + 1)), name  # a permutation
        assert grade(item, layout.to_authored(layout.to_displayed(authored_answer(item)))).correct, name
        shown, right = _shown_texts(item, layout)
        if isinstance(item, (SingleChoice, MultipleSelect)):
            answers = [item.answer] if isinstance(item, SingleChoice) else item.answer
            right = [right] if isinstance(right, int) else right
            assert {shown[d - 1] for d in right} == {item.options[a - 1].text for a in answers}, name
        if isinstance(item, Matching):
            assert set(shown) == {(p.prompt, p.match) for p in item.pairs}, name
        if isinstance(item, Ordering):
            assert [shown[d - 1] for d in right] == [s.text for s in item.steps], name
    assert _layouts(item, seed) == _layouts(item, seed)  # pure: same seed, same layout


@settings(max_examples=300, deadline=None)
@given(st.data(), items(), seeds)
def test_grading_is_invariant_to_the_order_things_are_shown_in(data, item, seed):
    authored = data.draw(responses(item))
    expected = grade(item, authored)
    for layout in _layouts(item, seed).values():
        displayed = layout.to_displayed(authored)
        back = layout.to_authored(displayed)
        assert (sorted(back) == sorted(authored)) if isinstance(item, MultipleSelect) else back == authored
        got = grade(item, layout.to_authored(displayed))
        assert got.correct == expected.correct
        assert Counter(got.feedback) == Counter(expected.feedback)


@settings(max_examples=300, deadline=None)
@given(items())
def test_ordering_steps_are_never_offered_in_their_correct_order(item):
    if not isinstance(item, Ordering) or len(item.steps) < 2:
        return
    for layout in _layouts(item, "s").values():
        assert layout.steps.order != tuple(range(1, len(item.steps) + 1))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 12), seeds)
def test_a_permutation_restores_what_it_arranges(n, seed):
    perm = Permutation.drawn(n, random.Random(seed))
    values = [f"v{i}" for i in range(n)]
    assert perm.restore(perm.arrange(values)) == values
    assert [perm.authored(perm.displayed(a)) for a in range(1, n + 1)] == list(range(1, n + 1))


def test_the_book_shows_ordering_steps_in_its_layout_valued_by_authored_number():
    from coursekit.static_html import controls_html

    texts = ["first", "second", "third", "fourth"]
    item = Ordering(id="o", type="ordering", steps=[{"text": t, "feedback": "fb"} for t in texts], **COMMON)
    html = controls_html("q", item)
    order = book_layout(item).steps.order
    positions = [html.index(f'<option value="{a}">{texts[a - 1]}</option>') for a in order]
    assert positions == sorted(positions)  # shown in the layout's order, valued by authored number


def test_a_key_written_before_the_one_permutation_model_still_grades():
    """A key from `coursekit assign` before coursekit.permutation: right answers right, others wrong."""
    from pydantic import TypeAdapter

    from coursekit.variants import to_authored, variant_entries

    key = json.loads((FIXTURES / "key-before-one-permutation-model.json").read_text())
    items_by_id = {iid: TypeAdapter(Item).validate_python(e["item"]) for iid, e in key["items"].items()}
    for vid in key["variants"]:
        for entry in variant_entries(key, vid):
            item = items_by_id[entry["item"]]
            assert grade(item, to_authored(entry, entry["correct_displayed"])).correct, entry
            if entry["type"] in ("single_choice", "ordering", "matching"):
                right = entry["correct_displayed"]
                wrong = right % len(entry["options"]) + 1 if isinstance(right, int) else right[::-1]
                assert not grade(item, to_authored(entry, wrong)).correct, entry


@settings(max_examples=100, deadline=None)
@given(st.lists(items(), min_size=1, max_size=6, unique_by=lambda i: i.id), st.text(max_size=10), slugs)
def test_per_student_variants_keep_the_correct_answer(its, seed, student):
    """coursekit.variants (coursekit assign): the displayed correct answer maps back to a correct one."""
    from types import SimpleNamespace

    from coursekit.variants import build_key, make_variant, to_authored, variant_entries

    selected = [SimpleNamespace(item=i, bank=SimpleNamespace(id="bank")) for i in its]
    variant = make_variant(selected, seed, "v1", student)
    assert sorted(vi.authored_number for vi in variant.items) == list(range(1, len(its) + 1))
    key = build_key("a", seed, selected, [variant])
    for entry, vi in zip(variant_entries(key, "v1"), variant.items, strict=True):
        displayed = entry["correct_displayed"]
        if vi.item.type == "matching":
            displayed = list(displayed)
        assert grade(vi.item, to_authored(entry, displayed)).correct, entry
