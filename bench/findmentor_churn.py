"""/findmentor under churn: signed requests over HTTP with N mentors (default 100k) while one profile is edited
every second, against the same requests with no edits, in one process and one run.

Requests are sent one after another in blocks of BLOCK; blocks alternate between calm (no edits) and churn (a thread
edits one mentor's profile a second, through the columns and stamp the profile modal writes), so both see the same
machine load. Reported: median and p99 of each, and their ratio (the issue's target: churn p99 <= 2x calm p99). Then
how long an edit takes to reach results: an edit gives a mentor a topic nobody else lists, and /findmentor is asked
for it until the mentor is shown (one edit for each of PROBE_TOPICS). Last, the p99 while a full build runs in the background (a
directory sync stamps every person: too many to patch): the rare case, reported, not a target.

    python bench/findmentor_churn.py [N] [BLOCKS] [BLOCK]   (default: 100000 mentors, 8 blocks of 50 requests)
    DATABASE_URL=postgresql://... python bench/findmentor_churn.py   (default: a temporary SQLite file)
"""

import os
import platform
import statistics
import sys
import threading
import time
from datetime import UTC, datetime

from sqlalchemy import update

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


from bench.findmentor_http import bench_database, pct, seed, timed
from bench.synthetic import queries
from bot.devkit.harness import LocalStack
from bot.features import findmentor
from storage.models import Person, Profile

# Topics no synthetic mentor lists, none a typo of another (a probe must not find the last probe's mentor).
PROBE_TOPICS = ("Zymurgy", "Falconry", "Origami", "Calligraphy", "Beekeeping", "Sourdough", "Taxidermy",
                "Glassblowing", "Bookbinding", "Whittling")
EDITS_PER_SECOND = 1.0


class Churn(threading.Thread):
    """Edits one mentor's profile a second (a new topic, a new bio word) while `on` is set."""

    def __init__(self, stack: LocalStack, n: int):
        super().__init__(daemon=True, name="churn")
        self.stack, self.n, self.on, self.done, self.edits = stack, n, threading.Event(), threading.Event(), 0

    def run(self) -> None:
        while not self.done.is_set():
            if not self.on.wait(0.1):
                continue
            edit(self.stack, f"U{(self.edits * 7919) % self.n:09d}", ["Python", "Kubernetes", f"Topic {self.edits}"])
            self.edits += 1
            time.sleep(1 / EDITS_PER_SECOND)


def edit(stack: LocalStack, person_id: str, expertise: list[str]) -> None:
    with stack.engine.begin() as conn:
        conn.execute(update(Profile).where(Profile.person_id == person_id).values(
            expertise=expertise, bio="edited just now", updated_at=datetime.now(UTC)))


def answer_text(stack: LocalStack, words: str) -> str:
    """The answer /findmentor posts at the response_url, as text."""
    before = len(stack.slack.messages)
    assert stack.driver.command("U0ASKER", "/findmentor", words, channel_id="C0BENCH").status == 200
    while len(stack.slack.messages) == before:
        time.sleep(0.005)
    return str(stack.slack.messages[-1])


def summary(label: str, samples: list[float], base: list[float] | None = None) -> str:
    med, p99 = statistics.median(samples), pct(samples, 99)
    line = f"  {label:28}: median {med * 1e3:6.1f} ms  p99 {p99 * 1e3:7.1f} ms  ({len(samples)} requests)"
    if base:
        line += f"  | ratio median {med / statistics.median(base):.2f}x p99 {p99 / pct(base, 99):.2f}x"
    return line


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 100_000
    blocks = int(argv[1]) if len(argv) > 1 else 8
    block = int(argv[2]) if len(argv) > 2 else 50
    with bench_database("churn") as url:
        run(url, n, blocks, block)
    return 0


def run(url: str, n: int, blocks: int, block: int) -> None:
    words = [w for w, _ in queries(200)]
    calm: list[float] = []
    churned: list[float] = []
    with LocalStack(url) as stack:
        t = time.perf_counter()
        seed(stack, n)
        print(f"seeded {n} mentors in {time.perf_counter() - t:.1f}s ({url.split(':')[0]})")
        # Everyone was stamped by the seed: an index made within COMMIT_MARGIN of it would re-read them all at the
        # first edit (a full build, as right after a real import). Start later, as a directory does in real life.
        time.sleep(findmentor.COMMIT_MARGIN.total_seconds() + 1)
        t = time.perf_counter()
        timed(stack, stack.driver, words[0])
        print(f"first request (builds the index in line): {time.perf_counter() - t:.1f}s")
        for w in words[:20]:
            timed(stack, stack.driver, w)
        churn = Churn(stack, n)
        churn.start()
        for b in range(blocks):
            churning = b % 2 == 1
            (churn.on.set if churning else churn.on.clear)()
            if not churning:
                time.sleep(1.5)  # the last edit is patched in before the calm block starts
                findmentor.wait_for_rebuild(stack.engine)
            for i in range(block):
                (churned if churning else calm).append(timed(stack, stack.driver, words[(b * block + i) % len(words)]))
        churn.on.clear()
        churn.done.set()
        findmentor.wait_for_rebuild(stack.engine)
        index = findmentor.mentor_index_of(stack.engine)
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
              f"load {os.getloadavg()[0]:.2f}")
        print(f"/findmentor with {n} mentors, {blocks // 2} calm and {blocks - blocks // 2} churn blocks of {block}:")
        print(summary("calm", calm))
        print(summary(f"churn ({churn.edits} edits, 1/s)", churned, calm))
        print(f"  index now: {index.live} mentors, {index.dead_rows} dead rows (an edit patched in retires one)")

        waits = []
        for k, topic in enumerate(PROBE_TOPICS):
            who = (k * 104729) % n
            edit(stack, f"U{who:09d}", [topic, "Python"])
            start = time.perf_counter()
            while f"Mentor {who:06d}" not in answer_text(stack, topic.lower()):
                if time.perf_counter() - start > 60:
                    raise RuntimeError("an edit did not reach results within 60 s")
            waits.append(time.perf_counter() - start)
        print(f"  edit to results: median {statistics.median(waits):.2f} s, max {max(waits):.2f} s "
              f"({len(PROBE_TOPICS)} edits, asked again as soon as answered)")

        with stack.engine.begin() as conn:  # a directory sync stamps everyone: too many to patch, built in full
            conn.execute(update(Person).values(updated_at=datetime.now(UTC)))
        during, start = [], time.perf_counter()
        i = 0  # the refresher notices within its second and builds in the background
        while findmentor.mentor_index_of(stack.engine).dead_rows:
            during.append(timed(stack, stack.driver, words[i % len(words)]))
            i += 1
        print(f"  full build in the background took {time.perf_counter() - start:.1f}s:")
        if during:
            print(summary("during a full build", during, calm))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
