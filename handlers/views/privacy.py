"""The erase and purge confirmations. Whom to erase is the submitter (body.user), never anything in the view;
a purge re-checks that the submitter is an admin."""

from slack_bolt import App
from slack_sdk import WebClient

from bot.features import privacy
from bot.features.deps import Deps
from bot.features.home import publish_home
from bot.slack import viewstate
from bot.slack.blocks import privacy as blocks
from handlers.views.forms import register_form


def register(app: App, deps: Deps) -> None:
    def erase(client: WebClient, user_id: str, _view: dict, _confirmed) -> None:
        for person in privacy.erase_self(deps, client, user_id):  # their Home starts afresh; the pair's drops them
            publish_home(deps, client, person)

    register_form(app, blocks.ERASE_CALLBACK,
                  lambda _user, view: privacy.confirm_erase(viewstate.text(view["state"], blocks.CONFIRM_BLOCK)),
                  erase)
    register_form(app, blocks.PURGE_CALLBACK,
                  lambda user, view: privacy.confirm_purge(deps.engine, user,
                                                           viewstate.text(view["state"], blocks.CONFIRM_BLOCK)),
                  lambda client, user, _view, _confirmed: privacy.purge_all(deps, client, user))
