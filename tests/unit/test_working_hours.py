from datetime import UTC, date, datetime

from bot.domain.working_hours import at_local, is_working_time, next_delivery_time


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_inside_working_hours_is_now():
    # Tuesday 2026-12-01 10:00 in Berlin = 09:00 UTC
    assert next_delivery_time("Europe/Berlin", utc(2026, 12, 1, 9, 0)) == utc(2026, 12, 1, 9, 0)


def test_early_morning_waits_for_nine_local():
    # 02:00 UTC is 07:30 in Kolkata: wait until 09:00 IST = 03:30 UTC
    assert next_delivery_time("Asia/Kolkata", utc(2026, 12, 1, 2, 0)) == utc(2026, 12, 1, 3, 30)


def test_evening_and_weekend_roll_to_next_working_day():
    # Friday 2026-12-04 18:00 in Los Angeles -> Monday 09:00 PST = 17:00 UTC
    friday_evening = at_local("America/Los_Angeles", date(2026, 12, 4), datetime(2026, 1, 1, 18).time())
    assert next_delivery_time("America/Los_Angeles", friday_evening) == utc(2026, 12, 7, 17, 0)


def test_daylight_saving_moves_the_utc_instant_not_the_local_hour():
    # Europe/Berlin leaves summer time on Sunday 2026-10-25.
    before = next_delivery_time("Europe/Berlin", utc(2026, 10, 23, 5, 0))  # Friday
    after = next_delivery_time("Europe/Berlin", utc(2026, 10, 24, 5, 0))  # Saturday -> Monday
    assert before == utc(2026, 10, 23, 7, 0)  # 09:00 CEST
    assert after == utc(2026, 10, 26, 8, 0)  # 09:00 CET
    # US springs forward on 2026-03-08: 09:00 in Los Angeles is 17:00 UTC before, 16:00 UTC after.
    assert next_delivery_time("America/Los_Angeles", utc(2026, 3, 6, 12, 0)) == utc(2026, 3, 6, 17, 0)
    assert next_delivery_time("America/Los_Angeles", utc(2026, 3, 9, 12, 0)) == utc(2026, 3, 9, 16, 0)


def test_pause_defers_until_the_date():
    assert next_delivery_time("Europe/Berlin", utc(2026, 12, 1, 9, 0), paused_until=date(2026, 12, 15)) \
        == utc(2026, 12, 15, 8, 0)
    assert not is_working_time("Europe/Berlin", utc(2026, 12, 5, 10, 0))  # Saturday
