from bot.domain.text import truncate

SECTION_TEXT_LIMIT = 3000
MESSAGE_BLOCK_LIMIT = 50


def section(text: str, **extra) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": truncate(text, SECTION_TEXT_LIMIT)}, **extra}


def context(*texts: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": truncate(t, 3000)} for t in texts[:10]]}


def header(text: str) -> dict:
    return {"type": "header", "text": {"type": "plain_text", "text": truncate(text, 150), "emoji": True}}


def divider() -> dict:
    return {"type": "divider"}


def button(text: str, action_id: str, value: str = "", style: str | None = None) -> dict:
    b = {"type": "button", "text": {"type": "plain_text", "text": truncate(text, 75), "emoji": True},
         "action_id": action_id}
    if value:
        b["value"] = value
    if style:
        b["style"] = style
    return b


def actions(*elements: dict, block_id: str | None = None) -> dict:
    block = {"type": "actions", "elements": list(elements)[:25]}
    if block_id:
        block["block_id"] = block_id
    return block


def message(text: str, blocks: list[dict]) -> dict:
    """`text` is the notification and screen-reader fallback; blocks are what people see."""
    return {"text": truncate(text, 3000), "blocks": blocks[:MESSAGE_BLOCK_LIMIT]}
