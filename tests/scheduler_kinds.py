"""A test-only outbox kind for the scheduler's tests (not collected by pytest: importable by a worker process too).

`test_engine` rows send payload["text"] to the recipient. A test can make Slack fail exactly when one row is
sent: FAULTS[idempotency_key] = (local_slack, inject_kwargs) is applied once, while that row renders, so the fault
hits that row's chat.postMessage in the middle of a drain.
"""

from bot.outbox.kinds import add_test_kind
from bot.slack.delivery import Outgoing

KIND = "test_engine"
FAULTS: dict[str, tuple[object, dict]] = {}


def _render(deps, session, row):
    fault = FAULTS.pop(row.idempotency_key, None)
    if fault is not None:
        slack, kwargs = fault
        slack.inject("chat.postMessage", **kwargs)
    return Outgoing(channel=row.recipient_id, text=row.payload["text"])


add_test_kind(KIND, _render)


def rows(recipients: list[str], per_recipient: int, due_at, prefix: str = "t") -> list[dict]:
    """enqueue_many input: `per_recipient` rows for each recipient, texts unique ("<prefix>-<recipient>-<n>")."""
    return [{"kind": KIND, "recipient_id": r, "due_at": due_at, "idempotency_key": f"{prefix}:{r}:{n}",
             "payload": {"text": f"{prefix}-{r}-{n}"}} for n in range(per_recipient) for r in recipients]
