"""Every outbox kind has a renderer, and nothing can be enqueued that the drain could not render."""

import pytest

from bot.domain import kinds
from bot.outbox.kinds import RENDERERS, SWEEPS
from storage.outbox import UnknownKind, check_kind


def test_every_named_kind_has_a_renderer():
    assert kinds.ALL <= set(RENDERERS)
    assert all(callable(fn) for fn in [*RENDERERS.values(), *SWEEPS.values()])


def test_an_unknown_kind_is_refused_before_it_is_written():
    with pytest.raises(UnknownKind):
        check_kind("no_such_kind")
    for kind in kinds.ALL:
        check_kind(kind)
