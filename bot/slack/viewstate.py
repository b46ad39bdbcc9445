"""Reading a submitted modal's state. Every input element uses action_id "value" (bot.slack.blocks.forms)."""

from bot.domain.plain_text import CONTROL_ERROR, control_error


def _element(state: dict, block_id: str) -> dict:
    return ((state.get("values") or {}).get(block_id) or {}).get("value") or {}


def text(state: dict, block_id: str) -> str:
    """A text input's value, a single select's or radio's chosen value, or a date; '' when empty."""
    el = _element(state, block_id)
    if el.get("selected_option"):
        return str(el["selected_option"].get("value") or "")
    if el.get("selected_date"):
        return str(el["selected_date"])
    return str(el.get("value") or "")


def values(state: dict, block_id: str) -> tuple[str, ...]:
    """A multi-select's or checkboxes' chosen values."""
    return tuple(str(o.get("value") or "") for o in _element(state, block_id).get("selected_options") or [])


def conversation(state: dict, block_id: str) -> str:
    """A conversations_select's chosen channel id; '' when none."""
    return str(_element(state, block_id).get("selected_conversation") or "")


def users(state: dict, block_id: str) -> tuple[str, ...]:
    """A multi_users_select's chosen user ids."""
    return tuple(str(u) for u in _element(state, block_id).get("selected_users") or [])
def submission_key(view: dict) -> str:
    """One submission of one modal: a retried delivery of it carries the same view id and hash, and must not
    write twice (claimed with storage.events.claim_event in the same transaction as the write)."""
    return f"view:{view.get('id')}:{view.get('hash') or ''}"[:64]  # the processed-event id column


def _multiline_blocks(view: dict) -> set[str]:
    return {b.get("block_id") for b in view.get("blocks") or []
            if b.get("type") == "input" and (b.get("element") or {}).get("multiline")}


def _strings(element: dict):
    """Every string a submitted element carries: a typed value, picked option values, a date."""
    for key in ("value", "selected_date", "selected_time", "selected_user", "selected_channel"):
        if isinstance(element.get(key), str):
            yield element[key]
    options = [element.get("selected_option")] + list(element.get("selected_options") or [])
    for option in options:
        if isinstance(option, dict) and isinstance(option.get("value"), str):
            yield option["value"]


def control_errors(view: dict) -> dict[str, str]:
    """{block_id: message} for every input holding control characters (newlines and tabs are fine in a
    multi-line input); the modal's private_metadata is checked too, under its first input's block."""
    multiline = _multiline_blocks(view)
    errors = {}
    for block_id, actions in ((view.get("state") or {}).get("values") or {}).items():
        for element in (actions or {}).values():
            if any(control_error(s, block_id in multiline) for s in _strings(element or {})):
                errors[block_id] = CONTROL_ERROR
    meta = view.get("private_metadata")
    if not errors and isinstance(meta, str) and control_error(meta, multiline=True):
        first = next((b.get("block_id") for b in view.get("blocks") or [] if b.get("type") == "input"), None)
        if first:
            errors[first] = CONTROL_ERROR
    return errors
