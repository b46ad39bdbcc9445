"""User text is never trusted: escape it before it goes into mrkdwn."""

import re

from bot.domain.erasure import ERASED_LABEL, is_tombstone

# Slack's three control characters. Escaping them turns <!channel>, <@U1> and <http://x|y> into plain text.
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ESCAPE_RE = re.compile("[&<>]")


def escape(value: object) -> str:
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], str(value))


def truncate(value: str, limit: int, ellipsis: str = "…") -> str:
    """Cut to at most `limit` characters (Slack counts characters), marking the cut."""
    return value if len(value) <= limit else value[: max(0, limit - len(ellipsis))] + ellipsis


def split_list(value: str, sep: str = ";") -> list[str]:
    """'a; b;;c ' -> ['a', 'b', 'c'], keeping order and dropping duplicates (case-insensitive)."""
    seen: set[str] = set()
    out: list[str] = []
    for part in value.split(sep):
        item = part.strip()
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return out


def mention(user_id: str) -> str:
    """A real mention, only ever for ids we hold, never for user-typed text. An erased person's tombstone reads
    as a former member."""
    if is_tombstone(user_id):
        return f"_{ERASED_LABEL}_"
    if not re.fullmatch(r"[UW][A-Z0-9]{1,30}", user_id):
        raise ValueError("not a Slack user id")
    return f"<@{user_id}>"
