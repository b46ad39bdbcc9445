"""Issue 12's two bugs, end to end: an expired intro request offers mentors who fit what drew the mentee, and says
how many it shows; a person paused past two stale-goal rounds gets one nudge per goal when they come back."""

import json
from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session

from bot.outbox.kinds import RENDERERS
from bot.outbox.tick import tick
from storage.db import session_scope
from storage.models import Person
from tests.content_helpers import add_goal, add_person, bot_dms, rows
from tests.features.test_intro_pairing import AMARA, LENA, suggested
from tests.features.test_intro_pairing import add_goal as add_plain_goal
from tests.pairing_helpers import request_intro, text_of, wait_dm

CHEN, HUGO = "U0DEMOCHEN", "U0DEMOHUGO"


def test_expiry_suggests_mentors_who_fit_the_search_and_counts_them_honestly(demo_stack):
    stack = demo_stack
    # Lena's goal is about something else than what she asked Amara about (python).
    add_plain_goal(stack, LENA, "Public speaking at meetups")
    request_intro(stack, LENA, "python", "Amara Okafor")
    expiry = rows(stack, kind="intro_expiry")[0]
    stack.deps.clock.advance(days=7)
    with Session(stack.engine) as s:
        out = RENDERERS["intro_expiry"](stack.deps, s, s.get(type(expiry), expiry.id))
        s.commit()
    stack.app.client.chat_postMessage(channel=out.channel, text=out.text, blocks=out.blocks)
    note = wait_dm(stack, LENA, "didn't answer within 7 days")
    shown = suggested(note)
    # The other Python mentors with room, never the one who let it expire.
    assert sorted(shown) == sorted([CHEN, HUGO]) and AMARA not in shown
    assert "Three other" not in text_of(note) and "Two other mentors" in text_of(note)


def test_a_long_pause_brings_back_one_stale_nudge_per_goal(stack, clock):
    add_person(stack, "UPAUSED", "Pia Paused", "Europe/Berlin")
    goal = add_goal(stack, "UPAUSED", "Write the design doc", created_at=datetime(2026, 11, 1, tzinfo=UTC))
    with session_scope(stack.engine) as s:
        s.get(Person, "UPAUSED").paused_until = date(2027, 1, 4)
    # Hourly sweeps over the paused weeks (goal stale since 1 Nov: rounds 2, 3 and 4): each stale round writes a row, all held until the pause ends.
    for day in range(34):  # to Sunday 3 January
        clock.now = datetime(2026, 12, 1, 10, tzinfo=UTC) + timedelta(days=day)
        tick(stack.deps, stack.app.client, clock.now)
    assert bot_dms(stack, "UPAUSED") == []
    clock.now = datetime(2027, 1, 4, 9, 30, tzinfo=UTC)  # back: Monday 10:30 in Berlin
    tick(stack.deps, stack.app.client, clock.now)
    tick(stack.deps, stack.app.client, clock.now)
    nudges = [m for m in bot_dms(stack, "UPAUSED") if "Write the design doc" in json.dumps(m)]
    assert len(nudges) == 1, [m["text"] for m in nudges]
    assert {r.payload["goal_id"] for r in rows(stack, kind="goal_nudge")} == {goal}
