"""A rolling upgrade: the next release's expand-only migration runs while this version serves. Running processes
keep answering and draining; a process of this version started afterwards refuses with one clear line."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from bot.bootstrap import engine_checked
from bot.errors import CliError
from bot.outbox.drain import drain
from storage.db import session_scope
from storage.outbox import enqueue_many
from tests.pairing_helpers import wait_ephemeral
from tests.scheduler_kinds import rows


def expand_like_the_next_release(engine) -> None:
    """What an expand migration does: new nullable columns and tables, nothing renamed or dropped."""
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE person ADD COLUMN pronouns VARCHAR(40)"))
        conn.execute(text("ALTER TABLE scheduled_message ADD COLUMN priority INTEGER"))
        conn.execute(text("CREATE TABLE feedback_survey (id INTEGER PRIMARY KEY, person_id VARCHAR(32))"))
        conn.execute(text("UPDATE alembic_version SET version_num = '9001_next_release_expand'"))


def test_running_processes_keep_working_on_an_expanded_schema(demo_stack):
    stack = demo_stack
    expand_like_the_next_release(stack.engine)

    assert stack.driver.command("U0DEMOLENA", "/findmentor", "python").status == 200
    wait_ephemeral(stack, "U0DEMOLENA", "Amara Okafor")
    stack.slack.add_channel("C0ROLLING", "rolling", is_member=True)
    with session_scope(stack.engine) as s:
        enqueue_many(s, rows(["C0ROLLING"], 2, datetime.now(UTC) - timedelta(minutes=1), prefix="r"))
    assert drain(stack.deps, stack.app.client, datetime.now(UTC)).sent == 2

    with pytest.raises(CliError) as refused:
        engine_checked(str(stack.engine.url.render_as_string(hide_password=False)))
    assert "migrated by a newer mentorbot" in str(refused.value)


