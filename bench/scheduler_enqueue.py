"""Benchmark: schedule 100k reminders as outbox rows vs APScheduler's own add_job on the same database.

Ours: storage.outbox.enqueue_many, multi-row INSERT ... ON CONFLICT (idempotency_key) DO NOTHING, 1000 rows a
statement, one transaction. Baseline: APScheduler 3.x with a SQLAlchemyJobStore on the same database (its own
table), a started-but-paused BackgroundScheduler, add_job(func, "date", run_date=..., args=[...]) per reminder,
which is how one would keep one job per reminder. Then ours again with the same keys (every row already
there), which must write nothing.

    python bench/scheduler_enqueue.py [--count 100000] [--db sqlite|postgres]
"""

import argparse
import time
from datetime import timedelta

import scheduler_common as common
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import func, select

from storage.db import make_engine, session_scope
from storage.models import ScheduledMessage
from storage.outbox import enqueue_many


def send_reminder(kind: str, recipient: str, key: str) -> None:  # what an APScheduler job would call
    pass


def reminders(count: int) -> list[dict]:
    return [{"kind": "checkin", "recipient_id": f"UB{i % 5000:06d}", "idempotency_key": f"checkin:{i}:2026-12-08",
             "due_at": common.NOW + timedelta(days=1, seconds=i % 3600), "payload": {"mentorship_id": i}}
            for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    items = reminders(args.count)

    with common.fresh_database(args.db) as url:
        engine = make_engine(url)
        start = time.perf_counter()
        with session_scope(engine) as s:
            written = enqueue_many(s, items)
        ours = time.perf_counter() - start
        start = time.perf_counter()
        with session_scope(engine) as s:
            again = enqueue_many(s, items)
        repeat = time.perf_counter() - start
        with session_scope(engine) as s:
            stored = s.execute(select(func.count()).select_from(ScheduledMessage)).scalar()
        assert (written, again, stored) == (args.count, 0, args.count), (written, again, stored)

        scheduler = BackgroundScheduler(jobstores={"default": SQLAlchemyJobStore(engine=engine)}, timezone="UTC")
        scheduler.start(paused=True)
        start = time.perf_counter()
        for item in items:
            scheduler.add_job(send_reminder, "date", run_date=item["due_at"], id=item["idempotency_key"],
                              args=[item["kind"], item["recipient_id"], item["idempotency_key"]])
        theirs = time.perf_counter() - start
        jobs = len(scheduler.get_jobs())
        scheduler.shutdown(wait=False)
        engine.dispose()
    assert jobs == args.count

    print(f"machine: {common.machine()}; database: {args.db}")
    print(f"enqueue_many:            {args.count} rows in {ours:.1f} s -> {args.count / ours:,.0f} rows/s")
    print(f"enqueue_many, same keys: 0 new rows in {repeat:.1f} s (idempotent)")
    print(f"APScheduler add_job:     {args.count} jobs in {theirs:.1f} s -> {args.count / theirs:,.0f} jobs/s")
    print(f"enqueue_many / add_job: {theirs / ours:.1f}x (target >= 10x)")


if __name__ == "__main__":
    main()
