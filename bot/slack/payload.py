"""Button values and private_metadata are attacker-controlled strings: parse them without ever raising."""

import json


def parse_json(raw: str | None) -> dict:
    try:
        data = json.loads(raw or "")
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def parse_id(raw) -> int | None:
    try:
        value = int(str(raw))
    except (TypeError, ValueError):
        return None
    return value if 0 < value < 2**31 else None
