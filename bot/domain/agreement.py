"""The agreement as a living document: what a proposed version changes, line by line. Pure."""

from dataclasses import dataclass
from datetime import datetime

LABELS = (("cadence", "How often"), ("mode", "How you meet"), ("duration", "For how long"),
          ("from", "From the session on"), ("goals", "Shared goals"))


@dataclass(frozen=True)
class Version:
    """An agreement's terms as people read them (labels already human: "weekly", "video call", "6 months")."""

    goals: str
    cadence: str
    mode: str
    duration: str
    next_at: datetime | None  # the next session (current) or the first on the new terms (proposed)


def differences(current: Version, proposed: Version) -> list[tuple[str, str, str]]:
    """(label, was, becomes) for each term that changes; the first session on the new terms counts as a change
    only when it is not simply the next session already planned."""
    out = []
    for field, label in LABELS:
        if field == "from":
            if proposed.next_at != current.next_at:
                out.append((label, "", ""))  # the caller shows the dates in each reader's zone
            continue
        was, becomes = getattr(current, field), getattr(proposed, field)
        if was.strip() != becomes.strip():
            out.append((label, was, becomes))
    return out
