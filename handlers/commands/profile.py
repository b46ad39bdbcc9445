"""/mentor profile and /mentor goals: the same modals as the App Home's buttons."""

from bot import screens
from handlers.actions.home import show
from handlers.commands.mentor import MentorCommand, subcommand


@subcommand("profile", "create or edit your profile (role, expertise, career path, values, time)")
def profile(cmd: MentorCommand) -> None:
    show(cmd.client, cmd.body, screens.profile(cmd.deps, cmd.client, cmd.user_id))


@subcommand("goals", "your career goals, progress journal and self-assessment")
def goals(cmd: MentorCommand) -> None:
    show(cmd.client, cmd.body, screens.goals_list(cmd.deps, cmd.user_id))
