"""Shared setup for the scheduler benchmarks: a fresh migrated database (a temporary SQLite file, or a new database
on the PostgreSQL server in DATABASE_URL), the local Slack with N people, and a benchmark-only outbox kind."""

import os
import platform
import tempfile
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.outbox.kinds import add_test_kind
from bot.slack.delivery import Outgoing
from storage.db import make_engine, normalize_url, session_scope
from storage.migrate import upgrade
from storage.models import Person

KIND = "bench_echo"
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)  # a Monday, inside working hours in UTC


def _render(deps, session, row):
    return Outgoing(channel=row.recipient_id, text=row.payload["text"])


add_test_kind(KIND, _render)


def machine() -> str:
    cpus = os.cpu_count()
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        pass
    return f"{cpus} cores ({model or platform.processor()}), Python {platform.python_version()}"


@contextmanager
def fresh_database(kind: str):
    """kind 'sqlite' or 'postgres' (needs DATABASE_URL=postgresql://...). Yields a migrated URL."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.db"
            upgrade(url)
            yield url
        return
    admin = os.environ.get("DATABASE_URL", "")
    if not admin.startswith("postgres"):
        raise SystemExit("set DATABASE_URL=postgresql://... for the PostgreSQL run")
    admin = normalize_url(admin)
    name = f"mb_bench_{uuid.uuid4().hex[:10]}"
    admin_engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(admin).set(database=name).render_as_string(hide_password=False)
        upgrade(url)
        yield url
    finally:
        with admin_engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin_engine.dispose()


def add_people(slack, url: str, count: int) -> list[str]:
    """`count` people in the database (and in the local Slack, when given), all in UTC."""
    ids = [f"UB{i:06d}" for i in range(count)]
    for person in ids if slack is not None else ():
        slack.add_user(person, person.lower())
    engine = make_engine(url)
    with session_scope(engine) as s:
        s.add_all([Person(slack_id=p, name=p, tz="UTC") for p in ids])
    engine.dispose()
    return ids


def outbox_rows(people: list[str], total: int, prefix: str) -> list[dict]:
    return [{"kind": KIND, "recipient_id": people[i % len(people)], "due_at": NOW,
             "idempotency_key": f"{prefix}:{i}", "payload": {"text": f"{prefix} message {i}"}} for i in range(total)]
