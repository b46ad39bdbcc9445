"""The 64-person test directory (tests/data/directory.csv) and how to read names off an answer. The labelled
questions that lived here are now part of the larger set in bench/relevance/ (asked end to end in
tests/features/test_findmentor_relevance.py)."""

import re
from pathlib import Path

from sqlmodel import Session

from bot.domain.profiles_csv import parse_profiles_csv
from storage.models import Goal
from storage.people import import_profile_rows

DIRECTORY = Path(__file__).resolve().parents[1] / "data" / "directory.csv"

def seed_directory(stack) -> dict[str, str]:
    rows, errors = parse_profiles_csv(DIRECTORY.read_text(encoding="utf-8"))
    assert errors == [] and len(rows) >= 60
    for row in rows:
        stack.slack.add_user(row.slack_id, row.name.split()[0].lower(), real_name=row.name, tz=row.timezone)
    stack.slack.add_channel("C0DEMOMENTOR", "mentoring", is_member=True)
    with Session(stack.engine) as session:
        import_profile_rows(session, rows)
        session.add(Goal(owner_id="U0DIR60", title="Run product discovery interviews with users"))
        session.commit()
    return {r.slack_id: r.name for r in rows}


def top_names(answer: dict, n: int = 3) -> list[str]:
    names = []
    for block in answer["blocks"]:
        m = re.match(r"\*\d+\. (.+?)\*", block.get("text", {}).get("text", "")) if block["type"] == "section" else None
        if m:
            names.append(m.group(1))
    return names[:n]
