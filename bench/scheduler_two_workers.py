"""Benchmark (PostgreSQL): two worker processes draining 20k rows together vs one worker draining 20k alone.

Each worker is its own process with its own engine and Slack client, running the production drain (claims with
FOR UPDATE SKIP LOCKED, leases, one transaction per row). The local Slack runs in a third process. Checks:
every row sent, Slack received every text exactly once (0 duplicates, 0 lost). Reports the speed-up.

    DATABASE_URL=postgresql://... python bench/scheduler_two_workers.py [--rows 20000] [--people 2000] [--latency S]
"""

import argparse
import multiprocessing as mp
import time
from collections import Counter

import scheduler_common as common
from scheduler_drain import slack_process
from sqlalchemy import func, select

from bot.config import Settings
from bot.features.deps import Deps
from bot.outbox.drain import drain
from bot.slack.client import make_client
from storage.db import make_engine, session_scope
from storage.models import ScheduledMessage
from storage.outbox import enqueue_many


def worker(url: str, slack_url: str, token: str, go, results) -> None:
    settings = Settings(bot_token=token, signing_secret="s", app_token=None, database_url=url, api_url=slack_url,
                        port=0, log_level="WARNING")
    engine = make_engine(url)
    deps = Deps(engine=engine, settings=settings, clock=lambda: common.NOW)
    client = make_client(settings)
    go.wait()
    report = drain(deps, client, common.NOW)
    results.put((report.sent, report.skipped, time.perf_counter()))
    engine.dispose()


def run_workers(ctx, n: int, url: str, slack_url: str, token: str) -> tuple[float, list[int]]:
    go, results = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=worker, args=(url, slack_url, token, go, results)) for _ in range(n)]
    for p in procs:
        p.start()
    time.sleep(3)  # let them import and connect before the clock starts
    start = time.perf_counter()
    go.set()
    done = [results.get(timeout=600) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    return max(end for _, _, end in done) - start, [sent for sent, _, _ in done]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds the local Slack waits before answering")
    args = parser.parse_args()
    ctx = mp.get_context("spawn")
    people = [f"UB{i:06d}" for i in range(args.people)]
    here, there = mp.Pipe()
    server = ctx.Process(target=slack_process, args=(there, people, args.latency), daemon=True)
    server.start()
    slack_url, token, _ = here.recv()
    with common.fresh_database("postgres") as url:
        common.add_people(None, url, args.people)
        engine = make_engine(url)
        timings = {}
        for n in (1, 2):
            with session_scope(engine) as s:
                enqueue_many(s, common.outbox_rows(people, args.rows, f"w{n}"))
            timings[n] = run_workers(ctx, n, url, slack_url, token)
        with session_scope(engine) as s:
            unsent = s.execute(select(func.count()).select_from(ScheduledMessage)
                               .where(ScheduledMessage.status != "sent")).scalar()
        engine.dispose()
    here.send("count")
    texts, _ = here.recv()
    here.send("stop")
    server.join(timeout=10)

    print(f"machine: {common.machine()}; database: postgres; local Slack in its own process"
          + (f", answering after {args.latency * 1000:.0f} ms" if args.latency else ""))
    for n, (elapsed, sent) in timings.items():
        got = Counter({t: c for t, c in texts.items() if t.startswith(f"w{n} ")})
        duplicates = sum(c - 1 for c in got.values())
        lost = args.rows - len(got)
        print(f"{n} worker(s): {args.rows} rows in {elapsed:.1f} s -> {args.rows / elapsed:.0f} msg/s; "
              f"sent per worker {sent}; duplicates {duplicates}, lost {lost}")
    print(f"rows not 'sent' at the end: {unsent}")
    print(f"speed-up of two workers over one: {timings[1][0] / timings[2][0]:.2f}x")


if __name__ == "__main__":
    main()
