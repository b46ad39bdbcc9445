"""The Mentorship lifecycle: which moves are allowed, and that nothing else moves a status."""

import re
from pathlib import Path

import pytest

from bot.domain import lifecycle
from bot.domain.lifecycle import ACTIVE, ENDED, PAUSED, PROPOSED, Action, TransitionNotAllowed


class Row:
    def __init__(self, status):
        self.status = status


@pytest.mark.parametrize(("start", "action", "end"), [
    (PROPOSED, Action.AGREE, ACTIVE), (PROPOSED, Action.PAUSE, PAUSED), (ACTIVE, Action.PAUSE, PAUSED),
    (PAUSED, Action.RESUME, ACTIVE), (ACTIVE, Action.EXTEND, ACTIVE), (PROPOSED, Action.END, ENDED),
    (ACTIVE, Action.END, ENDED), (PAUSED, Action.END, ENDED),
])
def test_allowed_moves(start, action, end):
    row = Row(start.value)
    assert lifecycle.transition(row, action) == end and row.status == end.value


@pytest.mark.parametrize(("start", "action"), [
    (ENDED, Action.END), (ENDED, Action.RESUME), (ENDED, Action.AGREE), (ACTIVE, Action.AGREE),
    (PAUSED, Action.EXTEND), (PROPOSED, Action.RESUME), (PAUSED, Action.PAUSE),
])
def test_refused_moves_leave_the_status_alone(start, action):
    row = Row(start.value)
    with pytest.raises(TransitionNotAllowed):
        lifecycle.transition(row, action)
    assert row.status == start.value


def test_open_and_live_sets():
    assert lifecycle.OPEN == {PROPOSED, ACTIVE, PAUSED} and lifecycle.LIVE == {ACTIVE, PAUSED}
    assert ENDED not in lifecycle.OPEN


def test_no_other_code_assigns_a_mentorship_status():
    """Every status change goes through bot/domain/lifecycle.py: no `.status =` on a mentorship elsewhere."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in [*root.glob("bot/**/*.py"), *root.glob("storage/**/*.py"), *root.glob("handlers/**/*.py")]:
        if path.name == "lifecycle.py" or "migrations" in path.parts or "devkit" in path.parts:
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"\b(m|mentorship)\.status\s*=[^=]", line):
                offenders.append(f"{path.relative_to(root)}:{n}")
    assert offenders == []
