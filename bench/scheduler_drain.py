"""Benchmark: drain 10k due outbox rows into the local Slack vs a raw slack_sdk loop posting the same messages.

The local Slack runs in its own process (as Slack is not inside the bot). Both sides post the same 10k texts to
the same people's DMs on that server. The baseline is the least any sender must do: chat.postMessage, one after
the other, with a plain WebClient, to DM channels it already knows (opened before the clock starts). The drain
does everything production does: claim under a lease, check working hours, render, chat.postMessage, and one
transaction per row recording its ts. Three drains of 10k rows run one after the other on the same database:
the first ever (no DM channel kept yet: conversations.open once per person, each channel stored), then the steady
state (every channel kept: no conversations.open) with its default concurrency (4 posts in flight) and
sequentially (concurrency=1). The baseline runs before and after the drains; the ratios use its mean. Delivery is
checked: every row sent, Slack received each text; conversations.open calls are counted per drain.

    python bench/scheduler_drain.py [--rows 10000] [--people 2000] [--db sqlite|postgres] [--latency 0.02]

--latency makes the local Slack answer like a real one (Slack's round trips are tens to hundreds of ms); use
fewer rows with it (e.g. --rows 1000 --people 200), since the sequential baseline waits for every answer.
"""

import argparse
import multiprocessing as mp
import time
from collections import Counter

import scheduler_common as common
from slack_sdk import WebClient

from bot.config import Settings
from bot.devkit.localslack import LocalSlack
from bot.features.deps import Deps
from bot.outbox.drain import CONCURRENCY, drain
from bot.slack.client import make_client
from storage.db import make_engine, session_scope
from storage.outbox import enqueue_many


def slack_process(conn, people: list[str], latency: float) -> None:
    slack = LocalSlack()
    for person in people:
        slack.add_user(person, person.lower())
    if latency:  # every Web API call answers after `latency` seconds, like a real network round trip
        slack.inject("*", delay=latency, times=10**9)
    slack.start()
    conn.send((slack.url, slack.bot_token, {p: slack.dm_channel(p) for p in people}))
    while conn.recv() == "count":
        conn.send((Counter(m["text"] for m in slack.messages), len(slack.calls_to("conversations.open"))))
    slack.stop()


def count_on_slack(conn) -> tuple[Counter, int]:
    """(texts Slack received, conversations.open calls so far)."""
    conn.send("count")
    return conn.recv()


def raw_loop(url: str, token: str, items: list[dict], dms: dict[str, str]) -> float:
    client = WebClient(token=token, base_url=url)
    start = time.perf_counter()
    for item in items:
        client.chat_postMessage(channel=dms[item["recipient_id"]], text=item["payload"]["text"])
    return time.perf_counter() - start


def timed_drain(url: str, slack_url: str, token: str, people: list[str], rows: int, prefix: str,
                concurrency: int) -> tuple[float, int]:
    engine = make_engine(url)
    with session_scope(engine) as s:
        enqueue_many(s, common.outbox_rows(people, rows, prefix))
    settings = Settings(bot_token=token, signing_secret="s", app_token=None, database_url=url, api_url=slack_url,
                        port=0, log_level="WARNING")
    deps = Deps(engine=engine, settings=settings, clock=lambda: common.NOW)
    start = time.perf_counter()
    report = drain(deps, make_client(settings), common.NOW, concurrency=concurrency)
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed, report.sent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds the local Slack waits before answering")
    args = parser.parse_args()

    people = [f"UB{i:06d}" for i in range(args.people)]
    here, there = mp.Pipe()
    server = mp.get_context("spawn").Process(target=slack_process, args=(there, people, args.latency), daemon=True)
    server.start()
    slack_url, token, dms = here.recv()
    with common.fresh_database(args.db) as url:
        common.add_people(None, url, args.people)
        items = common.outbox_rows(people, args.rows, "raw")
        base_1 = raw_loop(slack_url, token, items, dms)
        runs = {}  # name -> (seconds, rows sent, conversations.open calls)
        for name, concurrency in (("first", CONCURRENCY), ("kept", CONCURRENCY), ("kept-seq", 1)):
            opens_before = count_on_slack(here)[1]
            elapsed, sent = timed_drain(url, slack_url, token, people, args.rows, name, concurrency)
            runs[name] = (elapsed, sent, count_on_slack(here)[1] - opens_before)
        base_2 = raw_loop(slack_url, token, items, dms)
    texts, _ = count_on_slack(here)
    here.send("stop")
    server.join(timeout=10)

    for name, (_, sent, _) in runs.items():
        got = [n for t, n in texts.items() if t.startswith(f"{name} ")]
        assert sent == args.rows and len(got) == args.rows and set(got) == {1}, (name, sent, len(got))
    base = (base_1 + base_2) / 2
    print(f"machine: {common.machine()}; database: {args.db}; local Slack in its own process"
          + (f", answering after {args.latency * 1000:.0f} ms" if args.latency else ""))
    print(f"{args.rows} messages to {args.people} people")
    print(f"raw slack_sdk loop:   {base_1:.1f} s and {base_2:.1f} s -> {args.rows / base:.0f} msg/s")
    labels = {"first": f"first drain (no DM kept), concurrency {CONCURRENCY}",
              "kept": f"drain, DMs kept, concurrency {CONCURRENCY}", "kept-seq": "drain, DMs kept, concurrency 1"}
    for name, (elapsed, _, opens) in runs.items():
        print(f"{labels[name]}: {elapsed:.1f} s -> {args.rows / elapsed:.0f} msg/s, {base / elapsed:.2f}x the raw loop;"
              f" conversations.open calls: {opens}")
    print("every row delivered exactly once")


if __name__ == "__main__":
    main()
