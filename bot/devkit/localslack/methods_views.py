"""views.* for LocalSlack, plus the modal-stack effects of view_submission/view_closed answers.

The 2021 spec lists no error enum for views.*; codes come from Slack's method docs. View validation
failures are "invalid_arguments" with "[ERROR] ..." messages, as Slack answers them.
"""

from __future__ import annotations

import copy
import json
import secrets
import time

from . import limits
from .methods_chat import with_block_ids
from .spec import MethodError

MAX_MODAL_STACK = 3  # Slack: a modal stack holds at most 3 views


def _valid_view(args) -> dict:
    view = args.get("view")
    if not isinstance(view, dict):
        raise MethodError("invalid_arguments", ["[ERROR] failed to match all allowed schemas [json-pointer:/view]"])
    errors = limits.check_view(view)
    if errors:
        raise MethodError("invalid_arguments", errors)
    return view


def _take_trigger(slack, trigger_id: str) -> str:
    t = slack._triggers.get(trigger_id)
    if t is None:
        raise MethodError("invalid_trigger_id")
    if t["used"]:
        raise MethodError("exchanged_trigger_id")
    if time.monotonic() - t["at"] > slack.trigger_ttl:
        raise MethodError("expired_trigger_id")
    t["used"] = True
    return t["user"]


def _check_external_id(slack, view: dict, own_id: str | None = None) -> None:
    ext = view.get("external_id")
    if ext and any(v["external_id"] == ext and v["id"] != own_id for v in slack.views.values()):
        raise MethodError("duplicate_external_id")


def _build(slack, view: dict, *, view_id: str | None = None, root: str | None = None,
           previous: str | None = None) -> dict:
    vid = view_id or slack._new_id("V")
    stored = {
        "id": vid, "team_id": slack.team_id, "type": view["type"],
        "blocks": with_block_ids(view.get("blocks") or []),
        "private_metadata": view.get("private_metadata", ""), "callback_id": view.get("callback_id", ""),
        "state": {"values": {}}, "hash": f"{int(time.time())}.{secrets.token_hex(4)}",
        "title": copy.deepcopy(view.get("title")), "clear_on_close": bool(view.get("clear_on_close")),
        "notify_on_close": bool(view.get("notify_on_close")), "close": copy.deepcopy(view.get("close")),
        "submit": copy.deepcopy(view.get("submit")), "previous_view_id": previous,
        "root_view_id": root or vid, "app_id": slack.app_id, "external_id": view.get("external_id", ""),
        "app_installed_team_id": slack.team_id, "bot_id": slack.bot_id,
    }
    slack.views[vid] = stored
    return stored


def _modal_for_trigger(slack, args, verb: str) -> tuple[dict, str]:
    """views.open and views.push: a valid modal, and the user whose (unused, fresh) trigger it spends."""
    view = _valid_view(args)
    if view["type"] != "modal":
        raise MethodError("invalid_arguments", [f"[ERROR] views.{verb} only {verb}s modals [json-pointer:/view/type]"])
    _check_external_id(slack, view)
    return view, _take_trigger(slack, args["trigger_id"])


def views_open(slack, args) -> dict:
    view, user = _modal_for_trigger(slack, args, "open")
    stored = _build(slack, view)
    slack._modal_stacks[user] = [stored["id"]]
    return {"view": copy.deepcopy(stored)}


def views_push(slack, args) -> dict:
    view, user = _modal_for_trigger(slack, args, "push")
    stack = slack._modal_stacks.get(user) or []
    if not stack:
        raise MethodError("not_found", ["[ERROR] no modal is open to push onto"])
    if len(stack) >= MAX_MODAL_STACK:
        raise MethodError("push_limit_reached")
    stored = _build(slack, view, root=stack[0], previous=stack[-1])
    stack.append(stored["id"])
    return {"view": copy.deepcopy(stored)}


def _is_live(slack, view: dict) -> bool:
    if view["type"] == "home":
        return any(h["id"] == view["id"] for h in slack.home_views.values())
    return any(view["id"] in stack for stack in slack._modal_stacks.values())


def views_update(slack, args) -> dict:
    view = _valid_view(args)
    if args.get("view_id"):
        current = slack.views.get(args["view_id"])
    elif args.get("external_id"):
        current = next((v for v in slack.views.values() if v["external_id"] == args["external_id"]), None)
    else:
        raise MethodError("invalid_arguments", ["[ERROR] missing required field: view_id or external_id"])
    # A modal the user already closed cannot be updated any more.
    if current is None or not _is_live(slack, current):
        raise MethodError("not_found")
    if args.get("hash") and args["hash"] != current["hash"]:
        raise MethodError("hash_conflict")
    if view["type"] != current["type"]:
        raise MethodError("invalid_arguments", ["[ERROR] cannot change the view type [json-pointer:/view/type]"])
    _check_external_id(slack, view, current["id"])
    stored = _build(slack, view, view_id=current["id"], root=current["root_view_id"],
                    previous=current["previous_view_id"])
    for user, home in list(slack.home_views.items()):
        if home["id"] == stored["id"]:
            slack.home_views[user] = stored
    return {"view": copy.deepcopy(stored)}


def views_publish(slack, args) -> dict:
    view = _valid_view(args)
    user = slack.users.get(args["user_id"])
    if user is None or user["deleted"] or user["is_bot"]:
        raise MethodError("invalid_arguments", ["invalid `user_id`"])
    if view["type"] != "home":
        raise MethodError("invalid_arguments", ["[ERROR] views.publish only publishes home views"
                                                " [json-pointer:/view/type]"])
    current = slack.home_views.get(args["user_id"])
    if args.get("hash") and current and args["hash"] != current["hash"]:
        raise MethodError("hash_conflict")
    # A user's Home tab keeps its view id across publishes.
    stored = _build(slack, view, view_id=current["id"] if current else None)
    slack.home_views[args["user_id"]] = stored
    return {"view": copy.deepcopy(stored)}


def close_view(slack, user: str, view_id: str, clear: bool = False) -> None:
    """Pop view_id (and anything above it) from the user's modal stack; clear=True empties it."""
    stack = slack._modal_stacks.get(user)
    if not stack:
        return
    if clear:
        stack.clear()
    elif view_id in stack:
        del stack[stack.index(view_id):]


def apply_submission_answer(slack, user: str, view_id: str, status: int, body: str) -> list[str]:
    """What Slack does with the bot's answer to view_submission. Returns problems Slack would show."""
    if status != 200:
        return [f"HTTP {status}: Slack shows 'We had some trouble connecting' and keeps the modal"]
    if not body.strip():
        close_view(slack, user, view_id)
        return []
    try:
        answer = json.loads(body)
    except ValueError:
        return ["answer is not JSON; Slack keeps the modal open with an error"]
    action = answer.get("response_action")
    if action == "clear":
        close_view(slack, user, view_id, clear=True)
    elif action == "errors":
        if not isinstance(answer.get("errors"), dict) or not answer["errors"]:
            return ["response_action errors needs a non-empty errors object"]
        view = slack.views.get(view_id) or {}
        input_ids = {b.get("block_id") for b in view.get("blocks", []) if b.get("type") == "input"}
        unknown = sorted(set(answer["errors"]) - input_ids)
        if unknown:
            return [f"errors name block_ids that are not input blocks of the view: {unknown}"]
    elif action in ("update", "push"):
        errors = limits.check_view(answer.get("view"))
        if errors:
            return errors
        stack = slack._modal_stacks.setdefault(user, [])
        if action == "update":
            current = slack.views[view_id]
            _build(slack, answer["view"], view_id=view_id, root=current["root_view_id"],
                   previous=current["previous_view_id"])
        elif len(stack) >= MAX_MODAL_STACK:
            return ["push_limit_reached"]
        else:
            stack.append(_build(slack, answer["view"], root=stack[0], previous=stack[-1])["id"])
    elif action is None:
        close_view(slack, user, view_id)
    else:
        return [f"unknown response_action {action!r}"]
    return []


HANDLERS = {
    "views.open": views_open,
    "views.push": views_push,
    "views.update": views_update,
    "views.publish": views_publish,
}
