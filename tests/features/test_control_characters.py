"""Issue 15, class 6: input that crashed or corrupted. NUL and other control characters in any modal input, slash
command or CSV field are refused with a field error (newlines and tabs stay fine in multi-line fields); a
3,000-character time zone is a field error, not a 500 from ZoneInfo. One rule (bot.domain.plain_text) everywhere.
Runs on SQLite and on PostgreSQL, which refuses NUL in text outright."""

from datetime import timedelta

from sqlmodel import Session, select

from bot.cli import main
from bot.domain.plain_text import CONTROL_ERROR
from bot.slack.blocks import home as home_blocks
from storage.models import Goal, Person, Profile
from tests.content_helpers import bot_dms
from tests.features.test_checkins import _pair_with_prompts, checkins
from tests.features.test_import_profiles import GOOD, HEADER, write
from tests.features.test_profile_goals_home import (
    NEW,
    PROFILE,
    _add_goal,
    _goal_values,
    click,
    home_of,
    new_hire,
)

LONG_ZONE = "Europe/" + "x" * 3000


def test_profile_and_goal_modals_refuse_control_characters(stack, clock):
    home = new_hire(stack)
    modal = click(stack, NEW, home_blocks.EDIT_PROFILE, view=home)
    forged_topic = {"value": {"type": "multi_static_select", "selected_options": [
        {"text": {"type": "plain_text", "text": "Python", "emoji": True}, "value": "Py\x00thon"}]}}
    bad = {**PROFILE, "title": {"value": "Back\x00end"}, "career_path": {"value": "a\x1bb"},
           "aspiration": {"value": "two\nlines"}, "topics": forged_topic, "timezone": {"value": LONG_ZONE}}
    answer = stack.driver.view_submission(NEW, modal, bad)
    assert answer.status == 200 and answer.slack_errors == []
    errors = answer.json()["errors"]
    assert {k: errors[k] for k in ("title", "career_path", "aspiration", "topics")} == dict.fromkeys(
        ("title", "career_path", "aspiration", "topics"), CONTROL_ERROR)

    # Control characters gone, the long zone is a field error of its own.
    answer = stack.driver.view_submission(NEW, modal, {**PROFILE, "timezone": {"value": LONG_ZONE}})
    assert answer.status == 200 and set(answer.json()["errors"]) == {"timezone"}
    with Session(stack.engine) as s:
        assert s.get(Profile, NEW) is None

    # A multi-line field keeps its newlines and tabs.
    bio = "Line one\n\tindented line two\r\nthree"
    assert stack.driver.view_submission(NEW, modal, {**PROFILE, "bio": {"value": bio}}).body == ""
    home = home_of(stack, NEW, "*Profile*")
    with Session(stack.engine) as s:
        assert s.get(Profile, NEW).bio == bio

    goal, answer = _add_goal(stack, NEW, home, _goal_values("Ship\x00it", "x\x7f", clock().date() + timedelta(days=9)))
    assert answer.json()["errors"] == {"title": CONTROL_ERROR, "target": CONTROL_ERROR}
    with Session(stack.engine) as s:
        assert s.exec(select(Goal)).all() == []


def test_commands_with_control_characters_get_a_clear_answer(demo_stack):
    for command, text in [("/findmentor", "py\x00thon"), ("/mentor", "pause until 2026-12-15\x00"),
                          ("/mentor", "end\x08")]:
        answer = demo_stack.driver.command("U0DEMOLENA", command, text)
        assert answer.status == 200 and answer.json() == {
            "response_type": "ephemeral", "text": "Your command holds control characters (such as NUL) that I "
                                                  "can't take. Type it again without them."}


def test_a_dm_reply_is_kept_without_control_characters(stack, clock):
    _, _, prompt = _pair_with_prompts(stack, clock)
    assert stack.driver.message_im("UMENTEE", "We met\x00 and\tplanned\n\x1b[31mnext", thread_ts=prompt["ts"]) \
        .status == 200
    assert stack.slack.wait_for(lambda: [m for m in bot_dms(stack, "UMENTEE") if m.get("thread_ts")], timeout=10)
    assert [c.note for c in checkins(stack)] == ["We met and\tplanned\n[31mnext"]


def test_the_csv_uses_the_same_rule(tmp_path, engine, migrated_url, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", migrated_url)
    bad_title = GOOD[1].replace("Engineer", "Engi\x00neer")
    long_zone = GOOD[1].replace("U002", "U003").replace(",0,,English", f",0,{LONG_ZONE},English")
    multi_line_bio = GOOD[1].replace("U002", "U004") + '"two\nlines\tok"'
    path = write(tmp_path, HEADER, GOOD[0], bad_title, long_zone, multi_line_bio)
    assert main(["--env-file", "/nonexistent", "import-profiles", str(path)]) == 1
    err = capsys.readouterr().err
    assert "line 3: title contains control characters" in err and "line 4: timezone" in err
    assert "line 5" not in err and "line 6" not in err and len(err) < 1000  # the long zone is not echoed whole
    with Session(engine) as s:
        assert s.exec(select(Person)).all() == []
    assert main(["--env-file", "/nonexistent", "import-profiles", str(path), "--skip-invalid"]) == 0
    with Session(engine) as s:
        assert sorted(p.slack_id for p in s.exec(select(Person)).all()) == ["U001", "U004"]
        assert s.get(Profile, "U004").bio == "two\nlines\tok"
