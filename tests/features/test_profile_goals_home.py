"""Profiles, goals, the career journal and the App Home, end to end: signed HTTP into the real Bolt app, modals and
Home views through the strict local Slack, rows in a real database (SQLite, or PostgreSQL with DATABASE_URL)."""

import json
from datetime import date, timedelta

from sqlmodel import Session, select

from bot.domain.goals import GoalData
from bot.slack.blocks import goals as goal_blocks
from bot.slack.blocks import home as home_blocks
from bot.slack.blocks.forms import find_option
from bot.slack.blocks.profile import ROLE_OPTIONS
from storage.db import session_scope
from storage.goals import create_goal
from storage.models import Goal, GoalUpdate, IntroRequest, Mentorship, Person, Profile, ScheduledMessage

NEW = "U0NEWHIRE"
OTHER = "U0OTHER"


def text_of(view) -> str:
    return json.dumps(view.get("blocks", []), ensure_ascii=False)


def home_of(stack, user, containing: str, timeout: float = 10) -> dict:
    assert stack.slack.wait_for(lambda: containing in text_of(stack.slack.home_views.get(user) or {}), timeout), \
        f"Home of {user} never showed {containing!r}: {text_of(stack.slack.home_views.get(user) or {})[:2000]}"
    return stack.slack.home_views[user]


def click(stack, user, action_id, *, view=None, value=None):
    before = len(stack.slack.open_views_for(user))
    top = (stack.slack.open_views_for(user) or [None])[-1]
    assert stack.driver.block_action(user, action_id, view=view, value=value).status == 200
    assert stack.slack.wait_for(lambda: len(stack.slack.open_views_for(user)) > before
                                or (stack.slack.open_views_for(user) or [None])[-1] is not top
                                and (stack.slack.open_views_for(user) or [None])[-1] is not None, 10)
    return stack.slack.open_views_for(user)[-1]


def radio_value(options, value):
    return {"value": {"type": "radio_buttons", "selected_option": find_option(options, value)}}


def new_hire(stack):
    stack.slack.add_user(NEW, "noor", real_name="Noor Haddad", tz="Europe/Berlin", title="Engineer")
    stack.slack.add_user(OTHER, "olli", real_name="Olli Mallory", tz="UTC")
    assert stack.driver.app_home_opened(NEW).status == 200
    return home_of(stack, NEW, "three steps")


PROFILE = {
    "role": radio_value(ROLE_OPTIONS, "mentee"),
    "title": {"value": "Backend Engineer"},
    "topics": {"value": {"type": "multi_static_select", "selected_options": [
        {"text": {"type": "plain_text", "text": "Python", "emoji": True}, "value": "Python"}]}},
    "topics_other": {"value": "Rust, 日本語の文章"},
    "years": {"value": "2"},
    "career_path": {"value": "Backend engineer"},
    "aspiration": {"value": "Tech lead in two years"},
    "values": {"value": {"type": "multi_static_select", "selected_options": [
        {"text": {"type": "plain_text", "text": "Craft", "emoji": True}, "value": "craft"}]}},
    "languages": {"value": "English, العربية"},
    "timezone": {"value": "Europe/Berlin"},
    "bio": {"value": "Ich lerne gern 🚀 <!channel> & co"},
}


def test_new_hire_sets_up_a_profile_from_the_home(stack):
    home = new_hire(stack)
    with Session(stack.engine) as s:  # opening the Home put them in the directory (users.info)
        assert s.get(Person, NEW).tz == "Europe/Berlin"
    modal = click(stack, NEW, home_blocks.EDIT_PROFILE, view=home)
    tz_block = next(b for b in modal["blocks"] if b.get("block_id") == "timezone")
    assert tz_block["element"]["initial_value"] == "Europe/Berlin"  # prefilled from Slack
    groups = next(b for b in modal["blocks"] if b.get("block_id") == "topics")["element"]["option_groups"]
    assert len(groups) > 3  # curated, grouped list

    bad = {**PROFILE, "years": {"value": "ten"}, "capacity": {"value": "12"}, "timezone": {"value": "Mars/Base"}}
    answer = stack.driver.view_submission(NEW, modal, bad)
    assert answer.slack_errors == []
    errors = answer.json()["errors"]
    assert errors["years"] == "Years must be a number, e.g. 4."
    assert errors["capacity"].startswith("Capacity must be 0–10")
    assert "timezone" in errors
    assert stack.slack.open_views_for(NEW)  # the modal stays open with its input
    with Session(stack.engine) as s:
        assert s.get(Profile, NEW) is None

    answer = stack.driver.view_submission(NEW, modal, PROFILE)
    assert answer.status == 200 and answer.body == "" and answer.slack_errors == []
    home = home_of(stack, NEW, "*Profile*")
    with Session(stack.engine) as s:
        p = s.get(Profile, NEW)
        assert p.bio == "Ich lerne gern 🚀 <!channel> & co"  # unicode and emoji round-trip
        assert p.expertise == ["Python", "Rust", "日本語の文章"] and p.languages == ["English", "العربية"]
        assert p.timezone == ""  # same as Slack's: not an override
    assert "To add:" in text_of(home) and "a goal or areas to improve" in text_of(home)

    # Editing shows what was saved; an override of the time zone is kept as one.
    modal = click(stack, NEW, home_blocks.EDIT_PROFILE, view=home)
    assert "日本語の文章" in text_of(modal) and "🚀" in text_of(modal)
    stack.driver.view_submission(NEW, modal, {**PROFILE, "timezone": {"value": "Asia/Tokyo"}})
    assert stack.slack.wait_for(lambda: Session(stack.engine).get(Profile, NEW).timezone == "Asia/Tokyo", 5)


def test_mentor_profile_command_opens_the_same_modal(stack):
    new_hire(stack)
    assert stack.driver.command(NEW, "/mentor", "profile").status == 200
    assert stack.slack.wait_for(lambda: stack.slack.open_views_for(NEW), 10)
    assert stack.slack.open_views_for(NEW)[-1]["callback_id"] == "profile_save"


def _add_goal(stack, user, view, values):
    modal = click(stack, user, goal_blocks.ADD_GOAL, view=view)
    return modal, stack.driver.view_submission(user, modal, values)


def _goal_values(title, target, due, horizon="short", status=None):
    extra = {"status": {"value": {"type": "static_select",
                                  "selected_option": find_option(goal_blocks.STATUS_OPTIONS, status)}}} if status else {}
    return {**extra, "horizon": radio_value(goal_blocks.HORIZON_OPTIONS, horizon), "title": {"value": title},
            "target": {"value": target},
            "target_date": {"value": {"type": "datepicker", "selected_date": due.isoformat()}}}


def test_goals_and_progress_update_the_home(stack, clock):
    home = new_hire(stack)
    today = clock().date()
    modal, answer = _add_goal(stack, NEW, home, _goal_values("Lead a project", "   ", today - timedelta(days=1)))
    errors = answer.json()["errors"]
    assert set(errors) == {"target", "target_date"} and "in the past" in errors["target_date"]
    answer = stack.driver.view_submission(NEW, modal, _goal_values("x" * 201, "Ship it", today + timedelta(days=30)))
    assert "at most 200" in answer.json()["errors"]["title"]
    answer = stack.driver.view_submission(
        NEW, modal, _goal_values("Lead a project <@U0OTHER> 🎯", "Ship v2 with 3 people", today + timedelta(days=90)))
    assert answer.body == ""
    home = home_of(stack, NEW, "Lead a project")
    assert "&lt;@U0OTHER&gt; 🎯" in text_of(home) and "<@U0OTHER>" not in text_of(home)  # escaped, emoji intact
    assert "░░░░░░░░░░ 0%" in text_of(home)

    # One click from the goal on the Home.
    modal = click(stack, NEW, goal_blocks.LOG_PROGRESS, view=home,
                  value=str(_goal_ids(stack, NEW)[0]))
    answer = stack.driver.view_submission(NEW, modal, {"percent": {"value": "140"}})
    assert "0 to 100" in answer.json()["errors"]["percent"]
    stack.driver.view_submission(NEW, modal, {"percent": {"value": "40"}, "note": {"value": "Ran the kickoff 🚢"}})
    home = home_of(stack, NEW, "▓▓▓▓░░░░░░ 40%")
    assert "Last entry" in text_of(home) and "Ran the kickoff 🚢" in text_of(home)

    # The Home's "Log progress" quick action: pick the goal, log a milestone.
    modal = click(stack, NEW, home_blocks.LOG_ANY, view=home)
    goal_select = next(b for b in modal["blocks"] if b.get("block_id") == "goal")["element"]
    stack.driver.view_submission(NEW, modal, {
        "goal": {"value": {"type": "static_select", "selected_option": goal_select["options"][0]}},
        "milestone": {"value": "Design review passed"}})
    home_of(stack, NEW, "Design review passed")
    with Session(stack.engine) as s:
        entries = s.exec(select(GoalUpdate).order_by(GoalUpdate.id)).all()
        assert [(e.progress, e.milestone) for e in entries] == [(40, ""), (40, "Design review passed")]


def test_goals_modal_pushes_and_refreshes(stack, clock):
    home = new_hire(stack)
    _add_goal(stack, NEW, home, _goal_values("Speak at a meetup", "One 20-minute talk", clock().date() + timedelta(days=60)))
    home_of(stack, NEW, "Speak at a meetup")
    assert stack.driver.command(NEW, "/mentor", "goals").status == 200
    assert stack.slack.wait_for(lambda: stack.slack.open_views_for(NEW), 10)
    goals_list = stack.slack.open_views_for(NEW)[-1]
    gid = _goal_ids(stack, NEW)[0]
    pushed = click(stack, NEW, goal_blocks.EDIT_GOAL, view=goals_list, value=str(gid))
    assert len(stack.slack.open_views_for(NEW)) == 2  # pushed on top of the list
    values = _goal_values("Speak at two meetups", "Two talks", date(2027, 6, 1), horizon="long", status="active")
    assert stack.driver.view_submission(NEW, pushed, values).body == ""
    assert stack.slack.wait_for(lambda: "Speak at two meetups" in text_of(stack.slack.views[goals_list["id"]]), 10)
    home_of(stack, NEW, "Speak at two meetups")


def _goal_ids(stack, owner):
    with Session(stack.engine) as s:
        return [g.id for g in s.exec(select(Goal).where(Goal.owner_id == owner).order_by(Goal.id)).all()]


def test_another_users_goal_id_is_refused(stack, clock):
    home = new_hire(stack)
    _add_goal(stack, NEW, home, _goal_values("Secret plan", "Private target", clock().date() + timedelta(days=30)))
    home_of(stack, NEW, "Secret plan")
    victim = _goal_ids(stack, NEW)[0]
    assert stack.driver.app_home_opened(OTHER).status == 200
    for action in (goal_blocks.LOG_PROGRESS, goal_blocks.EDIT_GOAL):  # forged button values: no view, any value
        seen = click(stack, OTHER, action, value=str(victim))
        assert seen["callback_id"] == "not_available" and "Secret plan" not in text_of(seen)
    click(stack, OTHER, goal_blocks.LOG_PROGRESS, value="1 OR 1=1")
    assert stack.slack.open_views_for(OTHER)[-1]["callback_id"] == "not_available"

    # A forged private_metadata on a real modal of the attacker's own.
    home_other = home_of(stack, OTHER, "three steps")
    _add_goal(stack, OTHER, home_other, _goal_values("Mine", "My target", clock().date() + timedelta(days=30)))
    own = _goal_ids(stack, OTHER)[0]
    modal = click(stack, OTHER, goal_blocks.LOG_PROGRESS, view=home_of(stack, OTHER, "Mine"), value=str(own))
    forged = {**modal, "private_metadata": json.dumps({"goal_id": victim})}
    answer = stack.driver.view_submission(OTHER, forged, {"percent": {"value": "99"}})
    assert answer.json()["response_action"] == "update" and "Secret plan" not in answer.body
    goals_list = click(stack, OTHER, home_blocks.UPDATE_GOALS, view=home_of(stack, OTHER, "Mine"))
    edit = click(stack, OTHER, goal_blocks.EDIT_GOAL, view=goals_list, value=str(own))
    forged = {**edit, "private_metadata": json.dumps({"goal_id": victim})}
    answer = stack.driver.view_submission(OTHER, forged, _goal_values("Hijacked", "x", clock().date(), status="done"))
    assert answer.json()["response_action"] == "update"
    with Session(stack.engine) as s:
        goal = s.get(Goal, victim)
        assert (goal.title, goal.progress) == ("Secret plan", 0)
        assert s.exec(select(GoalUpdate).where(GoalUpdate.goal_id == victim)).all() == []


def test_home_stays_within_100_blocks_with_40_goals_and_20_mentees(stack, clock):
    stack.slack.add_user(NEW, "noor", real_name="Noor Haddad")
    with session_scope(stack.engine) as s:
        s.add(Person(slack_id=NEW, name="Noor"))
        s.add(Profile(person_id=NEW, role="both", title="Staff", capacity=10, expertise=["Python"]))
        for i in range(40):
            create_goal(s, NEW, GoalData("short", f"Goal {i}", "target", clock().date() + timedelta(days=i + 1),
                                         "active"), clock())
        for i in range(20):
            s.add(Person(slack_id=f"U0MENTEE{i:02d}"))
            s.add(Person(slack_id=f"U0MENTOR{i:02d}"))
        s.flush()
        for i in range(20):
            m = Mentorship(mentor_id=NEW, mentee_id=f"U0MENTEE{i:02d}", status="active")
            s.add(m)
            s.add(Mentorship(mentor_id=f"U0MENTOR{i:02d}", mentee_id=NEW, status="active"))
            s.add(IntroRequest(mentee_id=f"U0MENTEE{i:02d}", mentor_id=NEW))
            s.add(IntroRequest(mentee_id=NEW, mentor_id=f"U0MENTOR{i:02d}"))
        s.flush()
        first = s.exec(select(Mentorship).where(Mentorship.mentee_id == NEW).order_by(Mentorship.id)).first()
        for days in (9, 2):
            s.add(ScheduledMessage(kind="checkin", recipient_id=NEW, due_at=clock() + timedelta(days=days),
                                   idempotency_key=f"checkin:{first.id}:{days}", mentorship_id=first.id))
    assert stack.driver.app_home_opened(NEW).status == 200
    home = home_of(stack, NEW, "See all 40 goals")
    assert len(home["blocks"]) < 100
    text = text_of(home)
    assert "See all 20" in text and "0 slots left" in text
    assert "|Thu 03 Dec 2026, 09:00 UTC>" in text  # the earliest pending check-in, in the reader's zone
    assert "Intro requests" in text and "See all 40" in text
    goals_list = click(stack, NEW, home_blocks.UPDATE_GOALS, view=home)
    assert len(goals_list["blocks"]) <= 100 and "Goal 39" in text_of(goals_list)
    mentees = click(stack, NEW, home_blocks.SEE_MENTEES, view=home)
    assert sum("(your mentee)" in b["text"]["text"] for b in mentees["blocks"]) == 20


def test_find_a_mentor_from_the_home_answers_in_a_dm(demo_stack):
    user = "U0DEMOLENA"
    assert demo_stack.driver.app_home_opened(user).status == 200
    home = home_of(demo_stack, user, "Find a mentor")
    modal = click(demo_stack, user, home_blocks.FIND_MENTOR, view=home)
    assert demo_stack.driver.view_submission(user, modal, {"words": {"value": "python"}}).body == ""
    channel = demo_stack.slack.dm_channel(user)
    assert demo_stack.slack.wait_for(lambda: demo_stack.slack.messages_in(channel), 10)
    assert "Amara Okafor" in text_of(demo_stack.slack.messages_in(channel)[-1])
