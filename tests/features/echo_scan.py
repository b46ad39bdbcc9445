"""One check for every message and view the local Slack recorded: no user text reaches Slack as a control
sequence, in the notification `text` fallback as much as in the blocks. Slack parses `<...>` in both."""

import re

from bot.domain.resources import safe_link

CONTROL = re.compile(r"<[^<>]*>")


def _texts(node):
    """Every string Slack parses for `<...>`: `text` values at any depth, except plain_text objects (shown as
    typed, never parsed)."""
    if isinstance(node, dict):
        if node.get("type") == "plain_text":
            return
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                yield value
            else:
                yield from _texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _texts(item)


def unescaped(slack, hostile: tuple[str, ...] = ()) -> list[str]:
    """Each offending `<...>` (anything but a mention of a real user, a channel link or a library link) or verbatim hostile
    string, with where it was found; [] when clean."""
    found = []
    with slack.lock:
        surfaces = [(f"message {m['ts']} ({m.get('via')})", m) for m in slack.messages if m.get("via") != "user"]
        surfaces += [(f"history of {m['ts']}", h) for m in slack.messages for h in m.get("history") or []]
        surfaces += [(f"view {v}", view) for v, view in slack.views.items()]
        surfaces += [(f"home of {u}", view) for u, view in slack.home_views.items()]
        users = set(slack.users)
    for where, node in surfaces:
        for text in _texts(node):
            for seq in CONTROL.findall(text):
                link = re.fullmatch(r"<([^|>]+)\|[^>]*>", seq)
                ok = (re.fullmatch(r"<@([UW][A-Z0-9]+)>", seq) and seq[2:-1] in users) or \
                    re.fullmatch(r"<#C[A-Z0-9]+>", seq) or \
                    (link and safe_link(link.group(1)))  # the library's links: https only, label escaped
                if not ok:
                    found.append(f"{where}: {seq!r} in {text[:120]!r}")
            found += [f"{where}: verbatim {h!r} in {text[:120]!r}" for h in hostile if h in text]
    return found
