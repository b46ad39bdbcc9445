"""What a /mentor subcommand receives: the parsed command and the means to answer it."""

from dataclasses import dataclass

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.features.deps import Deps


@dataclass
class MentorCommand:
    deps: Deps
    user_id: str
    args: str  # the text after the subcommand
    body: dict  # the raw slash-command payload (trigger_id, channel_id, ...)
    client: WebClient
    respond: Respond
