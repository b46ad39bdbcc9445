"""Program buttons: the admin panel's (Home or `/mentor admin`), and Join / Leave / Pause / Resume for members (the
channel's Join message, the Home). bot.features.programs checks the clicker on every one."""

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.features import programs, rounds
from bot.features.deps import Deps
from bot.features.home import publish_home
from bot.slack.blocks import programs as blocks
from bot.slack.delivery import send
from bot.slack.payload import parse_id, parse_json
from handlers.replies import refuse, show


def answer(deps: Deps, client: WebClient, body: dict, respond, message: dict) -> None:
    """Under the clicked message (only the clicker sees it); from the App Home, which has no response_url,
    as a DM."""
    if body.get("response_url"):
        refuse(respond, message)
    else:
        send(deps.engine, client, body["user"]["id"], **message)


def register(app: App, deps: Deps) -> None:
    def modal(value_of):
        def handler(ack: Ack, body: dict, action: dict, client: WebClient, respond):
            ack()
            view = programs.program_modal(deps, client, body["user"]["id"], value_of(action))
            if view is None:
                answer(deps, client, body, respond, blocks.not_available())
                return
            show(client, body, view)
        return handler

    app.action(blocks.CREATE)(modal(lambda _action: None))
    app.action(blocks.EDIT)(modal(lambda action: action.get("value") or ""))

    def status(to: str):
        def handler(ack: Ack, body: dict, action: dict, client: WebClient, respond):
            ack()
            message, admins = programs.set_status(deps, body["user"]["id"], action.get("value"), to)
            answer(deps, client, body, respond, message)
            for admin in admins:
                publish_home(deps, client, admin)
        return handler

    app.action(blocks.PAUSE)(status("paused"))
    app.action(blocks.RESUME)(status("active"))
    app.action(blocks.ARCHIVE)(status("archived"))

    def slack_work(use_case):
        def handler(ack: Ack, body: dict, action: dict, client: WebClient, respond):
            ack()
            answer(deps, client, body, respond, use_case(deps, client, body["user"]["id"], action.get("value")))
        return handler

    app.action(blocks.POST_JOIN)(slack_work(programs.post_join_message))
    app.action(blocks.ENROL)(slack_work(programs.enrol_channel))

    @app.action(blocks.ROUND)
    def run_round(ack: Ack, body: dict, action: dict, client: WebClient):
        ack()
        program_id = parse_id(parse_json(action.get("value")).get("p"))
        user_id = body["user"]["id"]
        preview = rounds.start_from_slack(deps, user_id, program_id=program_id) if program_id \
            else blocks.not_available()
        # The preview is long and has buttons: it goes to the admin's DM (Home clicks have nowhere else).
        send(deps.engine, client, user_id, **preview)

    def member(to: str):
        def handler(ack: Ack, body: dict, action: dict, client: WebClient, respond):
            ack()
            user_id = body["user"]["id"]
            answer(deps, client, body, respond, programs.member_choice(deps, user_id, action.get("value"), to))
            publish_home(deps, client, user_id)
        return handler

    app.action(blocks.JOIN)(member("active"))
    app.action(blocks.LEAVE)(member("left"))
    app.action(blocks.MEMBER_PAUSE)(member("paused"))
    app.action(blocks.MEMBER_RESUME)(member("active"))
