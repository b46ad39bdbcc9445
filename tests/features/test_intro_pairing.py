"""find -> request -> DM -> accept -> agreement -> welcome DMs -> announcement -> Homes, end to end through the local
Slack and the real database; then the ways it can go otherwise (decline, expiry, double answers, limits, forgery)."""

import json
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from bot.outbox.kinds import RENDERERS
from storage.models import Goal, IntroRequest, Mentorship, ScheduledMessage
from tests.pairing_helpers import (
    agreement_values,
    click,
    dms,
    find,
    intro_values,
    request_intro,
    result_block,
    text_of,
    wait_dm,
    wait_ephemeral,
    wait_modal,
)

LENA, AMARA, CHEN, HUGO, INES, KEMI = "U0DEMOLENA", "U0DEMOAMARA", "U0DEMOCHEN", "U0DEMOHUGO", "U0DEMOINES", "U0DEMOKEMI"
CHANNEL = "C0DEMOMENTOR"


def add_goal(stack, owner: str, title: str) -> None:
    with Session(stack.engine) as s:
        s.add(Goal(owner_id=owner, title=title))
        s.commit()


def requests(stack) -> list[IntroRequest]:
    with Session(stack.engine) as s:
        return list(s.exec(select(IntroRequest).order_by(IntroRequest.id)).all())


def mentorships(stack) -> list[Mentorship]:
    with Session(stack.engine) as s:
        return list(s.exec(select(Mentorship).order_by(Mentorship.id)).all())


def suggested(message: dict) -> list[str]:
    """Mentor ids behind the Request intro buttons of a message."""
    return [json.loads(e["value"])["m"] for b in message["blocks"] if b["type"] == "actions"
            for e in b["elements"] if e["action_id"] == "intro_open"]


def agree(stack, user: str, invitation: dict, **terms):
    click(stack, user, "agreement_open", message=invitation)
    view = wait_modal(stack, user, "agreement_submit")
    response = stack.driver.view_submission(user, view, agreement_values(view, **terms))
    assert response.slack_errors == [] and response.body == "", response.body
    return view


def test_the_whole_flow_from_find_to_announcement(demo_stack):
    stack = demo_stack
    add_goal(stack, LENA, "Ship a production Python service on my own")
    view = request_intro(stack, LENA, "python", "Amara Okafor")
    draft = next(b for b in view["blocks"] if b.get("block_id") == "message")["element"]["initial_value"]
    for part in ("Hi Amara,", "I'm Lena Novak, Junior Engineer.", "Python",
                 "Ship a production Python service on my own", "short chat, whenever suits you", "Thank you"):
        assert part in draft
    # The mentor's DM: the message, a summary of the mentee and their goals, three answers.
    dm = wait_dm(stack, AMARA, "Accept")
    assert "Hi Amara," in text_of(dm) and "Junior Engineer" in text_of(dm)
    assert "Ship a production Python service" in text_of(dm) and "Not right now" in text_of(dm)
    assert "on its way to *Amara Okafor*" in text_of(wait_dm(stack, LENA, "on its way"))
    # Reminder after 48 hours and expiry after 7 days are in the outbox.
    with Session(stack.engine) as s:
        rows = {r.kind: r for r in s.exec(select(ScheduledMessage)).all()}
    now = stack.deps.clock()
    assert rows["intro_reminder"].recipient_id == AMARA and rows["intro_expiry"].recipient_id == LENA
    assert rows["intro_reminder"].due_at.replace(tzinfo=UTC) == now + timedelta(hours=48)
    assert rows["intro_expiry"].due_at.replace(tzinfo=UTC) == now + timedelta(days=7)

    click(stack, AMARA, "intro_accept", message=dm)
    invite_lena = wait_dm(stack, LENA, "Review agreement")
    invite_amara = wait_dm(stack, AMARA, "Review agreement")
    assert stack.slack.wait_for(lambda: "You accepted" in text_of(
        next(m for m in stack.slack.messages if m["ts"] == dm["ts"])))
    [m] = mentorships(stack)
    assert (m.mentor_id, m.mentee_id, m.status) == (AMARA, LENA, "proposed")
    assert [r.status for r in requests(stack)] == ["accepted"]
    with Session(stack.engine) as s:  # answered: the follow-ups are cancelled
        assert {r.status for r in s.exec(select(ScheduledMessage)).all()} == {"cancelled"}

    # Lena confirms; Amara adjusts the cadence, so Lena is asked again; Lena confirms: agreed.
    agree(stack, LENA, invite_lena, mode="huddle", day="2026-12-08", at="10:00")
    assert "asked Amara Okafor to confirm" in text_of(wait_dm(stack, LENA, "Saved."))
    amara_view = agree(stack, AMARA, invite_amara, mode="huddle", cadence="weekly", day="2026-12-08", at="10:00")
    assert "Lena Novak has confirmed" in text_of(amara_view)
    readjust = wait_dm(stack, LENA, "adjusted your mentoring agreement")
    assert mentorships(stack)[0].status == "proposed"
    agree(stack, LENA, readjust, mode="huddle", cadence="weekly", day="2026-12-08", at="10:00")

    welcome = wait_dm(stack, LENA, "Your mentorship is on")
    for part in ("weekly", "Slack huddle", "6 months", "Tue 08 Dec 2026, 10:00 (Europe/Berlin)", "Expectations",
                 "Agenda", "Feedback", "Ship a production Python service"):
        assert part in text_of(welcome)
    assert "Expectations" in text_of(wait_dm(stack, AMARA, "Your mentorship is on"))
    [m] = mentorships(stack)
    assert m.status == "active" and m.mentor_confirmed and m.mentee_confirmed and m.cadence == "weekly"
    assert m.first_meeting_at.replace(tzinfo=UTC) == datetime(2026, 12, 8, 9, 0, tzinfo=UTC)  # 10:00 Berlin

    assert stack.slack.wait_for(lambda: any("New pair" in m["text"] for m in stack.slack.messages_in(CHANNEL)))
    [post] = [m for m in stack.slack.messages_in(CHANNEL) if "New pair" in m["text"]]
    assert f"<@{AMARA}>" in text_of(post) and f"<@{LENA}>" in text_of(post)
    assert "production" not in text_of(post) and "Python" not in text_of(post)  # never the goals

    def homes_show_pair():
        homes = stack.slack.home_views
        return (f"<@{AMARA}> (your mentor)" in text_of(homes.get(LENA, {})) and "active" in text_of(homes[LENA])
                and f"<@{LENA}> (your mentee)" in text_of(homes.get(AMARA, {})))
    assert stack.slack.wait_for(homes_show_pair)


def test_decline_tells_the_mentee_kindly_and_suggests_others(demo_stack):
    stack = demo_stack
    request_intro(stack, LENA, "python", "Amara Okafor")
    dm = wait_dm(stack, AMARA, "Accept")
    click(stack, AMARA, "intro_decline", message=dm)
    view = wait_modal(stack, AMARA, "intro_decline_submit")
    response = stack.driver.view_submission(AMARA, view, {"note": {"text": "Full until March <!channel>, sorry!"}})
    assert response.slack_errors == []
    note = wait_dm(stack, LENA, "can't be your mentor this time")
    assert "Full until March &lt;!channel&gt;" in text_of(note) and "<!channel>" not in text_of(note)
    assert suggested(note) and AMARA not in suggested(note)
    assert requests(stack)[0].status == "declined"
    # Her DM lost its buttons; a second answer (forged, since the buttons are gone) changes nothing.
    assert stack.slack.wait_for(lambda: "You declined" in text_of(
        next(m for m in stack.slack.messages if m["ts"] == dm["ts"])))
    click(stack, AMARA, "intro_accept", value=str(requests(stack)[0].id))
    assert "already answered" in text_of(wait_ephemeral(stack, AMARA, "already answered"))
    assert mentorships(stack) == []
    # For 30 days she is not suggested to Lena again.
    assert "Amara" not in text_of(find(stack, LENA, "python"))


def test_not_right_now_then_a_second_answer_is_refused(demo_stack):
    stack = demo_stack
    request_intro(stack, INES, "machine learning", "Chen Wei")
    dm = wait_dm(stack, CHEN, "Accept")
    click(stack, CHEN, "intro_not_now", message=dm)
    # A second click on the same message before answering the modal: the modal opens twice, one answer wins.
    view = wait_modal(stack, CHEN, "intro_decline_submit")
    assert stack.driver.view_submission(CHEN, view, {}).slack_errors == []
    assert "maybe another time" in text_of(wait_dm(stack, INES, "maybe another time"))
    assert requests(stack)[0].status == "not_now"
    click(stack, CHEN, "intro_decline", value=str(requests(stack)[0].id))
    assert "already answered" in text_of(wait_ephemeral(stack, CHEN, "already answered"))


def test_reminder_then_expiry_offers_others_who_fit(demo_stack):
    stack, client = demo_stack, demo_stack.app.client
    add_goal(stack, LENA, "Grow as a backend engineer: Python, code review, presenting my work")
    request_intro(stack, LENA, "python", "Amara Okafor")
    with Session(stack.engine) as s:
        rows = {r.kind: r for r in s.exec(select(ScheduledMessage)).all()}

    def render(kind):
        with Session(stack.engine) as s:
            out = RENDERERS[kind](stack.deps, s, s.get(ScheduledMessage, rows[kind].id))
            s.commit()
        if out is not None:
            client.chat_postMessage(channel=out.channel, text=out.text, blocks=out.blocks)
        return out

    stack.deps.clock.advance(hours=48)
    reminder = render("intro_reminder")
    assert reminder.channel == AMARA and "gentle reminder" in reminder.text.lower() + text_of({"blocks": reminder.blocks})
    assert "Accept" in text_of(wait_dm(stack, AMARA, "gentle reminder"))
    stack.deps.clock.advance(days=5)
    expiry = render("intro_expiry")
    assert expiry.channel == LENA
    note = wait_dm(stack, LENA, "didn't answer within 7 days")
    # Only mentors who know what drew her (Python): the other two with room, and the lead says two.
    assert sorted(suggested(note)) == [CHEN, HUGO] and "Two other mentors who fit" in text_of(note)
    assert requests(stack)[0].status == "expired"
    assert render("intro_reminder") is None  # nothing pending any more
    click(stack, AMARA, "intro_accept", message=wait_dm(stack, AMARA, "gentle reminder"))
    assert "expired" in text_of(wait_ephemeral(stack, AMARA, "expired"))


def test_fourth_open_request_is_refused_clearly(demo_stack):
    stack = demo_stack
    for mentor in ("Amara Okafor", "Chen Wei", "Hugo Martin"):
        request_intro(stack, LENA, "python", mentor)
    assert len([r for r in requests(stack) if r.status == "pending"]) == 3
    answer = find(stack, LENA, "public speaking")
    click(stack, LENA, "intro_open", message=answer, block_id=result_block(answer, "Grace Liu"))
    assert "3 intro requests waiting" in text_of(wait_ephemeral(stack, LENA, "3 intro requests waiting"))
    assert stack.slack.open_views_for(LENA) == [] and len(requests(stack)) == 3


def test_intro_text_over_the_limit_gets_a_field_error(demo_stack):
    stack = demo_stack
    answer = find(stack, LENA, "python")
    click(stack, LENA, "intro_open", message=answer, block_id=result_block(answer, "Amara Okafor"))
    view = wait_modal(stack, LENA, "intro_submit")
    response = stack.driver.view_submission(LENA, view, intro_values(view, text="x" * 2500))
    assert response.json()["response_action"] == "errors" and "under 2000" in response.json()["errors"]["message"]
    assert requests(stack) == [] and dms(stack, AMARA) == []


def test_forged_values_are_refused_and_change_nothing(demo_stack):
    stack = demo_stack
    request_intro(stack, LENA, "python", "Amara Okafor")
    rid = str(requests(stack)[0].id)
    for user, value in ((LENA, rid), (KEMI, rid), (AMARA, "999999"), (AMARA, "1; DROP TABLE")):
        before = len(stack.slack.ephemerals_to(user))
        click(stack, user, "intro_accept", value=value)
        assert stack.slack.wait_for(lambda u=user, b=before: len(stack.slack.ephemerals_to(u)) > b)
        assert "isn't addressed to you" in text_of(stack.slack.ephemerals_to(user)[-1])
    click(stack, KEMI, "intro_decline", value=rid)
    wait_ephemeral(stack, KEMI, "isn't addressed to you")
    assert stack.slack.open_views_for(KEMI) == []
    assert [r.status for r in requests(stack)] == ["pending"] and mentorships(stack) == []
    # Requesting an intro to yourself, or to a mentor with no free slot (Emma), is refused.
    for mentor in (LENA, "U0DEMOEMMA", "U0NOBODY"):
        click(stack, LENA, "intro_open", value=json.dumps({"m": mentor, "q": "python"}))
        wait_ephemeral(stack, LENA, "can't take an intro request")
    # Accept properly, then a stranger opens or submits the pair's agreement: refused.
    click(stack, AMARA, "intro_accept", message=wait_dm(stack, AMARA, "Accept"))
    wait_dm(stack, LENA, "Review agreement")
    mid = str(mentorships(stack)[0].id)
    click(stack, KEMI, "agreement_open", value=mid)
    assert "another pair" in text_of(wait_ephemeral(stack, KEMI, "another pair"))
    assert mentorships(stack)[0].mentor_confirmed is False
