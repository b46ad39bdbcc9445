"""What a use case that would open a modal answers: the view to open, or why not (an ephemeral message). Handlers
open it through handlers/replies.py, so every modal is opened one way."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ModalOrRefusal:
    view: dict | None = None
    refusal: dict | None = None


def refused(message: dict) -> ModalOrRefusal:
    return ModalOrRefusal(refusal=message)
