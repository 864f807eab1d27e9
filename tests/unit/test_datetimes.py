"""Publication times as typed or pasted: every form read whole, impossible ones refused with the
numbers that are wrong (editor.text.datetimes)."""

from __future__ import annotations

import datetime as dt

import pytest

from editor.domain.model import DEFAULT_TZ
from editor.text.datetimes import Refusal, TimeRefusal, format_moment, parse_moment


def at(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=DEFAULT_TZ)


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2020-10-10", at(2020, 10, 10, 0, 0)),
        ("2020-10-10 14:30", at(2020, 10, 10, 14, 30)),
        ("2020-10-10 14:30:05", at(2020, 10, 10, 14, 30, 5)),
        ("2020年10月10日", at(2020, 10, 10)),
        ("2020年10月10日 14:30", at(2020, 10, 10, 14, 30)),
        ("2020年10月10日14时30分", at(2020, 10, 10, 14, 30)),
        ("2020年10月10日 14点30分05秒", at(2020, 10, 10, 14, 30, 5)),
        ("2020年10月10日 14点", at(2020, 10, 10, 14, 0)),
        ("2020/10/10", at(2020, 10, 10)),
        ("2020/1/5 9:05", at(2020, 1, 5, 9, 5)),
        ("2020.10.10", at(2020, 10, 10)),
        ("20201010", at(2020, 10, 10)),
        ("2020-10-10T14:30", at(2020, 10, 10, 14, 30)),
    ],
)
def test_every_written_form_is_read_whole(text: str, moment: dt.datetime) -> None:
    assert parse_moment(text) == moment


def test_the_year_typed_is_the_year_read() -> None:
    # the old field kept the current year when a whole date was typed over it
    got = parse_moment("2020-10-10")
    assert isinstance(got, dt.datetime)
    assert got.year == 2020


def test_full_width_digits_and_punctuation_are_read() -> None:
    assert parse_moment("２０２０－１０－１０") == at(2020, 10, 10)
    assert parse_moment("２０２０－１０－１０　１４：３０") == at(2020, 10, 10, 14, 30)
    assert parse_moment("２０２０年１０月１０日") == at(2020, 10, 10)


def test_pasted_text_with_spaces_and_a_label_is_read() -> None:
    assert parse_moment("  2020-10-10 14:30 \n") == at(2020, 10, 10, 14, 30)
    assert parse_moment("\t2020 - 10 - 10   14 : 30\u3000") == at(2020, 10, 10, 14, 30)
    assert parse_moment("发布时间：2020-10-10 09:30") == at(2020, 10, 10, 9, 30)
    assert parse_moment("发布时间: 2020年10月10日") == at(2020, 10, 10)


def test_an_offset_is_converted_to_beijing_time() -> None:
    assert parse_moment("2020-10-10T06:30:00Z") == at(2020, 10, 10, 14, 30)
    assert parse_moment("2020-10-10T14:30:00+08:00") == at(2020, 10, 10, 14, 30)
    got = parse_moment("2020-10-10 00:30 -02:00")
    assert got == at(2020, 10, 10, 10, 30)
    assert isinstance(got, dt.datetime)
    assert got.tzinfo == DEFAULT_TZ


def test_a_month_that_does_not_exist_is_refused_with_it() -> None:
    got = parse_moment("2020-13-45")
    assert isinstance(got, TimeRefusal)
    assert (got.reason, got.month) == (Refusal.MONTH, 13)
    assert parse_moment("2020-00-10") == TimeRefusal(
        Refusal.MONTH, text="2020-00-10", year=2020, month=0, day=10
    )


def test_a_day_the_month_has_not_is_refused_with_it() -> None:
    got = parse_moment("2020-02-30")
    assert isinstance(got, TimeRefusal)
    assert (got.reason, got.year, got.month, got.day) == (Refusal.DAY, 2020, 2, 30)
    assert parse_moment("2020-02-29") == at(2020, 2, 29)  # a leap year
    leap = parse_moment("2021-02-29")
    assert isinstance(leap, TimeRefusal)
    assert (leap.reason, leap.year, leap.day) == (Refusal.DAY, 2021, 29)
    april = parse_moment("2020年4月31日")
    assert isinstance(april, TimeRefusal)
    assert (april.reason, april.month, april.day) == (Refusal.DAY, 4, 31)


def test_a_time_of_day_that_does_not_exist_is_refused_with_it() -> None:
    got = parse_moment("2020-10-10 24:61")
    assert isinstance(got, TimeRefusal)
    assert (got.reason, got.hour, got.minute) == (Refusal.TIME, 24, 61)
    late = parse_moment("2020-10-10 23:59:60")
    assert isinstance(late, TimeRefusal)
    assert (late.reason, late.second) == (Refusal.TIME, 60)


def test_a_year_out_of_range_is_refused() -> None:
    got = parse_moment("0202-10-10")
    assert isinstance(got, TimeRefusal)
    assert (got.reason, got.year) == (Refusal.YEAR, 202)


@pytest.mark.parametrize(
    "text",
    ["hello", "2020-10", "10-10", "2020-10-10 14", "2020-10-10 14:", "2020-10-1014:30", "明天"],
)
def test_what_is_not_a_date_is_refused_as_unreadable_not_guessed(text: str) -> None:
    got = parse_moment(text)
    assert isinstance(got, TimeRefusal)
    assert got.reason is Refusal.UNREADABLE
    assert got.text == " ".join(text.split())


def test_nothing_typed_is_refused_as_empty() -> None:
    assert parse_moment("   ") == TimeRefusal(Refusal.EMPTY)


def test_the_shown_form_reads_back_as_the_same_time() -> None:
    for moment in (at(2020, 10, 10, 14, 30), at(2020, 10, 10, 14, 30, 5)):
        assert parse_moment(format_moment(moment)) == moment
    assert format_moment(at(2021, 3, 4, 8, 15)) == "2021-03-04 08:15"
    utc = dt.datetime(2021, 3, 4, 0, 15, tzinfo=dt.UTC)
    assert format_moment(utc) == "2021-03-04 08:15"
