"""The one rule for typed text (bot.domain.plain_text) and for time zone names (bot.domain.timekeeping)."""

from bot.domain.plain_text import CONTROL_ERROR, control_error, strip_controls
from bot.domain.timekeeping import zone_or_none


def test_control_characters():
    for bad in ("a\x00b", "\x1b[31m", "x\x7f", "\x85", "a\u2028b", "tab\there", "new\nline"):
        assert control_error(bad) == CONTROL_ERROR, bad
    for fine in ("Zoë 🚀 日本語", "a\u200bb", "\u202eevil", "<!channel> & co", ""):
        assert control_error(fine) is None, fine
    assert control_error("two\nlines\r\n\tindented", multiline=True) is None
    assert control_error("two\nlines\x00", multiline=True) == CONTROL_ERROR
    assert control_error("lone\rreturn", multiline=True) == CONTROL_ERROR
    assert strip_controls("We\x00 met\r\n\tok\x1b") == "We met\n\tok"


def test_zone_names():
    assert zone_or_none("Europe/Berlin").key == "Europe/Berlin" and zone_or_none("").key == "UTC"
    for bad in ("Mars/Base", "Europe/" + "x" * 3000, "../../etc/passwd", "Europe/Ber\x00lin", "/abs"):
        assert zone_or_none(bad) is None, bad[:20]
