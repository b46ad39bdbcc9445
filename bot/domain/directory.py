"""A person as Slack describes them (users.list, users.info, team_join, user_change), reduced to what the
directory keeps. Pure: storage applies it, features fetch it."""

from dataclasses import dataclass

SLACKBOT_ID = "USLACKBOT"  # listed by users.list with is_bot false


@dataclass(frozen=True)
class DirectoryEntry:
    slack_id: str
    name: str
    title: str
    tz: str
    email: str | None
    deleted: bool


def entry_from_slack(user: dict) -> DirectoryEntry | None:
    """A person from a Slack user object, or None for bots, apps and Slackbot (never people to mentor)."""
    if not isinstance(user, dict) or not user.get("id"):
        return None
    if user.get("is_bot") or user.get("is_app_user") or user["id"] == SLACKBOT_ID:
        return None
    profile = user.get("profile") or {}
    name = profile.get("real_name") or user.get("real_name") or profile.get("display_name") or user.get("name") or ""
    return DirectoryEntry(slack_id=user["id"], name=name[:255], title=(profile.get("title") or "")[:255],
                          tz=(user.get("tz") or "")[:64], email=profile.get("email") or None,
                          deleted=bool(user.get("deleted")))
