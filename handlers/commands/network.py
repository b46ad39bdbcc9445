"""/mentor introduce: a mentor introduces their mentee to a colleague in a group DM."""

from bot.features.network import intro_view
from bot.slack.blocks import network as blocks
from handlers.commands.mentor_command import MentorCommand
from handlers.replies import show


def introduce(cmd: MentorCommand) -> None:
    view = intro_view(cmd.deps, cmd.user_id)
    if view is None:
        cmd.respond(response_type="ephemeral", **blocks.no_mentee())
        return
    show(cmd.client, cmd.body, view)
