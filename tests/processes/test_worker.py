"""The scheduler as real processes against the local Slack: `mentorbot tick --now` twice at one instant, and a
worker killed (SIGKILL) in the middle of a drain, then restarted after its lease expired."""

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import Session, select

from bot.cli import main
from bot.cli.tick import parse_instant
from bot.outbox.drain import CONCURRENCY, LEASE
from storage.db import session_scope
from storage.models import ScheduledMessage
from storage.outbox import enqueue_many
from tests.scheduler_kinds import rows

ROOT = Path(__file__).resolve().parents[2]
# `mentorbot` itself, with the test-only outbox kind registered (as a feature module would register its own).
ENTRY = "import sys, tests.scheduler_kinds; from bot.cli import main; sys.exit(main(sys.argv[1:]))"
T0 = "2026-12-07T09:00:00Z"  # a Monday, inside working hours in UTC


def _env(stack, url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL", "LOG_LEVEL"))}
    env.update(SLACK_BOT_TOKEN=stack.slack.bot_token, SLACK_SIGNING_SECRET="s", SLACK_API_URL=stack.slack.url,
               DATABASE_URL=url, LOG_LEVEL="WARNING")
    return env


def _tick(stack, url: str, now: str, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", ENTRY, "--env-file", "/nonexistent", "tick", "--now", now],
                            cwd=ROOT, env=_env(stack, url), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def _run(stack, url: str, now: str) -> str:
    proc = _tick(stack, url, now)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    return out


def _texts(stack) -> Counter:
    return Counter(m["text"] for m in stack.slack.messages if m["via"] == "api")


def _setup(stack, people: list[str], per_person: int) -> list[str]:
    for person in people:
        stack.slack.add_user(person, person.lower())
    with session_scope(stack.engine) as s:
        items = rows(people, per_person, _t0())
        enqueue_many(s, items)
    return [i["payload"]["text"] for i in items]


def _t0():
    return parse_instant(T0)


def test_tick_twice_at_the_same_instant_sends_nothing_new(stack, migrated_url):
    texts = _setup(stack, ["UONE", "UTWO"], 2)
    first = _run(stack, migrated_url, T0)
    second = _run(stack, migrated_url, T0)
    assert "4 sent" in first and "0 sent" in second, (first, second)
    assert _texts(stack) == Counter(dict.fromkeys(texts, 1))


def test_a_worker_killed_mid_drain_loses_nothing_and_duplicates_nothing(stack, migrated_url):
    texts = _setup(stack, ["UKIM", "ULEE"], 5)
    # A slow Slack that has already taken each post when the worker is killed: its answers are what is lost.
    stack.slack.inject("chat.postMessage", delay=0.5, times=10, after=True)
    worker = _tick(stack, migrated_url, T0, start_new_session=True)
    try:
        assert stack.slack.wait_for(lambda: len(_texts(stack)) >= 3, timeout=30), worker.stderr
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.communicate(timeout=30)
    assert worker.returncode == -signal.SIGKILL
    with Session(stack.engine) as s:
        states = Counter(r.status for r in s.exec(select(ScheduledMessage)).all())
    assert states["sending"] > 0 and states["pending"] == 0  # the dead worker's claim is still held

    # Before the lease expires nothing is re-sent; after it, another worker takes the rows back and sends them.
    assert "0 sent" in _run(stack, migrated_url, T0)
    later = (_t0() + LEASE + timedelta(minutes=1)).isoformat().replace("+00:00", "Z")
    out = _run(stack, migrated_url, later)
    assert f"{states['sending']} reclaimed" in out, out

    delivered = _texts(stack)
    assert set(delivered) == set(texts)  # every row delivered
    duplicates = sum(n - 1 for n in delivered.values())
    assert duplicates == 0, delivered  # each reclaimed row was looked for in the DM (metadata) before a resend
    assert len(stack.slack.calls_to("conversations.history")) == states["sending"]
    with Session(stack.engine) as s:
        assert {r.status for r in s.exec(select(ScheduledMessage)).all()} == {"sent"}


DRAIN_ONLY = """import os, sys, tests.scheduler_kinds
from datetime import datetime
from bot.slack.client import make_client
from bot.config import load_settings
from bot.features.deps import Deps
from bot.outbox.drain import drain
from storage.db import make_engine
settings = load_settings(dict(os.environ))
now = datetime.fromisoformat(sys.argv[1])
report = drain(Deps(make_engine(settings.database_url), settings, lambda: now), make_client(settings), now)
print(report.sent, report.errors)
"""


def test_a_fresh_process_that_only_drains_sends(stack, migrated_url):
    """A worker whose first database work is the drain itself (no sweep before it) still renders rows."""
    stack.slack.add_user("UFRESH", "fresh")
    with session_scope(stack.engine) as s:
        enqueue_many(s, rows(["UFRESH"], 1, datetime.fromisoformat(T0)))
    done = subprocess.run([sys.executable, "-c", DRAIN_ONLY, T0], cwd=ROOT, env=_env(stack, migrated_url),
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, "1 []"), done.stderr


def _cli(stack, url: str, *args: str, extra_env: dict | None = None, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", ENTRY, "--env-file", "/nonexistent", *args], cwd=ROOT,
                            env={**_env(stack, url), **(extra_env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **popen)


def test_sigterm_mid_drain_finishes_in_flight_releases_the_rest_and_exits_0(stack, migrated_url, tmp_path,
                                                                            monkeypatch, capsys):
    """`mentorbot worker` on SIGTERM: its in-flight posts complete and are marked sent, the rows it had claimed but
    not started are pending again at once (no lease to wait out), exit 0; the next drain sends the rest once.
    The worker logs with LOG_FORMAT=json at INFO: every line is a JSON object and none carries a message's text."""

    channels = ["C0SIGA", "C0SIGB", "C0SIGC", "C0SIGD"]  # channels have no working hours: due now, whatever the day
    for c in channels:
        stack.slack.add_channel(c, c.lower(), is_member=True)
    with session_scope(stack.engine) as s:
        items = rows(channels, 5, datetime.now(UTC) - timedelta(minutes=1), prefix="sig")
        enqueue_many(s, items)
    texts = [i["payload"]["text"] for i in items]
    stack.slack.inject("chat.postMessage", delay=0.5, times=2 * CONCURRENCY)  # slow posts: SIGTERM lands mid-drain
    beats = {"HEARTBEAT_DIR": str(tmp_path)}
    # `mentorbot health` in this process (a subprocess would take seconds to import): the worker's heartbeat file
    monkeypatch.setenv("HEARTBEAT_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", migrated_url)
    worker = _cli(stack, migrated_url, "worker", extra_env={**beats, "LOG_FORMAT": "json", "LOG_LEVEL": "INFO"})
    try:
        assert stack.slack.wait_for(lambda: len(_texts(stack)) >= 3, timeout=30)
        assert main(["--env-file", "/nonexistent", "health"]) == 0, capsys.readouterr()
        worker.send_signal(signal.SIGTERM)
        out, err = worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0, err
    logged = [json.loads(line) for line in err.splitlines()]  # each line parses on its own
    assert {"worker started", "worker stopped"} <= {e["msg"] for e in logged}
    assert any("halted: stopping" in e["msg"] for e in logged), logged
    assert not any(t in err for t in texts) and "sig-" not in err  # no message text
    with Session(stack.engine) as s:
        states = Counter(r.status for r in s.exec(select(ScheduledMessage)).all())
    assert states["sending"] == 0 and states["pending"] > 0, states  # released at once, not held by a lease
    assert states["sent"] == len(_texts(stack))  # every post it made was recorded
    assert main(["--env-file", "/nonexistent", "health"]) == 1 and "not running" in capsys.readouterr().err

    now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    assert f"{states['pending']} sent" in _run(stack, migrated_url, now)
    assert _texts(stack) == Counter(dict.fromkeys(texts, 1))  # none lost, none doubled
