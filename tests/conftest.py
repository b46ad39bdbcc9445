"""Fixtures: a fresh migrated database per test (SQLite file, or a new PostgreSQL database when DATABASE_URL
points at a server), and the whole bot on loopback through the local Slack."""

import os
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.devkit.demo.scenario import seed_workspace
from bot.devkit.harness import LocalStack
from storage.db import make_engine, normalize_url
from storage.migrate import upgrade

SHARED = Path(__file__).resolve().parents[2] / "shared"


def shared_path(*parts: str) -> Path:
    """A file from ../shared, or a clear skip where a fresh clone has none."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared is absent ({path} not found): Slack's spec and samples ship beside the repo in CI")
    return path


def server_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return normalize_url(url) if url.startswith("postgres") else None


def on_postgres() -> bool:
    return server_url() is not None


@pytest.fixture
def database_url(tmp_path):
    admin = server_url()
    if admin is None:
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    name = f"mb_test_{uuid.uuid4().hex[:12]}"
    admin_engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin_engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin_engine.dispose()


@pytest.fixture
def migrated_url(database_url):
    upgrade(database_url)
    return database_url


@pytest.fixture
def engine(migrated_url):
    eng = make_engine(migrated_url)
    yield eng
    eng.dispose()


class Clock:
    """An injectable clock tests can move."""
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now = self.now + timedelta(**delta)


@pytest.fixture
def clock():
    return Clock(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))


@pytest.fixture
def stack(migrated_url, clock):
    with LocalStack(migrated_url, clock=clock) as s:
        yield s


@pytest.fixture
def demo_stack(stack):
    """The stack with the demo workspace (a dozen people with profiles) seeded."""
    stack.names = seed_workspace(stack)
    return stack
