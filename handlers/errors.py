"""The one error handler: logs the failure (type and place, never payload text), and when the cause is the
database being out of reach, tells the person on the surface they used (issue 15, class 3), whether the failure
came before the ack (the HTTP answer carries it) or after (response_url, a modal, their Home, or a DM).

Nothing here touches the database: it is the thing that is down."""

import json
import logging

from slack_bolt.response import BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient
from sqlalchemy import exc as sa_exc

from bot.slack.blocks import unavailable as blocks

log = logging.getLogger(__name__)


def is_database_unreachable(error: BaseException) -> bool:
    """Connection refused or dropped, a server shutting down, a locked or missing SQLite file, an exhausted pool."""
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(error, (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError))


def _json(payload: dict) -> BoltResponse:
    return BoltResponse(status=200, body=json.dumps(payload), headers={"content-type": "application/json"})


def _user_id(body: dict) -> str | None:
    user = body.get("user")
    if isinstance(user, dict):
        return user.get("id")
    event = body.get("event") if isinstance(body.get("event"), dict) else {}
    return body.get("user_id") or event.get("user") or (user if isinstance(user, str) else None)


def _tell(client: WebClient, body: dict) -> None:
    """After the ack: the surface's own channel for a late answer."""
    user_id = _user_id(body)
    event = body.get("event") if isinstance(body.get("event"), dict) else {}
    if body.get("response_url"):
        WebhookClient(body["response_url"]).send(response_type="ephemeral", replace_original=False,
                                                 **blocks.db_down_message())
    elif body.get("type") == "block_actions" and body.get("trigger_id"):
        client.views_open(trigger_id=body["trigger_id"], view=blocks.db_down_modal())
    elif event.get("type") == "app_home_opened" and user_id:
        client.views_publish(user_id=user_id, view=blocks.db_down_home())
    elif event.get("type") == "message" and event.get("channel_type") == "im" and user_id \
            and not event.get("bot_id") and not event.get("subtype"):
        client.chat_postMessage(channel=event["channel"], thread_ts=event.get("thread_ts"),
                                **blocks.db_down_message())
    elif body.get("type") in ("view_submission", "block_actions") and user_id:
        view_id = (body.get("view") or {}).get("id") if body.get("type") == "view_submission" else None
        try:  # a modal still open ("Saving…") says it; a closed one cannot, so a DM does
            if not view_id:
                raise LookupError
            client.views_update(view_id=view_id, view=blocks.db_down_modal())
        except (SlackApiError, LookupError):
            client.chat_postMessage(channel=user_id, **blocks.db_down_message())
    # Directory events (team_join, user_change): no one to tell; `mentorbot sync-users` catches up.


def answer(error: BaseException, body: dict, response: BoltResponse | None, client: WebClient,
           logger: logging.Logger) -> BoltResponse | None:
    """Bolt's error handler. `response` is None once the listener has acked."""
    logger.error("listener failed: %s", type(error).__name__, exc_info=error)
    if not is_database_unreachable(error) or not isinstance(body, dict):
        return None
    kind = body.get("type")
    acked = response is None
    try:
        if not acked and kind == "view_submission" and blocks.db_down_errors(body.get("view") or {}):
            return _json(blocks.db_down_errors(body["view"]))
        if not acked and body.get("command"):
            return _json({"response_type": "ephemeral", **blocks.db_down_message()})
        _tell(client, body)
    except (SlackApiError, OSError) as exc:
        log.warning("could not tell the person the database is down: %s", type(exc).__name__)
    return None if acked else BoltResponse(status=200, body="")
