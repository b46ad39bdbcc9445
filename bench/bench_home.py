"""Building the App Home: a busy person (40 goals, 20 mentees, 20 mentors, 40 pending intros, journal entries, each
mentee pair with an agenda item and an open action item) against a brand-new person (the baseline), in the same
run. Reports SQL statements and median build time.

    python bench/bench_home.py            # SQLite in a temporary directory
    DATABASE_URL=postgresql://... python bench/bench_home.py
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event

from bot.domain.goals import GoalData, ProgressData
from bot.features.home import build_home
from storage.db import make_engine, session_scope
from storage.goals import create_goal, log_progress
from storage.migrate import upgrade
from storage.models import (
    ActionItem,
    AgendaItem,
    IntroRequest,
    Mentorship,
    Person,
    Profile,
    ScheduledMessage,
)

RUNS = 30
NOW = datetime(2026, 12, 1, 6, tzinfo=UTC)  # the Home's clock: each pair's next meeting is still ahead


def seed(engine) -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with session_scope(engine) as s:
        s.add(Person(slack_id="U0BUSY"))
        s.add(Person(slack_id="U0NEW"))
        s.add(Profile(person_id="U0BUSY", role="both", capacity=10))
        for i in range(20):
            s.add(Person(slack_id=f"U0A{i:02d}"))
            s.add(Person(slack_id=f"U0B{i:02d}"))
        s.flush()
        for i in range(40):
            goal = create_goal(s, "U0BUSY", GoalData("short", f"Goal {i}", "t", date(2027, 1, 1), "active"), now)
            for p in (10, 20, 30):
                log_progress(s, goal, "U0BUSY", ProgressData(p, "", "note"), now)
        for i in range(20):
            # Agreed pairs (a first meeting and a cadence): the Home plans each one's next meeting.
            agreed = {"status": "active", "cadence": "biweekly", "first_meeting_at": now + timedelta(hours=i),
                      "started_at": now - timedelta(days=1)}
            m = Mentorship(mentor_id="U0BUSY", mentee_id=f"U0A{i:02d}", **agreed)
            s.add(m)
            s.add(Mentorship(mentor_id=f"U0B{i:02d}", mentee_id="U0BUSY", **agreed))
            s.add(IntroRequest(mentee_id=f"U0A{i:02d}", mentor_id="U0BUSY"))
            s.add(IntroRequest(mentee_id="U0BUSY", mentor_id=f"U0B{i:02d}"))
            s.flush()
            s.add(ScheduledMessage(kind="checkin", recipient_id="U0BUSY", due_at=now + timedelta(days=i),
                                   idempotency_key=f"checkin:{m.id}", mentorship_id=m.id))
            s.add(AgendaItem(mentorship_id=m.id, slot_at=now + timedelta(hours=i), author_id=f"U0A{i:02d}",
                             text=f"Agenda {i}"))
            s.add(ActionItem(mentorship_id=m.id, owner_id=f"U0A{i:02d}", text=f"Action {i}", created_by="U0BUSY"))


def measure(engine, user_id: str) -> tuple[int, float, int]:
    statements = []
    listener = lambda *a, **k: statements.append(1)  # noqa: E731
    times = []
    for _ in range(RUNS):
        statements.clear()
        event.listen(engine, "before_cursor_execute", listener)
        start = time.perf_counter()
        with session_scope(engine) as s:
            view = build_home(s, user_id, NOW)
        times.append(time.perf_counter() - start)
        event.remove(engine, "before_cursor_execute", listener)
    return len(statements), statistics.median(times), len(view["blocks"])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(tmp) / 'bench.db'}"
        if url.startswith("postgres"):
            print("note: uses the database as is; point DATABASE_URL at an empty scratch database")
        upgrade(url)
        engine = make_engine(url)
        seed(engine)
        base = measure(engine, "U0NEW")
        busy = measure(engine, "U0BUSY")
        print(f"{'who':<10}{'SQL':>6}{'median ms':>12}{'blocks':>8}")
        for name, (q, t, b) in (("new", base), ("busy", busy)):
            print(f"{name:<10}{q:>6}{t * 1000:>12.2f}{b:>8}")
        print(f"busy/new: {busy[1] / base[1]:.2f}x time, {busy[0]}/{base[0]} statements")
        engine.dispose()


if __name__ == "__main__":
    main()
