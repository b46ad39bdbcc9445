"""The learning library through HTTP, the local Slack and injected time: the guide's references are seeded; a
meeting reminder suggests them by topic; the mentor recommends one, which reaches the mentee and their journal,
once; nobody else can recommend."""

from datetime import UTC, datetime

from sqlmodel import Session, select

from storage.db import session_scope
from storage.models import CheckIn, Mentorship, Resource
from tests.content_helpers import add_pair, add_person, add_program, bot_dms, run_until
from tests.pairing_helpers import click, text_of, wait_dm, wait_ephemeral

MENTOR, MENTEE = "URESMENTOR", "URESMENTEE"


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_the_library_is_suggested_in_reminders_and_a_mentor_recommends_a_book(stack, clock):
    with Session(stack.engine) as s:
        titles = [r.title for r in s.exec(select(Resource)).all()]
    assert any("Mentor's Guide" in t and "Zachary" in t for t in titles) and any("Lean In" in t for t in titles)
    assert any("LinkedIn Learning" in t for t in titles) and any("Toastmasters" in t for t in titles)

    add_person(stack, MENTOR, "Mia Mentor", "Europe/Berlin")
    add_person(stack, MENTEE, "Leo Mentee", "Europe/Berlin")
    mid = add_pair(stack, MENTOR, MENTEE, "weekly", utc(2026, 12, 8, 9, 0))
    with session_scope(stack.engine) as s:
        s.get(Mentorship, mid).goals = "Public speaking: present at the all-hands; ask for feedback early"
    clock.now = utc(2026, 12, 7, 8, 0)
    run_until(stack, clock, clock.now)
    mine = next(m for m in bot_dms(stack, MENTOR) if m["text"].startswith("Coming up"))
    theirs = next(m for m in bot_dms(stack, MENTEE) if m["text"].startswith("Coming up"))
    assert "Toastmasters" in text_of(mine) and "Mentor's Guide" in text_of(mine)
    assert "Toastmasters" in text_of(theirs) and "resource_recommend" not in text_of(theirs)
    book = next(b for b in mine["blocks"] if str(b.get("block_id")).startswith("resource_")
                and "Mentor" in b["elements"][0]["text"]["text"])
    value = book["elements"][0]["value"]

    click(stack, MENTEE, "resource_recommend", value=value)  # not the mentor
    assert "Only the mentor" in text_of(wait_ephemeral(stack, MENTEE, "Only the mentor"))
    click(stack, MENTOR, "resource_recommend", message=mine, block_id=book["block_id"])
    assert "Sent to" in text_of(wait_ephemeral(stack, MENTOR, "Sent to"))
    assert "Mentor's Guide" in text_of(wait_dm(stack, MENTEE, "recommends"))
    click(stack, MENTOR, "resource_recommend", message=mine, block_id=book["block_id"])
    assert "already recommended" in text_of(wait_ephemeral(stack, MENTOR, "already recommended"))
    with Session(stack.engine) as s:
        entries = s.exec(select(CheckIn).where(CheckIn.mentorship_id == mid)).all()
    assert [(e.author_id, e.source) for e in entries] == [(MENTOR, "resource")]
    assert "Mentor's Guide" in entries[0].note


def test_program_admins_add_to_the_library_and_others_cannot(stack, clock):
    add_person(stack, "URESADMIN", "Ada Admin", "Europe/Berlin")
    add_person(stack, "URESUSER", "Uli User", "Europe/Berlin")
    add_program(stack, "Engineering", ["URESADMIN"])

    def ask(user, text):
        before = len(stack.slack.ephemerals_to(user))
        assert stack.driver.command(user, "/mentor", text).status == 200
        assert stack.slack.wait_for(lambda: len(stack.slack.ephemerals_to(user)) > before, timeout=10)
        return text_of(stack.slack.ephemerals_to(user)[-1])

    entry = "Staff Engineer <b> | book | https://staffeng.com/book | staff engineer, career growth"
    assert "only program admins" in ask("URESUSER", f"resource add {entry}")
    assert "https://" in ask("URESADMIN", "resource add Title | book | http://insecure.example | career")
    assert "kind is one of" in ask("URESADMIN", "resource add Title | scroll | https://ok.example | career")
    assert "Write it as" in ask("URESADMIN", "resource add just a title")
    added = ask("URESADMIN", f"resource add {entry}")
    assert "Added to the library" in added and "&lt;b&gt;" in added and "<b>" not in added
    assert "already has" in ask("URESADMIN", f"resource add {entry}")
    listed = ask("URESUSER", "resources")
    assert "Staff Engineer &lt;b&gt;" in listed and "Toastmasters" in listed and "resource add" not in listed
    with Session(stack.engine) as s:
        row = s.exec(select(Resource).where(Resource.added_by == "URESADMIN")).one()
    assert row.topics == ["staff engineer", "career growth"] and row.kind == "book"
