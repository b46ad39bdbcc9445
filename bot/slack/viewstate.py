"""Reading a submitted modal's state. Every input element uses action_id "value" (bot.slack.blocks.forms)."""


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
