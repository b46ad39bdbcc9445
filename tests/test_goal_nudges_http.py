"""Goal nudges end to end: stale and due-soon nudges in the owner's DM, their Log progress / Adjust goal
modals (validated, owner only), and no more nudges once a goal is done or archived."""

import json
from datetime import UTC, date, datetime

from sqlmodel import Session, select

from bot.scheduling.tick import run_sweeps, tick
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


def open_modal(stack, user, action_id, message):
    stack.driver.block_action(user, action_id, message=message)
    assert stack.slack.wait_for(lambda: stack.slack.open_views_for(user), timeout=10)
    return stack.slack.open_views_for(user)[-1]


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

    # Someone else's goal: the buttons are refused and nothing opens.
    for action_id in ("nudge_log_progress", "nudge_adjust_goal"):
        stack.driver.block_action("UOTHER", action_id, value=str(stale))
    assert stack.slack.wait_for(lambda: len(stack.slack.ephemerals_to("UOTHER")) == 2, timeout=10)
    assert all("isn't yours" in m["text"] for m in stack.slack.ephemerals_to("UOTHER"))
    assert stack.slack.open_views_for("UOTHER") == []

    # Log progress: a bad percentage is a field error; a good one is saved, echoed escaped, and clocked.
    modal = open_modal(stack, "UOWNER", "nudge_log_progress", by_goal[stale])
    for bad in ("150", "abc"):
        r = stack.driver.view_submission("UOWNER", modal, {"percent": {"percent_input": bad}})
        assert "0 to 100" in r.json()["errors"]["percent"]
    r = stack.driver.view_submission("UOWNER", modal, {"percent": {"percent_input": "40"},
                                                       "note": {"note_input": "Drafted <b>docs</b> & tests"}})
    assert r.status == 200 and not r.slack_errors
    assert stack.slack.wait_for(lambda: "Logged 40%" in bot_dms(stack, "UOWNER")[-1]["text"], timeout=10)
    assert "&lt;b&gt;docs&lt;/b&gt; &amp; tests" in dump(bot_dms(stack, "UOWNER")[-1])
    g = goal(stack, stale)
    assert g.progress == 40 and g.last_progress_at is not None and g.status == "active"
    with Session(stack.engine) as s:
        assert [(u.progress, u.note) for u in s.exec(select(GoalUpdate)).all()] == [(40, "Drafted <b>docs</b> & tests")]

    # Adjust goal: a date in the past is refused; a new date and target are saved.
    modal = open_modal(stack, "UOWNER", "nudge_adjust_goal", by_goal[due])
    past = {"type": "datepicker", "selected_date": "2026-11-30"}
    r = stack.driver.view_submission("UOWNER", modal, {"target_date": {"target_date_input": past}})
    assert "today or a later date" in r.json()["errors"]["target_date"]
    later = {"type": "datepicker", "selected_date": "2026-12-20"}
    r = stack.driver.view_submission("UOWNER", modal, {"target_date": {"target_date_input": later},
                                                       "target": {"target_input": "Score 800+"}})
    assert r.status == 200 and not r.slack_errors
    assert stack.slack.wait_for(lambda: "Updated" in bot_dms(stack, "UOWNER")[-1]["text"], timeout=10)
    assert (goal(stack, due).target_date, goal(stack, due).target) == (date(2026, 12, 20), "Score 800+")

    # 100% marks the goal done. Then the other goal is archived while its next nudge is already queued:
    # the queued nudge is dropped when due, and done goals get no new ones.
    modal = open_modal(stack, "UOWNER", "nudge_log_progress", by_goal[due])
    stack.driver.view_submission("UOWNER", modal, {"percent": {"percent_input": "100"}})
    assert stack.slack.wait_for(lambda: "Goal done" in bot_dms(stack, "UOWNER")[-1]["text"], timeout=10)
    assert goal(stack, due).status == "done"
    sent_before = len(bot_dms(stack, "UOWNER"))
    clock.now = utc(2026, 12, 19, 12, 0)  # Saturday: the sweep queues the stale goal's next nudge for Monday
    run_sweeps(stack.deps, clock.now)
    queued = [r for r in rows(stack, kind="goal_nudge", status="pending")]
    assert [r.payload["goal_id"] for r in queued] == [stale]
    with session_scope(stack.engine) as s:
        s.get(Goal, stale).status = "archived"
    clock.now = utc(2026, 12, 21, 9, 0)
    report = tick(stack.deps, stack.app.client, clock.now)
    assert report.drain.sent == 0 and report.drain.cancelled >= 1
    assert len(bot_dms(stack, "UOWNER")) == sent_before
    assert rows(stack, kind="goal_nudge", status="pending") == []
