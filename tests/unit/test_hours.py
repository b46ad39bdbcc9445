"""Personal working hours as pure rules: parsing what a profile stores, and the drain's policy across a
daylight-saving change for a Sunday-Thursday week and part-time hours."""

from datetime import UTC, datetime, time

import pytest

from bot.domain.hours import DEFAULT, Hours, hours_of, parse_days, parse_window
from bot.domain.working_hours import is_working_time, next_delivery_time
from bot.outbox.policy import Recipient, decide

SUN_THU = Hours(time(8, 30), time(16, 30), frozenset({6, 0, 1, 2, 3}))
PART_TIME = Hours(time(9, 0), time(13, 0), frozenset({0, 1, 2}))


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(("text", "expected"), [
    ("09:00-17:00", (time(9), time(17))), ("9:00 - 13:30", (time(9), time(13, 30))),
    ("08:30–16:30", (time(8, 30), time(16, 30))),
    ("17:00-09:00", None), ("09:00-09:30", None), ("nine to five", None), ("", None), ("25:00-26:00", None)])
def test_windows(text, expected):
    assert parse_window(text) == expected


def test_days_and_defaults():
    assert parse_days("sun, Mon,tue,wed,THU") == frozenset({6, 0, 1, 2, 3})
    assert parse_days("funday") is None and parse_days("") is None
    assert hours_of("", "") == DEFAULT and hours_of("garbage", "nope") == DEFAULT
    assert hours_of("09:00-13:00", "mon,tue,wed") == PART_TIME


def test_sunday_to_thursday_across_the_end_of_summer_time():
    # Israel leaves summer time on Sunday 25 October 2026 (UTC+3 -> UTC+2).
    tz = "Asia/Jerusalem"
    thursday_evening = utc(2026, 10, 22, 14, 0)  # 17:00 IDT: after hours
    assert next_delivery_time(tz, thursday_evening, hours=SUN_THU) == utc(2026, 10, 25, 6, 30)  # Sun 08:30 IST
    assert not is_working_time(tz, utc(2026, 10, 23, 8, 0), SUN_THU)  # Friday is the weekend
    assert is_working_time(tz, utc(2026, 10, 25, 6, 30), SUN_THU)
    assert is_working_time(tz, utc(2026, 10, 22, 5, 30), SUN_THU)  # Thu 08:30 IDT
    assert not is_working_time(tz, utc(2026, 10, 25, 5, 30), SUN_THU)  # Sun 07:30 IST: an hour early


def test_part_time_across_the_end_of_summer_time_through_the_drain_policy():
    # Berlin leaves summer time on Sunday 25 October 2026 (UTC+2 -> UTC+1).
    part = Recipient("UPART", "Europe/Berlin", hours=PART_TIME)
    wednesday_afternoon = utc(2026, 10, 21, 11, 30)  # 13:30 CEST: after her hours; Thu-Sun off
    decision = decide("UPART", part, wednesday_afternoon)
    assert decision.action == "defer" and decision.due_at == utc(2026, 10, 26, 8, 0)  # Mon 09:00 CET
    assert decide("UPART", part, utc(2026, 10, 26, 8, 0)).action == "send"
    assert decide("UPART", part, utc(2026, 10, 26, 12, 0)).action == "defer"  # 13:00 CET: just after
    default = Recipient("UFULL", "Europe/Berlin")
    assert decide("UFULL", default, utc(2026, 10, 22, 12, 0)).action == "send"  # Thursday 14:00 for the rest


def test_a_pause_ends_at_the_start_of_the_persons_own_day():
    part = Recipient("UPART", "Europe/Berlin", paused_until=datetime(2026, 10, 29).date(), hours=PART_TIME)
    decision = decide("UPART", part, utc(2026, 10, 27, 9, 0))
    assert decision.for_pause and decision.due_at == utc(2026, 11, 2, 8, 0)  # Thu 29 is off: Monday 09:00
