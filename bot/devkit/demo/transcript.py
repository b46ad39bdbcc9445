"""Block Kit as plain text, for the demo's transcript. Pure."""

import html
import re

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)>")
_SPECIAL = re.compile(r"<!(channel|here|everyone)>")


def mrkdwn_to_text(text: str, names: dict[str, str]) -> str:
    # Real mentions become @Name; escaped user text (&lt;!channel&gt;) shows as typed and never pinged.
    text = _MENTION.sub(lambda m: "@" + names.get(m.group(1), m.group(1)), text)
    text = _SPECIAL.sub(lambda m: "@" + m.group(1), text)
    return html.unescape(text)


def _text_of(obj: dict | None, names: dict[str, str]) -> str:
    if not obj:
        return ""
    return mrkdwn_to_text(obj.get("text", ""), names)


def render_blocks(blocks: list[dict], names: dict[str, str] | None = None) -> list[str]:
    names = names or {}
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            lines.append(f"== {_text_of(block.get('text'), names)} ==")
        elif kind == "section":
            if block.get("text"):
                lines.extend(_text_of(block["text"], names).splitlines())
            for f in block.get("fields", []):
                lines.append("  " + _text_of(f, names))
            if block.get("accessory", {}).get("type") == "button":
                lines.append(f"  [{_text_of(block['accessory'].get('text'), names)}]")
        elif kind == "context":
            lines.append("  " + " ".join(_text_of(e, names) for e in block.get("elements", [])
                                         if e.get("type") != "image"))
        elif kind == "divider":
            lines.append("  ---")
        elif kind == "actions":
            labels = [_text_of(e.get("text"), names) or e.get("type", "") for e in block.get("elements", [])]
            lines.append("  " + " ".join(f"[{label}]" for label in labels))
        elif kind == "input":
            element = block.get("element", {})
            value = (element.get("initial_value") or (element.get("initial_option") or {}).get("text", {}).get("text")
                     or element.get("initial_date") or element.get("initial_time") or "")
            lines.append(f"  {_text_of(block.get('label'), names)}: {value}".rstrip())
    return lines


def render_message(message: dict, names: dict[str, str] | None = None) -> list[str]:
    if message.get("blocks"):
        return render_blocks(message["blocks"], names)
    return mrkdwn_to_text(message.get("text", ""), names or {}).splitlines()
