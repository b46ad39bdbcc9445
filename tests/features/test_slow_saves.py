"""Issue 15, class 2: a slow write used to show an error for a write that succeeded (404 after 3 s, goal saved
anyway), and the person's retry saved it twice. A submission is now answered within Slack's 3 s whatever the
database does ("Saving…", then "Saved" once the write lands), and a retried delivery never writes twice.
The write is held up by a lock the test releases only after Slack has its answer: SQLite, a writer holding the
file; PostgreSQL, a transaction holding the goal table."""

import sqlite3
import threading
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import create_engine, text
from sqlmodel import Session, select

from bot.slack.blocks import goals as goal_blocks
from bot.slack.blocks.saving import SAVED, SAVING
from storage.db import normalize_url
from storage.models import Goal
from tests.features.test_profile_goals_home import NEW, _goal_values, click, new_hire


@contextmanager
def writes_held(url: str):
    """Writes to the goal table wait until the block exits; reads go on (WAL, MVCC)."""
    locked, release = threading.Event(), threading.Event()

    def hold():
        if url.startswith("sqlite"):
            conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
            conn.execute("BEGIN IMMEDIATE")
            locked.set()
            release.wait(30)
            conn.execute("COMMIT")
            conn.close()
            return
        engine = create_engine(normalize_url(url))
        with engine.begin() as conn:
            conn.execute(text("LOCK TABLE goal IN EXCLUSIVE MODE"))
            locked.set()
            release.wait(30)
        engine.dispose()

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    assert locked.wait(10)
    try:
        yield
    finally:
        release.set()
        holder.join(30)


def goals(stack) -> list[Goal]:
    with Session(stack.engine) as s:
        return list(s.exec(select(Goal)).all())


def test_a_slow_save_answers_in_time_and_a_retry_writes_once(stack, clock, migrated_url):
    home = new_hire(stack)
    modal = click(stack, NEW, goal_blocks.ADD_GOAL, view=home)
    values = _goal_values("Lead a project", "Ship v2", clock().date() + timedelta(days=60))
    with writes_held(migrated_url):
        answer = stack.driver.view_submission(NEW, modal, values)
        assert answer.status == 200 and answer.slack_errors == [], answer.slack_errors
        assert answer.json()["response_action"] == "update" and SAVING in str(answer.json()["view"])
        assert goals(stack) == []
    assert stack.slack.wait_for(lambda: SAVED in str(stack.slack.views[modal["id"]]["blocks"]), timeout=30)
    assert [g.title for g in goals(stack)] == ["Lead a project"]

    # Slack (or a proxy) delivers the same submission again: it is acknowledged and nothing more is written.
    again = stack.driver.view_submission(NEW, modal, values)
    assert again.status == 200 and again.slack_errors == []
    assert [g.title for g in goals(stack)] == ["Lead a project"]
