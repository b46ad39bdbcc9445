"""Socket Mode end to end: the real Bolt app connected (Bolt's websocket_client adapter, as `mentorbot run` with
SLACK_APP_TOKEN) to the local Slack's Socket Mode server, driven by envelopes exactly as the HTTP tests drive it
with signed requests: a command, a button, a modal (its answer rides on the ack), an event, a retry, a refresh."""

import json
import urllib.request

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from bot.devkit.demo.scenario import seed_workspace
from bot.devkit.harness import APP_TOKEN, LocalStack
from bot.slack.blocks import home as home_blocks
from storage.models import Person, ProcessedEvent
from tests.features.test_profile_goals_home import NEW, PROFILE, click, home_of, new_hire
from tests.pairing_helpers import wait_ephemeral


@pytest.fixture
def sm_stack(migrated_url, clock):
    with LocalStack(migrated_url, clock=clock, socket_mode=True) as s:
        s.slack.socket_mode.ack_timeout = 0.5  # Slack waits 3 s; the tests need not
        s.slack.socket_mode.refresh_grace = 0.3
        yield s


def test_command_button_modal_and_event_over_socket_mode(sm_stack):
    stack = sm_stack
    home = new_hire(stack)  # an event: app_home_opened publishes the welcome Home
    modal = click(stack, NEW, home_blocks.EDIT_PROFILE, view=home)  # a button opens a modal (trigger_id)
    assert modal["callback_id"] == "profile_save"

    bad = stack.driver.view_submission(NEW, modal, {**PROFILE, "years": {"value": "ten"}})
    assert bad.status == 200 and bad.slack_errors == []
    assert bad.json()["errors"]["years"] == "Years must be a number, e.g. 4."  # the answer came on the ack
    good = stack.driver.view_submission(NEW, modal, PROFILE)
    assert (good.status, good.body, good.slack_errors) == (200, "", [])
    home_of(stack, NEW, "*Profile*")

    seed_workspace(stack)
    assert stack.driver.command("U0DEMOLENA", "/findmentor", "python").status == 200
    assert "Amara Okafor" in wait_ephemeral(stack, "U0DEMOLENA", "Amara Okafor")["text"]
    frames = stack.slack.socket_mode.envelopes.values()
    assert {e.type for e in frames} == {"events_api", "interactive", "slash_commands"}
    assert all(e.ack is not None for e in frames) and not stack.slack.socket_mode.unknown_acks


def test_an_unacked_event_is_retried_and_applied_once(sm_stack):
    stack, sm = sm_stack, sm_stack.slack.socket_mode
    stack.slack.add_user("U0RETRY", "rae", real_name="Rae Retry")
    sm.lose_next(1)  # the first attempt never reaches the bot
    r = stack.driver.event({"type": "team_join", "user": stack.slack.users["U0RETRY"]}, event_id="EvLOST1")
    assert r.status == 200
    env = next(e for e in sm.envelopes.values() if e.payload["event_id"] == "EvLOST1")
    assert len(env.sent) == 2  # Slack retried with retry_attempt 1, retry_reason timeout
    # Slack's own retry of an envelope the bot did ack (its ack was lost): acked, applied once.
    assert stack.driver.event({"type": "team_join", "user": stack.slack.users["U0RETRY"]}, event_id="EvLOST1",
                              retry_num=2).status == 200
    assert stack.slack.wait_for(lambda: Session(stack.engine).get(Person, "U0RETRY") is not None, timeout=5)
    with Session(stack.engine) as s:
        assert s.get(Person, "U0RETRY").name == "Rae Retry"
        assert s.exec(select(func.count()).select_from(ProcessedEvent)).one() == 1


def test_after_a_refresh_the_bot_reconnects_and_keeps_answering(sm_stack):
    stack, sm = sm_stack, sm_stack.slack.socket_mode
    seed_workspace(stack)
    first = sm.connected()[-1]
    sm.refresh()  # disconnect: refresh_requested
    assert stack.driver.command("U0DEMOLENA", "/findmentor", "python").status == 200
    wait_ephemeral(stack, "U0DEMOLENA", "Amara Okafor")
    assert sm.connected() and sm.connected()[-1] is not first  # answered over a new connection
    assert stack.slack.wait_for(lambda: first.closed, timeout=5)  # the old one is gone
    # /healthz still serves in Socket Mode (the supervisor's check)
    with urllib.request.urlopen(stack.base_url + "/healthz", timeout=5) as r:
        assert r.status == 200


def _open(stack, token: str | None) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    req = urllib.request.Request(stack.slack.url + "apps.connections.open", data=b"", headers=headers, method="POST")
    with urllib.request.urlopen(req, timeout=5) as r:
        return json.loads(r.read())


def test_connections_open_takes_only_the_app_token(sm_stack):
    stack = sm_stack
    assert _open(stack, None)["error"] == "not_authed"
    assert _open(stack, stack.slack.bot_token)["error"] == "not_allowed_token_type"
    assert _open(stack, "xapp-1-A0LOCALAPP-1-wrong")["error"] == "invalid_auth"
    answer = _open(stack, APP_TOKEN)
    assert answer["ok"] and answer["url"].startswith("ws://")
    # The app-level token is refused on Web API methods, as on Slack.
    req = urllib.request.Request(stack.slack.url + "auth.test", data=b"",
                                 headers={"Authorization": f"Bearer {APP_TOKEN}"}, method="POST")
    with urllib.request.urlopen(req, timeout=5) as r:
        assert json.loads(r.read())["error"] == "not_allowed_token_type"
