"""A signed /findmentor over HTTP with N mentors, from the request to the answer posted at the response_url,
against a bare Bolt app that only acks and responds, served the same way (same WSGI server, same local Slack,
same signed driver). Median and p99, and the ratio, per run and over all runs: a p99 from a few hundred samples
moves from run to run on a shared machine, so the spread is reported rather than one number.

    python bench/findmentor_http.py [N] [REQUESTS] [RUNS]   (default: 10000 mentors, 300 requests each, 3 runs)
    DATABASE_URL=postgresql://... python bench/findmentor_http.py    (default: a temporary SQLite file)
"""

import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from storage.db import normalize_url
from storage.migrate import upgrade

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from slack_bolt import App
from sqlalchemy import insert

from bench.synthetic import people, queries
from bot.devkit.harness import SIGNING_SECRET, LocalStack
from bot.devkit.localslack import SlackDriver
from bot.server import make_wsgi_app, serve_in_thread
from bot.slack.client import make_client
from storage.models import Person, Profile

ASKER = "U0ASKER"


def seed(stack: LocalStack, n: int) -> None:
    now = datetime.now(UTC)
    rows = people(n)
    persons = [{"slack_id": p["slack_id"], "name": p["name"], "title": p["title"], "tz": p["tz"], "active": True,
                "created_at": now, "updated_at": now} for p in rows]
    persons.append({"slack_id": ASKER, "name": "Asker", "title": "Engineer", "tz": "Europe/Berlin", "active": True,
                    "created_at": now, "updated_at": now})
    profiles = [{"person_id": p["slack_id"], "role": "mentor", "title": p["title"], "expertise": p["expertise"],
                 "years_experience": p["years"], "career_path": p["career_path"], "career_aspiration": "",
                 "values": p["values"], "capacity": p["capacity"], "offer_cadence": p["cadence"], "offer_format": "",
                 "languages": p["languages"], "timezone": p["tz"], "bio": p["bio"], "strengths": "",
                 "areas_to_improve": "", "updated_at": now} for p in rows]
    profiles.append({**profiles[0], "person_id": ASKER, "role": "mentee", "capacity": 0,
                     "areas_to_improve": "system design and public speaking"})
    with stack.engine.begin() as conn:
        for i in range(0, len(persons), 2000):
            conn.execute(insert(Person), persons[i:i + 2000])
        for i in range(0, len(profiles), 2000):
            conn.execute(insert(Profile), profiles[i:i + 2000])
    stack.slack.add_user(ASKER, "asker", real_name="Asker", tz="Europe/Berlin")
    stack.slack.add_channel("C0BENCH", "bench", is_member=True)


def bare_app(stack: LocalStack) -> tuple:
    """Only acks and responds: the floor any slash command pays on this server setup."""
    app = App(client=make_client(stack.settings), signing_secret=SIGNING_SECRET, process_before_response=False)

    @app.command("/findmentor")
    def findmentor(ack, respond):
        ack()
        respond(response_type="ephemeral", text="ok")

    server, url = serve_in_thread(make_wsgi_app(app, stack.engine))
    return server, SlackDriver(bot_url=url + "/slack/events", signing_secret=SIGNING_SECRET, slack=stack.slack)


def timed(stack: LocalStack, driver: SlackDriver, words: str) -> float:
    before = len(stack.slack.messages)
    start = time.perf_counter()
    assert driver.command(ASKER, "/findmentor", words, channel_id="C0BENCH").status == 200
    deadline = start + 30
    while len(stack.slack.messages) == before:  # the answer has been posted at the response_url
        if time.perf_counter() > deadline:
            raise RuntimeError("no answer within 30 s")
        time.sleep(0.0005)
    return time.perf_counter() - start


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


@contextmanager
def bench_database(prefix: str) -> Iterator[str]:
    """A migrated database for one benchmark run: a temporary SQLite file, or, when DATABASE_URL names a PostgreSQL
    server, a fresh database on it, dropped afterwards."""
    url = os.environ.get("DATABASE_URL") or ""
    with tempfile.TemporaryDirectory(prefix=f"mentorbot-{prefix}-") as tmp:
        if not url.startswith("postgres"):
            url = f"sqlite:///{tmp}/{prefix}.db"
            upgrade(url)
            yield url
            return
        admin = create_engine(normalize_url(url), isolation_level="AUTOCOMMIT")
        name = f"mb_{prefix}_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = make_url(normalize_url(url)).set(database=name).render_as_string(hide_password=False)
            upgrade(url)
            yield url
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def measure(url: str, n: int, count: int, runs: int) -> tuple[list, float]:
    """(per run: (ours, bare) latencies), and the first request's latency (it builds the index)."""
    words = [w for w, _ in queries(count)]
    with LocalStack(url) as stack:
        t = time.perf_counter()
        seed(stack, n)
        print(f"seeded {n} mentors in {time.perf_counter() - t:.1f}s ({url.split(':')[0]})")
        bare_server, bare = bare_app(stack)
        first = timed(stack, stack.driver, words[0])  # builds and caches the MentorIndex
        for w in words[:20]:  # warm both paths (pool connections, server threads, caches)
            timed(stack, stack.driver, w)
            timed(stack, bare, w)
        per_run = []
        for _ in range(runs):
            ours, floor = [], []
            for w in words:  # interleaved, so both see the same machine load
                ours.append(timed(stack, stack.driver, w))
                floor.append(timed(stack, bare, w))
            per_run.append((ours, floor))
        bare_server.shutdown()
        bare_server.server_close()
    return per_run, first


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 10_000
    count = int(argv[1]) if len(argv) > 1 else 300
    runs = int(argv[2]) if len(argv) > 2 else 3
    with bench_database("bench") as url:
        per_run, first = measure(url, n, count, runs)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"first request (builds the index): {first * 1e3:.0f} ms")
    print(f"/findmentor with {n} mentors vs. the bare Bolt app, {count} requests each per run:")
    for i, (ours, floor) in enumerate([*per_run, ([x for o, _ in per_run for x in o], [x for _, f in per_run for x in f])]):
        mo, mb, po, pb = statistics.median(ours), statistics.median(floor), pct(ours, 99), pct(floor, 99)
        label = f"run {i + 1}" if i < len(per_run) else "all runs"
        print(f"  {label:8}: ours median {mo * 1e3:5.1f} ms p99 {po * 1e3:5.1f} ms | bare median {mb * 1e3:5.1f} ms "
              f"p99 {pb * 1e3:5.1f} ms | ratio median {mo / mb:.2f}x p99 {po / pb:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
