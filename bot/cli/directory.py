"""`mentorbot sync-users`: the directory from Slack's users.list, paced for Tier 2."""

from slack_sdk.errors import SlackApiError

from bot.bootstrap import engine_checked
from bot.config import ConfigError, load_settings
from bot.errors import CliError
from bot.features.directory import PAGE_SIZE, TIER2_INTERVAL, Pacer, sync_users
from bot.slack.client import make_client


def cmd_sync_users(args, env) -> int:
    # Only the bot token is needed here: no signing secret, no app token.
    settings = load_settings(env, require_slack=False)
    if not settings.bot_token.startswith("xoxb-"):
        raise ConfigError("SLACK_BOT_TOKEN", "expected a bot token starting with xoxb-")
    if args.page_size < 1 or args.page_size > 1000 or args.pace < 0:
        raise CliError("--page-size must be 1–1000 and --pace at least 0", code=2)
    engine = engine_checked(settings.database_url)
    try:
        report = sync_users(engine, make_client(settings, max_retries=5), page_size=args.page_size,
                            pacer=Pacer(args.pace))
    except SlackApiError as exc:
        raise CliError(f"users.list failed: {exc.response.get('error')}") from None
    print(report.summary())
    return 0


def add_commands(subparsers) -> None:
    sync = subparsers.add_parser("sync-users", help="update people from Slack's users.list (names, titles, "
                                                    "time zones, deactivations)")
    sync.add_argument("--page-size", type=int, default=PAGE_SIZE, help=f"users per page (default {PAGE_SIZE})")
    sync.add_argument("--pace", type=float, default=TIER2_INTERVAL,
                      help=f"seconds between pages (default {TIER2_INTERVAL:g}: Slack's Tier 2 is ~20 calls/min)")
    sync.set_defaults(func=cmd_sync_users)
