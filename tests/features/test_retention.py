"""Retention, applied by the worker's sweep (a real tick: sweeps then drain, at injected instants): people
deactivated in Slack are erased after ERASE_AFTER_DEACTIVATION_DAYS; the check-in notes of mentorships that ended
more than NOTES_RETENTION_DAYS ago are blanked while their answers keep counting. Both are off by default."""

import dataclasses
import json
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from bot.config import ConfigError, load_settings
from bot.outbox.tick import tick
from storage.models import CheckIn, Mentorship, Person
from tests.content_helpers import bot_dms
from tests.features.privacy_helpers import AMARA_NOTE, LENA_WORDS, MENTEE, MENTOR, seed
from tests.processes.test_cli_config import run_cli

OK = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}


def with_settings(stack, **privacy) -> None:
    stack.deps.settings = dataclasses.replace(stack.deps.settings, **privacy)


def test_deactivated_people_are_erased_after_the_grace_period(stack, clock):
    seed(stack)
    tick(stack.deps, stack.app.client, clock.now + timedelta(days=400))  # off by default: nobody is erased
    user = json.loads(json.dumps(stack.slack.users[MENTEE]))
    user["deleted"] = True
    assert stack.driver.event({"type": "user_change", "user": user, "event_ts": "1.0"}).status == 200
    def inactive() -> bool:
        with Session(stack.engine) as s:
            return not s.get(Person, MENTEE).active
    assert stack.slack.wait_for(inactive, 10)
    with_settings(stack, erase_after_deactivation_days=30)

    tick(stack.deps, stack.app.client, clock.now + timedelta(days=29))
    with Session(stack.engine) as s:
        assert s.get(Person, MENTEE) is not None  # still within the grace period
    later = clock.now + timedelta(days=31)  # a Friday, 09:00 UTC
    tick(stack.deps, stack.app.client, later)
    with Session(stack.engine) as s:
        assert s.get(Person, MENTEE) is None
        (m,) = s.exec(select(Mentorship)).all()
        assert m.status == "ended" and m.mentee_id.startswith("erased-")
        assert s.exec(select(CheckIn.note).where(CheckIn.author_id == m.mentee_id)).all() == [""]
    assert any("has ended" in msg["text"] for msg in bot_dms(stack, MENTOR))
    # Slack still lists them as deactivated: the directory does not bring their name and email back.
    assert stack.driver.event({"type": "user_change", "user": user, "event_ts": "2.0"}).status == 200
    assert stack.driver.event({"type": "app_home_opened", "user": MENTOR, "tab": "home"}).status == 200
    assert stack.slack.wait_for(lambda: MENTOR in stack.slack.home_views, 10)
    with Session(stack.engine) as s:
        assert s.get(Person, MENTEE) is None and s.exec(select(Person).where(Person.name == "Lena Novak")).all() == []


def test_notes_of_long_ended_mentorships_are_blanked_and_still_counted(stack, clock):
    ids = seed(stack)
    with Session(stack.engine) as s:
        m = s.get(Mentorship, ids["mentorship"])
        m.status, m.ended_at = "ended", clock.now
        s.add(m)
        s.commit()
    tick(stack.deps, stack.app.client, clock.now + timedelta(days=400))  # off by default
    with_settings(stack, notes_retention_days=90)
    tick(stack.deps, stack.app.client, clock.now + timedelta(days=89))

    def notes():
        with Session(stack.engine) as s:
            return sorted((c.outcome, c.note) for c in s.exec(select(CheckIn)).all())
    assert notes() == sorted([("met", AMARA_NOTE), ("met", LENA_WORDS["checkin"])])
    tick(stack.deps, stack.app.client, clock.now + timedelta(days=91))
    assert notes() == [("met", ""), ("met", "")]  # the answers still count; the words are gone


@pytest.mark.parametrize("variable", ["ERASE_AFTER_DEACTIVATION_DAYS", "NOTES_RETENTION_DAYS"])
def test_retention_settings_are_validated(variable):
    assert getattr(load_settings({**OK}), variable.lower()) is None  # off by default
    assert getattr(load_settings({**OK, variable: "30"}), variable.lower()) == 30
    for bad in ("0", "-1", "thirty", "1.5"):
        with pytest.raises(ConfigError) as info:
            load_settings({**OK, variable: bad})
        assert info.value.variable == variable


def test_a_bad_retention_setting_stops_the_bot_with_one_line(tmp_path):
    result = run_cli("run", env={**OK, "NOTES_RETENTION_DAYS": "soon"}, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "mentorbot: config error: NOTES_RETENTION_DAYS — expected a whole number of days from 1 to 36500 "
        "(or leave it unset: off)"]
