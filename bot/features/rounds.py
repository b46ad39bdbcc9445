"""Matching rounds, the use cases: plan a round (the preview), remove a pair, approve once, and each side's answer to
a proposal. Only the program's admins plan, edit and approve (checked on every click: round and pair ids ride in
button values). Proposals go through the outbox (kind `round_proposal`), so sending respects Slack's limits;
when both accept, the existing agreement flow takes over (bot.pairing_flow)."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.domain import intro as intro_rules
from bot.domain import kinds
from bot.domain.rounds import Pair as RoundProposal
from bot.domain.rounds import Plan, Problem, candidates, edge_fit, explanations, plan_round
from bot.features.answers import ModalOrRefusal, refused
from bot.features.deps import Deps
from bot.slack.blocks import rounds as blocks
from bot.slack.blocks.findmentor import why_line
from bot.slack.delivery import Outgoing
from bot.slack.payload import parse_id, parse_json
from storage.db import session_scope
from storage.intros import active_goal_titles
from storage.locks import write_transaction
from storage.models import MatchRound, Program, ScheduledMessage
from storage.outbox import enqueue
from storage.people import get_person, get_profile
from storage.programs import get_program, get_program_by_name, is_program_admin
from storage.rounds import (
    RoundOpen,
    approve,
    discard,
    get_pair,
    get_round,
    has_approved_round,
    lock_pair,
    open_pair_mentorship,
    remove_pair,
    round_lines,
    round_problem,
    save_plan,
    swap_mentors,
)

KIND = kinds.ROUND_PROPOSAL


def is_admin(session: Session, program: Program | None, user_id: str) -> bool:
    return program is not None and is_program_admin(session, program.id, user_id)


@dataclass
class Planned:
    """A round saved in preview, or why not (error: a message for whoever asked)."""

    round_id: int = 0
    plan: Plan | None = None
    problem: Problem | None = None
    error: str = ""


def plan(engine: Engine, program: Program, created_by: str, now: datetime) -> Planned:
    """Read the pool, solve, and save the preview (nothing is sent). A second round in preview is refused."""
    with session_scope(engine) as session:
        problem = round_problem(session, program, now)
        kind = "fill" if has_approved_round(session, program.id) else "round"
    if not problem.mentees:
        return Planned(error=f"No eligible mentees in {program.name}: every member is paired, waiting on a "
                             "proposal, paused, or has no mentee profile.")
    if not problem.mentors:
        return Planned(error=f"No mentor in {program.name} has a free slot: no round to run.")
    result = plan_round(problem)
    why = {mentee: why_line(match) for mentee, match in result.why.items()}
    try:
        with write_transaction(engine) as session:
            row = save_plan(session, program.id, result, why, created_by, kind, now)
            return Planned(round_id=row.id, plan=result, problem=problem)
    except RoundOpen:
        return Planned(error=f"A round for {program.name} is already in preview: approve or discard it first.")


def preview_message(engine: Engine, round_id: int) -> dict:
    with session_scope(engine) as session:
        row = get_round(session, round_id)
        program = get_program(session, row.program_id)
        lines = round_lines(session, round_id)
        pairs = [p for p in lines if p.mentor_id and p.status == "planned"]
        shown = {x for p in pairs[:blocks.PAIRS_SHOWN] for x in (p.mentee_id, p.mentor_id)}
        org = {pid: blocks.org_line(get_person(session, pid)) for pid in shown}
    unmatched = [p for p in lines if p.status in ("unmatched", "removed")]
    return blocks.preview(round_id, program.name, row.kind, row.report, pairs, unmatched, org)


def start_from_slack(deps: Deps, user_id: str, program_name: str = "", program_id: int | None = None) -> dict:
    """`/mentor round PROGRAM` or *Run a matching round*: the preview, for the program's admins only."""
    with session_scope(deps.engine) as session:
        program = get_program(session, program_id) if program_id else (
            get_program_by_name(session, program_name) if program_name.strip() else None)
        if not is_admin(session, program, user_id):
            return blocks.not_available()
    if program.status != "active":
        return blocks.note(f"{blocks.escape(program.name)} is {program.status}: resume it to run a round.")
    if program.match_mode == "self_serve":
        return blocks.note(f"{blocks.escape(program.name)} matches by self-serve search only: edit it to use "
                           "rounds (or both) first.")
    planned = plan(deps.engine, program, user_id, deps.clock())
    if planned.error:
        return blocks.note(blocks.escape(planned.error))
    return preview_message(deps.engine, planned.round_id)


def _admin_round(session: Session, user_id: str, value: str | None) -> MatchRound | None:
    row = get_round(session, parse_id(parse_json(value).get("r")))
    if row is None or not is_admin(session, get_program(session, row.program_id), user_id):
        return None
    return row


def remove_from_slack(deps: Deps, user_id: str, value: str | None) -> dict:
    data = parse_json(value)
    with write_transaction(deps.engine) as session:
        row = _admin_round(session, user_id, value)
        if row is None:
            return blocks.not_available()
        if not remove_pair(session, row.id, parse_id(data.get("p"))):
            return blocks.already_approved()
        round_id = row.id
    return preview_message(deps.engine, round_id)


def swap_view(deps: Deps, user_id: str, value: str | None) -> ModalOrRefusal:
    """The swap modal for a round in preview, for one of its program's admins."""
    with session_scope(deps.engine) as session:
        row = _admin_round(session, user_id, value)
        if row is None:
            return refused(blocks.not_available())
        if row.status != "preview":
            return refused(blocks.already_approved())
        pairs = [p for p in round_lines(session, row.id) if p.mentor_id and p.status == "planned"]
        named = [(p.id, _name(session, p.mentee_id), _name(session, p.mentor_id)) for p in pairs[:100]]
    if len(named) < 2:
        return refused(blocks.note("Swapping needs two proposed pairs."))
    return ModalOrRefusal(view=blocks.swap_modal(row.id, named))


@dataclass
class Swapped:
    errors: dict[str, str] | None = None
    round_id: int = 0


def swap(deps: Deps, user_id: str, round_value: str | None, first: int | None, second: int | None) -> Swapped:
    """Exchange the mentors of two proposed pairs, if the round's rules allow both new pairs. Ids come from the
    modal (attacker-controlled): the round is checked against the submitter, the pairs against the round."""
    if not first or not second or first == second:
        return Swapped(errors=blocks.swapped_refused("Pick two different pairs."))
    with session_scope(deps.engine) as session:
        row = _admin_round(session, user_id, round_value)
        a, b = get_pair(session, first), get_pair(session, second)
        if row is None or row.status != "preview" or a is None or b is None \
                or {a.round_id, b.round_id} != {row.id} or a.status != "planned" or b.status != "planned":
            return Swapped(errors=blocks.swapped_refused("These pairs can't be swapped any more (the round was "
                                                         "approved or changed). Close this and look again."))
        problem = round_problem(session, get_program(session, row.program_id), deps.clock())
        expected = (a.mentor_id, b.mentor_id)
        round_id, mentees = row.id, (a.mentee_id, b.mentee_id)
    cand = candidates(problem)
    fits = (edge_fit(cand, mentees[0], expected[1]), edge_fit(cand, mentees[1], expected[0]))
    if fits[0] is None or fits[1] is None:
        return Swapped(errors=blocks.swapped_refused("The round's rules don't allow one of the new pairs (time "
                                                     "zones, languages, a manager, a past pair or departments)."))
    new = [RoundProposal(mentees[0], expected[1], fits[0]), RoundProposal(mentees[1], expected[0], fits[1])]
    why = {mentee: why_line(match) for mentee, match in explanations(problem, cand, new).items()}
    with write_transaction(deps.engine) as session:
        if not swap_mentors(session, round_id, first, second, expected, (fits[0], fits[1]), why):
            return Swapped(errors=blocks.swapped_refused("These pairs changed meanwhile. Close this and look again."))
    return Swapped(round_id=round_id)


def discard_from_slack(deps: Deps, user_id: str, value: str | None) -> dict:
    with write_transaction(deps.engine) as session:
        row = _admin_round(session, user_id, value)
        if row is None:
            return blocks.not_available()
        return blocks.note("Round discarded; nothing was sent.") if discard(session, row.id) \
            else blocks.already_approved()


@dataclass
class Approved:
    ok: bool
    proposed: int = 0
    skipped: list[str] = field(default_factory=list)  # mentees of skipped pairs


def approve_round(engine: Engine, round_id: int, now: datetime) -> Approved:
    """Approve exactly once and queue two proposal DMs per pair (idempotent keys: a retry queues nothing new)."""
    with write_transaction(engine) as session:
        approval = approve(session, round_id, now)
        for pair in approval.proposed:
            for person in (pair.mentee_id, pair.mentor_id):
                enqueue(session, kind=KIND, recipient_id=person, due_at=now, payload={"pair_id": pair.id},
                        idempotency_key=f"{KIND}:{pair.id}:{person}")
        return Approved(approval.approved, len(approval.proposed),
                        [p.mentee_id for p in approval.skipped])


def approve_from_slack(deps: Deps, user_id: str, value: str | None) -> dict:
    with session_scope(deps.engine) as session:
        row = _admin_round(session, user_id, value)
        if row is None:
            return blocks.not_available()
        round_id = row.id
    done = approve_round(deps.engine, round_id, deps.clock())
    return blocks.approved(done.proposed, done.skipped) if done.ok else blocks.already_approved()


def _name(session: Session, person_id: str) -> str:
    person = get_person(session, person_id)
    return (person.name if person and person.name else "") or person_id


def render_proposal(deps: Deps, session: Session, row: ScheduledMessage) -> Outgoing | None:  # noqa: ARG001
    """Re-reads the pair: once it is answered or declined there is nothing to send."""
    pair = get_pair(session, parse_id((row.payload or {}).get("pair_id")))
    if pair is None or pair.status != "proposed" or row.recipient_id not in (pair.mentee_id, pair.mentor_id):
        return None
    program = get_program(session, get_round(session, pair.round_id).program_id)
    to_mentee = row.recipient_id == pair.mentee_id
    other = pair.mentor_id if to_mentee else pair.mentee_id
    draft = ""
    if to_mentee:
        me, profile = get_person(session, pair.mentee_id), get_profile(session, pair.mentee_id)
        draft = intro_rules.draft_message(intro_rules.DraftInput(
            mentor_name=_name(session, pair.mentor_id), mentee_name=_name(session, pair.mentee_id),
            mentee_role=(profile.title if profile and profile.title else (me.title if me else "")),
            goals=tuple(active_goal_titles(session, pair.mentee_id))))
    dm = blocks.proposal(pair.id, other, _name(session, other), "mentor" if to_mentee else "mentee",
                         program.name if program else "Your mentoring program", pair.why, draft)
    return Outgoing(channel=row.recipient_id, text=dm["text"], blocks=dm["blocks"])


@dataclass
class Answer:
    mine: dict
    other_id: str = ""
    theirs: dict | None = None  # a message for the other side (a decline)
    mentorship_id: int = 0  # both accepted: the agreement step starts


def answer(engine: Engine, user_id: str, value: str | None, accept: bool, now: datetime) -> Answer:
    pair_id = parse_id(parse_json(value).get("p"))
    with write_transaction(engine) as session:
        pair = lock_pair(session, pair_id) if pair_id else None
        if pair is None or user_id not in (pair.mentee_id, pair.mentor_id):
            return Answer(blocks.not_available())
        if pair.status != "proposed":
            return Answer(blocks.note("This match was already answered."))
        other = pair.mentor_id if user_id == pair.mentee_id else pair.mentee_id
        program = get_program(session, get_round(session, pair.round_id).program_id)
        if not accept:
            pair.status = "declined"  # both go back to the pool; this pair is never proposed again
            session.add(pair)
            return Answer(blocks.note("Declined; thanks for saying so. You're back in the pool for the next "
                                      "round."), other, blocks.declined_you(program.name))
        if user_id == pair.mentee_id:
            pair.mentee_accepted = True
        else:
            pair.mentor_accepted = True
        if not (pair.mentee_accepted and pair.mentor_accepted):
            session.add(pair)
            return Answer(blocks.waiting_for(other), other)
        # Both said yes: the mentorship, if the mentor still has a slot (intro requests may have taken it).
        mentorship = open_pair_mentorship(session, pair, program.id,
                                          "; ".join(active_goal_titles(session, pair.mentee_id)), now)
        if mentorship is None:
            pair.status = "declined"
            session.add(pair)
            return Answer(blocks.note("Their slots filled up meanwhile, so this match can't go ahead; you're back "
                                      "in the pool."), other, blocks.declined_you(program.name))
        return Answer(blocks.note("Accepted! Next, agree how you'll work together."), other,
                      mentorship_id=mentorship.id)
