"""chat.* and files.* (the files_upload_v2 flow) for LocalSlack. Handlers run under slack.lock."""

from __future__ import annotations

import copy
import secrets
import time

from . import limits
from .methods_history import check_metadata
from .spec import MethodError


def with_block_ids(blocks):
    """Slack fills in a random block_id on blocks that have none; payloads then carry it."""
    if not isinstance(blocks, list):
        return blocks
    out = copy.deepcopy(blocks)
    for b in out:
        if isinstance(b, dict) and "block_id" not in b:
            b["block_id"] = secrets.token_urlsafe(3)
    return out


def post_channel(slack, channel: str) -> dict:
    """Where chat.postMessage-like calls land; raises Slack's errors for bad targets."""
    if channel.startswith(("U", "W")):
        # A user id posts to the app's DM with that user. Slack accepts this even for deactivated
        # users (python-slack-sdk issue #1156), so we do too; the bot must check `deleted` itself.
        if channel not in slack.users:
            raise MethodError("channel_not_found")
        return slack.channels[slack._open_dm([channel])]
    ch = slack.channels.get(channel)
    if ch is None or (ch["is_private"] and not ch["is_member"]):
        raise MethodError("channel_not_found")
    if not ch["is_member"]:
        raise MethodError("not_in_channel")
    return ch


def check_content(args, require: bool = True) -> None:
    """text/blocks/attachments as chat.postMessage validates them."""
    blocks = args.get("blocks")
    if blocks is not None and not isinstance(blocks, list):
        raise MethodError("invalid_blocks_format", ["[ERROR] blocks must be a JSON array"])
    if require and not args.get("text") and not blocks and not args.get("attachments"):
        raise MethodError("no_text")
    if blocks:
        errors = limits.check_message_blocks(blocks)
        if errors:
            raise MethodError("invalid_blocks", errors)
    if not limits.check_message_text(args.get("text")):
        raise MethodError("msg_too_long")


def chat_post_message(slack, args) -> dict:
    ch = post_channel(slack, args["channel"])
    check_content(args)
    metadata = check_metadata(args.get("metadata"))
    msg = slack._record_message(channel=ch["id"], text=args.get("text") or "",
                                blocks=with_block_ids(args.get("blocks")) or None,
                                thread_ts=args.get("thread_ts") or None,
                                attachments=args.get("attachments") or None, metadata=metadata)
    return {"channel": ch["id"], "ts": msg["ts"], "message": slack._message_json(msg)}


def chat_post_ephemeral(slack, args) -> dict:
    ch = post_channel(slack, args["channel"])
    user = slack.users.get(args["user"])
    members = ch.get("members")
    if user is None or user["deleted"] or (members is not None and args["user"] not in members):
        raise MethodError("user_not_in_channel")
    check_content(args)
    msg = slack._record_message(channel=ch["id"], text=args.get("text") or "",
                                blocks=with_block_ids(args.get("blocks")) or None,
                                thread_ts=args.get("thread_ts") or None, ephemeral_to=args["user"],
                                attachments=args.get("attachments") or None)
    return {"message_ts": msg["ts"]}


def _own_message(slack, args, not_mine: str) -> tuple[dict, dict]:
    ch = slack.channels.get(args["channel"])
    if ch is None or (ch["is_private"] and not ch["is_member"]):
        raise MethodError("channel_not_found")
    msg = slack._find_message(ch["id"], args["ts"])
    # Ephemeral messages cannot be edited or deleted through the API, only via response_url.
    if msg is None or msg["ephemeral_to"]:
        raise MethodError("message_not_found")
    if msg["user"] != slack.bot_user_id:
        raise MethodError(not_mine)
    return ch, msg


def chat_update(slack, args) -> dict:
    ch, msg = _own_message(slack, args, "cant_update_message")
    check_content(args)
    msg.setdefault("history", []).append({"text": msg["text"], "blocks": msg["blocks"]})
    msg["text"] = args.get("text") or ""
    if "blocks" in args:
        msg["blocks"] = with_block_ids(args["blocks"]) or None
    if "attachments" in args:
        msg["attachments"] = args["attachments"] or None
    msg["edited"] = {"user": slack.bot_user_id, "ts": slack._new_ts()}
    return {"channel": ch["id"], "ts": msg["ts"], "text": msg["text"], "message": slack._message_json(msg)}


def chat_delete(slack, args) -> dict:
    ch, msg = _own_message(slack, args, "cant_delete_message")
    slack.messages.remove(msg)
    slack.deleted_messages.append(msg)
    return {"channel": ch["id"], "ts": msg["ts"]}


def files_get_upload_url(slack, args) -> dict:
    try:
        length = int(args["length"])
    except (TypeError, ValueError):
        length = -1
    if length <= 0:
        raise MethodError("invalid_arguments", ["[ERROR] length must be a positive integer"])
    file_id = slack._new_id("F")
    slack.files[file_id] = {"id": file_id, "name": args["filename"], "length": length,
                            "content": None, "created": int(time.time())}
    return {"upload_url": f"{slack.base_url}/upload/{file_id}", "file_id": file_id}


def files_complete_upload(slack, args) -> dict:
    files = args["files"]
    if not isinstance(files, list) or not files or not all(isinstance(f, dict) and f.get("id") for f in files):
        raise MethodError("invalid_arguments", ["[ERROR] files must be a JSON array of {id, title}"])
    stored = []
    for f in files:
        rec = slack.files.get(f["id"])
        if rec is None or rec["content"] is None:  # never uploaded: Slack cannot find it either
            raise MethodError("file_not_found")
        stored.append(rec)
    targets = [c for c in [args.get("channel_id"), *(args.get("channels") or "").split(",")] if c]
    chans = [post_channel(slack, c) for c in targets]
    if args.get("blocks") is not None:
        check_content(args, require=False)
    out = []
    for f, rec in zip(files, stored, strict=True):
        rec["title"] = f.get("title") or rec["name"]
        out.append({"id": rec["id"], "name": rec["name"], "title": rec["title"], "size": rec["size"],
                    "mimetype": "", "filetype": "", "user": slack.bot_user_id,
                    "shares": {"public" if not c["is_private"] else "private": {c["id"]: []} for c in chans}})
    for ch in chans:
        slack._record_message(channel=ch["id"], text=args.get("initial_comment") or "",
                              thread_ts=args.get("thread_ts") or None,
                              files=[{k: v for k, v in o.items() if k != "shares"} for o in out],
                              blocks=with_block_ids(args.get("blocks")) or None)
    return {"files": out}


HANDLERS = {
    "chat.postMessage": chat_post_message,
    "chat.postEphemeral": chat_post_ephemeral,
    "chat.update": chat_update,
    "chat.delete": chat_delete,
    "files.getUploadURLExternal": files_get_upload_url,
    "files.completeUploadExternal": files_complete_upload,
}
