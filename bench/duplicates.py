"""Duplicates and losses from the scheduler (issue 15, class 4), measured with real processes and real kills.

Kills: ROUNDS times, rows for 4 people are queued, Slack is made slow *after* taking each post (so a kill lands
with posts accepted but unanswered), `mentorbot tick` runs as a real process and is killed with SIGKILL once a few
posts are out; a second tick after the lease has expired finishes the work. Ambiguous 5xx: Slack takes 9 posts and
answers each with 502, the next ticks retry. Counted: messages delivered twice, rows never delivered.

    python bench/duplicates.py [ROUNDS]      (default 5; SQLite, or DATABASE_URL=postgresql://... for a server)
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from bot.devkit.harness import LocalStack
from bot.outbox.drain import LEASE
from bot.outbox.tick import tick
from storage.db import normalize_url, session_scope
from storage.migrate import upgrade
from storage.models import ScheduledMessage
from storage.outbox import enqueue_many
from tests.scheduler_kinds import rows

ROOT = Path(__file__).resolve().parents[1]
ENTRY = "import sys, tests.scheduler_kinds; from bot.cli import main; sys.exit(main(sys.argv[1:]))"
T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def fresh_url(tmp: str) -> tuple[str, callable]:
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        return f"sqlite:///{tmp}/{uuid.uuid4().hex}.db", lambda: None
    admin = create_engine(normalize_url(server), isolation_level="AUTOCOMMIT")
    name = f"mb_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    return make_url(normalize_url(server)).set(database=name).render_as_string(hide_password=False), drop


def delivered(stack) -> Counter:
    return Counter(m["text"] for m in stack.slack.messages if m["via"] == "api")


def tally(stack, items) -> tuple[int, int]:
    got = delivered(stack)
    return sum(n - 1 for n in got.values()), len({i["payload"]["text"] for i in items} - set(got))


def tick_process(stack, url: str, now: datetime) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL", "LOG_LEVEL"))}
    env.update(SLACK_BOT_TOKEN=stack.slack.bot_token, SLACK_SIGNING_SECRET="s", SLACK_API_URL=stack.slack.url,
               DATABASE_URL=url, LOG_LEVEL="ERROR")
    return subprocess.Popen([sys.executable, "-c", ENTRY, "--env-file", "/nonexistent", "tick", "--now",
                             now.isoformat()], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def kill_round(tmp: str, n: int) -> tuple[int, int, int]:
    url, drop = fresh_url(tmp)
    try:
        upgrade(url)
        with LocalStack(url) as stack:
            people = [f"UK{n}P{i}" for i in range(4)]
            for p in people:
                stack.slack.add_user(p, p.lower())
            items = rows(people, 4, T0, prefix=f"k{n}")
            with session_scope(stack.engine) as s:
                enqueue_many(s, items)
            stack.slack.inject("chat.postMessage", delay=0.4, times=16, after=True)
            worker = tick_process(stack, url, T0)
            stack.slack.wait_for(lambda: len(delivered(stack)) >= 3 + n % 3, timeout=60)
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(30)
            time.sleep(0.5)  # let the killed worker's accepted posts be recorded by Slack
            # Posts Slack took for rows the dead worker never marked sent: each was sent again before issue 15.
            with Session(stack.engine) as s:
                held = set(s.exec(select(ScheduledMessage.idempotency_key)
                                  .where(ScheduledMessage.status == "sending")).all())
            posted = {((m.get("metadata") or {}).get("event_payload") or {}).get("key") for m in stack.slack.messages}
            unanswered = len(held & posted)
            later = tick_process(stack, url, T0 + LEASE + timedelta(minutes=1))
            later.wait(120)
            duplicates, lost = tally(stack, items)
            return duplicates, lost, unanswered, len(stack.slack.calls_to("conversations.history"))
    finally:
        drop()


def ambiguous_round(tmp: str) -> tuple[int, int, int]:
    url, drop = fresh_url(tmp)
    try:
        upgrade(url)
        with LocalStack(url) as stack:
            people = ["UA0", "UA1", "UA2"]
            for p in people:
                stack.slack.add_user(p, p.lower())
            items = rows(people, 3, T0, prefix="a")
            with session_scope(stack.engine) as s:
                enqueue_many(s, items)
            stack.slack.inject("chat.postMessage", status=502, times=9, after=True)
            now = T0
            for _ in range(12):
                tick(stack.deps, stack.app.client, now)
                now += timedelta(minutes=5)
            duplicates, lost = tally(stack, items)
            return duplicates, lost, sum(1 for c in stack.slack.calls_to("chat.postMessage") if c.injected)
    finally:
        drop()


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    db = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    with tempfile.TemporaryDirectory() as tmp:
        start = time.monotonic()
        kills = [kill_round(tmp, n) for n in range(rounds)]
        amb = ambiguous_round(tmp)
    print(f"{db}: {rounds} kill -9 rounds (16 rows each): posts accepted but unanswered at the kill "
          f"{[k[2] for k in kills]}, duplicates {[k[0] for k in kills]}, lost {[k[1] for k in kills]}, "
          f"history look-ups {[k[3] for k in kills]}")
    print(f"{db}: ambiguous 5xx: {amb[2]} posts accepted then answered 502 -> duplicates {amb[0]}, lost {amb[1]}")
    print(f"({time.monotonic() - start:.0f} s)")


if __name__ == "__main__":
    main()
