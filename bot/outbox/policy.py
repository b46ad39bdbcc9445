"""Whether a due row may be sent now, and if not, when. Pure: the drain asks this for every due row it claims."""

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.hours import DEFAULT, Hours
from bot.domain.timekeeping import zone
from bot.domain.working_hours import is_working_time, next_delivery_time


@dataclass(frozen=True)
class Recipient:
    """What delivery needs to know about a person: their zone (profile override, else Slack's) and availability."""

    slack_id: str
    tz: str | None = None
    paused_until: date | None = None
    active: bool = True
    hours: Hours = DEFAULT  # their profile's working hours and work week


@dataclass(frozen=True)
class Decision:
    action: str  # send | defer | fail
    due_at: datetime | None = None  # for defer: the new due time
    for_pause: bool = False  # for defer: moved by an out-of-office pause (resume brings it back)
    reason: str = ""  # for fail


SEND = Decision("send")


def is_channel(recipient_id: str) -> bool:
    """Channels (public C…, private G…, conversations D…) have no quiet hours; users (U…/W…) do."""
    return recipient_id[:1] in ("C", "G", "D")


def is_paused(recipient: Recipient, now: datetime) -> bool:
    if recipient.paused_until is None:
        return False
    return now.astimezone(zone(recipient.tz)).date() < recipient.paused_until


def decide(recipient_id: str, recipient: Recipient | None, now: datetime) -> Decision:
    """Send now, defer to the next moment inside the person's working hours (and after their pause), or fail.
    An unknown user id (no Person row) is treated as a person in UTC."""
    if is_channel(recipient_id):
        return SEND
    recipient = recipient or Recipient(slack_id=recipient_id)
    if not recipient.active:
        return Decision("fail", reason="person_inactive")
    if is_paused(recipient, now):
        return Decision("defer", next_delivery_time(recipient.tz, now, recipient.paused_until, recipient.hours),
                        for_pause=True)
    if not is_working_time(recipient.tz, now, recipient.hours):
        return Decision("defer", next_delivery_time(recipient.tz, now, hours=recipient.hours))
    return SEND
