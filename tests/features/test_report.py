"""The admin report against a constructed history: every figure checked, figures about fewer than 5 people
suppressed, the chart and the CSV in the admin's DM (no private text), the same CSV and summary from
`mentorbot report`, and the supply gap counted from /findmentor without storing who asked."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import inspect
from sqlmodel import select

from bot.cli import main
from bot.devkit.demo.scenario import DEMO_CHANNEL
from bot.domain.report import CSV_COLUMNS, figure, summary_text
from bot.domain.working_hours import is_working_time
from bot.features.report import build
from bot.slack.blocks.report import LABELS
from storage.checkins import add_checkin
from storage.db import session_scope
from storage.models import (
    Escalation,
    ExitSurvey,
    Goal,
    IntroRequest,
    MatchRound,
    Mentorship,
    Profile,
    Program,
    ProgramAdmin,
    ProgramMember,
    PulseAnswer,
    RoundPair,
    SearchTopic,
)
from storage.people import upsert_person
from tests.content_helpers import add_person, add_program, rows, run_until
from tests.pairing_helpers import dms, text_of, wait_ephemeral

ADMIN, OUTSIDER = "UADMIN", "UOUTSIDER"
NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
FIRST = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)  # every pair's first (weekly) session, a Tuesday
MENTORS = [f"UM{i}" for i in range(1, 12)]  # UM1-UM6 paired (2 slots each); UM7-UM11 never asked (1 slot)
MENTEES = [f"UE{i}" for i in range(1, 12)]  # UE1-UE6 paired; UE7-UE11 waiting on UM2


def history(stack) -> int:
    for user in (ADMIN, OUTSIDER, *MENTORS, *MENTEES):
        stack.slack.add_user(user, user.lower(), real_name=user.title(), tz="UTC")
    with session_scope(stack.engine) as s:
        for user in (ADMIN, OUTSIDER, *MENTORS, *MENTEES):
            upsert_person(s, user, name=user.title(), tz="UTC")
        program = Program(name="Guild <A&B>", channel_id=DEMO_CHANNEL)
        s.add(program)
        s.flush()
        s.add(ProgramAdmin(program_id=program.id, person_id=ADMIN))
        full = {"title": "Engineer", "career_path": "IC track", "bio": "Hi"}
        for i, mentor in enumerate(MENTORS, start=1):
            s.add(ProgramMember(program_id=program.id, person_id=mentor))
            s.add(Profile(person_id=mentor, role="mentor", capacity=2 if i <= 6 else 1,
                          expertise=["Python", "Code review"], **full))
        for i, mentee in enumerate(MENTEES, start=1):
            s.add(ProgramMember(program_id=program.id, person_id=mentee))
            if i != 6:  # UE6 never made a profile
                s.add(Profile(person_id=mentee, role="mentee", **full))
        s.flush()
        for i in range(1, 7):  # six pairs set goals; five moved one; one completed it
            s.add(Goal(owner_id=f"UE{i}", title=f"secret goal {i}", progress=50 if i <= 5 else 0,
                       status="done" if i == 1 else "active", created_at=FIRST, updated_at=FIRST))
        for i in range(1, 7):
            mentor, mentee = f"UM{i}", f"UE{i}"
            request = IntroRequest(mentee_id=mentee, mentor_id=mentor, program_id=program.id, status="accepted",
                                   message="secret intro", created_at=FIRST - timedelta(days=4))
            s.add(request)
            s.flush()
            m = Mentorship(mentor_id=mentor, mentee_id=mentee, program_id=program.id, intro_request_id=request.id,
                           status="ended" if i == 6 else "active", cadence="weekly", duration_months=6,
                           started_at=FIRST - timedelta(days=1), first_meeting_at=FIRST,
                           mentor_confirmed=True, mentee_confirmed=True)
            if i == 6:
                m.ended_at, m.end_reason, m.thank_you = datetime(2027, 2, 1, 9, tzinfo=UTC), "goals", "secret thanks"
            s.add(m)
            s.flush()
            for week in range(3):  # three sessions held (the mentee said met, with a note)
                add_checkin(s, mentorship_id=m.id, author_id=mentee, period=(FIRST + timedelta(weeks=week)).date(),
                            outcome="met", note="secret note", source="modal")
            if i == 1:
                add_checkin(s, mentorship_id=m.id, author_id=mentor, period=date(2027, 1, 26), outcome="not_met",
                            source="button")
                s.add(Escalation(mentorship_id=m.id, signals="sessions", step=2, step_at=NOW, started_at=NOW))
                s.add(PulseAnswer(mentorship_id=m.id, person_id=mentor, round=0, rating=2, helping="no",
                                  note="secret pulse"))
            s.add(PulseAnswer(mentorship_id=m.id, person_id=mentee, round=0, rating=3, helping="yes", latest=False))
            s.add(PulseAnswer(mentorship_id=m.id, person_id=mentee, round=1, rating=4, helping="yes"))
            if i == 6:
                s.add(ExitSurvey(mentorship_id=m.id, person_id=mentee, overall=5, goals_achieved="yes", again="yes"))
        for mentee in MENTEES[6:]:  # five mentees waiting ten days on UM2: over-asked
            s.add(IntroRequest(mentee_id=mentee, mentor_id="UM2", program_id=program.id, status="pending",
                               message="secret ask", created_at=NOW - timedelta(days=10)))
        return program.id


def test_report_figures_suppression_chart_csv_and_cli(stack, clock, monkeypatch, tmp_path, migrated_url, capsys):
    program_id = history(stack)
    clock.now = NOW
    for user in MENTEES[:5]:  # /findmentor: rust and compilers asked 5 times, python too (but offered)
        for words in ("rust compilers", "python"):
            assert stack.driver.command(user, "/findmentor", words, channel_id=DEMO_CHANNEL).status == 200
            stack.slack.wait_for(lambda u=user: stack.slack.ephemerals_to(u), timeout=10)
    asked = [("compilers", 5), ("python", 5), ("rust", 5)]
    assert stack.slack.wait_for(lambda: rows_of(stack) == asked, timeout=10), rows_of(stack)
    assert {c["name"] for c in inspect(stack.engine).get_columns("search_topic")} == {"day", "word", "count"}

    assert stack.driver.command(ADMIN, "/mentor", "report").status == 200
    text = text_of(wait_ephemeral(stack, ADMIN, "Program report"))
    for expected in (
        "enrolled 22 → profile complete 21 → goals set 6 → requested or in a round 11 → matched 6 → active 5 → "
        "completed fewer than 5",
        "Pairs that started: 6", "Sessions held: 18 of 44 agreed (41%)",
        "Check-ins answered: 19 (22% of prompts)", "Request to match: 3.0 days (median)",
        "People who set goals 6 · moved one 5 · completed one fewer than 5",
        "Pulse, how it's going (1-5): 4: 6 · 2: fewer than 5", "Pulse, helping with goals: Yes: 6 · No: fewer than 5",
        "Exit survey, overall (1-5): fewer than 5", "Why pairs ended: fewer than 5",
        "Mentors 11 · slots 17 · taken 5 (29%)", "Full fewer than 5 · over-asked fewer than 5 · never asked 5",
        "Mentees waiting for an answer: 5, for 10.0 days (median)",
        "offered by no mentor with room: compilers (5), rust (5)",
        "<@UM1> and <@UE1>: sessions missed or not held", "Guild &lt;A&amp;B&gt;",
    ):
        assert expected in text, expected
    assert "secret" not in text and "python (" not in text

    # The chart and the CSV arrive in the admin's DM.
    assert stack.slack.wait_for(lambda: any(m.get("files") for m in dms_with_files(stack, ADMIN)), timeout=15)
    shared = next(m for m in dms_with_files(stack, ADMIN) if m.get("files"))["files"]
    contents = {f["name"].rsplit(".", 1)[1]: stack.slack.files[f["id"]]["content"] for f in shared}
    assert contents["png"].startswith(b"\x89PNG")
    table = list(csv.reader(io.StringIO(contents["csv"].decode())))
    assert tuple(table[0]) == CSV_COLUMNS and len(table) == 7
    assert table[6][1:] == ["Guild <A&B>", "By request", "2027-01-04", "2027-02-01", "weekly", "3", "4", "ended",
                            "goals"]
    assert {row[6] for row in table[1:6]} == {"3"} and {row[7] for row in table[1:6]} == {"8"}
    assert "secret" not in contents["csv"].decode()

    # Not an admin: no report, no files.
    assert stack.driver.command(OUTSIDER, "/mentor", "report").status == 200
    wait_ephemeral(stack, OUTSIDER, "Only program admins")
    assert not dms_with_files(stack, OUTSIDER)

    # The admin's App Home: their programs, how many pairs need attention, and the report on a click.
    assert stack.driver.app_home_opened(ADMIN).status == 200
    assert stack.slack.wait_for(lambda: "Programs you run" in text_of(stack.slack.home_views.get(ADMIN) or {}), 10)
    home = stack.slack.home_views[ADMIN]
    assert "Guild &lt;A&amp;B&gt;*: 22 members · 5 active pairs · 1 pair needs attention" in text_of(home)
    assert stack.driver.block_action(ADMIN, "admin_report", view=home).status == 200
    assert stack.slack.wait_for(lambda: len(dms_with_files(stack, ADMIN)) == 2, timeout=15)
    assert "Sessions held: 18 of 44 agreed" in text_of([m for m in dms(stack, ADMIN) if "Program report" in
                                                       text_of(m)][-1])
    assert stack.driver.app_home_opened(OUTSIDER).status == 200
    assert stack.slack.wait_for(lambda: stack.slack.home_views.get(OUTSIDER), timeout=10)
    assert "Programs you run" not in text_of(stack.slack.home_views[OUTSIDER])

    # `mentorbot report` prints the same summary and writes the same CSV.
    monkeypatch.setenv("DATABASE_URL", migrated_url)
    out = tmp_path / "pairs.csv"
    capsys.readouterr()
    assert main(["--env-file", "/nonexistent", "report", "--program", "guild <a&b>", "--csv", str(out),
                 "--now", "2027-03-01T12:00:00Z"]) == 0
    printed = capsys.readouterr().out
    assert out.read_bytes() == contents["csv"]
    with session_scope(stack.engine) as s:
        assert summary_text(build(s, s.get(Program, program_id), NOW), LABELS) in printed
    assert "Sessions held: 18 of 44 agreed" in printed and "secret" not in printed
    assert main(["--env-file", "/nonexistent", "report", "--program", "nope"]) == 2
    assert "no program named 'nope'" in capsys.readouterr().err


def test_one_function_suppresses_every_small_figure():
    assert figure(4) == "fewer than 5" and figure(0) == "fewer than 5" and figure(5) == "5"
    assert figure(12.5, 4, "{} days") == "fewer than 5" and figure(12.5, 5, "{} days") == "12.5 days"
    assert figure(None, 9) == "n/a" and figure(1234) == "1,234"


def rows_of(stack):
    with session_scope(stack.engine) as s:
        return sorted(s.exec(select(SearchTopic.word, SearchTopic.count)).all())


def dms_with_files(stack, user):
    return [m for m in stack.slack.messages_in(stack.slack.dm_channel(user)) if m.get("files")]


def test_weekly_digest_once_a_week_monday_morning_in_the_admins_zone(stack, clock):
    add_person(stack, ADMIN, "Ada Admin", "America/New_York")
    add_person(stack, OUTSIDER, "Eve Outsider", "America/New_York")
    add_program(stack, "Guild <A&B>", [ADMIN])
    clock.now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)  # a Wednesday
    run_until(stack, clock, datetime(2026, 12, 22, 0, 0, tzinfo=UTC))
    sent = rows(stack, kind="admin_digest", status="sent")
    assert [r.sent_at.replace(tzinfo=UTC) for r in sent] == [
        datetime(2026, 12, day, 14, 0, tzinfo=UTC) for day in (7, 14, 21)]  # Mondays, 09:00 in New York
    assert all(is_working_time("America/New_York", r.sent_at.replace(tzinfo=UTC)) for r in sent)
    assert {r.recipient_id for r in rows(stack, kind="admin_digest")} == {ADMIN}
    digests = [m for m in dms(stack, ADMIN) if "Weekly digest" in text_of(m)]
    assert len(digests) == 3
    text = text_of(digests[-1])
    assert "Guild &lt;A&amp;B&gt;" in text and "New pairs fewer than 5" in text and "No pair needs attention" in text
    assert not [m for m in dms(stack, OUTSIDER) if "digest" in text_of(m)]


ROUND_MENTEES = [f"UR{i}" for i in range(1, 8)]  # UR1-UR5 paired by round 1; UR6 declined; UR7 left unmatched


def rounds_history(stack, program_id: int) -> tuple[int, int]:
    """On top of history(): round 1, approved, formed five pairs (two sessions held each, the mentee said met);
    UR6 was proposed and declined, UR7 listed unmatched. Round 2 is in preview and places UP1. Returns the ids."""
    for user in (*ROUND_MENTEES, "UP1"):
        stack.slack.add_user(user, user.lower(), real_name=user.title(), tz="UTC")
    with session_scope(stack.engine) as s:
        full = {"title": "Engineer", "career_path": "IC track", "bio": "Hi"}
        for user in (*ROUND_MENTEES, "UP1"):
            upsert_person(s, user, name=user.title(), tz="UTC")
            s.add(ProgramMember(program_id=program_id, person_id=user))
            s.add(Profile(person_id=user, role="mentee", **full))
        first = MatchRound(program_id=program_id, status="approved", created_at=FIRST - timedelta(days=3),
                           approved_at=FIRST - timedelta(days=3))
        second = MatchRound(program_id=program_id, status="preview", created_at=NOW)
        s.add_all([first, second])
        s.flush()
        for i, mentee in enumerate(ROUND_MENTEES[:5]):
            mentor = MENTORS[6 + i]  # UM7-UM11
            m = Mentorship(mentor_id=mentor, mentee_id=mentee, program_id=program_id, status="active",
                           cadence="weekly", duration_months=6, started_at=FIRST - timedelta(days=1),
                           first_meeting_at=FIRST, mentor_confirmed=True, mentee_confirmed=True)
            s.add(m)
            s.flush()
            s.add(RoundPair(round_id=first.id, mentee_id=mentee, mentor_id=mentor, status="accepted",
                            mentorship_id=m.id))
            for week in range(2):
                add_checkin(s, mentorship_id=m.id, author_id=mentee, period=(FIRST + timedelta(weeks=week)).date(),
                            outcome="met", note="secret note", source="button")
        s.add(RoundPair(round_id=first.id, mentee_id="UR6", mentor_id="UM1", status="declined"))
        s.add(RoundPair(round_id=first.id, mentee_id="UR7", status="unmatched", why="no mentor with room"))
        s.add(RoundPair(round_id=second.id, mentee_id="UP1", mentor_id="UM3", status="planned"))
        return first.id, second.id


def report_text(stack, user, args) -> str:
    before = len(stack.slack.ephemerals_to(user))
    assert stack.driver.command(user, "/mentor", args).status == 200
    assert stack.slack.wait_for(lambda: len(stack.slack.ephemerals_to(user)) > before, timeout=10)
    return text_of(stack.slack.ephemerals_to(user)[-1])


def test_report_per_cohort_and_mentees_in_a_round(stack, clock, monkeypatch, tmp_path, migrated_url, capsys):
    program_id = history(stack)
    round_id, preview_id = rounds_history(stack, program_id)
    clock.now = NOW

    # The whole program: mentees placed in a round (published, or proposed in a preview) count as "in a round".
    whole = report_text(stack, ADMIN, "report")
    assert ("enrolled 30 → profile complete 29 → goals set 6 → requested or in a round 18 → matched 11 → "
            "active 10 → completed fewer than 5") in whole
    assert "Sessions held: 28 of 84 agreed (33%)" in whole

    # Round 1's cohort, typed: its seven listed mentees, its five pairs; small figures suppressed as for a program.
    text = report_text(stack, ADMIN, "report guild <a&b> cohort:1")
    for expected in (
        "Program report: Guild <A&B> · Round 1",
        "enrolled 7 → profile complete 7 → goals set fewer than 5 → requested or in a round 6 → matched 5 → "
        "active 5 → completed fewer than 5",
        "Pairs that started: 5", "Sessions held: 10 of 40 agreed (25%)", "Check-ins answered: 10",
        "Request to match: fewer than 5 (median)", "Pulse, how it's going (1-5): no answers yet",
        "*Mentors (whole program)*", "*Waiting (whole program)*", "At-risk pairs*\\nNone right now.",
    ):
        assert expected in text, expected
    assert "secret" not in text

    # The pairs formed by request, picked on the report's cohort picker: the message is replaced in place.
    message = stack.slack.ephemerals_to(ADMIN)[-1]
    picker = next(b["accessory"] for b in message["blocks"] if b.get("accessory", {}).get("action_id")
                  == "report_cohort")
    assert [o["text"]["text"] for o in picker["options"]] == ["Whole program", "Round 1", "By request"]
    assert picker["initial_option"]["text"]["text"] == "Round 1"
    by_request = next(o for o in picker["options"] if o["text"]["text"] == "By request")
    assert stack.driver.block_action(ADMIN, "report_cohort", message=message, selected_option=by_request).status == 200
    assert stack.slack.wait_for(lambda: "· By request" in text_of(message), timeout=10)
    for expected in ("enrolled 11 → profile complete 10 → goals set 6 → requested or in a round 11 → matched 6",
                     "Sessions held: 18 of 44 agreed (41%)", "<@UM1> and <@UE1>: sessions missed or not held"):
        assert expected in text_of(message), expected

    # The CSV of a cohort: only its pairs, with the cohort column.
    assert stack.slack.wait_for(lambda: len(dms_with_files(stack, ADMIN)) == 3, timeout=15)
    shared = dms_with_files(stack, ADMIN)
    csv_of = [next(stack.slack.files[f["id"]]["content"] for f in m["files"] if f["name"].endswith(".csv"))
              for m in shared]
    tables = [list(csv.reader(io.StringIO(c.decode()))) for c in csv_of]
    # The three uploads run after their acks, so they may land in any order: the whole program's, Round 1's and
    # By request's, each with only its pairs.
    assert sorted([row[2] for row in t[1:]] for t in tables) == [
        ["By request"] * 6, ["By request"] * 6 + ["Round 1"] * 5, ["Round 1"] * 5]

    # Picks are attacker-controlled: another program's cohort, a round of no program, someone else's program.
    other = add_program(stack, "Other", [OUTSIDER])
    for user, value in ((ADMIN, f"{other}:request"), (ADMIN, f"{program_id}:{preview_id}"),
                        (ADMIN, f"{program_id}:99999"), (OUTSIDER, f"{program_id}:request"), (ADMIN, "junk")):
        before = len(stack.slack.ephemerals_to(user))
        assert stack.driver.block_action(user, "report_cohort", channel_id=DEMO_CHANNEL, selected_option={
            "text": {"type": "plain_text", "text": "x"}, "value": value}).status == 200
        assert stack.slack.wait_for(lambda u=user, b=before: len(stack.slack.ephemerals_to(u)) > b, timeout=10)
        assert "Only that program's admins" in text_of(stack.slack.ephemerals_to(user)[-1])
    assert len(dms_with_files(stack, ADMIN)) == 3 and not dms_with_files(stack, OUTSIDER)
    assert "has no cohort “7”" in report_text(stack, ADMIN, "report Guild <A&B> cohort:7")
    assert "Only that program's admins" in report_text(stack, OUTSIDER, "report Guild <A&B> cohort:1")

    # The CLI: --cohort, the same figures.
    monkeypatch.setenv("DATABASE_URL", migrated_url)
    capsys.readouterr()
    out = tmp_path / "round.csv"
    assert main(["--env-file", "/nonexistent", "report", "--program", "guild <a&b>", "--cohort", "1", "--csv",
                 str(out), "--now", "2027-03-01T12:00:00Z"]) == 0
    assert "Program report: Guild <A&B> · Round 1" in capsys.readouterr().out
    assert out.read_bytes() == csv_of[1]
    with session_scope(stack.engine) as s:
        assert build(s, s.get(Program, program_id), NOW, cohort=str(round_id)).sessions_held == 10
    assert main(["--env-file", "/nonexistent", "report", "--program", "guild <a&b>", "--cohort", "9"]) == 2
    assert "has no cohort '9'" in capsys.readouterr().err


def test_an_admin_of_thirty_programs_gets_a_line_each_and_picks_one(stack, clock):
    add_person(stack, ADMIN, "Ada Admin", "UTC")
    add_person(stack, OUTSIDER, "Eve Outsider", "UTC")
    ids = [add_program(stack, f"Guild {n:02d} <of> the long-named engineering mentoring circle", [ADMIN])
           for n in range(1, 31)]
    with session_scope(stack.engine) as s:
        for n in range(6):
            upsert_person(s, f"UX{n}", name=f"X{n}", tz="UTC")
            s.add(ProgramMember(program_id=ids[16], person_id=f"UX{n}"))
    clock.now = NOW

    # /mentor report: one line per program and a picker, within Slack's limits (the local Slack rejects more).
    text = report_text(stack, ADMIN, "report")
    message = stack.slack.ephemerals_to(ADMIN)[-1]
    assert "Your programs (30)" in text and len(message["blocks"]) < 50
    assert text.count("the long-named engineering mentoring circle*:") == 30
    assert "Guild 17 &lt;of&gt; the long-named engineering mentoring circle*: 6 members · fewer than 5 active" in text
    picker = next(e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]
                  if e["action_id"] == "report_pick_program")
    assert len(picker["options"]) == 30
    assert stack.driver.block_action(ADMIN, "report_pick_program", message=message,
                                     selected_option=picker["options"][16]).status == 200
    assert stack.slack.wait_for(lambda: "Program report: Guild 17" in text_of(message), timeout=10)
    assert "enrolled 6 →" in text_of(message) and "Your programs" not in text_of(message)
    assert stack.slack.wait_for(lambda: len(dms_with_files(stack, ADMIN)) == 1, timeout=15)

    # The Home: a line per program, the same picker; a pick sends that program's report to the DM.
    assert stack.driver.app_home_opened(ADMIN).status == 200
    assert stack.slack.wait_for(lambda: "Programs you run" in text_of(stack.slack.home_views.get(ADMIN) or {}), 10)
    home = stack.slack.home_views[ADMIN]
    assert text_of(home).count("mentoring circle*:") == 30
    option = next(e for b in home["blocks"] if b["type"] == "actions" for e in b["elements"]
                  if e["action_id"] == "report_pick_program")["options"][2]
    assert stack.driver.block_action(ADMIN, "report_pick_program", view=home, selected_option=option).status == 200
    assert stack.slack.wait_for(lambda: any("Program report: Guild 03" in text_of(m) for m in dms(stack, ADMIN)), 10)
    # The Home's button: the overview, in the DM, for an admin of several.
    assert stack.driver.block_action(ADMIN, "admin_report", view=home).status == 200
    assert stack.slack.wait_for(lambda: any("Your programs (30)" in text_of(m) for m in dms(stack, ADMIN)), 10)

    # A forged pick: another admin's program, or no program at all.
    other = add_program(stack, "Other", [OUTSIDER])
    for value in (str(other), "x"):
        before = len(stack.slack.ephemerals_to(ADMIN))
        assert stack.driver.block_action(ADMIN, "report_pick_program", channel_id=DEMO_CHANNEL, selected_option={
            "text": {"type": "plain_text", "text": "x"}, "value": value}).status == 200
        assert stack.slack.wait_for(lambda b=before: len(stack.slack.ephemerals_to(ADMIN)) > b, timeout=10)
        assert "Only that program's admins" in text_of(stack.slack.ephemerals_to(ADMIN)[-1])
