"""Errors meant for the operator. Kept apart from bot.cli so `python -m bot.cli` and imports share one class."""


class CliError(Exception):
    """A message for the operator, printed as one line; exit code 2 (usage/config) or 1 (runtime)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code
