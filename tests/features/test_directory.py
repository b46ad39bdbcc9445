"""The people directory stays true: sync-users over users.list (paged, paced, 429-proof), team_join, user_change,
and Slack's retried events applied once. Through the local Slack and a real database."""

import json

from sqlmodel import Session, select

from bot.cli import main
from bot.features.directory import Pacer, sync_users
from bot.features.findmentor import find_mentors
from bot.slack.client import make_client
from storage.db import session_scope
from storage.goals import can_see_goals
from storage.models import Mentorship, Person, ProcessedEvent


def _people(stack):
    with Session(stack.engine) as s:
        return {p.slack_id: p for p in s.exec(select(Person)).all()}


def _workspace(slack):
    for i in range(8):
        slack.add_user(f"U0P{i}", f"p{i}", real_name=f"Person {i} ✨", tz="Europe/Oslo", title=f"Title {i}")
    slack.add_user("U0GONE", "gone", real_name="Gone Person", deleted=True)
    slack.add_user("U0HELPER", "helperbot", is_bot=True)
    # With the app's bot user and Slackbot: 12 members, 3 pages of 4.


def test_sync_users_pages_paces_and_survives_a_429(stack):
    _workspace(stack.slack)
    with Session(stack.engine) as s:  # someone already paired, deactivated in Slack since
        s.add(Person(slack_id="U0GONE", name="Gone"))
        s.add(Person(slack_id="U0P0"))
        s.flush()
        s.add(Mentorship(mentor_id="U0GONE", mentee_id="U0P0", status="active"))
        s.commit()
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        if len(waits) == 1:  # between page 1 and page 2, Slack rate-limits us once
            stack.slack.inject("users.list", status=429, retry_after=1)

    clock = iter(range(0, 1000, 1))  # each page "takes" a second of monotonic time
    report = sync_users(stack.engine, make_client(stack.settings), page_size=4,
                        pacer=Pacer(3.0, sleep=sleep, monotonic=lambda: float(next(clock))))
    calls = stack.slack.calls_to("users.list")
    assert [c.status for c in calls] == [200, 429, 200, 200]
    assert calls[1].args.get("cursor") and calls[1].args.get("cursor") == calls[2].args.get("cursor")
    assert report.pages == 3 and len(waits) == 2 and all(0 < w <= 3.0 for w in waits)  # Tier 2 pace
    assert report.outcomes["skipped"] == 3  # the app's bot, another bot, and Slackbot
    people = _people(stack)
    assert "USLACKBOT" not in people and "U0BOT" not in people and "U0HELPER" not in people
    assert people["U0P3"].name == "Person 3 ✨" and people["U0P3"].tz == "Europe/Oslo"
    assert people["U0GONE"].active is False  # kept, marked inactive
    with Session(stack.engine) as s:
        pair = s.exec(select(Mentorship)).one()
        assert pair.status == "paused" and pair.pause_reason == "deactivated in Slack"


def test_sync_users_command(stack, monkeypatch, capsys, tmp_path):
    _workspace(stack.slack)
    monkeypatch.setenv("SLACK_BOT_TOKEN", stack.slack.bot_token)
    monkeypatch.setenv("SLACK_API_URL", stack.slack.url)
    monkeypatch.setenv("DATABASE_URL", stack.settings.database_url)
    argv = ["--env-file", str(tmp_path / "none.env"), "sync-users", "--page-size", "5", "--pace", "0"]
    assert main(argv) == 0
    # U0GONE, deactivated and never known, is not stored (nor is anyone erased since: storage/directory.py)
    assert "synced 3 page(s) of users.list: 8 new" in capsys.readouterr().out
    assert main(argv) == 0  # rerun: updates, never duplicates
    assert "0 new, 8 updated, 0 deactivated" in capsys.readouterr().out
    assert main([*argv[:-2], "--pace", "-1"]) == 2


def _user_json(stack, user_id):
    return json.loads(json.dumps(stack.slack.users[user_id]))


def test_user_change_deactivation_pauses_and_hides(demo_stack):
    stack = demo_stack
    with Session(stack.engine) as s:
        s.add(Mentorship(mentor_id="U0DEMOAMARA", mentee_id="U0DEMOLENA", status="active"))
        s.commit()
    user = _user_json(stack, "U0DEMOAMARA")
    user["deleted"] = True
    stack.slack.users["U0DEMOAMARA"]["deleted"] = True
    assert stack.driver.event({"type": "user_change", "user": user, "event_ts": "1.0"}).status == 200
    assert stack.slack.wait_for(lambda: "paused: deactivated in Slack" in json.dumps(
        (stack.slack.home_views.get("U0DEMOLENA") or {}).get("blocks", [])), 10)  # Lena's Home republished
    with Session(stack.engine) as s:
        assert s.get(Person, "U0DEMOAMARA").active is False  # nothing deleted
        assert s.exec(select(Mentorship)).one().status == "paused"

    answer = find_mentors(stack.engine, "U0DEMOJONAS", "python", stack.deps.clock())
    assert "Amara" not in json.dumps(answer) and "Hugo Martin" in json.dumps(answer)


def test_retried_directory_events_are_applied_once(stack):
    new = {"id": "U0JOINER", "name": "jo", "real_name": "Jo Joiner", "tz": "Asia/Tokyo", "deleted": False,
           "is_bot": False, "profile": {"real_name": "Jo Joiner", "title": "Designer"}}
    assert stack.driver.event({"type": "team_join", "user": new}, event_id="EvJOIN1").status == 200
    assert stack.slack.wait_for(lambda: "U0JOINER" in _people(stack), 10)
    # A retry carries the same event_id; even a different payload would not be applied again.
    renamed = {**new, "real_name": "Retry", "profile": {"real_name": "Retry", "title": "Designer"}}
    assert stack.driver.event({"type": "team_join", "user": renamed}, event_id="EvJOIN1", retry_num=1).status == 200
    gone = {**new, "deleted": True}
    assert stack.driver.event({"type": "user_change", "user": gone}, event_id="EvCHG1").status == 200
    assert stack.slack.wait_for(lambda: _people(stack)["U0JOINER"].active is False, 10)
    back = {**new, "profile": {"real_name": "Jo Joiner", "title": "Lead Designer"}}
    assert stack.driver.event({"type": "user_change", "user": back}, event_id="EvCHG2").status == 200
    assert stack.slack.wait_for(lambda: _people(stack)["U0JOINER"].title == "Lead Designer", 10)
    assert stack.driver.event({"type": "user_change", "user": gone}, event_id="EvCHG1", retry_num=2).status == 200
    joiner = _people(stack)["U0JOINER"]
    assert (joiner.name, joiner.active, joiner.tz) == ("Jo Joiner", True, "Asia/Tokyo")
    with Session(stack.engine) as s:
        assert {e.event_id for e in s.exec(select(ProcessedEvent)).all()} == {"EvJOIN1", "EvCHG1", "EvCHG2"}


def test_goals_are_visible_to_the_owner_and_active_mentors_only(engine):
    with session_scope(engine) as s:
        for uid in ("U0ME", "U0MENTOR", "U0PAUSED", "U0PEER"):
            s.add(Person(slack_id=uid))
        s.flush()
        s.add(Mentorship(mentor_id="U0MENTOR", mentee_id="U0ME", status="active"))
        s.add(Mentorship(mentor_id="U0PAUSED", mentee_id="U0ME", status="paused"))
        s.add(Mentorship(mentor_id="U0ME", mentee_id="U0PEER", status="active"))  # my mentee is not my mentor
    with session_scope(engine) as s:
        assert can_see_goals(s, "U0ME", "U0ME") and can_see_goals(s, "U0MENTOR", "U0ME")
        assert not can_see_goals(s, "U0PAUSED", "U0ME") and not can_see_goals(s, "U0PEER", "U0ME")
