"""What a failed send means, in one place. Pure: takes an exception, returns what the drain should do.

- rate_limited: HTTP 429 (after slack_sdk's own RateLimitErrorRetryHandler gave up). Retry at Retry-After, and stop
  this drain: the limit is the app's, not the row's. Not counted as an attempt.
- transient: 5xx, connection errors, timeouts, Slack's own "try again" errors. Retry with exponential backoff;
  after MAX_ATTEMPTS the row is failed.
- recipient_gone: the person (or channel) cannot receive messages any more. The row fails with the reason; for a
  person, their mentorships are paused. A channel recipient's row just fails.
- app_auth: our token is refused. No recipient is at fault, and every other row would fail the same way, so the
  drain stops and leaves the rows pending (an operator fixes the token; nothing is lost or paused meanwhile).
- rejected: Slack refused this message (invalid_blocks, msg_too_long, ...). Retrying cannot help: the row fails.
"""

from dataclasses import dataclass
from datetime import timedelta

from slack_sdk.errors import SlackApiError

# Slack error codes by consequence. Add new codes here only.
RECIPIENT_GONE = frozenset({
    "user_not_found", "user_not_visible", "user_disabled", "account_inactive_user", "cannot_dm_bot",
    "channel_not_found", "is_archived", "not_in_channel", "restricted_action_read_only_channel",
})
APP_AUTH = frozenset({
    "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "no_permission",
    "missing_scope", "not_allowed_token_type", "team_access_not_granted", "ekm_access_denied",
})
TRANSIENT = frozenset({
    "ratelimited", "rate_limited", "fatal_error", "internal_error", "service_unavailable", "request_timeout",
    "team_added_to_org",
})

MAX_ATTEMPTS = 10
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=1)
DEFAULT_RETRY_AFTER = 30  # seconds, when a 429 carries no usable Retry-After
CONSECUTIVE_TRANSIENT_LIMIT = 3  # Slack looks down: stop this drain, the next tick tries again


@dataclass(frozen=True)
class Failure:
    kind: str  # rate_limited | transient | recipient_gone | app_auth | rejected
    code: str  # Slack's error code or the exception's class name: safe to log and store, never message text
    retry_after: int | None = None


def classify(exc: BaseException) -> Failure:
    if isinstance(exc, SlackApiError):
        response = exc.response
        status = getattr(response, "status_code", 200) or 200
        code = _error_code(response)
        if status == 429:
            return Failure("rate_limited", "ratelimited", _retry_after(getattr(response, "headers", None)))
        if status >= 500:
            return Failure("transient", f"http_{status}")
        if code in RECIPIENT_GONE:
            return Failure("recipient_gone", code)
        if code in APP_AUTH:
            return Failure("app_auth", code)
        if code in TRANSIENT:
            return Failure("transient", code)
        return Failure("rejected", code or "unknown_error")
    # Connection refused or reset, DNS, timeouts (URLError, OSError, TimeoutError) and anything unforeseen:
    # try again later; MAX_ATTEMPTS bounds it.
    return Failure("transient", type(exc).__name__)


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after `attempts` tries: 30 s, 1 min, 2 min, ... capped at an hour."""
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)


def _error_code(response) -> str:
    try:
        code = response.get("error")
    except (AttributeError, TypeError):
        return ""
    # slack_sdk reports a non-JSON body as an "error" holding the body itself: never keep that text.
    return code if isinstance(code, str) and code.replace("_", "").isalnum() and len(code) <= 64 else ""


def _retry_after(headers) -> int:
    for key, value in (headers or {}).items():
        if key.lower() == "retry-after":
            value = value[0] if isinstance(value, list) else value
            try:
                return max(int(float(value)), 1)
            except (TypeError, ValueError):
                break
    return DEFAULT_RETRY_AFTER
