"""/mentor SUBCOMMAND ...: later features add subcommands with @subcommand("name")."""

from collections.abc import Callable
from dataclasses import dataclass

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.blocks import help as help_blocks
from bot.deps import Deps


@dataclass
class MentorCommand:
    deps: Deps
    user_id: str
    args: str  # the text after the subcommand
    body: dict  # the raw slash-command payload (trigger_id, channel_id, ...)
    client: WebClient
    respond: Respond


# name -> (handler, one-line help)
SUBCOMMANDS: dict[str, tuple[Callable[[MentorCommand], None], str]] = {}


def subcommand(name: str, help_text: str):
    def decorate(fn: Callable[[MentorCommand], None]):
        SUBCOMMANDS[name] = (fn, help_text)
        return fn
    return decorate


@subcommand("help", "this list")
def show_help(cmd: MentorCommand) -> None:
    cmd.respond(response_type="ephemeral", **help_blocks.mentor_help({k: v[1] for k, v in SUBCOMMANDS.items()}))


def register(app: App, deps: Deps) -> None:
    @app.command("/mentor")
    def mentor(ack: Ack, command: dict, client: WebClient, respond: Respond):
        ack()
        name, _, args = command.get("text", "").strip().partition(" ")
        handler, _ = SUBCOMMANDS.get(name.lower(), SUBCOMMANDS["help"])
        unknown = bool(name) and name.lower() not in SUBCOMMANDS
        if unknown:
            respond(response_type="ephemeral", **help_blocks.unknown_subcommand(
                name, {k: v[1] for k, v in SUBCOMMANDS.items()}))
            return
        handler(MentorCommand(deps=deps, user_id=command["user_id"], args=args.strip(), body=command,
                              client=client, respond=respond))
