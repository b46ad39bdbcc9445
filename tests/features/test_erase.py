"""/mentor erase and `mentorbot erase` end to end: the modal says what goes and what stays; afterwards nothing the
person typed is left in any table, nor in the SQLite file's bytes (WAL included), counts in reports stay, the
pair's own notes survive, the other person is told the mentorship ended (not why), the audit log says when."""

import json
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from bot.cli import main
from bot.outbox.tick import tick
from bot.slack.blocks import privacy as blocks
from storage.models import AuditEntry, CheckIn, IntroRequest, Mentorship, ScheduledMessage
from storage.privacy import counts
from tests.conftest import on_postgres
from tests.content_helpers import bot_dms
from tests.features.privacy_helpers import (
    ADMIN,
    AMARA_NOTE,
    EMAIL,
    LENA_WORDS,
    MENTEE,
    MENTOR,
    OTHER_MENTOR,
    seed,
)
from tests.pairing_helpers import text_of, wait_ephemeral, wait_modal

GONE = [*LENA_WORDS.values(), EMAIL, "Lena Novak", MENTEE]


def every_value(engine) -> str:
    """Every row of every table, as text: what a database dump would show."""
    with engine.connect() as conn:
        return json.dumps([[list(map(str, row)) for row in conn.execute(text(f'SELECT * FROM "{table}"'))]
                           for table in inspect(conn).get_table_names()], ensure_ascii=False)


def file_bytes(engine) -> bytes:
    path = Path(make_url(str(engine.url)).database)
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def report(stack) -> str:
    before = len(stack.slack.ephemerals_to(ADMIN))
    assert stack.driver.command(ADMIN, "/mentor", "report").status == 200
    assert stack.slack.wait_for(lambda: len(stack.slack.ephemerals_to(ADMIN)) > before, 10)
    return stack.slack.ephemerals_to(ADMIN)[-1]["text"] + json.dumps(stack.slack.ephemerals_to(ADMIN)[-1]["blocks"])


def test_erase_from_slack_leaves_nothing_the_person_typed(stack, clock):
    ids = seed(stack)
    if not on_postgres():
        assert all(w.encode() in file_bytes(stack.engine) for w in LENA_WORDS.values())  # the check can fail
    report_before = report(stack)
    assert stack.driver.app_home_opened(MENTEE).status == 200
    assert stack.slack.wait_for(lambda: LENA_WORDS["goal"] in json.dumps(stack.slack.home_views.get(MENTEE)), 10)
    with Session(stack.engine) as s:
        counts_before = counts(s)

    assert stack.driver.command(MENTEE, "/mentor", "erase").status == 200
    view = wait_modal(stack, MENTEE, blocks.ERASE_CALLBACK)
    shown = json.dumps(view["blocks"])
    assert "What goes" in shown and "What stays" in shown and "cannot be undone" in shown
    wrong = stack.driver.view_submission(MENTEE, view, {blocks.CONFIRM_BLOCK: {"value": "erase"}})
    assert blocks.CONFIRM_BLOCK in json.loads(wrong.body)["errors"]
    assert LENA_WORDS["bio"] in every_value(stack.engine)  # a wrong word erases nothing
    done = stack.driver.view_submission(MENTEE, view, {blocks.CONFIRM_BLOCK: {"value": "ERASE"}})
    assert done.status == 200 and done.body == ""
    assert stack.slack.wait_for(lambda: any("has been erased" in m["text"] for m in bot_dms(stack, MENTEE)), 10)

    assert stack.slack.wait_for(lambda: MENTOR in stack.slack.home_views, 10)  # Amara's Home republished
    assert "Lena" not in json.dumps(stack.slack.home_views[MENTOR])
    assert stack.slack.wait_for(  # hers starts afresh
        lambda: LENA_WORDS["goal"] not in json.dumps(stack.slack.home_views[MENTEE]), 10)
    dump = every_value(stack.engine)
    assert [w for w in GONE if w in dump] == []
    assert AMARA_NOTE in dump  # the pair's own notes remain theirs
    if not on_postgres():
        raw = file_bytes(stack.engine)
        assert [w for w in GONE if w.encode() in raw] == []
        assert AMARA_NOTE.encode() in raw
    with Session(stack.engine) as s:
        assert counts(s) == counts_before
        m = s.get(Mentorship, ids["mentorship"])
        assert m.status == "ended" and m.mentor_id == MENTOR and m.mentee_id.startswith("erased-")
        assert s.get(IntroRequest, ids["intro"]).status == "withdrawn"
        assert {(r.kind, r.status) for r in s.exec(select(ScheduledMessage)).all()} == {
            ("intro_reminder", "cancelled"), ("checkin", "cancelled"), ("pair_ended", "pending")}
        assert len(s.exec(select(CheckIn).where(CheckIn.note == "")).all()) == 1
        (entry,) = s.exec(select(AuditEntry).where(AuditEntry.action == "erase")).all()
        assert entry.actor == m.mentee_id and entry.detail == "self"
    # Counts in reports stay true: the rows reports count from are all still there (counts(s) above, the check-in
    # and the mentorship included), and the report still renders for the admin (its figures about fewer than 5
    # people read "fewer than 5", so they are not compared here), naming nobody who was erased.
    assert "Program report" in report_before
    after = report(stack)
    assert "Program report" in after and not [w for w in GONE if w in after]

    assert stack.driver.command(MENTOR, "/mentor", "journal").status == 200  # her notes stay hers
    journal = text_of(wait_ephemeral(stack, MENTOR, "Narwhal"))
    assert "a former member" in journal and "Lena" not in journal

    tick(stack.deps, stack.app.client, clock.now)  # Amara is told the mentorship ended, not why
    told = [m for m in bot_dms(stack, MENTOR) if "has ended" in m["text"]]
    assert len(told) == 1 and "Lena" not in json.dumps(told) and "erase" not in json.dumps(told).lower()
    assert not any("erase" in m["text"] for m in bot_dms(stack, OTHER_MENTOR))


def test_operator_erases_a_mentor_with_a_pending_request(stack, monkeypatch, capsys):
    ids = seed(stack)
    monkeypatch.setenv("DATABASE_URL", str(stack.engine.url.render_as_string(hide_password=False)))
    assert main(["--env-file", "/nonexistent", "erase", "not-an-id"]) == 2
    assert main(["--env-file", "/nonexistent", "erase", "U0NOBODY"]) == 1
    assert main(["--env-file", "/nonexistent", "erase", OTHER_MENTOR]) == 0
    assert "1 intro request(s) withdrawn" in capsys.readouterr().out
    with Session(stack.engine) as s:
        request = s.get(IntroRequest, ids["intro"])
        assert request.status == "withdrawn" and request.mentor_id.startswith("erased-")
        assert request.message == LENA_WORDS["intro"]  # Lena's words are hers: they stay
        assert s.get(Mentorship, ids["mentorship"]).status == "active"
    assert "Hugo Martin" not in every_value(stack.engine)
    assert main(["--env-file", "/nonexistent", "erase", OTHER_MENTOR]) == 1  # already erased
