"""Export and erasure against workspace size: N people, each in a mentorship with check-ins (notes) and outbox
rows (payloads naming the pair). Baseline, same run, same database: ending one mentorship (storage.ending.end, what
`Wrap up` does). Erasure also scans the text columns and outbox payloads for the person's Slack id, so it grows with
the tables; this measures by how much. Each figure is the median of RUNS erasures of different people.

    python bench/bench_privacy.py [N ...]            # SQLite in a temporary directory (default N: 200 2000)
    DATABASE_URL=postgresql://... python bench/bench_privacy.py --postgres [N ...]
"""

import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.scheduler_common import fresh_database, machine
from bot.features.privacy import erase, export_zip
from storage.db import make_engine, session_scope
from storage.ending import end
from storage.models import CheckIn, Mentorship, Person, Profile
from storage.outbox import enqueue_many

RUNS = 7
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def seed(engine, n: int) -> list[tuple[str, str, int]]:
    """n/2 pairs: (mentor, mentee, mentorship id)."""
    pairs = []
    with session_scope(engine) as s:
        for i in range(n):
            s.add(Person(slack_id=f"U{i:08d}", name=f"Person {i}", email=f"p{i}@example.org"))
            s.add(Profile(person_id=f"U{i:08d}", bio=f"bio of person {i} " * 10))
        s.flush()
        for i in range(0, n - 1, 2):
            m = Mentorship(mentor_id=f"U{i:08d}", mentee_id=f"U{i + 1:08d}", status="active", goals="goals " * 20)
            s.add(m)
            s.flush()
            pairs.append((m.mentor_id, m.mentee_id, m.id))
            for k in range(4):
                for author in (m.mentor_id, m.mentee_id):
                    s.add(CheckIn(mentorship_id=m.id, author_id=author, outcome="met", note=f"note {k} " * 20))
        rows = [{"kind": "checkin", "recipient_id": me, "due_at": NOW + timedelta(days=14 * k), "mentorship_id": mid,
                 "idempotency_key": f"checkin:{mid}:{k}:{me}", "payload": {"other_id": other, "period": str(k)}}
                for mentor, mentee, mid in pairs for me, other in ((mentor, mentee), (mentee, mentor))
                for k in range(6)]
        enqueue_many(s, rows)
    return pairs


def median_ms(fn, items) -> float:
    times = []
    for item in items:
        t = time.perf_counter()
        fn(item)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def run(kind: str, n: int) -> None:
    with fresh_database(kind) as url:
        engine = make_engine(url)
        pairs = seed(engine, n)

        def end_one(pair):
            with session_scope(engine) as s:
                end(s, s.get(Mentorship, pair[2]), NOW)

        base = median_ms(end_one, pairs[:RUNS])
        exp = median_ms(lambda p: export_zip(engine, p[1], NOW), pairs[RUNS:2 * RUNS])
        era = median_ms(lambda p: erase(engine, p[1], NOW, "bench"), pairs[2 * RUNS:3 * RUNS])
        print(f"| {kind} | {n} | {n * 4} / {n * 6} | {base:.1f} | {exp:.1f} ({exp / base:.1f}x) | "
              f"{era:.1f} ({era / base:.1f}x) |")
        engine.dispose()


if __name__ == "__main__":
    args = sys.argv[1:]
    kind = "postgres" if "--postgres" in args else "sqlite"
    sizes = [int(a) for a in args if a.isdigit()] or [200, 2000]
    print(f"Machine: {machine()}")
    print("| database | people | check-ins / outbox rows | end a mentorship (baseline) ms | export ms | erase ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        run(kind, n)
