"""Property-based: shuffling never changes which answer is correct, and grading is invariant to
the order options, pairs and steps are shown in (coursekit.shuffle, static_html.display_order and
the per-student variants of coursekit.variants)."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.grading import grade
from coursekit.schema import Matching, MultipleSelect, Numeric, Ordering, SingleChoice, TrueFalse
from coursekit.shuffle import shuffled
from coursekit.static_html import display_order

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


def _correct_texts(item):
    if isinstance(item, SingleChoice):
        return {item.options[item.answer - 1].text}
    if isinstance(item, MultipleSelect):
        return {item.options[a - 1].text for a in item.answer}
    if isinstance(item, Matching):
        return {(p.prompt, p.match) for p in item.pairs}
    return item.answer if hasattr(item, "answer") else None


def _grade_shuffled(s, displayed):
    """Grade a displayed-number response: directly for permuted items, via the mapping for ordering."""
    if isinstance(s.item, Ordering):
        return grade(s.item, s.to_authored(displayed))
    return grade(s.item, displayed)


@settings(max_examples=300, deadline=None)
@given(items(), seeds)
def test_shuffling_never_changes_which_answer_is_correct(item, seed):
    s = shuffled(item, seed)
    assert sorted(s.order) == list(range(1, len(s.order) + 1))  # a permutation
    assert type(s.item) is type(item) and s.item.id == item.id
    assert _correct_texts(s.item) == _correct_texts(item)
    assert shuffled(item, seed) == s  # pure: same seed, same result


@settings(max_examples=300, deadline=None)
@given(st.data(), items(), seeds)
def test_grading_is_invariant_to_option_order(data, item, seed):
    s = shuffled(item, seed)
    authored = data.draw(responses(item))
    displayed = s.to_displayed(authored)
    assert s.to_authored(displayed) == authored
    a = grade(item, authored)
    b = _grade_shuffled(s, displayed)
    assert a.correct == b.correct
    assert Counter(a.feedback) == Counter(b.feedback)


@settings(max_examples=200, deadline=None)
@given(items(), seeds)
def test_the_shuffled_correct_answer_grades_correct(item, seed):
    s = shuffled(item, seed)
    right = {
        SingleChoice: lambda i: i.answer,
        MultipleSelect: lambda i: i.answer,
        Matching: lambda i: [p.match for p in i.pairs],
        Ordering: lambda i: list(range(1, len(i.steps) + 1)),
    }.get(type(item), lambda i: i.answer)
    assert _grade_shuffled(s, s.to_displayed(right(item))).correct


@settings(max_examples=300, deadline=None)
@given(slugs, _distinct_texts(1, 10))
def test_display_order_is_a_stable_permutation_that_keeps_answers(item_id, texts):
    order = display_order(item_id, texts)
    assert sorted(order) == list(range(len(texts)))
    assert display_order(item_id, texts) == order
    if len(texts) > 1:
        assert order != list(range(len(texts)))  # never the authored order
    if len(texts) < 2:
        return
    # The static ordering widget shows texts[i] with value i + 1 (its authored number), so the
    # student's ordering is read in authored numbers and grading ignores the display order.
    item = Ordering(
        id=item_id, type="ordering", steps=[{"text": t, "feedback": "fb"} for t in texts], **COMMON
    )
    from coursekit.static_html import _controls

    html = _controls("q", item)
    for i in order:
        assert f'<option value="{i + 1}">' in html
    positions = [html.index(f'<option value="{i + 1}">') for i in order]
    assert positions == sorted(positions)  # shown in display order, valued by authored number
    assert grade(item, list(range(1, len(texts) + 1))).correct


@settings(max_examples=100, deadline=None)
@given(st.lists(items(), min_size=1, max_size=6, unique_by=lambda i: i.id), st.text(max_size=10), slugs)
def test_per_student_variants_keep_the_correct_answer(its, seed, student):
    """coursekit.variants (coursekit assign): the displayed correct answer maps back to a correct one."""
    from types import SimpleNamespace

    from coursekit.variants import build_key, make_variant, to_authored

    selected = [SimpleNamespace(item=i, bank=SimpleNamespace(id="bank")) for i in its]
    variant = make_variant(selected, seed, "v1", student)
    assert sorted(vi.authored_number for vi in variant.items) == list(range(1, len(its) + 1))
    key = build_key("a", seed, selected, [variant])
    for entry, vi in zip(key["variants"]["v1"]["items"], variant.items, strict=True):
        displayed = entry["correct_displayed"]
        if vi.item.type == "matching":
            displayed = list(displayed)
        assert grade(vi.item, to_authored(entry, displayed)).correct, entry
