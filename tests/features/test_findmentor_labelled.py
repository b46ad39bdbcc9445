"""A labelled set: realistic questions over a 64-person directory (tests/data/directory.csv), each with the
mentor a thoughtful program lead would suggest. The expected mentor must be in the top 3, asked end to end:
signed /findmentor over HTTP, the real database, the answer as the person sees it."""

import re
from pathlib import Path

import pytest
from sqlmodel import Session

from bot.domain.profiles_csv import parse_profiles_csv
from storage.models import Goal
from storage.people import import_profile_rows
from tests.pairing_helpers import find

DIRECTORY = Path(__file__).resolve().parents[1] / "data" / "directory.csv"

# (who asks, what they type, who should be in the top 3, why a person would pick them)
LABELLED = [
    ("U0DIR57", "ML", "Hana Sato", "alias ML; walked the data analyst to ML engineer road the asker wants"),
    ("U0DIR58", "people management", "Sofia Rossi", "alias; tech lead to manager, first-time managers, same tz"),
    ("U0DIR61", "k8s", "Fatou Diallo", "alias k8s; Kubernetes is her day job"),
    ("U0DIR59", "react performance", "Ethan Walker", "React and web performance"),
    ("U0DIR62", "threat modelling", "Hannah Fischer", "runs the threat-modelling workshops"),
    ("U0DIR60", "roadmap prioritisation", "Isabel García", "roadmapping and prioritisation coach"),
    ("U0DIR64", "design systems", "Maya Goldberg", "principal designer, design systems"),
    ("U0DIR62", "postgres query tuning", "Peter Novotny", "alias postgres; the DBA"),
    ("U0DIR59", "iOS swift", "Emily Turner", "iOS and Swift"),
    ("U0DIR56", "moving from support to engineering", "Omar Farouk", "made that exact jump"),
    ("U0DIR55", "public speaking", "Thomas Müller", "80 talks, helps first-time speakers"),
    ("U0DIR57", "data pipelines with airflow", "Dmitri Volkov", "built the pipelines, Airflow"),
    ("U0DIR61", "incident response and on-call", "Carlos Mendoza", "SRE, incident reviews"),
    ("U0DIR57", "a/b testing statistics", "Ravi Kulkarni", "alias A/B testing; experiment design"),
    ("U0DIR58", "hiring and interviewing", "Daniel Cohen", "trains interviewers"),
    ("U0DIR63", "test automation", "Ben Adler", "automated the regression suite"),
    ("U0DIR62", "promotion to staff engineer", "Rachel Green", "sat on the promotion committee"),
    ("U0DIR55", "python", "Priya Raman", "Python guild; backend path the asker wants; an hour apart"),
    ("U0DIR64", "user research", "Lars Eriksson", "UX researcher"),
    ("U0DIR60", "", "Noah Kim", "no words: her goal (product discovery interviews) is the query"),
]


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


@pytest.fixture
def directory_stack(stack):
    seed_directory(stack)
    return stack


def test_labelled_queries_find_the_expected_mentor_in_the_top_3(directory_stack):
    assert len(LABELLED) >= 15
    misses = []
    for asker, words, expected, _why in LABELLED:
        top = top_names(find(directory_stack, asker, words))
        if expected not in top:
            misses.append(f"{asker} {words!r}: expected {expected}, got {top}")
    assert misses == []
