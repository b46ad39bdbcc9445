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
    Mentorship,
    Profile,
    Program,
    ProgramAdmin,
    ProgramMember,
    PulseAnswer,
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
