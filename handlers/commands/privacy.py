"""/mentor export, /mentor erase, /mentor audit and /mentor purge. Slow work (building and uploading the export)
happens after the ack, which /mentor sends first."""

from bot.features import privacy
from handlers.commands.mentor_command import MentorCommand
from handlers.replies import show


def export(cmd: MentorCommand) -> None:
    cmd.respond(response_type="ephemeral", **privacy.send_export(cmd.deps, cmd.client, cmd.user_id))


def _modal(cmd: MentorCommand, answer) -> None:
    if answer.view is None:
        cmd.respond(response_type="ephemeral", **answer.refusal)
        return
    show(cmd.client, cmd.body, answer.view)


def erase(cmd: MentorCommand) -> None:
    _modal(cmd, privacy.erase_screen(cmd.deps.engine, cmd.user_id))


def audit(cmd: MentorCommand) -> None:
    cmd.respond(response_type="ephemeral", **privacy.audit_view(cmd.deps.engine, cmd.user_id, cmd.deps.clock()))


def purge(cmd: MentorCommand) -> None:
    _modal(cmd, privacy.purge_screen(cmd.deps.engine, cmd.user_id))
