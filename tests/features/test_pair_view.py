"""A mentor opens a mentee's goals and journals from the App Home, end to end (signed HTTP into the real Bolt app,
views through the strict local Slack, a real database): only an ACTIVE mentor sees them; forged values read nothing."""

import json
from datetime import UTC, date, datetime
from types import SimpleNamespace

from sqlmodel import Session

from bot.slack.blocks import home as home_blocks
from bot.slack.blocks import pair_view as pair_blocks
from storage.checkins import add_checkin
from storage.db import session_scope
from storage.models import Goal, GoalUpdate, Mentorship, Profile
from tests.content_helpers import add_pair, add_person

MENTOR, MENTEE, STRANGER = "U0AMARA", "U0LENA", "U0EVE"
WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
SECRETS = ("Kickoff went well", "Talked about promotion", "Ship v2", "Saying no <!channel>")  # plain words of the private texts


def text_of(view: dict) -> str:
    return json.dumps(view.get("blocks", []), ensure_ascii=False)


def open_view(stack, user: str, value: str, view: dict | None = None) -> dict:
    """Click the Home's pair button (or forge it: no view) and return the modal that opens."""
    before = [v["id"] for v in stack.slack.open_views_for(user)]
    assert stack.driver.block_action(user, home_blocks.PAIR_JOURNAL, value=value, view=view).status == 200
    assert stack.slack.wait_for(lambda: [v["id"] for v in stack.slack.open_views_for(user)] not in ([], before), 10)
    return stack.slack.open_views_for(user)[-1]


def home_of(stack, user: str, has: str, lacks: str = "\0") -> dict:
    assert stack.driver.app_home_opened(user).status == 200
    seen = lambda: text_of(stack.slack.home_views.get(user) or {})  # noqa: E731
    assert stack.slack.wait_for(lambda: has in seen() and lacks not in seen(), 10), seen()[:1500]
    return stack.slack.home_views[user]


def pair_with_history(stack) -> int:
    for user, name in ((MENTOR, "Amara Okafor"), (MENTEE, "Lena Novak"), (STRANGER, "Eve Mallory")):
        add_person(stack, user, name, "UTC")
    mid = add_pair(stack, MENTOR, MENTEE, "biweekly", WHEN)
    with session_scope(stack.engine) as s:
        goal = Goal(owner_id=MENTEE, title="Ship v2 <!channel> & co 🚀", target="3 people <@U0EVE>",
                    target_date=date(2027, 3, 1), progress=40, created_at=WHEN, updated_at=WHEN)
        mine = Goal(owner_id=MENTOR, title="Mentor's own private goal", created_at=WHEN, updated_at=WHEN)
        s.add_all([goal, mine])
        s.flush()
        s.add(GoalUpdate(goal_id=goal.id, author_id=MENTEE, progress=40, note="Kickoff went well <!channel>",
                         created_at=WHEN))
        s.add(Profile(person_id=MENTEE, strengths="Debugging", areas_to_improve="Saying no <!channel>"))
        add_checkin(s, mentorship_id=mid, author_id=MENTEE, period=date(2026, 11, 19), outcome="met",
                    note="Talked about promotion <!here>", source="modal")
    return mid


def test_active_mentor_sees_goals_and_journals_escaped_and_nobody_else_does(stack):
    mid = pair_with_history(stack)
    home = home_of(stack, MENTOR, "Goals & journal")
    seen = open_view(stack, MENTOR, str(mid), view=home)
    text = text_of(seen)
    assert seen["callback_id"] == pair_blocks.CALLBACK
    for needle in ("*Ship v2 &lt;!channel&gt; &amp; co 🚀*", "by 2027-03-01", "▓▓▓▓░░░░░░ 40%",
                   "Target: 3 people &lt;@U0EVE&gt;", "Kickoff went well &lt;!channel&gt;",
                   "Talked about promotion &lt;!here&gt;", "Met", "Strengths: Debugging",
                   "To improve: Saying no &lt;!channel&gt;"):
        assert needle in text, needle
    assert "<!channel>" not in text and "<!here>" not in text and "<@U0EVE>" not in text
    assert "Mentor's own private goal" not in text

    # The mentee's line opens the pair's check-in journal only: no goals of either side.
    mentee_home = home_of(stack, MENTEE, "Check-in journal")
    theirs = text_of(open_view(stack, MENTEE, str(mid), view=mentee_home))
    assert "Talked about promotion" in theirs and "Kickoff went well" not in theirs and "Saying no" not in theirs
    assert "Mentor's own private goal" not in theirs and "Ship v2" not in theirs

    # Forged values (no view: any value): a stranger with the real id, junk, a person's id instead.
    for value in (str(mid), "1 OR 1=1", MENTEE, "", str(mid + 1000)):
        refused = open_view(stack, STRANGER, value)
        assert refused["callback_id"] == "not_available", value
        assert not any(secret in text_of(refused) for secret in SECRETS)


def test_only_an_active_mentorship_grants_access(stack):
    mid = pair_with_history(stack)
    for status in ("paused", "proposed", "ended"):
        with Session(stack.engine) as s:
            m = s.get(Mentorship, mid)
            m.status = status
            s.add(m)
            s.commit()
        for user in (MENTOR, MENTEE):
            refused = open_view(stack, user, str(mid))
            assert refused["callback_id"] == "not_available", (status, user)
            assert not any(secret in text_of(refused) for secret in SECRETS)
        if status == "paused":  # still listed on the Home, without the button
            assert home_blocks.PAIR_JOURNAL not in text_of(home_of(stack, MENTOR, "· paused"))
    assert home_blocks.PAIR_JOURNAL not in text_of(home_of(stack, MENTOR, "Your mentoring", lacks="your mentee"))


def test_the_modal_stays_within_slacks_limits():
    """Pure: 150 goals, 10 of each journal out of many, a long title: under 100 blocks, with counts of the rest."""
    goals = [Goal(id=i, owner_id=MENTEE, title="x" * 200, target="t" * 500, target_date=date(2027, 1, 1))
             for i in range(150)]
    entry = GoalUpdate(goal_id=1, author_id=MENTEE, note="n" * 3000, created_at=WHEN)
    checkin = SimpleNamespace(author_id=MENTEE, period=date(2026, 11, 19), outcome="met", note="c" * 3000)
    view = SimpleNamespace(mentorship=Mentorship(mentor_id=MENTOR, mentee_id=MENTEE), viewer_id=MENTOR,
                           other_id=MENTEE, as_mentor=True, goals=goals, entries=[(entry, goals[0])] * 10,
                           entry_count=57, checkins=[checkin] * 10, checkin_count=31,
                           strengths="&" * 2000, areas_to_improve="<" * 2000)
    modal = pair_blocks.pair_modal(view)
    text = text_of(modal)
    assert len(modal["blocks"]) <= 100 and len(modal["title"]["text"]) <= 24
    assert "130 more active goals not shown" in text and "47 older entries" in text and "21 older check-ins" in text
    assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in modal["blocks"])
