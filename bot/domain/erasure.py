"""An erased person is replaced by a tombstone id: rows that keep counting point at it, and nothing names them."""

TOMBSTONE_PREFIX = "erased-"
ERASED_LABEL = "a former member"  # how a tombstone reads wherever a mention would be


def is_tombstone(person_id: str) -> bool:
    return person_id.startswith(TOMBSTONE_PREFIX)
