"""The admin report and its CSV at company scale: 100k people, 20k pairs, a year of check-ins.

    python bench/report.py [--people 100000] [--pairs 20000] [--url sqlite:///...|postgresql://...]

Seeds one program with every person a member (a fifth of them mentors), 20k biweekly pairs with their intro
requests (every other pair formed by an approved matching round instead: the program's two cohorts), a year of
check-ins (each person answers about 70 % of sessions, most "met"), monthly pulses, goals and
/findmentor topic words. Then, in the same run:
  1. the report and its CSV (bot.features.report.build with a CSV file), after the first half-year of check-ins
     and again after the whole year: median time of 3 runs, and peak Python memory (tracemalloc, in a separate run)
     for each; memory that does not grow with the check-ins is the "streamed" claim;
  2. the same for one cohort (the round's half of the pairs), after the whole year;
  3. baseline: one full scan of the check-in table (SELECT count(*), max(period)), the least any report over all
     check-ins could read.
Prints the figures and the ratios report/baseline and peak(year)/peak(half-year)."""

import argparse
import random
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select, text

from bot.features.report import build
from storage.checkins import recount
from storage.db import make_engine, session_scope
from storage.migrate import upgrade
from storage.models import (
    CheckIn,
    Goal,
    IntroRequest,
    MatchRound,
    Mentorship,
    Person,
    Profile,
    Program,
    ProgramMember,
    PulseAnswer,
    RoundPair,
    SearchTopic,
)

NOW = datetime(2027, 12, 1, 12, 0, tzinfo=UTC)
START = NOW - timedelta(days=365)
CHUNK = 20_000
TOPICS = ["python", "kubernetes", "leadership", "rust", "sql", "design", "security", "statistics", "go", "react"]


def bulk(engine, table, rows) -> None:
    rows = list(rows)
    for i in range(0, len(rows), CHUNK):
        with session_scope(engine) as s:
            s.execute(insert(table), rows[i:i + CHUNK])


def seed_base(engine, people: int, pairs: int, rnd: random.Random) -> int:
    with session_scope(engine) as s:
        program = Program(name="Bench")
        s.add(program)
        s.flush()
        program_id = program.id
    ids = [f"U{i:09d}" for i in range(people)]
    bulk(engine, Person.__table__, ({"slack_id": p, "name": p, "email": None, "title": "", "tz": "UTC",
                                     "active": True, "paused_until": None, "created_at": START, "updated_at": START,
                                     "dm_channel_id": None} for p in ids))
    bulk(engine, ProgramMember.__table__, ({"program_id": program_id, "person_id": p} for p in ids))
    mentors = ids[: people // 5]
    mentees = ids[people // 5:]
    bulk(engine, Profile.__table__, (
        {"person_id": p, "role": "mentor" if i < len(mentors) else "mentee", "title": "Engineer",
         "expertise": rnd.sample(TOPICS[:8], 2) if i < len(mentors) else [], "years_experience": 5,
         "career_path": "IC", "career_aspiration": "", "values": [], "capacity": 2 if i < len(mentors) else 0,
         "offer_cadence": "", "offer_format": "", "languages": [], "timezone": "", "bio": "hi" if i % 3 else "",
         "strengths": "", "areas_to_improve": "", "updated_at": START} for i, p in enumerate(ids)))
    bulk(engine, Goal.__table__, ({"owner_id": p, "horizon": "short", "title": "g", "target": "", "target_date": None,
                                   "status": "done" if i % 7 == 0 else "active", "progress": (i * 13) % 100,
                                   "created_at": START, "updated_at": START, "last_progress_at": None}
                                  for i, p in enumerate(mentees[: people // 2])))
    bulk(engine, IntroRequest.__table__, ({"id": i + 1, "mentee_id": mentees[i], "mentor_id": mentors[i % len(mentors)],
                                           "program_id": program_id, "message": "", "cadence": "biweekly",
                                           "matched_topics": [], "status": "accepted", "response_note": "",
                                           "created_at": START + timedelta(days=i % 60), "answered_at": None,
                                           "expires_at": None} for i in range(pairs)))
    bulk(engine, Mentorship.__table__, (
        {"id": i + 1, "mentor_id": mentors[i % len(mentors)], "mentee_id": mentees[i], "program_id": program_id,
         "intro_request_id": i + 1, "status": "ended" if i % 10 == 0 else "active", "cadence": "biweekly",
         "mode": "video", "duration_months": 12, "goals": "", "first_meeting_at": START + timedelta(days=3 + i % 60),
         "mentor_confirmed": True, "mentee_confirmed": True, "pause_reason": "", "created_at": START,
         "started_at": START + timedelta(days=2 + i % 60),
         "ended_at": NOW - timedelta(days=30) if i % 10 == 0 else None,
         "end_reason": "goals" if i % 10 == 0 else "", "ended_by": "", "thank_you": ""} for i in range(pairs)))
    with session_scope(engine) as s:  # round 1 formed every other pair (the program's other cohort: by request)
        round_ = MatchRound(program_id=program_id, status="approved", created_at=START, approved_at=START)
        s.add(round_)
        s.flush()
        round_id = round_.id
    bulk(engine, RoundPair.__table__, ({"round_id": round_id, "mentee_id": mentees[i], "mentor_id": mentors[i % len(mentors)],
                                        "fit": 0.5, "why": "", "status": "accepted", "mentee_accepted": True,
                                        "mentor_accepted": True, "mentorship_id": i + 1} for i in range(0, pairs, 2)))
    bulk(engine, SearchTopic.__table__, ({"day": (NOW - timedelta(days=d)).date(), "word": w, "count": 3 + d % 5}
                                         for d in range(90) for w in TOPICS))
    return program_id


def seed_checkins(engine, pairs: int, mentors: int, people: int, first_day: date, last_day: date,
                  rnd: random.Random) -> int:
    """Check-ins and pulses for sessions in [first_day, last_day); returns check-ins written."""
    written = 0
    batch, pulses = [], []
    for i in range(pairs):
        mentor, mentee = f"U{i % mentors:09d}", f"U{people // 5 + i:09d}"
        day = (START + timedelta(days=3 + i % 60)).date()
        k = 0
        while day < last_day:
            if day >= first_day:
                for person in (mentor, mentee):
                    if rnd.random() < 0.7:
                        batch.append({"mentorship_id": i + 1, "author_id": person, "period": day,
                                      "outcome": "met" if rnd.random() < 0.8 else "not_met", "note": "private",
                                      "source": "button", "slack_ts": "", "created_at": START})
                if k % 2 == 1:
                    pulses += [{"mentorship_id": i + 1, "person_id": p, "round": k // 2, "rating": rnd.randint(1, 5),
                                "helping": rnd.choice(["yes", "somewhat", "no"]), "note": "", "latest": False,
                                "created_at": START}
                               for p in (mentor, mentee)]
            day += timedelta(days=14)
            k += 1
        if len(batch) >= CHUNK:
            bulk(engine, CheckIn.__table__, batch)
            written += len(batch)
            batch = []
        if len(pulses) >= CHUNK:
            bulk(engine, PulseAnswer.__table__, pulses)
            pulses = []
    bulk(engine, CheckIn.__table__, batch)
    bulk(engine, PulseAnswer.__table__, pulses)
    with session_scope(engine) as s:  # the pairs' tallies, as the check-in write path keeps them
        recount(s, range(1, pairs + 1))
    with session_scope(engine) as s:  # each person's newest round is the one the report counts (as save_pulse keeps)
        s.execute(text("UPDATE pulse_answer SET latest = (round = (SELECT max(p2.round) FROM pulse_answer p2 "
                       "WHERE p2.mentorship_id = pulse_answer.mentorship_id "
                       "AND p2.person_id = pulse_answer.person_id))"))
    return written + len(batch)


def analyze(engine) -> None:
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()


def run(engine, program_id: int, tmp: Path, cohort: str | None = None) -> int:
    with session_scope(engine) as s, open(tmp / "pairs.csv", "w", newline="") as out:
        return build(s, s.get(Program, program_id), NOW, out, cohort).pairs


def timed(engine, program_id: int, tmp: Path, runs: int = 3, cohort: str | None = None) -> float:
    """Median seconds for the report and its CSV (tracemalloc off: it slows Python code several-fold)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run(engine, program_id, tmp, cohort)
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def peak_memory(engine, program_id: int, tmp: Path) -> int:
    """Peak bytes Python allocated during one report and CSV (tracemalloc)."""
    tracemalloc.start()
    run(engine, program_id, tmp)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def baseline(engine) -> float:
    start = time.perf_counter()
    with session_scope(engine) as s:
        s.execute(select(func.count(), func.max(CheckIn.period)).select_from(CheckIn)).one()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--pairs", type=int, default=20_000)
    parser.add_argument("--url")
    args = parser.parse_args()
    rnd = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        engine = make_engine(url)
        t0 = time.perf_counter()
        program_id = seed_base(engine, args.people, args.pairs, rnd)
        half = (START + timedelta(days=182)).date()
        n1 = seed_checkins(engine, args.pairs, args.people // 5, args.people, START.date(), half, rnd)
        analyze(engine)
        print(f"seeded {args.people:,} people, {args.pairs:,} pairs, {n1:,} check-ins in "
              f"{time.perf_counter() - t0:.0f} s ({engine.dialect.name})")
        run(engine, program_id, Path(tmp))  # warm-up (caches, first connection)
        half_s, half_peak = timed(engine, program_id, Path(tmp)), peak_memory(engine, program_id, Path(tmp))
        n2 = seed_checkins(engine, args.pairs, args.people // 5, args.people, half, NOW.date(), rnd)
        analyze(engine)
        run(engine, program_id, Path(tmp))
        year_s, year_peak = timed(engine, program_id, Path(tmp)), peak_memory(engine, program_id, Path(tmp))
        csv_rows = sum(1 for _ in open(Path(tmp) / "pairs.csv")) - 1
        with session_scope(engine) as s:
            round_id = s.execute(select(MatchRound.id)).scalar_one()
        cohort_s = timed(engine, program_id, Path(tmp), cohort=str(round_id))
        cohort_rows = sum(1 for _ in open(Path(tmp) / "pairs.csv")) - 1
        base = sorted(baseline(engine) for _ in range(3))[1]
        print(f"half a year: {n1:,} check-ins: report+CSV {half_s:.2f} s (median of 3), peak "
              f"{half_peak / 1e6:.1f} MB")
        print(f"a year: {n1 + n2:,} check-ins: report+CSV {year_s:.2f} s (median of 3), peak "
              f"{year_peak / 1e6:.1f} MB, CSV rows {csv_rows:,}")
        print(f"a year, one cohort (round 1): report+CSV {cohort_s:.2f} s (median of 3), CSV rows {cohort_rows:,}")
        print(f"baseline (one scan of check_in): {base:.2f} s; report/baseline {year_s / base:.1f}x; "
              f"peak year/half-year {year_peak / half_peak:.2f}x")
        engine.dispose()


if __name__ == "__main__":
    main()
