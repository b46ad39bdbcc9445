"""First ack after a Socket Mode refresh, per Bolt adapter, against a settled connection in the same run.

    python bench/socket_mode_refresh.py [--rounds 5] [--grace 2]

For each adapter (ours: Bolt's websocket_client with bot/slack/socket_mode.py's fix; the same as shipped; and
slack_sdk's built-in client) the bot connects to the local Slack's
Socket Mode server (bot/devkit/localslack/socket_mode.py), then, each round:
  1. baseline: an event envelope on the settled connection, sent -> acked;
  2. the server sends `disconnect` (refresh_requested) and at once queues an event envelope; the server delivers it
     on the first connection that says hello after the refresh (the old one is closed after --grace seconds, as
     Slack does some seconds later). Measured: refresh -> new hello (reconnect), and envelope sent -> ack (Slack's
     3 s clock; a first attempt not acked within 3 s is retried, so > 3 s means the first attempt was lost).
Rounds are 1 s apart (Slack refreshes every few hours, not back to back). Prints medians and maxima."""

import argparse
import statistics
import tempfile
import time

from bot.devkit.harness import LocalStack
from storage.migrate import upgrade


def event(stack) -> float:
    r = stack.driver.event({"type": "app_home_opened", "user": "U0BOT", "channel": "D0", "tab": "messages",
                            "event_ts": f"{time.time():.6f}"})
    assert r.status == 200, r
    return r.elapsed


def run(adapter: str, rounds: int, grace: float) -> dict:
    url = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    upgrade(url)
    with LocalStack(url, socket_mode=True, adapter=adapter) as stack:
        sm = stack.slack.socket_mode
        sm.refresh_grace = grace
        stack.driver.timeout = 30  # a client that misses the refresh reconnects on its own 10 s ping monitor
        base, reconnect, first = [], [], []
        time.sleep(1)
        for _ in range(rounds):
            base.append(event(stack))
            before = len(sm.conns)
            t = time.monotonic()
            sm.refresh()
            first.append(event(stack))
            reconnect.append(sm.conns[before].opened - t if len(sm.conns) > before else float("nan"))
            time.sleep(1)
    return {"baseline": base, "reconnect": reconnect, "first_ack": first}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--grace", type=float, default=2.0)
    args = p.parse_args()
    print(f"{args.rounds} refreshes each; old connection closed {args.grace:.1f} s after the refresh")
    print("| adapter | baseline ack (median) | reconnect (median / max) | first ack after refresh (median / max) | ratio |")
    print("| --- | --- | --- | --- | --- |")
    for adapter in ("websocket_client", "websocket_client_as_shipped", "builtin"):
        r = run(adapter, args.rounds, args.grace)
        b = statistics.median(r["baseline"]) * 1000
        f = statistics.median(r["first_ack"]) * 1000
        print(f"| {adapter} | {b:.1f} ms | {statistics.median(r['reconnect']) * 1000:.0f} ms / {max(r['reconnect']) * 1000:.0f} ms | "
              f"{f:.1f} ms / {max(r['first_ack']) * 1000:.1f} ms | {f / b:.1f}x |")


if __name__ == "__main__":
    main()
