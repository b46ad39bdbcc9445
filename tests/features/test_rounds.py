"""Matching rounds end to end through the real app, the local Slack and the database: an admin previews, removes a
pair, approves (once); proposals go out through the outbox; both accept -> agreement -> announcement; a decline
returns both to the pool and a fill round never repeats the pair; people who left are skipped; strangers and
non-admins are refused."""

import csv
import json

from sqlmodel import Session, select

from bot.cli import main as cli_main
from bot.devkit.demo.scenario import DEMO_CHANNEL, DEMO_PROGRAM, WORKSPACE_CSV
from bot.features.home import publish_home
from bot.outbox.tick import tick
from storage.db import session_scope
from storage.models import (
    Goal,
    MatchRound,
    Mentorship,
    Person,
    Program,
    ProgramAdmin,
    ProgramMember,
    RoundPair,
)
from storage.programs import get_program_by_name
from tests.content_helpers import rows
from tests.features.test_intro_pairing import agree
from tests.pairing_helpers import choose, click, text_of, wait_dm, wait_ephemeral, wait_modal

AMARA, BEN, CHEN, HUGO = "U0DEMOAMARA", "U0DEMOBEN", "U0DEMOCHEN", "U0DEMOHUGO"
INES, JONAS, KEMI, LENA = "U0DEMOINES", "U0DEMOJONAS", "U0DEMOKEMI", "U0DEMOLENA"


def setup_cohort(stack) -> int:
    """Ben runs the demo program. Lena (Berlin) and Inês (Lisbon) want Python: Amara (Berlin, 2 slots) fits both;
    Jonas wants machine learning, which only Chen (Singapore, 7 h from Stockholm) knows. Hugo, who knows Python
    too, and three other mentors have left the program: people who left are not matched."""
    with session_scope(stack.engine) as s:
        program = get_program_by_name(s, DEMO_PROGRAM)
        s.add(ProgramAdmin(program_id=program.id, person_id=BEN))
        for gone in (HUGO, "U0DEMODIEGO", "U0DEMOEMMA", "U0DEMOGRACE"):
            s.get(ProgramMember, (program.id, gone)).status = "left"
        for owner, title in ((LENA, "Python services"), (INES, "Python for data pipelines"),
                             (JONAS, "Machine learning")):
            s.add(Goal(owner_id=owner, title=title))
        return program.id


def command(stack, user: str, text: str) -> dict:
    before = len(stack.slack.ephemerals_to(user))
    assert stack.driver.command(user, "/mentor", text, channel_id=DEMO_CHANNEL).status == 200
    assert stack.slack.wait_for(lambda: len(stack.slack.ephemerals_to(user)) > before, timeout=10)
    return stack.slack.ephemerals_to(user)[-1]


def button(message: dict, action_id: str, needle: str = "") -> tuple[str, str | None]:
    """(value, block_id) of the action_id button in the block that mentions needle."""
    for block in message["blocks"]:
        elements = block.get("elements", []) if block["type"] == "actions" else [block.get("accessory") or {}]
        for e in elements:
            if e.get("action_id") == action_id and needle in json.dumps(block):
                return e["value"], block.get("block_id")
    raise AssertionError(f"no {action_id} button near {needle!r}")


def button_value(message: dict, action_id: str, needle: str = "") -> str:
    return button(message, action_id, needle)[0]


def current(stack, message: dict) -> dict:
    """The ephemeral message as it is now (buttons answer by replacing it)."""
    return next(m for m in stack.slack.messages if m["ts"] == message["ts"])


def pairs(stack) -> list[RoundPair]:
    with Session(stack.engine) as s:
        return list(s.exec(select(RoundPair).order_by(RoundPair.id)).all())


def test_preview_remove_approve_once_accept_agree_announce(demo_stack):
    stack = demo_stack
    setup_cohort(stack)
    assert "Not available" in text_of(command(stack, KEMI, f"round {DEMO_PROGRAM}"))
    assert "Not available" in text_of(command(stack, BEN, "round No Such Program"))

    preview = command(stack, BEN, f"round {DEMO_PROGRAM}")
    shown = text_of(preview)
    assert "2* of *3* eligible mentees matched" in shown and "Nothing is sent until you approve" in shown
    assert f"<@{LENA}> with mentor <@{AMARA}>" in shown and "knows *Python*" in shown
    assert f"<@{JONAS}>: the mentors who know their topics are all more than 6 h apart" in shown
    assert "blocking pair" in shown and "top 3" in shown
    # A second round while this one is in preview is refused.
    assert "already in preview" in text_of(command(stack, BEN, f"round {DEMO_PROGRAM}"))
    assert rows(stack) == []  # nothing queued before approval

    # Remove Inês's pair; a stranger's forged click does nothing.
    remove, block_id = button(preview, "round_remove_pair", INES)
    click(stack, KEMI, "round_remove_pair", value=remove)
    assert "Not available" in text_of(wait_ephemeral(stack, KEMI, "Not available"))
    click(stack, BEN, "round_remove_pair", value=remove, message=preview, block_id=block_id)
    assert stack.slack.wait_for(lambda: "removed by an admin" in text_of(current(stack, preview)))
    preview = current(stack, preview)
    assert f"<@{INES}> with mentor" not in text_of(preview)

    approve = button_value(preview, "round_approve")
    click(stack, KEMI, "round_approve", value=approve)
    click(stack, BEN, "round_approve", value=approve, message=preview)
    assert stack.slack.wait_for(lambda: "Approved: 1 proposal is on the way" in text_of(current(stack, preview)))
    click(stack, BEN, "round_approve", value=approve)  # a double click (raced in) sends nothing twice
    wait_ephemeral(stack, BEN, "already approved")
    assert sorted(r.recipient_id for r in rows(stack, kind="round_proposal")) == sorted([LENA, AMARA])

    tick(stack.deps, stack.app.client, stack.deps.clock())
    lena_dm = wait_dm(stack, LENA, "matched you with")
    amara_dm = wait_dm(stack, AMARA, "matched you with")
    assert "as your mentor" in text_of(lena_dm) and "Hi Amara," in text_of(lena_dm)  # a drafted intro
    assert "as your mentee" in text_of(amara_dm)
    tick(stack.deps, stack.app.client, stack.deps.clock())  # a second tick sends nothing new
    assert len([m for m in stack.slack.messages_in(stack.slack.dm_channel(LENA)) if "matched you" in m["text"]]) == 1

    click(stack, KEMI, "round_accept", value=button_value(lena_dm, "round_accept"))
    assert "Not available" in text_of(wait_ephemeral(stack, KEMI, "Not available"))
    click(stack, LENA, "round_accept", message=lena_dm)
    assert stack.slack.wait_for(lambda: "Waiting for" in text_of(current(stack, lena_dm)))
    click(stack, AMARA, "round_accept", message=amara_dm)
    invite_lena = wait_dm(stack, LENA, "Review agreement")
    invite_amara = wait_dm(stack, AMARA, "Review agreement")
    assert "both said yes" in text_of(invite_lena)
    with Session(stack.engine) as s:
        [m] = s.exec(select(Mentorship)).all()
        assert (m.mentor_id, m.mentee_id, m.status, m.goals) == (AMARA, LENA, "proposed", "Python services")
        assert m.program_id is not None
    agree(stack, LENA, invite_lena, day="2026-12-08", at="10:00")
    agree(stack, AMARA, invite_amara, day="2026-12-08", at="10:00")
    assert stack.slack.wait_for(lambda: any("New pair" in m["text"] for m in stack.slack.messages_in(DEMO_CHANNEL)))
    assert [p.status for p in pairs(stack) if p.mentor_id] == ["accepted", "removed"]


def test_decline_returns_both_to_the_pool_and_the_fill_round_never_repeats_the_pair(demo_stack):
    stack = demo_stack
    setup_cohort(stack)
    # From the Admin section of his Home: the preview comes as a DM, and its buttons answer in place.
    publish_home(stack.deps, stack.app.client, BEN)
    click(stack, BEN, "program_run_round", view=stack.slack.home_views[BEN])
    preview = wait_dm(stack, BEN, "Matching round")
    click(stack, BEN, "round_approve", message=preview)
    assert stack.slack.wait_for(lambda: "Approved: 2 proposals" in text_of(current(stack, preview)))
    tick(stack.deps, stack.app.client, stack.deps.clock())
    amara_dms = [m for m in stack.slack.messages_in(stack.slack.dm_channel(AMARA)) if "matched you" in m["text"]]
    to_lena = next(m for m in amara_dms if f"<@{LENA}>" in text_of(m))
    click(stack, AMARA, "round_decline", message=to_lena)
    assert "won't go ahead" in text_of(wait_dm(stack, LENA, "won't go ahead"))
    lena_dm = wait_dm(stack, LENA, "matched you with")
    click(stack, LENA, "round_accept", message=lena_dm)  # too late: it was declined
    assert "already answered" in text_of(wait_ephemeral(stack, LENA, "already answered"))

    fill = command(stack, BEN, f"round {DEMO_PROGRAM}")
    assert "Fill round" in text_of(fill)
    # Lena is back in the pool, but Amara is a past pair now and Chen is too far: she is told why.
    assert f"<@{LENA}>: only past mentors left" in text_of(fill)
    assert f"<@{INES}>" not in text_of(fill)  # her proposal is still waiting on answers
    with Session(stack.engine) as s:
        assert [r.kind for r in s.exec(select(MatchRound).order_by(MatchRound.id))] == ["round", "fill"]


def test_people_who_left_are_skipped_and_the_manager_chain_is_never_proposed(demo_stack):
    stack = demo_stack
    program_id = setup_cohort(stack)
    with session_scope(stack.engine) as s:
        s.get(Program, program_id).match_mode = "self_serve"
    assert "self-serve search only" in text_of(command(stack, BEN, f"round {DEMO_PROGRAM}"))
    with session_scope(stack.engine) as s:
        s.get(Program, program_id).match_mode = "both"
    with session_scope(stack.engine) as s:
        s.get(Person, INES).manager_id = AMARA  # Amara manages Inês: never her mentor
    preview = command(stack, BEN, f"round {DEMO_PROGRAM}")
    assert f"<@{INES}>: only their manager or manager's manager fits" in text_of(preview)
    with session_scope(stack.engine) as s:
        s.get(ProgramMember, (program_id, LENA)).status = "left"
    click(stack, BEN, "round_approve", value=button_value(preview, "round_approve"), message=preview)
    assert stack.slack.wait_for(lambda: "Skipped 1 pair" in text_of(current(stack, preview)))
    assert f"<@{LENA}>" in text_of(current(stack, preview))
    assert rows(stack, kind="round_proposal") == []
    assert [p.status for p in pairs(stack) if p.mentor_id] == ["skipped"]


def test_cli_plan_writes_the_preview_and_approve_sends_once(demo_stack, migrated_url, tmp_path, capsys,
                                                             monkeypatch):
    stack = demo_stack
    setup_cohort(stack)
    monkeypatch.setenv("DATABASE_URL", migrated_url)
    env = ["--env-file", str(tmp_path / "none.env")]
    out = tmp_path / "plan.csv"
    assert cli_main([*env, "round", "plan", "--program", "Nope", "--out", str(out)]) == 1
    assert "no program named 'Nope'" in capsys.readouterr().err
    assert cli_main([*env, "round", "plan", "--program", DEMO_PROGRAM, "--out", str(out)]) == 0
    assert "2 of 3 eligible mentees matched" in capsys.readouterr().err
    lines = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert lines[0] == ["mentee_id", "mentor_id", "fit", "why"]
    planned = {(r[0], r[1]) for r in lines[1:] if r[1]}
    assert planned == {(LENA, AMARA), (INES, AMARA)}
    assert all("knows Python" in r[3] and "*" not in r[3] for r in lines[1:] if r[1])
    assert [JONAS, "", "", "the mentors who know their topics are all more than 6 h apart"] in lines
    # The same round is what Slack would preview: a second plan, from Slack or the CLI, is refused.
    assert "already in preview" in text_of(command(stack, BEN, f"round {DEMO_PROGRAM}"))
    with Session(stack.engine) as s:
        round_id = s.exec(select(MatchRound.id)).one()
    assert {(p.mentee_id, p.mentor_id) for p in pairs(stack) if p.mentor_id} == planned

    assert cli_main([*env, "round", "approve", str(round_id)]) == 0
    assert "2 pair(s) proposed" in capsys.readouterr().out
    assert cli_main([*env, "round", "approve", str(round_id)]) == 1
    assert "already approved" in capsys.readouterr().err
    assert len(rows(stack, kind="round_proposal")) == 4


def test_org_data_from_the_csv_shows_to_admins_and_bites(demo_stack, migrated_url, tmp_path, capsys, monkeypatch):
    stack = demo_stack
    setup_cohort(stack)
    monkeypatch.setenv("DATABASE_URL", migrated_url)
    env = ["--env-file", str(tmp_path / "none.env")]
    header = (WORKSPACE_CSV.read_text(encoding="utf-8").splitlines()[0] + ",manager,department,level\n")
    rows_by_id = {r.split(",")[0]: r for r in WORKSPACE_CSV.read_text(encoding="utf-8").splitlines()[1:]}
    people = tmp_path / "people.csv"
    # Inês reports to Amara (by email); Amara to Ben (by id); Lena's manager is unknown.
    people.write_text(header + f"{rows_by_id[INES]},amara@example.com,Data,L2\n"
                      f"{rows_by_id[AMARA]},{BEN},Platform,L6\n{rows_by_id[LENA]},nobody@example.com,,\n")
    assert cli_main([*env, "import-profiles", str(people)]) == 1
    assert "line 4: manager 'nobody@example.com' matches nobody's email" in capsys.readouterr().err
    assert cli_main([*env, "import-profiles", str(people), "--skip-invalid"]) == 0
    with Session(stack.engine) as s:
        ines, amara = s.get(Person, INES), s.get(Person, AMARA)
        assert (ines.manager_id, ines.department, ines.level) == (AMARA, "Data", "L2")
        assert (amara.manager_id, amara.department) == (BEN, "Platform")
    preview = command(stack, BEN, f"round {DEMO_PROGRAM}")
    # Amara manages Inês: never proposed; the admin sees the org data that explains the pairs.
    assert f"<@{INES}>: only their manager or manager's manager fits" in text_of(preview)
    assert f"<@{AMARA}>: Platform · L6 · reports to <@{BEN}>" in text_of(preview)
    assert "Platform" not in text_of(command(stack, KEMI, f"round {DEMO_PROGRAM}"))  # "Not available"


def test_an_admin_swaps_two_pairs_and_the_rules_are_checked_again(demo_stack):
    stack = demo_stack
    setup_cohort(stack)
    preview = command(stack, BEN, f"round {DEMO_PROGRAM}")
    value, block_id = button(preview, "round_swap_open")
    # A stranger's forged click opens nothing.
    click(stack, KEMI, "round_swap_open", value=value)
    assert "Not available" in text_of(wait_ephemeral(stack, KEMI, "Not available"))
    assert not stack.slack.open_views_for(KEMI)

    click(stack, BEN, "round_swap_open", value=value, message=preview, block_id=block_id)
    view = wait_modal(stack, BEN, "round_swap_submit")
    choices = {o["text"]["text"]: o["value"]
               for o in next(b for b in view["blocks"] if b.get("block_id") == "first")["element"]["options"]}
    assert set(choices) == {"Lena Novak with Amara Okafor", "Inês Costa with Amara Okafor"}
    lena, ines = choices["Lena Novak with Amara Okafor"], choices["Inês Costa with Amara Okafor"]

    def picked(first: str, second: str) -> dict:
        return {**choose(view, "first", first), **choose(view, "second", second)}

    same = stack.driver.view_submission(BEN, view, picked(lena, lena))
    assert "Pick two different pairs" in same.json()["errors"]["second"]
    # A pair of another round (a forged option value) is refused, and nothing changes.
    forged = stack.driver.view_submission(BEN, view, {"first": {"value": {"type": "static_select", "selected_option": {
        "text": {"type": "plain_text", "text": "x"}, "value": "999999"}}}, **choose(view, "second", ines)})
    assert "can't be swapped" in forged.json()["errors"]["second"]
    before = {(p.mentee_id, p.mentor_id) for p in pairs(stack) if p.status == "planned"}
    ok = stack.driver.view_submission(BEN, view, picked(lena, ines))
    assert ok.status == 200 and ok.body == ""
    assert {(p.mentee_id, p.mentor_id) for p in pairs(stack) if p.status == "planned"} == before  # both had Amara
    assert "Matching round" in text_of(wait_dm(stack, BEN, "Matching round"))  # the updated preview, in the DM
