"""/mentor profile and /mentor goals: the same modals as the App Home's buttons."""

from bot.features import screens
from handlers.commands.mentor_command import MentorCommand
from handlers.replies import show


def profile(cmd: MentorCommand) -> None:
    show(cmd.client, cmd.body, screens.profile(cmd.deps, cmd.client, cmd.user_id))


def goals(cmd: MentorCommand) -> None:
    show(cmd.client, cmd.body, screens.goals_list(cmd.deps, cmd.user_id))
