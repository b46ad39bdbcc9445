"""Pure rules of the pulse, the exit survey and escalation on a pair's own cadence."""

from datetime import UTC, date, datetime, timedelta

from bot.domain.digest import digest_due
from bot.domain.escalation import Open, goals_drifting, next_step, pulse_drifting, sessions_drifting
from bot.domain.insight import Survey, invite_to_mentor, is_low_pulse, parse_survey, pulse_rounds
from bot.domain.report import BY_REQUEST, WHOLE_PROGRAM, match_cohort, split_report_args


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_pulse_rounds_start_the_day_after_the_second_session_then_monthly_until_the_end():
    second = utc(2027, 1, 31, 9, 0)
    rounds = pulse_rounds(second, utc(2027, 5, 1), utc(2027, 1, 1), utc(2027, 12, 31))
    # 1 Feb, then 1 Mar, 1 Apr; 1 May is the agreed end, so no round then.
    assert rounds == [(0, utc(2027, 2, 1, 9)), (1, utc(2027, 3, 1, 9)), (2, utc(2027, 4, 1, 9))]
    assert pulse_rounds(second, None, utc(2027, 3, 2), utc(2027, 4, 1, 9)) == [(2, utc(2027, 4, 1, 9))]
    assert pulse_rounds(second, None, utc(2027, 1, 1), utc(2027, 1, 31)) == []


def test_low_pulse_and_the_invitation_to_mentor():
    assert is_low_pulse(2, "yes") and is_low_pulse(5, "no") and not is_low_pulse(3, "somewhat")
    assert not is_low_pulse(0, "")
    assert invite_to_mentor("mentee", "goals", "yes") and invite_to_mentor("mentee", "time", "yes")
    assert not invite_to_mentor("mentor", "goals", "yes")
    assert not invite_to_mentor("mentee", "fit", "yes") and not invite_to_mentor("mentee", "goals", "no")
    assert parse_survey("4", "partly", "yes") == Survey(4, "partly", "yes")
    assert parse_survey("9", "<script>", "") == Survey()


def test_sessions_drift_on_the_pairs_own_sessions_and_a_held_session_clears_it():
    assert not sessions_drifting([])
    assert not sessions_drifting(["missed"])  # one missed session is life
    assert sessions_drifting(["ok", "missed", "not_met"])  # two agreed sessions in a row not held
    assert sessions_drifting(["missed", "ok", "missed", "missed"][-4:])
    assert sessions_drifting(["not_met", "ok", "missed", "ok", "missed"][-4:]) is False  # half held
    assert sessions_drifting(["missed", "missed", "ok", "missed"])  # fewer than half of the last four
    assert not sessions_drifting(["missed", "missed", "missed", "ok"])  # just met: recovered


def test_goal_and_pulse_signals():
    start = utc(2026, 12, 1)
    assert not goals_drifting(False, None, start, "weekly", start + timedelta(days=100))
    assert not goals_drifting(True, None, start, "weekly", start + timedelta(days=13))
    assert goals_drifting(True, None, start, "weekly", start + timedelta(days=14))
    assert not goals_drifting(True, start + timedelta(days=20), start, "monthly", start + timedelta(days=80))
    assert goals_drifting(True, start + timedelta(days=20), start, "monthly", start + timedelta(days=82))
    assert pulse_drifting(start, None) and not pulse_drifting(None, None)
    assert not pulse_drifting(start, start + timedelta(days=1))  # someone answered "still working?" since


def test_escalation_steps_wait_one_cadence_period_each_and_stop_on_recovery():
    now = utc(2026, 12, 15)
    assert next_step(None, set(), "weekly", now) is None
    assert next_step(None, {"sessions"}, "weekly", now) == "nudge"
    assert next_step(Open(1, now - timedelta(days=6)), {"sessions"}, "weekly", now) is None
    assert next_step(Open(1, now - timedelta(days=7)), {"sessions"}, "weekly", now) == "ask"
    assert next_step(Open(1, now - timedelta(days=7)), {"sessions"}, "biweekly", now) is None
    assert next_step(Open(2, now - timedelta(days=14)), {"pulse"}, "biweekly", now) == "admins"
    assert next_step(Open(3, now - timedelta(days=99)), {"pulse"}, "weekly", now) is None  # admins told once
    assert next_step(Open(2, now), set(), "weekly", now) == "resolve"


def test_digest_is_due_on_the_next_monday_morning_in_the_admins_zone():
    # Wednesday: next Monday 09:00 New York (14:00 UTC in winter).
    assert digest_due("America/New_York", utc(2026, 12, 2, 12)) == (date(2026, 12, 7), utc(2026, 12, 7, 14))
    # Monday before 09:00 local: today's; at or after it: next week's.
    assert digest_due("Asia/Tokyo", utc(2026, 12, 6, 23)) == (date(2026, 12, 7), utc(2026, 12, 7, 0))
    assert digest_due("Asia/Tokyo", utc(2026, 12, 7, 0)) == (date(2026, 12, 14), utc(2026, 12, 14, 0))


def test_a_typed_cohort_is_split_from_the_program_and_named_by_number_or_request():
    assert split_report_args("Guild <A&B> cohort:2") == ("Guild <A&B>", "2")
    assert split_report_args('Guild cohort:"round 2"') == ("Guild", "round 2")
    assert split_report_args("cohort:request") == ("", "request")
    assert split_report_args("  Guild  ") == ("Guild", None) and split_report_args("") == ("", None)
    rounds = [7, 9]  # approved round ids, in approval order
    assert [match_cohort(t, rounds) for t in ("1", "Round 2", "#2", "round  1", "3", "0", "x", "")] == \
        ["7", "9", "9", "7", None, None, None, None]
    assert match_cohort("By request", []) == BY_REQUEST and match_cohort("all", rounds) == WHOLE_PROGRAM
