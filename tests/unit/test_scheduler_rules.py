"""The scheduler's pure rules: what a Slack failure means, who may be messaged now, and one reminder per prompt."""

from datetime import UTC, date, datetime, timedelta

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.outbox import failures
from bot.outbox.policy import Recipient, decide


def _slack_error(status: int, data: dict, headers: dict | None = None) -> SlackApiError:
    response = SlackResponse(client=None, http_verb="POST", api_url="x", req_args={}, data=data,
                             headers=headers or {}, status_code=status)
    return SlackApiError("failed", response)


@pytest.mark.parametrize("exc,kind,code,retry_after", [
    (_slack_error(429, {"ok": False, "error": "ratelimited"}, {"retry-after": "12"}), "rate_limited", "ratelimited", 12),
    (_slack_error(429, {"ok": False}, {}), "rate_limited", "ratelimited", failures.DEFAULT_RETRY_AFTER),
    (_slack_error(503, {"ok": False, "error": "Received a response in a non-JSON format: <h1>down</h1>"}),
     "transient", "http_503", None),
    (_slack_error(200, {"ok": False, "error": "user_not_found"}), "recipient_gone", "user_not_found", None),
    (_slack_error(200, {"ok": False, "error": "is_archived"}), "recipient_gone", "is_archived", None),
    (_slack_error(200, {"ok": False, "error": "invalid_auth"}), "app_auth", "invalid_auth", None),
    (_slack_error(200, {"ok": False, "error": "internal_error"}), "transient", "internal_error", None),
    (_slack_error(200, {"ok": False, "error": "invalid_blocks"}), "rejected", "invalid_blocks", None),
    (ConnectionResetError(), "transient", "ConnectionResetError", None),
    (TimeoutError(), "transient", "TimeoutError", None),
])
def test_each_failure_is_classified_once_and_never_keeps_body_text(exc, kind, code, retry_after):
    assert failures.classify(exc) == failures.Failure(kind, code, retry_after)


def test_backoff_doubles_and_is_capped():
    assert [failures.backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert failures.backoff(30) == failures.BACKOFF_CAP


MONDAY_NOON = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("recipient,action,due", [
    (Recipient("U1", "Europe/Berlin"), "send", None),  # 13:00 in Berlin
    (Recipient("U1", "America/Los_Angeles"), "defer", datetime(2026, 12, 7, 17, 0, tzinfo=UTC)),  # 04:00 there
    (Recipient("U1", "Asia/Kolkata"), "defer", datetime(2026, 12, 8, 3, 30, tzinfo=UTC)),  # 17:30 there
    (Recipient("U1", "UTC", paused_until=date(2026, 12, 10)), "defer", datetime(2026, 12, 10, 9, 0, tzinfo=UTC)),
    (Recipient("U1", "UTC", paused_until=date(2026, 12, 7)), "send", None),  # the pause ended this morning
    (Recipient("U1", "UTC", active=False), "fail", None),
    (None, "send", None),  # unknown person: UTC working hours
])
def test_who_may_be_messaged_now(recipient, action, due):
    decision = decide("U1", recipient, MONDAY_NOON)
    assert (decision.action, decision.due_at) == (action, due)


def test_channels_have_no_quiet_hours():
    assert decide("C1", None, MONDAY_NOON + timedelta(hours=12)).action == "send"
