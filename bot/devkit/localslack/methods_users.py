"""auth.*, users.* and conversations.* for LocalSlack. Each handler runs under slack.lock."""

from __future__ import annotations

import base64
import copy

from .spec import MethodError

MAX_MPIM_USERS = 8  # conversations.open: a group DM holds at most 8 other users


def _err(code: str, *messages: str) -> MethodError:
    return MethodError(code, list(messages))


def auth_test(slack, args) -> dict:  # noqa: ARG001 - every method takes (slack, args)
    return {"url": f"https://{slack.team_name.lower()}.slack.com/", "team": slack.team_name,
            "user": slack.users[slack.bot_user_id]["name"], "team_id": slack.team_id,
            "user_id": slack.bot_user_id, "bot_id": slack.bot_id, "is_enterprise_install": False}


def users_info(slack, args) -> dict:
    user = slack.users.get(args["user"])
    if user is None:
        raise _err("user_not_found")
    return {"user": copy.deepcopy(user)}


def _encode_cursor(kind: str, ident: str) -> str:
    # Slack's cursors look like base64("user:U0G9WFXNZ"); clients must treat them as opaque.
    return base64.b64encode(f"{kind}:{ident}".encode()).decode()


def _page(ids: list[str], args, kind: str) -> tuple[list[str], str]:
    """Slice ids by `limit`/`cursor` the way Slack pages: next_cursor "" at the end."""
    try:
        limit = int(args.get("limit") or 0)
    except ValueError:
        raise _err("invalid_arguments", "[ERROR] limit must be an integer") from None
    start = 0
    cursor = args.get("cursor")
    if cursor:
        try:
            k, ident = base64.b64decode(cursor, validate=True).decode().split(":", 1)
            if k != kind:
                raise ValueError(k)
            start = ids.index(ident)
        except ValueError:
            raise _err("invalid_cursor") from None
    end = len(ids) if limit <= 0 else start + limit
    page = ids[start:end]
    next_cursor = _encode_cursor(kind, ids[end]) if end < len(ids) else ""
    return page, next_cursor


def users_list(slack, args) -> dict:
    # Slack includes deleted users, bots and Slackbot; callers must filter.
    ids = list(slack.users)
    page, next_cursor = _page(ids, args, "user")
    return {"members": [copy.deepcopy(slack.users[i]) for i in page], "cache_ts": 0,
            "response_metadata": {"next_cursor": next_cursor}}


def users_lookup_by_email(slack, args) -> dict:
    email = args["email"].strip().lower()
    for user in slack.users.values():
        if (user["profile"].get("email") or "").lower() == email:
            return {"user": copy.deepcopy(user)}
    raise _err("users_not_found")


def _channel(slack, channel_id: str) -> dict:
    ch = slack.channels.get(channel_id)
    # Slack hides private channels the bot is not in.
    if ch is None or (ch["is_private"] and not ch["is_member"]):
        raise _err("channel_not_found")
    return ch


def conversations_info(slack, args) -> dict:
    return {"channel": slack._public_channel(_channel(slack, args["channel"]))}


def conversations_join(slack, args) -> dict:
    ch = slack.channels.get(args["channel"])
    if ch is None:
        raise _err("channel_not_found")
    if ch["is_private"] or ch["is_im"] or ch.get("is_mpim"):
        raise _err("method_not_supported_for_channel_type")
    already = ch["is_member"]
    ch["is_member"] = True
    if ch["members"] is not None and slack.bot_user_id not in ch["members"]:
        ch["members"].append(slack.bot_user_id)
    out = {"channel": slack._public_channel(ch)}
    if already:
        out["warning"] = "already_in_channel"
        out["response_metadata"] = {"warnings": ["already_in_channel"]}
    return out


MEMBERS_LIMIT_MAX = 1000  # Slack: "limit ... no more than 1000"; beyond it (or not a number) is invalid_limit


def conversations_members(slack, args) -> dict:
    raw = str(args.get("limit") or "0")
    if not raw.isdigit() or int(raw) > MEMBERS_LIMIT_MAX:
        raise _err("invalid_limit")
    ch = _channel(slack, args["channel"])
    members = list(ch["members"]) if ch["members"] is not None else \
        [u for u, d in slack.users.items() if not d["deleted"] and (u != slack.bot_user_id or ch["is_member"])]
    page, next_cursor = _page(members, args, "member")
    return {"members": page, "response_metadata": {"next_cursor": next_cursor}}


def conversations_open(slack, args) -> dict:
    if args.get("channel"):
        ch = slack.channels.get(args["channel"])
        if ch is None or not (ch["is_im"] or ch.get("is_mpim")):
            raise _err("channel_not_found")
        return {"channel": {"id": ch["id"]}}
    users = args.get("users")
    if isinstance(users, list):  # JSON bodies may send a list; forms a comma string
        users = ",".join(users)
    ids = [u.strip() for u in (users or "").split(",") if u.strip()]
    if not ids:
        raise _err("users_list_not_supplied")
    if len(ids) > MAX_MPIM_USERS:
        raise _err("too_many_users")
    for uid in ids:
        user = slack.users.get(uid)
        if user is None:
            raise _err("user_not_found")
        if user["deleted"]:
            raise _err("user_disabled")
    existed = frozenset(ids) in slack._dm_by_users
    cid = slack._open_dm(ids)
    ch = slack.channels[cid]
    out: dict = {"channel": slack._public_channel(ch) if _truthy(args.get("return_im")) else {"id": cid}}
    if existed:
        out.update(no_op=True, already_open=True)
    return out


def _truthy(v) -> bool:
    return v in (True, 1, "1", "true", "True")


HANDLERS = {
    "auth.test": auth_test,
    "users.info": users_info,
    "users.list": users_list,
    "users.lookupByEmail": users_lookup_by_email,
    "conversations.info": conversations_info,
    "conversations.join": conversations_join,
    "conversations.members": conversations_members,
    "conversations.open": conversations_open,
}
