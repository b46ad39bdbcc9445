"""Benchmark: drain 10k due outbox rows into the local Slack vs a raw slack_sdk loop posting the same messages.

Both post the same 10k texts to the same people's DMs on the same local Slack server, one message at a time.
The baseline is the least any sender must do: chat.postMessage with a plain WebClient to DM channels it already
knows (opened before the clock starts). The drain does everything production does: claim under a lease, check
working hours, render, conversations.open once per person per drain, chat.postMessage, and commit each row's ts.
The baseline runs before and after the drain; the ratio uses their mean.

    python bench/scheduler_drain.py [--rows 10000] [--people 2000] [--db sqlite|postgres]
"""

import argparse
import time

import scheduler_common as common
from slack_sdk import WebClient

from bot.app import make_client
from bot.config import Settings
from bot.deps import Deps
from bot.localslack import LocalSlack
from bot.scheduling.drain import drain
from storage.db import make_engine, session_scope
from storage.outbox import enqueue_many


def raw_loop(slack: LocalSlack, items: list[dict], dms: dict[str, str]) -> float:
    client = WebClient(token=slack.bot_token, base_url=slack.url)
    start = time.perf_counter()
    for item in items:
        client.chat_postMessage(channel=dms[item["recipient_id"]], text=item["payload"]["text"])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()

    with LocalSlack() as slack, common.fresh_database(args.db) as url:
        people = common.add_people(slack, url, args.people)
        items = common.outbox_rows(people, args.rows, "drain")
        engine = make_engine(url)
        with session_scope(engine) as s:
            enqueue_many(s, items)
        settings = Settings(bot_token=slack.bot_token, signing_secret="s", app_token=None, database_url=url,
                            api_url=slack.url, port=0, log_level="WARNING")
        deps = Deps(engine=engine, settings=settings, clock=lambda: common.NOW)
        dms = {p: slack.dm_channel(p) for p in people}

        base_1 = raw_loop(slack, items, dms)
        start = time.perf_counter()
        report = drain(deps, make_client(settings), common.NOW, batch=args.batch)
        drained = time.perf_counter() - start
        base_2 = raw_loop(slack, items, dms)

        assert report.sent == args.rows, report
        posted = [m["text"] for m in slack.messages if m["text"].startswith("drain message")]
        assert len(posted) == 3 * args.rows, len(posted)
        opens = len(slack.calls_to("conversations.open"))
        engine.dispose()

    base = (base_1 + base_2) / 2
    print(f"machine: {common.machine()}; database: {args.db}")
    print(f"{args.rows} messages to {args.people} people, drain batch {args.batch}")
    print(f"raw slack_sdk loop: {base_1:.1f} s and {base_2:.1f} s -> {args.rows / base:.0f} msg/s")
    print(f"drain:              {drained:.1f} s -> {args.rows / drained:.0f} msg/s "
          f"({opens} conversations.open, {report.sent} sent)")
    print(f"drain / raw throughput: {base / drained:.2f}x (target >= 0.8x)")


if __name__ == "__main__":
    main()
