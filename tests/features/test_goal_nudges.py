"""Goal nudges end to end: stale and due-soon nudges in the owner's DM; their Log progress / Adjust goal buttons
open the goal flow's own modals (owner only, validated, Home republished, a DM answer to progress logged there),
and no more nudges once a goal is done or archived."""

import json
from datetime import UTC, date, datetime

from sqlmodel import Session, select

from bot.outbox.tick import run_sweeps, tick
from bot.slack.blocks import goals as goal_blocks
from bot.slack.blocks.forms import find_option
from storage.db import session_scope
from storage.models import Goal, GoalUpdate
from tests.content_helpers import add_goal, add_person, bot_dms, rows


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def dump(message) -> str:
    return json.dumps(message.get("blocks") or [], ensure_ascii=False) + message.get("text", "")


def goal(stack, goal_id) -> Goal:
    with Session(stack.engine) as s:
        return s.get(Goal, goal_id)


def open_modal(stack, user, action_id, message=None, value=None):
    """Click a nudge's button (or, with no message, forge one with any value); the modal that opens."""
    def top():
        return (stack.slack.open_views_for(user) or [{}])[-1].get("id")
    before = top()
    assert stack.driver.block_action(user, action_id, message=message, value=value).status == 200
    assert stack.slack.wait_for(lambda: top() not in (None, before), timeout=10)
    return stack.slack.open_views_for(user)[-1]


def home_shows(stack, user, text) -> bool:
    return stack.slack.wait_for(lambda: text in dump(stack.slack.home_views.get(user) or {}), timeout=10)


def goal_values(target: str, due: date) -> dict:
    """The goal modal as its owner submits it, with a new target and date."""
    def pick(options, value):
        return {"type": "radio_buttons" if options is goal_blocks.HORIZON_OPTIONS else "static_select",
                "selected_option": find_option(options, value)}
    return {"horizon": {"value": pick(goal_blocks.HORIZON_OPTIONS, "short")}, "title": {"value": "Pass the AWS exam"},
            "target": {"value": target}, "target_date": {"value": {"type": "datepicker", "selected_date": due.isoformat()}},
            "status": {"value": pick(goal_blocks.STATUS_OPTIONS, "active")}}


def test_stale_and_due_soon_nudges_their_modals_and_stopping(stack, clock):
    add_person(stack, "UOWNER", "Olga Owner", "Europe/Berlin")
    add_person(stack, "UOTHER", "Otto Other", "Europe/Berlin")
    stale = add_goal(stack, "UOWNER", "Ship <!here> the API & docs", created_at=utc(2026, 11, 10))
    due = add_goal(stack, "UOWNER", "Pass the AWS exam", created_at=utc(2026, 11, 20),
                   last_progress_at=utc(2026, 11, 30), target_date=date(2026, 12, 5))
    # Neither stale nor due; its owner logs progress elsewhere on 8 December.
    add_goal(stack, "UOWNER", "Read a book", created_at=utc(2026, 11, 25), last_progress_at=utc(2026, 12, 8))

    tick(stack.deps, stack.app.client, clock.now)  # Tue 1 Dec, 10:00 in Berlin
    tick(stack.deps, stack.app.client, clock.now)  # again: nothing new
    nudges = bot_dms(stack, "UOWNER")
    assert len(nudges) == 2
    by_goal = {int(m["blocks"][1]["elements"][0]["value"]): m for m in nudges}
    assert set(by_goal) == {stale, due}
    stale_text, due_text = dump(by_goal[stale]), dump(by_goal[due])
    assert "no progress logged" in stale_text and "21 days" in stale_text
    assert "&lt;!here&gt;" in stale_text and "<!here>" not in stale_text and "&amp;" in stale_text
    assert "due in 4 days" in due_text and "Sat 5 Dec" in due_text
    assert {r.payload["goal_id"] for r in rows(stack, kind="goal_nudge")} == {stale, due}  # not `fresh`

    # The buttons are the goal flow's own, carrying the goal id.
    assert [(e["action_id"], e["value"]) for e in by_goal[stale]["blocks"][1]["elements"]] == \
        [(goal_blocks.LOG_PROGRESS, str(stale)), (goal_blocks.EDIT_GOAL, str(stale))]

    # Someone else's (or a forged) goal id: the "not available" answer, nothing about the goal, nothing written.
    for action_id, value in ((goal_blocks.LOG_PROGRESS, str(stale)), (goal_blocks.EDIT_GOAL, str(stale)),
                             (goal_blocks.LOG_PROGRESS, "1 OR 1=1")):
        seen = open_modal(stack, "UOTHER", action_id, value=value)
        assert seen["callback_id"] == "not_available" and "API" not in dump(seen)

    # Log progress from the DM: the same modal as on the Home. A bad percentage is a field error; a good one is
    # saved and clocked, answered in the DM (escaped), and the Home is republished.
    modal = open_modal(stack, "UOWNER", goal_blocks.LOG_PROGRESS, by_goal[stale])
    assert modal["callback_id"] == goal_blocks.PROGRESS_CALLBACK
    for bad in ("150", "abc"):
        r = stack.driver.view_submission("UOWNER", modal, {"percent": {"value": bad}})
        assert "0 to 100" in r.json()["errors"]["percent"]
    r = stack.driver.view_submission("UOWNER", modal, {"percent": {"value": "40"},
                                                       "note": {"value": "Drafted <b>docs</b> & tests"}})
    assert r.status == 200 and not r.slack_errors
    assert stack.slack.wait_for(lambda: "Logged 40%" in bot_dms(stack, "UOWNER")[-1]["text"], timeout=10)
    assert "&lt;b&gt;docs&lt;/b&gt; &amp; tests" in dump(bot_dms(stack, "UOWNER")[-1])
    assert "<b>" not in bot_dms(stack, "UOWNER")[-1]["text"]
    assert home_shows(stack, "UOWNER", "▓▓▓▓░░░░░░ 40%")
    g = goal(stack, stale)
    assert g.progress == 40 and g.last_progress_at is not None and g.status == "active"
    with Session(stack.engine) as s:
        assert [(u.progress, u.note) for u in s.exec(select(GoalUpdate)).all()] == [(40, "Drafted <b>docs</b> & tests")]

    # Adjust goal: the goal's edit modal. A date in the past is refused; a new date and target are saved.
    modal = open_modal(stack, "UOWNER", goal_blocks.EDIT_GOAL, by_goal[due])
    assert modal["callback_id"] == goal_blocks.GOAL_CALLBACK
    r = stack.driver.view_submission("UOWNER", modal, goal_values("Score 800+", date(2026, 11, 30)))
    assert "in the past" in r.json()["errors"]["target_date"]
    r = stack.driver.view_submission("UOWNER", modal, goal_values("Score 800+", date(2026, 12, 20)))
    assert r.status == 200 and not r.slack_errors
    assert home_shows(stack, "UOWNER", "Score 800+")
    assert (goal(stack, due).target_date, goal(stack, due).target) == (date(2026, 12, 20), "Score 800+")

    # 100% marks the goal done. Then the other goal is archived while its next nudge is already queued:
    # the queued nudge is dropped when due, and done goals get no new ones.
    modal = open_modal(stack, "UOWNER", goal_blocks.LOG_PROGRESS, by_goal[due])
    stack.driver.view_submission("UOWNER", modal, {"percent": {"value": "100"}})
    assert stack.slack.wait_for(lambda: "Goal done" in bot_dms(stack, "UOWNER")[-1]["text"], timeout=10)
    assert goal(stack, due).status == "done"
    sent_before = len(bot_dms(stack, "UOWNER"))
    clock.now = utc(2026, 12, 19, 12, 0)  # Saturday: the sweep queues the stale goal's next nudge for Monday
    run_sweeps(stack.deps, clock.now)
    queued = list(rows(stack, kind="goal_nudge", status="pending"))
    assert [r.payload["goal_id"] for r in queued] == [stale]
    with session_scope(stack.engine) as s:
        s.get(Goal, stale).status = "archived"
    clock.now = utc(2026, 12, 21, 9, 0)
    report = tick(stack.deps, stack.app.client, clock.now)
    assert report.drain.sent == 0 and report.drain.cancelled >= 1
    assert len(bot_dms(stack, "UOWNER")) == sent_before
    assert rows(stack, kind="goal_nudge", status="pending") == []
