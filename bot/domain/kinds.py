"""The kinds of outbox rows: every message the bot schedules has one of these names, written in the row's `kind`.

Features enqueue rows under these names; bot/outbox/kinds.py maps each name to the function that renders it when
due. A kind named here without a renderer there fails a unit test (tests/unit/test_outbox_kinds.py), and
storage.outbox refuses to enqueue a kind not named here, so nothing is written that the drain cannot send.
"""

CHECKIN = "checkin"  # "how did your session go?" to each of the pair, and its one reminder
MEETING_REMINDER = "meeting_reminder"  # the working day before a session: prep checklist and .ics
DRIFT_ALERT = "drift_alert"  # escalation, step 3: to program admins, names and the signal only, never notes
GOAL_NUDGE = "goal_nudge"  # a goal with no progress for a while, or due soon
INTRO_REMINDER = "intro_reminder"  # to a mentor who has not answered an intro request after 48 h
INTRO_EXPIRY = "intro_expiry"  # to the mentee: the request closed unanswered, with other suggestions
WRAP_UP = "wrap_up"  # the agreed months are up: extend or wrap up
ROUND_PROPOSAL = "round_proposal"  # a matching round's proposed pair, to each side, with Accept / Decline
PAIR_ENDED = "pair_ended"  # to the other person when someone erased their data: the mentorship ended (not why)
SESSION_UPDATE = "session_update"  # a session moved or cancelled: the note to both, with the updated .ics
MIDPOINT = "midpoint"  # half-way through the agreed months: keep going, adjust, or end
INTRO_ASK_AGAIN = "intro_ask_again"  # "not right now" comes back to the mentor after the weeks they chose
PULSE = "pulse"  # "how is this mentorship going?", privately to each of the pair
DRIFT_NUDGE = "drift_nudge"  # escalation, step 1: a gentle nudge to both (never says why)
DRIFT_ASK = "drift_ask"  # escalation, step 2: "is this still working for you?" to each, privately
ADMIN_DIGEST = "admin_digest"  # Monday morning, to each program's admins: the week's changes and what needs attention

ALL: frozenset[str] = frozenset({CHECKIN, MEETING_REMINDER, DRIFT_ALERT, GOAL_NUDGE, INTRO_REMINDER, INTRO_EXPIRY,
                                 WRAP_UP, ROUND_PROPOSAL, PAIR_ENDED, SESSION_UPDATE, MIDPOINT,
                                 INTRO_ASK_AGAIN, PULSE, DRIFT_NUDGE, DRIFT_ASK, ADMIN_DIGEST})

# Kinds that tests and benchmarks add for themselves (bot.outbox.kinds.add_test_kind); never used in production.
_TEST_KINDS: set[str] = set()


def allow_test_kind(name: str) -> None:
    _TEST_KINDS.add(name)


def is_known(kind: str) -> bool:
    return kind in ALL or kind in _TEST_KINDS
