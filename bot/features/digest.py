"""The weekly digest to each program's admins, Monday 09:00 in their time zone, once per week: the week's changes
and what needs attention (at-risk pairs by name and signal, who is waiting, the supply gap). Figures about fewer
than 5 people are suppressed.

Rows: admin_digest   digest:<program>:<admin>:<Monday>   written up to a week ahead; the renderer builds the digest
when it is due and re-checks that the recipient still administers the program.
"""

from datetime import datetime, timedelta

from sqlmodel import Session, select

from bot.domain import escalation as escalation_rules
from bot.domain import kinds
from bot.domain.digest import digest_due, digest_key
from bot.domain.working_hours import next_delivery_time
from bot.features.deps import Deps
from bot.slack.blocks import digest as blocks
from bot.slack.delivery import Outgoing
from storage import checkins as store
from storage import report as report_store
from storage.models import Program, ProgramAdmin, ScheduledMessage
from storage.outbox import enqueue_new

DIGEST = kinds.ADMIN_DIGEST
WEEK = timedelta(days=7)


def sweep_digest(deps: Deps, session: Session, now: datetime) -> int:  # noqa: ARG001
    admins = session.exec(select(ProgramAdmin.program_id, ProgramAdmin.person_id)).all()
    people = store.recipients(session, [a for _, a in admins])
    planned = []
    for program_id, admin in admins:
        person = people.get(admin)
        if person is None or not person.active:
            continue
        monday, due = digest_due(person.tz, now)
        planned.append({"kind": DIGEST, "recipient_id": admin, "idempotency_key": digest_key(program_id, admin, monday),
                        "due_at": next_delivery_time(person.tz, due, person.paused_until),
                        "payload": {"program": program_id, "week": monday.isoformat()}})
    return enqueue_new(session, planned)


def render_digest(deps: Deps, session: Session, row: ScheduledMessage) -> Outgoing | None:
    program = session.get(Program, row.payload.get("program"))
    if program is None or row.recipient_id not in store.program_admin_ids(session, program.id):
        return None  # no longer an admin of this program
    now = deps.clock()
    changes = report_store.week_changes(session, program.id, now - WEEK)
    at_risk = [(mentor, mentee, escalation_rules.signal_text(signals.split(",")))
               for mentor, mentee, signals in report_store.at_risk(session, program.id)]
    waiting = len(report_store.waiting_since(session, program.id))
    return Outgoing(channel=row.recipient_id, **blocks.digest(program.name, changes, at_risk, waiting))
