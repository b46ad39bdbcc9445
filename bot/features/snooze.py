"""Snooze one message until tomorrow: the same outbox row again (same kind and payload, so its renderer re-checks
that it still applies), due at the start of the recipient's next working day, in their own hours and zone.
Keyed per message and day (`<key>~snooze:<date>`), so clicking twice snoozes once. Only the recipient may."""

from datetime import time, timedelta

from bot.domain.hours import hours_of
from bot.domain.timekeeping import as_utc, effective_tz, zone
from bot.domain.working_hours import at_local, next_delivery_time
from bot.features.deps import Deps
from bot.slack.blocks import snooze as blocks
from bot.slack.payload import parse_id
from storage.locks import write_transaction
from storage.models import ScheduledMessage
from storage.outbox import enqueue
from storage.scheduling import recipients

SNOOZABLE = ("checkin", "goal_nudge")


def snooze(deps: Deps, user_id: str, value: str | None) -> dict | None:
    """What the message becomes, or None if refused."""
    row_id = parse_id(value)
    now = deps.clock()
    with write_transaction(deps.engine) as session:
        row = session.get(ScheduledMessage, row_id) if row_id else None
        if row is None or row.recipient_id != user_id or row.kind not in SNOOZABLE or row.status != "sent":
            return None
        info = recipients(session, {user_id}).get(user_id)
        if info is None:
            return None
        tz, hours = effective_tz(info[0], info[1]), hours_of(info[5], info[6])
        today = now.astimezone(zone(tz)).date()
        due = next_delivery_time(tz, at_local(tz, today + timedelta(days=1), time(0)), info[2], hours)
        key = f"{row.idempotency_key.split('~')[0]}~snooze:{today.isoformat()}"
        copy = enqueue(session, kind=row.kind, recipient_id=user_id, due_at=due, idempotency_key=key,
                       mentorship_id=row.mentorship_id, payload={**row.payload, "snoozed_from": row.id})
        return blocks.snoozed(as_utc(copy.due_at).astimezone(zone(tz)))
