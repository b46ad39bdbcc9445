"""Block Kit limit validation (pure functions).

Each check returns a list of Slack-style messages, "[ERROR] <what> [json-pointer:/path]"; an empty
list means valid. Numbers come from Slack's docs (docs.slack.dev / api.slack.com), named per constant.
"""

from __future__ import annotations

# chat.postMessage docs: "blocks ... up to 50 blocks"; text is truncated/rejected past 40,000 chars.
MAX_MESSAGE_BLOCKS = 50
MAX_MESSAGE_TEXT = 40000
# Reference > Views (modal, home): "Maximum of 100 blocks"; title/submit/close 24 chars;
# private_metadata 3000; callback_id and external_id 255.
MAX_VIEW_BLOCKS = 100
MAX_VIEW_TITLE = 24
MAX_VIEW_BUTTON = 24
MAX_PRIVATE_METADATA = 3000
MAX_CALLBACK_ID = 255
MAX_EXTERNAL_ID = 255
# Reference > Blocks: block_id 255; section text 3000, fields 10 x 2000; header text 150;
# actions 25 elements; context 10 elements; input label/hint 2000; image alt_text 2000.
MAX_BLOCK_ID = 255
MAX_SECTION_TEXT = 3000
MAX_SECTION_FIELDS = 10
MAX_SECTION_FIELD_TEXT = 2000
MAX_HEADER_TEXT = 150
MAX_ACTIONS_ELEMENTS = 25
MAX_CONTEXT_ELEMENTS = 10
MAX_INPUT_LABEL = 2000
MAX_INPUT_HINT = 2000
MAX_ALT_TEXT = 2000
MAX_IMAGE_URL = 3000
# Reference > Block elements: action_id 255; button text 75, value 2000, url 3000;
# placeholder 150; select options/option_groups 100; plain_text_input min/max_length <= 3000;
# overflow 2..5 options; checkboxes/radio_buttons 10 options.
MAX_ACTION_ID = 255
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_BUTTON_URL = 3000
MAX_PLACEHOLDER = 150
MAX_SELECT_OPTIONS = 100
MAX_TEXT_INPUT_LENGTH = 3000
MIN_OVERFLOW_OPTIONS, MAX_OVERFLOW_OPTIONS = 2, 5
MAX_CHOICE_OPTIONS = 10
# Reference > Composition objects > Option: text 75, value 150, description 75.
MAX_OPTION_TEXT = 75
MAX_OPTION_VALUE = 150
MAX_OPTION_DESCRIPTION = 75

MESSAGE_BLOCK_TYPES = {"section", "divider", "image", "actions", "context", "header", "input",
                       "rich_text", "file", "video", "markdown"}
VIEW_BLOCK_TYPES = MESSAGE_BLOCK_TYPES - {"file"}

SELECT_TYPES = {"static_select", "external_select", "users_select", "conversations_select",
                "channels_select", "multi_static_select", "multi_external_select",
                "multi_users_select", "multi_conversations_select", "multi_channels_select"}
INPUT_ELEMENT_TYPES = SELECT_TYPES | {"plain_text_input", "datepicker", "timepicker",
                                      "datetimepicker", "checkboxes", "radio_buttons",
                                      "email_text_input", "number_input", "url_text_input",
                                      "rich_text_input", "file_input"}
INTERACTIVE_TYPES = INPUT_ELEMENT_TYPES | {"button", "overflow", "workflow_button"}
ACCESSORY_TYPES = INTERACTIVE_TYPES | {"image"}
ACTIONS_ELEMENT_TYPES = SELECT_TYPES | {"button", "overflow", "workflow_button", "datepicker", "timepicker",
                                        "datetimepicker", "checkboxes", "radio_buttons"}


def _err(msg: str, path: str) -> str:
    return f"[ERROR] {msg} [json-pointer:{path}]"


def check_text(obj, path: str, max_len: int, plain_only: bool = False, required: bool = True) -> list[str]:
    """A text composition object: {"type": "plain_text"|"mrkdwn", "text": "..."}."""
    if obj is None:
        return [_err("missing required field: text", path)] if required else []
    if not isinstance(obj, dict):
        return [_err("must be an object", path)]
    allowed = ("plain_text",) if plain_only else ("plain_text", "mrkdwn")
    if obj.get("type") not in allowed:
        return [_err(f"must be one of {list(allowed)}", path + "/type")]
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        return [_err("must be a non-empty string", path + "/text")]
    if len(text) > max_len:
        return [_err(f"must be less than {max_len + 1} characters", path + "/text")]
    return []


def _max_str(value, max_len: int, path: str, name: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, str):
        return [_err(f"{name} must be a string", path)]
    if len(value) > max_len:
        return [_err(f"must be less than {max_len + 1} characters", path)]
    return []


def check_option(opt, path: str, plain_only: bool = True) -> list[str]:
    if not isinstance(opt, dict):
        return [_err("must be an object", path)]
    errs = check_text(opt.get("text"), path + "/text", MAX_OPTION_TEXT, plain_only=plain_only)
    if not isinstance(opt.get("value"), str):
        errs.append(_err("missing required field: value", path + "/value"))
    errs += _max_str(opt.get("value"), MAX_OPTION_VALUE, path + "/value", "value")
    if "description" in opt:
        errs += check_text(opt["description"], path + "/description", MAX_OPTION_DESCRIPTION,
                           plain_only=plain_only)
    return errs


def _check_options(el: dict, path: str, lo: int, hi: int, plain_only: bool) -> list[str]:
    opts = el.get("options")
    if not isinstance(opts, list) or not lo <= len(opts) <= hi:
        return [_err(f"must provide between {lo} and {hi} options", path + "/options")]
    errs = []
    for i, o in enumerate(opts):
        errs += check_option(o, f"{path}/options/{i}", plain_only)
    return errs


def check_element(el, path: str, allowed: set[str]) -> list[str]:
    """An interactive/input element (or image in context/accessory)."""
    if not isinstance(el, dict):
        return [_err("must be an object", path)]
    kind = el.get("type")
    if kind not in allowed:
        return [_err(f"unsupported type: {kind!r}", path + "/type")]
    errs = _max_str(el.get("action_id"), MAX_ACTION_ID, path + "/action_id", "action_id")
    if "placeholder" in el:
        errs += check_text(el["placeholder"], path + "/placeholder", MAX_PLACEHOLDER, plain_only=True)
    if kind == "button":
        errs += check_text(el.get("text"), path + "/text", MAX_BUTTON_TEXT, plain_only=True)
        errs += _max_str(el.get("value"), MAX_BUTTON_VALUE, path + "/value", "value")
        errs += _max_str(el.get("url"), MAX_BUTTON_URL, path + "/url", "url")
        if el.get("style") not in (None, "primary", "danger"):
            errs.append(_err("must be one of [primary, danger]", path + "/style"))
    elif kind == "image":
        errs += _max_str(el.get("alt_text"), MAX_ALT_TEXT, path + "/alt_text", "alt_text")
        if not el.get("alt_text"):
            errs.append(_err("missing required field: alt_text", path + "/alt_text"))
    elif kind in ("static_select", "multi_static_select"):
        if "option_groups" in el:
            groups = el["option_groups"]
            if not isinstance(groups, list) or not 1 <= len(groups) <= MAX_SELECT_OPTIONS:
                errs.append(_err(f"must provide between 1 and {MAX_SELECT_OPTIONS} option_groups",
                                 path + "/option_groups"))
            else:
                for i, g in enumerate(groups):
                    errs += _check_options(g, f"{path}/option_groups/{i}", 1, MAX_SELECT_OPTIONS, True)
        else:
            errs += _check_options(el, path, 1, MAX_SELECT_OPTIONS, True)
    elif kind == "overflow":
        errs += _check_options(el, path, MIN_OVERFLOW_OPTIONS, MAX_OVERFLOW_OPTIONS, True)
    elif kind in ("checkboxes", "radio_buttons"):
        errs += _check_options(el, path, 1, MAX_CHOICE_OPTIONS, False)
    elif kind == "plain_text_input":
        for key in ("max_length", "min_length"):
            v = el.get(key)
            if v is not None and (not isinstance(v, int) or not 0 <= v <= MAX_TEXT_INPUT_LENGTH):
                errs.append(_err(f"must be between 0 and {MAX_TEXT_INPUT_LENGTH}", f"{path}/{key}"))
        errs += _max_str(el.get("initial_value"), MAX_TEXT_INPUT_LENGTH, path + "/initial_value",
                         "initial_value")
    return errs


def check_block(block, path: str, allowed_types: set[str]) -> list[str]:
    if not isinstance(block, dict):
        return [_err("must be an object", path)]
    kind = block.get("type")
    if kind not in allowed_types:
        return [_err(f"unsupported type: {kind!r}", path + "/type")]
    errs = _max_str(block.get("block_id"), MAX_BLOCK_ID, path + "/block_id", "block_id")
    if kind == "section":
        if "text" not in block and "fields" not in block:
            errs.append(_err("must provide either text or fields", path))
        if "text" in block:
            errs += check_text(block["text"], path + "/text", MAX_SECTION_TEXT)
        if "fields" in block:
            fields = block["fields"]
            if not isinstance(fields, list) or not 1 <= len(fields) <= MAX_SECTION_FIELDS:
                errs.append(_err(f"must provide between 1 and {MAX_SECTION_FIELDS} items", path + "/fields"))
            else:
                for i, f in enumerate(fields):
                    errs += check_text(f, f"{path}/fields/{i}", MAX_SECTION_FIELD_TEXT)
        if "accessory" in block:
            errs += check_element(block["accessory"], path + "/accessory", ACCESSORY_TYPES)
    elif kind == "header":
        errs += check_text(block.get("text"), path + "/text", MAX_HEADER_TEXT, plain_only=True)
    elif kind == "actions":
        els = block.get("elements")
        if not isinstance(els, list) or not 1 <= len(els) <= MAX_ACTIONS_ELEMENTS:
            errs.append(_err(f"must provide between 1 and {MAX_ACTIONS_ELEMENTS} items", path + "/elements"))
        else:
            for i, el in enumerate(els):
                errs += check_element(el, f"{path}/elements/{i}", ACTIONS_ELEMENT_TYPES)
    elif kind == "context":
        els = block.get("elements")
        if not isinstance(els, list) or not 1 <= len(els) <= MAX_CONTEXT_ELEMENTS:
            errs.append(_err(f"must provide between 1 and {MAX_CONTEXT_ELEMENTS} items", path + "/elements"))
        else:
            for i, el in enumerate(els):
                p = f"{path}/elements/{i}"
                if isinstance(el, dict) and el.get("type") in ("plain_text", "mrkdwn"):
                    errs += check_text(el, p, MAX_SECTION_TEXT)
                else:
                    errs += check_element(el, p, {"image"})
    elif kind == "input":
        errs += check_text(block.get("label"), path + "/label", MAX_INPUT_LABEL, plain_only=True)
        if "hint" in block:
            errs += check_text(block["hint"], path + "/hint", MAX_INPUT_HINT, plain_only=True)
        if "element" not in block:
            errs.append(_err("missing required field: element", path + "/element"))
        else:
            errs += check_element(block["element"], path + "/element", INPUT_ELEMENT_TYPES)
    elif kind == "image":
        if not block.get("image_url") and not block.get("slack_file"):
            errs.append(_err("missing required field: image_url", path + "/image_url"))
        errs += _max_str(block.get("image_url"), MAX_IMAGE_URL, path + "/image_url", "image_url")
        if not block.get("alt_text"):
            errs.append(_err("missing required field: alt_text", path + "/alt_text"))
        errs += _max_str(block.get("alt_text"), MAX_ALT_TEXT, path + "/alt_text", "alt_text")
        if "title" in block:
            errs += check_text(block["title"], path + "/title", MAX_ALT_TEXT, plain_only=True)
    return errs


def _element_of(block: dict) -> list[dict]:
    if block.get("type") == "actions":
        return [e for e in block.get("elements") or [] if isinstance(e, dict)]
    el = block.get("accessory") if block.get("type") == "section" else block.get("element")
    return [el] if isinstance(el, dict) else []


def _check_unique_ids(blocks: list, prefix: str) -> list[str]:
    """block_id must be unique in a message/view; action_id unique within its block (Slack docs)."""
    errs, seen = [], set()
    for i, b in enumerate(blocks):
        if not isinstance(b, dict):
            continue
        bid = b.get("block_id")
        if bid is not None:
            if bid in seen:
                errs.append(_err(f"duplicate block_id {bid!r}", f"{prefix}/{i}/block_id"))
            seen.add(bid)
        actions = [e.get("action_id") for e in _element_of(b) if e.get("action_id") is not None]
        dup = {a for a in actions if actions.count(a) > 1}
        for a in sorted(dup):
            errs.append(_err(f"duplicate action_id {a!r}", f"{prefix}/{i}"))
    return errs


def check_blocks(blocks, max_blocks: int, allowed_types: set[str], prefix: str = "/blocks") -> list[str]:
    if not isinstance(blocks, list):
        return [_err("must be an array", prefix)]
    if len(blocks) > max_blocks:
        return [_err(f"no more than {max_blocks} items allowed", prefix)]
    errs = []
    for i, b in enumerate(blocks):
        errs += check_block(b, f"{prefix}/{i}", allowed_types)
    return errs + _check_unique_ids(blocks, prefix)


def check_message_blocks(blocks) -> list[str]:
    return check_blocks(blocks, MAX_MESSAGE_BLOCKS, MESSAGE_BLOCK_TYPES)


def check_message_text(text) -> bool:
    """True when the text is within chat.postMessage's limit (else msg_too_long)."""
    return text is None or len(str(text)) <= MAX_MESSAGE_TEXT


def check_view(view) -> list[str]:
    """A modal or home view as passed to views.open/push/update/publish."""
    p = "/view"
    if not isinstance(view, dict):
        return [_err("must be an object", p)]
    kind = view.get("type")
    if kind not in ("modal", "home"):
        return [_err("must be one of [modal, home]", p + "/type")]
    errs = []
    if kind == "modal" or "title" in view:
        errs += check_text(view.get("title"), p + "/title", MAX_VIEW_TITLE, plain_only=True)
    for key in ("submit", "close"):
        if view.get(key) is not None:
            errs += check_text(view[key], f"{p}/{key}", MAX_VIEW_BUTTON, plain_only=True)
    errs += _max_str(view.get("private_metadata"), MAX_PRIVATE_METADATA, p + "/private_metadata",
                     "private_metadata")
    errs += _max_str(view.get("callback_id"), MAX_CALLBACK_ID, p + "/callback_id", "callback_id")
    errs += _max_str(view.get("external_id"), MAX_EXTERNAL_ID, p + "/external_id", "external_id")
    blocks = view.get("blocks")
    if blocks is None:
        errs.append(_err("missing required field: blocks", p + "/blocks"))
    else:
        errs += check_blocks(blocks, MAX_VIEW_BLOCKS, VIEW_BLOCK_TYPES, p + "/blocks")
        # Modals with input blocks must have a submit button (Slack rejects them otherwise).
        has_input = isinstance(blocks, list) and any(isinstance(b, dict) and b.get("type") == "input"
                                                     for b in blocks)
        if kind == "modal" and has_input and not view.get("submit"):
            errs.append(_err("submit is required when input blocks are present", p + "/submit"))
    return errs
