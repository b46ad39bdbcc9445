"""How long the hourly check-in sweep takes at company scale, against a naive per-row baseline in the same run.

    python bench/bench_content_sweeps.py [--pairs 5000] [--url sqlite:///...|postgresql://...]

Seeds N active weekly mentorships (2N people), then times:
  1. the first sweep (writes every prompt and meeting reminder for the coming week),
  2. the steady state: the same sweep an hour later, when every row already exists (what runs 24 times a day),
  3. baseline for 2: the same planned rows written one storage.outbox.enqueue() call each (a SELECT per key),
     which is what the sweep would cost without its batched key lookup.
Prints the figures and the ratio baseline/steady."""

import argparse
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config import Settings
from bot.domain.checkin_plan import plan
from bot.features.checkins import sweep_checkins
from bot.features.deps import Deps
from storage import checkins as store
from storage.db import make_engine, session_scope
from storage.migrate import upgrade
from storage.models import Mentorship, Person
from storage.outbox import enqueue

ZONES = ["Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata", "UTC"]


def seed(engine, pairs: int, first: datetime) -> None:
    with session_scope(engine) as s:
        s.add_all(Person(slack_id=f"U{i:08d}", name=f"P{i}", tz=ZONES[i % 4]) for i in range(2 * pairs))
        s.flush()
        s.add_all(Mentorship(mentor_id=f"U{2 * i:08d}", mentee_id=f"U{2 * i + 1:08d}", status="active",
                             cadence="weekly", first_meeting_at=first + timedelta(hours=i % 48))
                  for i in range(pairs))


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=5000)
    parser.add_argument("--url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        engine = make_engine(url)
        now = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
        seed(engine, args.pairs, now - timedelta(days=1))
        deps = Deps(engine=engine, settings=Settings(bot_token="x", signing_secret="x", app_token=None,
                                                     database_url=url, api_url="", port=0, log_level="WARNING"))

        def run_sweep(at):
            with session_scope(engine) as s:
                return sweep_checkins(deps, s, at)

        first, written = timed(lambda: run_sweep(now))
        if url.startswith("postgres"):
            # Autovacuum analyzes a table within about a minute of a large insert; sweeps run hourly. Without
            # statistics the planner seq-scans the outbox for each key batch (see BENCHMARKS.md).
            with engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE scheduled_message")
                conn.commit()
        steady, again = timed(lambda: run_sweep(now + timedelta(hours=1)))

        def naive():
            with session_scope(engine) as s:
                mentorships = store.active_mentorships(s)
                people = store.recipients(s, [p for m in mentorships for p in (m.mentor_id, m.mentee_id)])
                for m in mentorships:
                    for p in plan(m, people, now + timedelta(hours=1)):
                        enqueue(s, kind=p.kind, recipient_id=p.recipient, due_at=p.due_at, idempotency_key=p.key,
                                payload=p.payload, mentorship_id=p.mentorship_id)

        baseline, _ = timed(naive)
        engine.dispose()
    print(f"{args.pairs} pairs on {url.split(':')[0]}: first sweep {first:.2f}s ({written} rows), "
          f"steady-state sweep {steady:.2f}s ({again} new rows), naive per-row baseline {baseline:.2f}s, "
          f"ratio {baseline / steady:.1f}x")


if __name__ == "__main__":
    main()
