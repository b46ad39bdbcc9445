"""A pair with everything a person can leave in the bot: profile, self-assessment, goals, career journal,
check-in notes by both, an intro request, a program, queued messages. Every private text is unique, so a test
can look for it anywhere (an export, the database file's bytes, the logs)."""

import io
import json
import zipfile
from datetime import UTC, date, datetime, timedelta

from bot.domain.checkin_plan import checkin_key
from storage.checkins import add_checkin
from storage.db import session_scope
from storage.models import Goal, GoalUpdate, IntroRequest, Mentorship, Profile, ProgramMember
from storage.outbox import enqueue
from storage.people import upsert_person
from tests.content_helpers import add_pair, add_person, add_program

MENTOR, MENTEE, OTHER_MENTOR, ADMIN = "U0AMARA", "U0LENA", "U0HUGO", "U0ADMIN"
WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
EMAIL = "lena.novak@example.org"
# What Lena typed, everywhere the bot keeps her words.
LENA_WORDS = {
    "bio": "Bioluminescent-quokka bio of Lena",
    "career_path": "Zephyr career path of Lena",
    "strengths": "Marmalade strengths of Lena",
    "areas": "Quasar areas to improve of Lena",
    "goal": "Kumquat goal title of Lena",
    "target": "Tamarind target of Lena",
    "journal": "Xylophone journal note of Lena",
    "checkin": "Walrus check-in note of Lena",
    "intro": "Obsidian intro message of Lena",
    "agreement": "Pangolin agreed goals of Lena",
}
AMARA_NOTE = "Narwhal check-in note of Amara"


def seed(stack) -> dict:
    """Lena (mentee) and Amara (mentor) in an active mentorship of a program whose admin is U0ADMIN; Lena has a
    pending intro request to Hugo. Returns ids."""
    for uid, name in ((MENTOR, "Amara Okafor"), (MENTEE, "Lena Novak"), (OTHER_MENTOR, "Hugo Martin"),
                      (ADMIN, "Ada Admin")):
        add_person(stack, uid, name, "UTC")
    program = add_program(stack, "Mentoring", [ADMIN])
    mentorship = add_pair(stack, MENTOR, MENTEE, "biweekly", WHEN, program_id=program)
    w = LENA_WORDS
    with session_scope(stack.engine) as s:
        upsert_person(s, MENTEE, email=EMAIL, title="Data engineer")
        s.add(Profile(person_id=MENTEE, role="mentee", bio=w["bio"], career_path=w["career_path"],
                      strengths=w["strengths"], areas_to_improve=w["areas"], expertise=["python"]))
        s.add(Profile(person_id=MENTOR, role="mentor", capacity=3, expertise=["python"]))
        s.add(ProgramMember(program_id=program, person_id=MENTEE))
        goal = Goal(owner_id=MENTEE, title=w["goal"], target=w["target"], target_date=date(2027, 3, 1))
        s.add(goal)
        s.flush()
        s.add(GoalUpdate(goal_id=goal.id, author_id=MENTEE, progress=40, note=w["journal"]))
        m = s.get(Mentorship, mentorship)
        m.goals = w["agreement"]
        s.add(m)
        add_checkin(s, mentorship_id=mentorship, author_id=MENTEE, period=date(2026, 11, 24), outcome="met",
                    note=w["checkin"], source="modal")
        add_checkin(s, mentorship_id=mentorship, author_id=MENTOR, period=date(2026, 11, 24), outcome="met",
                    note=AMARA_NOTE, source="modal")
        intro = IntroRequest(mentee_id=MENTEE, mentor_id=OTHER_MENTOR, message=w["intro"], status="pending",
                             matched_topics=["python"], created_at=WHEN)
        s.add(intro)
        s.flush()
        enqueue(s, kind="intro_reminder", recipient_id=OTHER_MENTOR, due_at=WHEN + timedelta(days=2),
                idempotency_key=f"intro_reminder:{intro.id}", payload={"intro_request_id": intro.id})
        session_at = WHEN + timedelta(days=14)  # the pair's second biweekly session
        for who, other in ((MENTOR, MENTEE), (MENTEE, MENTOR)):
            enqueue(s, kind="checkin", recipient_id=who, due_at=session_at + timedelta(hours=1),
                    idempotency_key=checkin_key(mentorship, session_at.date(), who), mentorship_id=mentorship,
                    payload={"period": session_at.date().isoformat(), "session_at": session_at.isoformat(), "other_id": other})
    return {"mentorship": mentorship, "program": program, "intro": intro.id}


def exported(stack, user: str) -> tuple[dict, str, dict]:
    """Run /mentor export as user; return (data.json, README.txt, the DM message carrying the file)."""
    def shared() -> list[dict]:  # the file is in the DM once files.completeUploadExternal has posted it
        return [m for m in stack.slack.messages_in(stack.slack.dm_channel(user)) if m.get("files")]
    before = len(shared())
    assert stack.driver.command(user, "/mentor", "export").status == 200
    assert stack.slack.wait_for(lambda: len(shared()) > before, 10)
    message = shared()[-1]
    with zipfile.ZipFile(io.BytesIO(stack.slack.files[message["files"][0]["id"]]["content"])) as z:
        assert sorted(z.namelist()) == ["README.txt", "data.json"]
        data, readme = json.loads(z.read("data.json")), z.read("README.txt").decode()
    return data, readme, message
