"""A local, strict Slack emulator (LocalSlack) and a signed-request driver (SlackDriver) for tests."""

from .driver import Response, SlackDriver, SocketModeDriver
from .server import Call, LocalSlack

__all__ = ["Call", "LocalSlack", "Response", "SlackDriver", "SocketModeDriver"]
