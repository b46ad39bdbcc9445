"""Programs run from Slack, end to end through the real app, the local Slack and the database: who may create one,
the program modal (errors, create, edit, admins), the Admin section on the Home, the channel's Join message, joining,
pausing and leaving, enrolling a channel's members page by page, pause/archive; non-admins see nothing."""

from dataclasses import replace

from sqlmodel import Session, select

from bot.devkit.demo.scenario import DEMO_PROGRAM
from bot.features import programs as program_feature
from storage.db import session_scope
from storage.models import IntroRequest, Program, ProgramAdmin, ProgramMember
from storage.programs import create_program, enrol
from tests.pairing_helpers import (
    click,
    dms,
    find,
    request_intro,
    text_of,
    wait_dm,
    wait_ephemeral,
    wait_modal,
)

HR, LENA, KEMI, BEN, JONAS = "U0HRADMIN", "U0DEMOLENA", "U0DEMOKEMI", "U0DEMOBEN", "U0DEMOJONAS"
COHORT = "C0COHORT"


def command(stack, user: str, text: str) -> dict:
    before = len(stack.slack.ephemerals_to(user))
    assert stack.driver.command(user, "/mentor", text, channel_id="C0DEMOMENTOR").status == 200
    assert stack.slack.wait_for(lambda: len(stack.slack.ephemerals_to(user)) > before, timeout=10)
    return stack.slack.ephemerals_to(user)[-1]


def form(name="Cohort 2027", *, start="2027-01-11", end="2027-06-30", admins=(HR,), mode="rounds", hours="6",
         description="Six months, one mentor each.") -> dict:
    values = {
        "name": {"value": name},
        "channel": {"value": {"type": "conversations_select", "selected_conversation": COHORT}},
        "admins": {"value": {"type": "multi_users_select", "selected_users": list(admins)}},
        "mode": {"value": {"type": "static_select", "selected_option": {"value": mode}}},
        "hours": {"value": {"type": "static_select", "selected_option": {"value": hours}}},
        "start": {"value": {"type": "datepicker", "selected_date": start}},
        "end": {"value": {"type": "datepicker", "selected_date": end}},
    }
    if description:
        values["description"] = {"value": description}
    return values


def program(stack, name="Cohort 2027") -> Program:
    with Session(stack.engine) as s:
        return s.exec(select(Program).where(Program.name == name)).one()


def members(stack, program_id: int) -> dict[str, str]:
    with Session(stack.engine) as s:
        return {m.person_id: m.status for m in s.exec(select(ProgramMember).where(
            ProgramMember.program_id == program_id)).all()}


def home(stack, user: str) -> dict:
    assert stack.slack.wait_for(lambda: user in stack.slack.home_views, timeout=10)
    return stack.slack.home_views[user]


def create_cohort(stack) -> Program:
    """HR, a Slack workspace admin with no program yet, creates one from /mentor admin."""
    stack.slack.add_user(HR, "hr", real_name="Hana Reyes")
    stack.slack.users[HR]["is_admin"] = True
    stack.slack.add_channel(COHORT, "cohort-2027", is_member=True, members=[HR, LENA, KEMI, JONAS])
    panel = command(stack, HR, "admin")
    assert "No programs yet" in text_of(panel)
    click(stack, HR, "program_create", message=panel)
    view = wait_modal(stack, HR, "program_submit")
    bad = stack.driver.view_submission(HR, view, form(end="2027-01-01"))
    assert '"end": "The cohort must end after it starts."' in bad.body
    response = stack.driver.view_submission(HR, view, form())
    assert response.slack_errors == [] and response.body == "", response.body
    wait_dm(stack, HR, "Created *Cohort 2027*")
    return program(stack)


def test_create_edit_and_the_admin_home(demo_stack):
    stack = demo_stack
    assert "Not available" in text_of(command(stack, KEMI, "admin"))
    p = create_cohort(stack)
    assert (p.channel_id, p.match_mode, p.max_hours_apart, str(p.cohort_start)) == (COHORT, "rounds", 6, "2027-01-11")
    assert "Six months" in p.description
    # A second program with the same name is a field error.
    click(stack, HR, "program_create", message=command(stack, HR, "admin"))
    view = wait_modal(stack, HR, "program_submit")
    assert "exists already" in stack.driver.view_submission(HR, view, form(name="cohort  2027")).body

    # The Admin section on HR's Home: Edit opens the modal prefilled; adding Ben as admin gives him the section.
    admin_home = home(stack, HR)
    assert "Cohort 2027" in text_of(admin_home) and "Run a matching round" in text_of(admin_home)
    click(stack, HR, "program_edit", view=admin_home)
    # The create modal with the field error is still open underneath: wait for the edit modal on top.
    assert stack.slack.wait_for(lambda: '"p"' in (stack.slack.open_views_for(HR)[-1].get("private_metadata") or ""))
    edit = wait_modal(stack, HR, "program_submit")
    name_block = next(b for b in edit["blocks"] if b["block_id"] == "name")
    assert name_block["element"]["initial_value"] == "Cohort 2027"
    response = stack.driver.view_submission(HR, edit, form(name="Cohort 2027 <spring>", admins=(HR, BEN),
                                                            mode="both", hours="4"))
    assert response.body == "", response.body
    p = program(stack, "Cohort 2027 <spring>")
    assert (p.match_mode, p.max_hours_apart) == ("both", 4)
    with Session(stack.engine) as s:
        assert {a.person_id for a in s.exec(select(ProgramAdmin).where(ProgramAdmin.program_id == p.id))} == {HR, BEN}
    assert stack.slack.wait_for(lambda: "Cohort 2027 &lt;spring&gt;" in text_of(stack.slack.home_views.get(BEN, {})))

    # A non-admin forging Edit, Archive or a round on this program gets "Not available" and nothing changes.
    value = f'{{"p": {p.id}}}'

    def refusals() -> int:
        return len([m for m in stack.slack.ephemerals_to(KEMI) + dms(stack, KEMI) if "Not available" in text_of(m)])

    before = refusals()
    for action in ("program_edit", "program_archive", "program_run_round", "program_enrol_channel"):
        click(stack, KEMI, action, value=value)
    assert stack.slack.wait_for(lambda: refusals() == before + 4)
    assert stack.slack.open_views_for(KEMI) == [] and program(stack, p.name).status == "active"
    assert "resume it" not in text_of(command(stack, HR, f"round {p.name}"))  # Kemi's Archive changed nothing

    # Pause, resume, archive.
    click(stack, HR, "program_pause", value=value)
    assert stack.slack.wait_for(lambda: program(stack, p.name).status == "paused")
    assert "resume it to run a round" in text_of(command(stack, HR, f"round {p.name}"))
    click(stack, HR, "program_resume", value=value)
    assert stack.slack.wait_for(lambda: program(stack, p.name).status == "active")
    click(stack, HR, "program_archive", value=value)
    assert stack.slack.wait_for(lambda: program(stack, p.name).status == "archived")


def test_join_by_button_pause_leave_and_enrol_the_channel(demo_stack, monkeypatch):
    stack = demo_stack
    p = create_cohort(stack)
    value = f'{{"p": {p.id}}}'
    panel = command(stack, HR, "admin")
    click(stack, HR, "program_post_join", message=panel, value=value)
    assert stack.slack.wait_for(lambda: any("Join the program" in text_of(m) for m in stack.slack.messages_in(COHORT)))
    join = next(m for m in stack.slack.messages_in(COHORT) if "Join the program" in text_of(m))
    assert "Six months, one mentor each." in text_of(join)

    click(stack, LENA, "program_join", message=join)
    assert "Welcome to *Cohort 2027*" in text_of(wait_ephemeral(stack, LENA, "Welcome to"))
    assert members(stack, p.id) == {LENA: "active"}
    # Her Home lists the program with Pause and Leave; she pauses, then leaves. History stays: the row is kept.
    home(stack, LENA)
    assert stack.slack.wait_for(lambda: "Your programs" in text_of(stack.slack.home_views[LENA]))
    click(stack, LENA, "program_member_pause", view=stack.slack.home_views[LENA], value=value)
    assert stack.slack.wait_for(lambda: members(stack, p.id) == {LENA: "paused"})
    wait_dm(stack, LENA, "Paused: you won't be matched")
    click(stack, LENA, "program_leave", message=join)
    assert "You've left *Cohort 2027*" in text_of(wait_ephemeral(stack, LENA, "You've left"))
    assert members(stack, p.id) == {LENA: "left"}

    # Enrol the channel's members, two per page: everyone but the one who left (and the bot) joins.
    monkeypatch.setattr(program_feature, "MEMBERS_PAGE", 2)
    before = len(stack.slack.calls_to("conversations.members"))
    click(stack, HR, "program_enrol_channel", message=panel, value=value)
    enrolled = wait_ephemeral(stack, HR, "Enrolled")
    assert "Enrolled 3 new members" in text_of(enrolled)
    assert len(stack.slack.calls_to("conversations.members")) - before == 2  # 4 members, 2 per page
    assert members(stack, p.id) == {LENA: "left", HR: "active", KEMI: "active", JONAS: "active"}


def test_a_program_channel_the_bot_is_not_in_is_joined_or_explained(demo_stack):
    stack = demo_stack
    p = create_cohort(stack)
    stack.slack.channels[COHORT]["is_private"] = True
    stack.slack.channels[COHORT]["is_member"] = False
    click(stack, HR, "program_post_join", value=f'{{"p": {p.id}}}')
    assert "invite me to the channel" in text_of(wait_ephemeral(stack, HR, "invite me"))


def test_findmentor_searches_the_seekers_programs_and_mentorships_belong_to_one(demo_stack):
    stack = demo_stack
    # Kemi is in no program: she searches everyone, and with one program in the workspace her request is in it.
    assert "Amara Okafor" in text_of(find(stack, KEMI, "python"))
    request_intro(stack, KEMI, "python", "Amara Okafor")
    with Session(stack.engine) as s:
        [request] = s.exec(select(IntroRequest)).all()
        assert request.program_id == s.exec(select(Program.id).where(Program.name == DEMO_PROGRAM)).one()
    # Once she joins a design circle whose only mentor is Diego, she searches its mentors only.
    with session_scope(stack.engine) as s:
        circle = create_program(s, "Design Circle", "C0DESIGN", [HR])
        enrol(s, circle.id, [KEMI, "U0DEMODIEGO"])
    assert "No mentor with room right now lists *machine learning*" in text_of(find(stack, KEMI, "machine learning"))
    assert "Diego Ramirez" in text_of(find(stack, KEMI, "accessibility"))
    # `program:any` widens her search beyond her programs, and she may ask whom she finds there.
    widened = text_of(find(stack, KEMI, "machine learning program:any"))
    assert "Chen Wei" in widened and "in every program" in widened
    request_intro(stack, KEMI, "machine learning program:any", "Chen Wei")
    with Session(stack.engine) as s:
        asked = s.exec(select(IntroRequest).where(IntroRequest.mentor_id == "U0DEMOCHEN")).all()
        assert len(asked) == 1 and asked[0].program_id == circle.id  # her own program, the only one she is in


def test_admin_user_ids_may_create_and_no_one_else(demo_stack):
    stack = demo_stack
    assert "Not available" in text_of(command(stack, JONAS, "admin"))
    stack.deps.settings = replace(stack.deps.settings, admin_user_ids=(JONAS,))
    assert "Create a program" in text_of(command(stack, JONAS, "admin"))
    assert "Not available" in text_of(command(stack, KEMI, "admin"))
