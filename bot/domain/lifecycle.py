"""The Mentorship lifecycle: its statuses and the one set of transitions between them. Pure.

    propose (intro accepted)   -> proposed   the mentor's slot is taken; the pair confirms an agreement
    agree                      proposed -> active
    pause (cannot be reached)  proposed | active -> paused
    resume                     paused -> active
    extend (more months)       active -> active
    end (wrap-up, any time)    proposed | active | paused -> ended

Every status change goes through `transition` (one row) or `allowed_from` (a set-based UPDATE in storage); no
other code assigns a status, so what may follow what is said here and nowhere else.
"""

from enum import StrEnum


class Status(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


PROPOSED, ACTIVE, PAUSED, ENDED = Status.PROPOSED, Status.ACTIVE, Status.PAUSED, Status.ENDED

# Open: holds one of the mentor's slots, and the pair counts as current (Home, /findmentor exclusions).
OPEN: frozenset[Status] = frozenset({PROPOSED, ACTIVE, PAUSED})
# Live: the pair may still write in their check-in journal and read each other's entries.
LIVE: frozenset[Status] = frozenset({ACTIVE, PAUSED})


class Action(StrEnum):
    AGREE = "agree"
    PAUSE = "pause"
    RESUME = "resume"
    EXTEND = "extend"
    END = "end"


# action -> (the statuses it may start from, the status it leads to)
TRANSITIONS: dict[Action, tuple[frozenset[Status], Status]] = {
    Action.AGREE: (frozenset({PROPOSED}), ACTIVE),
    Action.PAUSE: (frozenset({PROPOSED, ACTIVE}), PAUSED),
    Action.RESUME: (frozenset({PAUSED}), ACTIVE),
    Action.EXTEND: (frozenset({ACTIVE}), ACTIVE),
    Action.END: (frozenset({PROPOSED, ACTIVE, PAUSED}), ENDED),
}
INITIAL = PROPOSED  # a mentorship is born when the mentor accepts an intro request


class TransitionNotAllowed(ValueError):
    def __init__(self, status: str, action: Action):
        super().__init__(f"a {status} mentorship cannot {action.value}")
        self.status, self.action = status, action


def allowed_from(action: Action) -> frozenset[Status]:
    return TRANSITIONS[action][0]


def can(status: str, action: Action) -> bool:
    return status in TRANSITIONS[action][0]


def next_status(status: str, action: Action) -> Status:
    sources, target = TRANSITIONS[action]
    if status not in sources:
        raise TransitionNotAllowed(status, action)
    return target


def transition(mentorship, action: Action) -> Status:
    """Check the move and set `mentorship.status` (any object with a status attribute, e.g. the table row)."""
    mentorship.status = next_status(mentorship.status, action).value
    return Status(mentorship.status)
