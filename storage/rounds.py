"""What a matching round reads and writes: who is eligible, the saved plan (the preview), approval exactly once,
and each pair's answers. The solver itself is pure (bot.domain.rounds)."""

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from bot.domain import lifecycle
from bot.domain.ranking import MentorCard
from bot.domain.rounds import Plan, Problem, Rules
from storage.locks import lock_row
from storage.matching import active_mentee_counts, seeker_for
from storage.mentor_search import mentor_cards
from storage.mentorships import open_mentorship_count
from storage.models import MatchRound, Mentorship, Person, Profile, Program, ProgramMember, RoundPair

# Pairs still waiting on an answer hold the mentee and one of the mentor's slots.
PENDING_PAIR_STATES = ("proposed", "accepted")


class RoundOpen(Exception):
    """The program already has a round in preview: approve or discard it first."""

    def __init__(self, round_id: int):
        super().__init__(round_id)
        self.round_id = round_id


def members(session: Session, program_id: int) -> list[tuple[Person, Profile | None]]:
    """Active members who are active people (left or paused members are not matched)."""
    return list(session.exec(
        select(Person, Profile).join(ProgramMember, ProgramMember.person_id == Person.slack_id)
        .outerjoin(Profile, Profile.person_id == Person.slack_id)
        .where(ProgramMember.program_id == program_id, ProgramMember.status == "active",
               Person.active.is_(True)).order_by(Person.slack_id)).all())


def pending_pairs(session: Session) -> list[RoundPair]:
    return list(session.exec(select(RoundPair).where(RoundPair.status.in_(PENDING_PAIR_STATES))).all())


def past_pairs(session: Session) -> frozenset[tuple[str, str]]:
    """Every pair ever matched (any program, any status) and every pair a round proposed (answered or not)."""
    mentorships = session.exec(select(Mentorship.mentee_id, Mentorship.mentor_id)).all()
    proposed = session.exec(select(RoundPair.mentee_id, RoundPair.mentor_id).where(
        RoundPair.mentor_id.is_not(None), RoundPair.status.in_(("proposed", "accepted", "declined")))).all()
    return frozenset((a, b) for a, b in [*mentorships, *proposed])


def round_problem(session: Session, program: Program, now: datetime) -> Problem:
    """Eligible: active members who mentee and have no open mentorship in this program nor a pending proposal;
    mentors among the members with slots left after open mentorships and pending proposals (any program)."""
    people = members(session, program.id)
    pending = pending_pairs(session)
    held = {p.mentee_id for p in pending}
    taken = active_mentee_counts(session)
    for pair in pending:
        taken[pair.mentor_id] = taken.get(pair.mentor_id, 0) + 1
    paired_here = set(session.exec(select(Mentorship.mentee_id).where(
        Mentorship.program_id == program.id, Mentorship.status.in_(lifecycle.OPEN))).all())
    member_ids = {person.slack_id for person, _ in people}
    mentees = [seeker_for(session, person.slack_id, "") for person, profile in people
               if profile is not None and profile.role in ("mentee", "both")
               and person.slack_id not in held and person.slack_id not in paired_here]
    mentors: list[MentorCard] = []
    for card in mentor_cards(session):
        left = card.capacity_left - taken.get(card.person_id, 0)
        if card.person_id in member_ids and left > 0:
            mentors.append(replace(card, capacity_left=left))
    org = {person.slack_id: person for person, _ in people}
    managers = {pid: p.manager_id for pid, p in org.items() if p.manager_id}
    # The manager's own manager may sit outside the program: look them up too.
    for manager_id in set(managers.values()) - org.keys():
        boss = session.get(Person, manager_id)
        if boss is not None and boss.manager_id:
            managers[manager_id] = boss.manager_id
    return Problem(mentees=mentees, mentors=mentors, now=now,
                   rules=Rules(max_hours_apart=program.max_hours_apart,
                               different_department=program.different_department),
                   managers=managers, departments={pid: p.department for pid, p in org.items() if p.department},
                   past_pairs=past_pairs(session))


def open_round(session: Session, program_id: int) -> MatchRound | None:
    return session.exec(select(MatchRound).where(MatchRound.program_id == program_id,
                                                 MatchRound.status == "preview")).first()


def save_plan(session: Session, program_id: int, plan: Plan, why: dict[str, str], created_by: str, kind: str,
              now: datetime) -> MatchRound:
    """The preview, stored: refused (RoundOpen) while another round of this program is in preview. The unique
    partial index settles two planners racing past the check."""
    existing = open_round(session, program_id)
    if existing is not None:
        raise RoundOpen(existing.id)
    report = plan.report
    row = MatchRound(program_id=program_id, kind=kind, created_by=created_by, created_at=now, report={
        "eligible": report.eligible, "matched": report.matched, "average_fit": round(report.average_fit, 4),
        "top3_share": round(report.top3_share, 4), "load": list(report.load), "capacity": list(report.capacity),
        "blocking_pairs": report.blocking_pairs})
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        raise RoundOpen(open_round(session, program_id).id) from None
    session.add_all([RoundPair(round_id=row.id, mentee_id=p.mentee_id, mentor_id=p.mentor_id, fit=p.fit,
                               why=why.get(p.mentee_id, "")[:1000]) for p in plan.pairs])
    session.add_all([RoundPair(round_id=row.id, mentee_id=u.mentee_id, why=u.reason[:1000], status="unmatched")
                     for u in plan.unmatched])
    session.flush()
    return row


def round_lines(session: Session, round_id: int) -> list[RoundPair]:
    return list(session.exec(select(RoundPair).where(RoundPair.round_id == round_id)
                             .order_by(RoundPair.mentor_id.is_(None), RoundPair.fit.desc(), RoundPair.id)).all())


def get_round(session: Session, round_id: int | None) -> MatchRound | None:
    return session.get(MatchRound, round_id) if round_id else None


def remove_pair(session: Session, round_id: int, pair_id: int) -> bool:
    """Take a planned pair out of a round still in preview; its mentee is listed unmatched ("removed")."""
    pair = session.get(RoundPair, pair_id)
    if pair is None or pair.round_id != round_id or pair.status != "planned":
        return False
    round_ = get_round(session, round_id)
    if round_ is None or round_.status != "preview":
        return False
    pair.status = "removed"
    session.add(pair)
    return True


def swap_mentors(session: Session, round_id: int, first_id: int, second_id: int, expected: tuple[str, str],
                 fits: tuple[float, float], why: dict[str, str]) -> bool:
    """Exchange the mentors of two pairs of a round still in preview, if both are still planned with the mentors
    the swap was checked for (`expected`)."""
    a, b = session.get(RoundPair, first_id), session.get(RoundPair, second_id)
    round_ = get_round(session, round_id)
    if round_ is None or round_.status != "preview" or a is None or b is None or a.id == b.id:
        return False
    if any(p.round_id != round_id or p.status != "planned" for p in (a, b)) or (a.mentor_id, b.mentor_id) != expected:
        return False
    a.mentor_id, b.mentor_id = b.mentor_id, a.mentor_id
    a.fit, b.fit = fits
    a.why, b.why = why.get(a.mentee_id, "")[:1000], why.get(b.mentee_id, "")[:1000]
    session.add_all([a, b])
    return True


@dataclass
class Approval:
    approved: bool  # False: it was approved (or discarded) before; nothing new is sent
    proposed: list[RoundPair]
    skipped: list[RoundPair]


def _still_in(session: Session, program_id: int, person_id: str) -> bool:
    member = session.get(ProgramMember, (program_id, person_id))
    person = session.get(Person, person_id)
    return member is not None and member.status == "active" and person is not None and person.active


def approve(session: Session, round_id: int, now: datetime) -> Approval:
    """preview -> approved exactly once (a conditional UPDATE: a second approval, even concurrent, changes no row).
    People who left or were deactivated since the preview are skipped. The caller enqueues the proposals."""
    changed = session.exec(update(MatchRound).where(MatchRound.id == round_id, MatchRound.status == "preview")
                           .values(status="approved", approved_at=now)).rowcount
    if not changed:
        return Approval(False, [], [])
    round_ = get_round(session, round_id)
    proposed, skipped = [], []
    for pair in round_lines(session, round_id):
        if pair.status != "planned":
            continue
        ok = all(_still_in(session, round_.program_id, p) for p in (pair.mentee_id, pair.mentor_id))
        pair.status = "proposed" if ok else "skipped"
        session.add(pair)
        (proposed if ok else skipped).append(pair)
    session.flush()
    return Approval(True, proposed, skipped)


def discard(session: Session, round_id: int) -> bool:
    changed = session.exec(update(MatchRound).where(MatchRound.id == round_id, MatchRound.status == "preview")
                           .values(status="cancelled")).rowcount
    return bool(changed)


def lock_pair(session: Session, pair_id: int) -> RoundPair | None:
    return lock_row(session, RoundPair, pair_id)


def get_pair(session: Session, pair_id: int | None) -> RoundPair | None:
    return session.get(RoundPair, pair_id) if pair_id else None


def has_approved_round(session: Session, program_id: int) -> bool:
    """A program's later rounds are fill rounds: for the people the earlier ones left unmatched."""
    return session.exec(select(MatchRound.id).where(MatchRound.program_id == program_id,
                                                    MatchRound.status == "approved")).first() is not None


def open_pair_mentorship(session: Session, pair: RoundPair, program_id: int, goals: str,
                         now: datetime) -> Mentorship | None:
    """Both accepted: the proposed mentorship, if the mentor still has a slot. The mentor's profile row is locked
    first (as storage.mentorships.take_slot does), so two pairs racing for the last slot are serialised."""
    profile = lock_row(session, Profile, pair.mentor_id)
    if open_mentorship_count(session, pair.mentor_id) >= (profile.capacity if profile else 0):
        return None
    mentorship = Mentorship(mentor_id=pair.mentor_id, mentee_id=pair.mentee_id, program_id=program_id,
                            status=lifecycle.INITIAL, goals=goals, created_at=now)
    session.add(mentorship)
    session.flush()
    pair.status, pair.mentorship_id = "accepted", mentorship.id
    session.add(pair)
    return mentorship
