"""/mentor export end to end: signed HTTP into the real app, the file through files_upload_v2 of the strict local
Slack, a real database. The export has everything about the person, and nothing private of their pair."""

import json

from sqlmodel import select

from storage.db import session_scope
from storage.models import AuditEntry
from tests.features.privacy_helpers import AMARA_NOTE, EMAIL, LENA_WORDS, MENTEE, exported, seed
from tests.pairing_helpers import wait_ephemeral


def test_export_has_the_persons_data_and_not_their_pairs_notes(stack):
    seed(stack)
    data, readme, message = exported(stack, MENTEE)
    wait_ephemeral(stack, MENTEE, "on its way")
    text = json.dumps(data, ensure_ascii=False)
    for word in LENA_WORDS.values():
        assert word in text, word
    assert EMAIL in text
    assert AMARA_NOTE not in text  # the pair's own notes are theirs
    assert {"person", "profile", "self_assessment", "goals", "journal", "checkin_notes", "intro_requests_sent",
            "intro_requests_received", "mentorships", "programs", "queued_messages"} <= set(data)
    assert [q["kind"] for q in data["queued_messages"]] == ["checkin"]
    assert data["mentorships"][0]["status"] == "active" and data["programs"] == [{"program_id": 1, "as": "member"}]
    assert "checkin_notes" in readme and "/mentor erase" in readme
    assert message["channel"] == stack.slack.dm_channel(MENTEE)  # a DM, to the person only
    with session_scope(stack.engine) as s:
        entries = s.exec(select(AuditEntry)).all()
    assert [(e.actor, e.action) for e in entries] == [(MENTEE, "export")]


def test_someone_unknown_is_told_nothing_is_held_by_export_and_erase(stack):
    files = len(stack.slack.files)
    assert stack.driver.command("U0NOBODY", "/mentor", "export").status == 200
    wait_ephemeral(stack, "U0NOBODY", "holds no data")
    assert len(stack.slack.files) == files
    before = len(stack.slack.ephemerals_to("U0NOBODY"))
    assert stack.driver.command("U0NOBODY", "/mentor", "erase").status == 200  # nothing to erase: no modal
    assert stack.slack.wait_for(lambda: len(stack.slack.ephemerals_to("U0NOBODY")) > before, 10)
    assert "holds no data" in stack.slack.ephemerals_to("U0NOBODY")[-1]["text"]
    assert stack.slack.open_views_for("U0NOBODY") == []
