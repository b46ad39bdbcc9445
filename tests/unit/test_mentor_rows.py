"""A profile edit grows the index (bot/domain/mentor_rows.py) instead of rebuilding it: the grown index must answer
as a fresh build over the same cards would, and the index it grew from must not change (requests read it)."""

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from bot.domain.bm25_field import Bm25Field
from bot.domain.profiles_csv import parse_profiles_csv
from bot.domain.ranking import MentorCard, MentorIndex, Seeker

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
DIRECTORY = Path(__file__).resolve().parents[1] / "data" / "directory.csv"
QUERIES = ["python", "people management", "kubernetes", "public speaking", "go from support to engineering",
           "design systems", "machine learning", "pyhton", "negotiating salary", "accessibility", "rust"]


@pytest.fixture(scope="module")
def cards() -> list[MentorCard]:
    rows, errors = parse_profiles_csv(DIRECTORY.read_text())
    assert not errors
    return [MentorCard(person_id=r.slack_id, name=r.name, title=r.title, expertise=tuple(r.expertise),
                       years=r.years_experience, career_path=r.career_path, values=tuple(r.values),
                       capacity_left=r.capacity, languages=tuple(r.languages), tz=r.timezone or "UTC", bio=r.bio)
            for r in rows if r.role in ("mentor", "both") and r.capacity > 0]


def ranked(index: MentorIndex, words: str, **kw) -> list[tuple[str, float]]:
    found = index.search(Seeker("U0SEEKER", words=words, tz="Europe/London"), NOW, limit=10, **kw)
    return [(m.mentor.person_id, round(m.score, 3)) for m in found.matches]


def test_an_appended_row_scores_as_the_same_row_built_in():
    docs = [["python", "api"], ["go", "go", "system"], ["python"], [], ["rust", "api", "api"]]
    field = Bm25Field(docs)
    grown = field.appended([docs[1], docs[4], ["brandnew"]])
    for terms in (["python"], ["go", "api"], ["api", "rust", "system"]):
        scores = grown.scores(terms)
        assert len(scores) == 8
        assert scores[5] == pytest.approx(scores[1]) and scores[6] == pytest.approx(scores[4])
        assert np.array_equal(scores[:5], field.scores(terms))  # the rows bm25s built are untouched
    assert grown.knows("brandnew") and not field.knows("brandnew")
    assert grown.scores(["brandnew"])[7] > 0


def test_edits_answer_as_a_fresh_build_would(cards):
    base = MentorIndex(cards)
    # An edit that changes what someone knows, one who leaves, one who joins, and one who changes name and zone.
    first, second, third = cards[0], cards[1], cards[2]
    edited = dataclasses.replace(first, expertise=("Rust", "Public speaking"), bio="Gives conference talks.")
    joined = MentorCard(person_id="U0NEW01", name="Aaron Able", expertise=("Python", "Accessibility"), years=9,
                        tz="Europe/London", languages=("English",))
    renamed = dataclasses.replace(third, name="Zed Zulu", tz="Asia/Tokyo")
    grown = base.with_changes([edited, joined, renamed], gone=[second.person_id])
    final = [edited, joined, renamed, *(c for c in cards[3:])]
    fresh = MentorIndex(final)
    for words in QUERIES:
        got, want = ranked(grown, words), ranked(fresh, words)
        assert [p for p, _ in got] == [p for p, _ in want], words
        assert [s for _, s in got] == pytest.approx([s for _, s in want], abs=0.01), words
    assert grown.card(second.person_id) is None and grown.card(first.person_id) == edited
    assert grown.dead_rows == 3 and len(grown) == len(cards) + 3  # rows: three appended, three dead


def test_the_old_index_keeps_answering_as_before(cards):
    base = MentorIndex(cards)
    before = {w: ranked(base, w) for w in QUERIES}
    base.with_changes([dataclasses.replace(c, expertise=("Knitting",)) for c in cards[:10]], gone=[cards[11].person_id])
    assert {w: ranked(base, w) for w in QUERIES} == before


def test_someone_who_left_is_never_shown_nor_their_only_topic(cards):
    lone = MentorCard(person_id="U0LONE", name="Lone Ranger", expertise=("Falconry",), tz="Europe/London")
    base = MentorIndex([*cards, lone])
    assert [p for p, _ in ranked(base, "falconry")] == ["U0LONE"]
    gone = base.with_changes([], gone=["U0LONE"])
    found = gone.search(Seeker("U0SEEKER", words="falconry"), NOW, limit=5)
    assert found.total == 0 and "Falconry" not in found.closest_topics
    # Leaving twice, or leaving without having been there, changes nothing more.
    assert gone.with_changes([], gone=["U0LONE", "U0NOBODY"]).dead_rows == 1


def test_ties_among_appended_rows_follow_names(cards):
    twins = [MentorCard(person_id=f"U0T{i}", name=name, expertise=("Beekeeping",), tz="UTC")
             for i, name in enumerate(["Mia", "Abe", "Zoe", "Kim"])]
    base = MentorIndex([*cards, twins[0]])
    grown = base.with_changes(twins[1:3]).with_changes(twins[3:])
    fresh = MentorIndex([*cards, *twins])
    assert ranked(grown, "beekeeping") == ranked(fresh, "beekeeping")
    assert [p for p, _ in ranked(grown, "beekeeping")] == ["U0T1", "U0T3", "U0T0", "U0T2"]


def test_slots_and_exclusions_follow_the_new_row(cards):
    edited = dataclasses.replace(cards[0], capacity_left=3)
    grown = MentorIndex(cards).with_changes([edited])
    slots = grown.slots_after({cards[0].person_id: 1})
    assert slots[grown._pos[cards[0].person_id]] == 2
    assert cards[0].person_id not in [p for p, _ in ranked(grown, "python", exclude={cards[0].person_id})]
