"""Notices written from the grammar of the genre parse back to the tasks they were written from.

One test per feature of issue 9 (field places, brackets, duty sentences,
group headings, conventions, table flattenings, traditional script, one-line
notices), so a failure names the feature it waits for. Deterministic
(``derandomize``) and moderate in size, for CI.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from taskdoc import parse_text
from tests.taskdoc import grammar_gen as gg
from tests.taskdoc.test_gold import fold

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    # no shrinking: a failing notice is small already, and CI time stays bounded
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow],
)


def _unit_names(units: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fold(u) for u in units)


def check(notice: gg.Notice) -> None:
    """The parse gives exactly the generated tasks: text, number, leaders, units by role."""
    try:
        result = parse_text(notice.text)
    except Exception as error:
        raise AssertionError(f"[{notice.layout}] parse failed: {error}\n{notice.text}") from None
    got = [
        (
            t.number,
            t.text,
            tuple(fold(x) for x in t.leaders),
            _unit_names(tuple(u.name for u in t.lead_units)),
            _unit_names(tuple(u.name for u in t.responsible_units)),
            _unit_names(tuple(u.name for u in t.supporting_units)),
        )
        for t in result.tasks
    ]
    want = [
        (
            t.number,
            t.text,
            tuple(fold(x) for x in t.leaders),
            _unit_names(t.lead),
            _unit_names(t.responsible),
            _unit_names(t.supporting),
        )
        for t in notice.tasks
    ]
    assert got == want, (
        f"[{notice.layout}] parsed tasks differ from the generated ones\n"
        f"want: {want}\ngot:  {got}\n--- notice ---\n{notice.text}"
    )
    for task, gen in zip(result.tasks, notice.tasks, strict=True):
        if gen.group is not None:
            assert any(fold(gen.group) in fold(s) for s in task.section_path), (
                f"[{notice.layout}] section path {task.section_path} misses group {gen.group!r}"
            )


@SETTINGS
@given(gg.paragraph_notice(place_of_fields="line"))
def test_fields_on_their_own_lines(notice: gg.Notice) -> None:
    check(notice)


@SETTINGS
@given(gg.paragraph_notice(place_of_fields="inline"))
def test_fields_inline_after_the_sentence(notice: gg.Notice) -> None:
    check(notice)


@SETTINGS
@given(gg.paragraph_notice(place_of_fields="bracket"))
def test_fields_in_trailing_brackets(notice: gg.Notice) -> None:
    check(notice)


@SETTINGS
@given(gg.paragraph_notice(place_of_fields="sentence"))
def test_duty_sentences(notice: gg.Notice) -> None:
    check(notice)


@SETTINGS
@given(gg.group_notice())
def test_group_headings_with_restarting_numbers(notice: gg.Notice) -> None:
    check(notice)


@SETTINGS
@given(gg.convention_notice())
def test_first_listed_is_lead_convention(notice: gg.Notice) -> None:
    check(notice)


@pytest.mark.parametrize("flattening", ["lines", "pipes", "tabs", "spaces", "together"])
def test_table_flattenings(flattening: str) -> None:
    @SETTINGS
    @given(gg.table_notice(flattening=flattening))
    def run(notice: gg.Notice) -> None:
        check(notice)

    run()


@SETTINGS
@given(st.one_of(gg.paragraph_notice(), gg.group_notice(), gg.convention_notice()))
def test_whole_notice_on_one_line(notice: gg.Notice) -> None:
    check(gg.one_line(notice))


@SETTINGS
@given(st.one_of(gg.paragraph_notice(), gg.group_notice(), gg.convention_notice()))
def test_traditional_characters(notice: gg.Notice) -> None:
    check(gg.in_traditional(notice))


def test_pools_avoid_the_samples_names() -> None:
    """The generator's invented names are none of the gold's leaders or places."""
    from tests.taskdoc.conftest import all_gold_files

    text = "".join(p.read_text(encoding="utf-8") for p in all_gold_files())
    leaders = set(re.findall(r'"leaders": \[([^\]]*)\]', text))
    clash = [p for p in gg.PLACES if p in text] + [
        s for s in leaders if any(name in s for name in ("鲁德明", "韦晓岚"))
    ]
    assert not clash, f"generator pools overlap the samples: {clash}"
