"""Modal building blocks: input blocks and their elements. Every input's element has action_id "value", so
bot.slack.viewstate reads any modal the same way. Pure."""

from bot.domain.text import truncate

VIEW_BLOCK_LIMIT = 100
MODAL_TITLE_LIMIT = 24


def plain(text: str, limit: int = 75) -> dict:
    return {"type": "plain_text", "text": truncate(text, limit), "emoji": True}


def option(text: str, value: str) -> dict:
    return {"text": plain(text), "value": value[:150]}


def find_option(options: list[dict], value: str) -> dict | None:
    return next((o for o in options if o["value"] == value), None)


def input_block(block_id: str, label: str, element: dict, *, optional: bool = False, hint: str = "") -> dict:
    block = {"type": "input", "block_id": block_id, "label": plain(label, 2000),
             "element": {**element, "action_id": "value"}, "optional": optional}
    if hint:
        block["hint"] = plain(hint, 2000)
    return block


def text_input(initial: str = "", *, multiline: bool = False, max_length: int | None = None,
               placeholder: str = "") -> dict:
    el: dict = {"type": "plain_text_input", "multiline": multiline}
    if initial:
        el["initial_value"] = initial[:3000]
    if max_length:
        el["max_length"] = max_length
    if placeholder:
        el["placeholder"] = plain(placeholder, 150)
    return el


def static_select(options: list[dict], initial: dict | None = None, placeholder: str = "") -> dict:
    el: dict = {"type": "static_select", "options": options[:100]}
    if initial in options:
        el["initial_option"] = initial
    if placeholder:
        el["placeholder"] = plain(placeholder, 150)
    return el


def multi_select(groups: dict[str, list[dict]] | None = None, options: list[dict] | None = None,
                 initial: list[dict] | None = None, placeholder: str = "") -> dict:
    """Either option_groups ({label: options}) or a flat option list; initial options must be among them."""
    el: dict = {"type": "multi_static_select"}
    if groups:
        el["option_groups"] = [{"label": plain(label), "options": opts[:100]} for label, opts in groups.items()]
        every = [o for opts in groups.values() for o in opts]
    else:
        el["options"] = (options or [])[:100]
        every = el["options"]
    chosen = [o for o in (initial or []) if o in every]
    if chosen:
        el["initial_options"] = chosen
    if placeholder:
        el["placeholder"] = plain(placeholder, 150)
    return el


def radio(options: list[dict], initial: dict | None = None) -> dict:
    el: dict = {"type": "radio_buttons", "options": options}
    if initial in options:
        el["initial_option"] = initial
    return el


def checkboxes(options: list[dict], initial: list[dict] | None = None) -> dict:
    el: dict = {"type": "checkboxes", "options": options}
    chosen = [o for o in (initial or []) if o in options]
    if chosen:
        el["initial_options"] = chosen
    return el


def datepicker(initial: str = "") -> dict:
    el: dict = {"type": "datepicker"}
    if initial:
        el["initial_date"] = initial
    return el


def modal(title: str, callback_id: str, blocks: list[dict], *, submit: str | None = "Save",
          private_metadata: str = "", close: str = "Cancel") -> dict:
    view = {"type": "modal", "callback_id": callback_id, "title": plain(title, MODAL_TITLE_LIMIT),
            "close": plain(close, 24), "blocks": blocks[:VIEW_BLOCK_LIMIT]}
    if submit:
        view["submit"] = plain(submit, 24)
    if private_metadata:
        view["private_metadata"] = private_metadata
    return view
