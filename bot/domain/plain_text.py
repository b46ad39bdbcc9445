"""What a person may type into any field: printable text, plus newlines and tabs where the field is multi-line.

NUL and the other control characters were stored as typed on SQLite and made PostgreSQL fail (it refuses NUL in
text), so every modal input, slash command and CSV field is checked with this one rule and refused with a clear
message. Event text (a DM reply), which no one can correct afterwards, is cleaned with `strip_controls`."""

import re

# C0 and C1 controls and DEL, and the Unicode line/paragraph separators. Zero-width and bidi characters are
# printable formatting, allowed (escaping handles what they could hide).
_CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029"
_SINGLE_LINE = re.compile(f"[{_CONTROLS}\\t\\n]")
_MULTI_LINE = re.compile(f"[{_CONTROLS}]")

CONTROL_ERROR = "Remove the control characters (such as NUL) from this field."


def control_error(value: str, multiline: bool = False) -> str | None:
    """CONTROL_ERROR when `value` holds a character no one types into this kind of field, else None.
    Multi-line fields keep newlines (\\n, \\r\\n) and tabs."""
    pattern = _MULTI_LINE if multiline else _SINGLE_LINE
    text = value.replace("\r\n", "\n") if multiline else value
    return CONTROL_ERROR if pattern.search(text) else None


def strip_controls(value: str) -> str:
    """`value` without control characters, newlines and tabs kept."""
    return _MULTI_LINE.sub("", value.replace("\r\n", "\n"))
