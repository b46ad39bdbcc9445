"""How many SQL statements one /findmentor costs, counted through the real app over HTTP.

On PostgreSQL every statement is a round trip on the request path, so the count is pinned (a count, not a timing):
warm, a request reads the seeker (person, profile and active goals in one statement), the exclusions (one UNION)
and the slots version. The directory version is re-checked once a second by the index's background thread, not
by the request. The first request also loads the directory (with its version) and the slots taken.
"""

import threading
from datetime import timedelta

from sqlalchemy import event
from sqlmodel import Session

from storage.models import Goal, IntroRequest, Mentorship
from tests.features.test_findmentor_labelled import seed_directory
from tests.pairing_helpers import find, text_of

JONAS = "U0DIR55"
WARM_MAX = 3  # seeker, exclusions, slots version
COLD_MAX = 7  # + the directory version, the directory itself, its program memberships (program: filter), slots taken


def test_one_findmentor_costs_a_few_statements(stack):
    seed_directory(stack)
    now = stack.deps.clock()
    with Session(stack.engine) as s:
        s.add(Goal(owner_id=JONAS, title="Speak at a conference", target="public speaking"))
        s.add(Goal(owner_id=JONAS, title="Run our services on Kubernetes"))
        s.add(Goal(owner_id=JONAS, title="Learn profiling and performance", status="done"))  # not a query any more
        s.add(Mentorship(mentor_id="U0DIR07", mentee_id=JONAS, status="active"))
        s.add(IntroRequest(mentee_id=JONAS, mentor_id="U0DIR43", status="pending"))  # Thomas: already asked
        s.add(IntroRequest(mentee_id=JONAS, mentor_id="U0DIR05", status="declined",
                           answered_at=now - timedelta(days=2)))
        s.commit()

    statements: list[str] = []

    def count(_conn, _cursor, statement, *_):
        if threading.current_thread().name != "mentor-index":  # the request's, not the index's background work
            statements.append(" ".join(statement.split())[:120])

    event.listen(stack.engine, "before_cursor_execute", count)
    try:
        cold = text_of(find(stack, JONAS, ""))  # no words: both active goals are the query
        cold_statements, statements[:] = list(statements), []
        warm = text_of(find(stack, JONAS, ""))
    finally:
        event.remove(stack.engine, "before_cursor_execute", count)

    for shown in (cold, warm):
        assert "Fatou Diallo" in shown  # Kubernetes: the second active goal counts
        for left_out in ("Thomas Müller", "Olivia Brown", "Ana Petrović"):  # pending, declined, current mentor
            assert left_out not in shown
    assert len(cold_statements) <= COLD_MAX, cold_statements
    assert len(statements) <= WARM_MAX, statements
