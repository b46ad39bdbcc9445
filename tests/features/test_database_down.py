"""Issue 15, class 3: the database out of reach mid-run. Every surface (commands, Home buttons, modal submissions,
events) tells the person "mentorbot can't reach its database right now, please try again in a minute", and all
works again once it is back. SQLite: the file is moved away and a directory takes its place (no file can be
opened there); PostgreSQL: the test database stops accepting connections and its sessions are killed."""

import logging
import os
import time
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.slack.blocks import home as home_blocks
from bot.slack.blocks.unavailable import DB_DOWN
from tests.conftest import server_url
from tests.content_helpers import bot_dms
from tests.features.test_profile_goals_home import PROFILE, click, home_of
from tests.pairing_helpers import text_of, wait_ephemeral

USER = "U0DEMOLENA"


@contextmanager
def database_down(stack, url: str):
    name = make_url(url).database
    if url.startswith("sqlite"):
        stack.engine.dispose()
        moved = [(p, p + ".away") for p in (name, name + "-wal", name + "-shm") if os.path.exists(p)]
        for src, dst in moved:
            os.rename(src, dst)
        os.mkdir(name)
        try:
            yield
        finally:
            os.rmdir(name)
            for src, dst in moved:
                os.rename(dst, src)
        return
    admin = create_engine(server_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"), {"n": name})
    try:
        yield
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        admin.dispose()


def _refresh_logs(caplog, words: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "bot.features.findmentor" and words in r.getMessage()]


def test_every_surface_says_the_database_is_out_of_reach_and_recovers(demo_stack, migrated_url, caplog):
    stack = demo_stack
    caplog.set_level(logging.INFO, logger="bot.features.findmentor")
    assert stack.driver.command(USER, "/findmentor", "python").status == 200  # the index is built; its refresher runs
    wait_ephemeral(stack, USER, "Amara Okafor")
    assert stack.driver.app_home_opened(USER).status == 200
    home = home_of(stack, USER, "Edit profile")
    modal = click(stack, USER, home_blocks.EDIT_PROFILE, view=home)

    with database_down(stack, migrated_url):
        submitted = stack.driver.view_submission(USER, modal, PROFILE)
        assert submitted.status == 200 and submitted.slack_errors == []
        assert DB_DOWN in submitted.json()["errors"].values()

        for words in ("/findmentor python", "/mentor journal", "/mentor goals"):
            command, _, rest = words.partition(" ")
            answer = stack.driver.command(USER, command, rest)
            assert answer.status == 200
            if answer.body:  # failed before the ack: the answer is the HTTP body itself
                assert DB_DOWN in answer.json()["text"]
            else:
                wait_ephemeral(stack, USER, DB_DOWN)
            stack.slack.messages[:] = [m for m in stack.slack.messages if DB_DOWN not in text_of(m)]

        notice = click(stack, USER, home_blocks.EDIT_PROFILE, view=stack.slack.home_views[USER])
        assert DB_DOWN in text_of(notice)

        assert stack.driver.app_home_opened(USER).status == 200
        home_of(stack, USER, DB_DOWN)
        assert stack.driver.message_im(USER, "hello?").status == 200
        assert stack.slack.wait_for(lambda: any(DB_DOWN in m["text"] for m in bot_dms(stack, USER)), 10)
        # The index's refresher keeps the index it has and says so once, not once a second.
        assert stack.slack.wait_for(lambda: _refresh_logs(caplog, "failing"), 10)
        time.sleep(1.5)
        assert len(_refresh_logs(caplog, "failing")) == 1

    # Back: the same person, the same surfaces, and everything works.
    assert stack.slack.wait_for(lambda: _refresh_logs(caplog, "recovered"), 10)
    stack.slack.messages[:] = []
    assert stack.driver.command(USER, "/findmentor", "python").status == 200
    wait_ephemeral(stack, USER, "Amara Okafor")
    assert stack.driver.app_home_opened(USER).status == 200
    home = home_of(stack, USER, "Edit profile")
    assert DB_DOWN not in text_of(home)
    modal = click(stack, USER, home_blocks.EDIT_PROFILE, view=home)
    assert stack.driver.view_submission(USER, modal, PROFILE).body == ""
