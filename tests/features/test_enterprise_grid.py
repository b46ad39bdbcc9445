"""Enterprise Grid: W-prefixed user ids, enterprise ids in every payload, and an org-wide install's `team: null`
(interactions) and `team_id: null` (event authorizations), through the same flows as a single workspace."""

import json
from urllib.parse import parse_qs

import pytest
from sqlmodel import Session

from bot.devkit.demo.scenario import seed_workspace
from bot.slack.blocks import home as home_blocks
from storage.models import Person, Profile
from tests.features.test_profile_goals_home import PROFILE, click, home_of
from tests.pairing_helpers import wait_ephemeral

GRID_USER = "W0GRIDNOOR"


@pytest.fixture
def grid(stack):
    stack.driver.enterprise = {"id": "E0GRIDORG", "name": "Grid Org"}
    stack.driver.org_install = True
    return stack


def test_a_grid_user_onboards_and_finds_a_mentor_on_an_org_wide_install(grid):
    stack = grid
    stack.slack.add_user(GRID_USER, "noor", real_name="Noor Grid", tz="Europe/Berlin")
    assert stack.driver.app_home_opened(GRID_USER).status == 200  # event: authorizations team_id null
    home = home_of(stack, GRID_USER, "three steps")
    modal = click(stack, GRID_USER, home_blocks.EDIT_PROFILE, view=home)  # block_actions with team: null
    answer = stack.driver.view_submission(GRID_USER, modal, PROFILE)  # view_submission with team: null
    assert (answer.status, answer.body, answer.slack_errors) == (200, "", [])
    home_of(stack, GRID_USER, "*Profile*")
    with Session(stack.engine) as s:
        assert s.get(Person, GRID_USER).tz == "Europe/Berlin" and s.get(Profile, GRID_USER).title

    seed_workspace(stack)
    assert stack.driver.command(GRID_USER, "/findmentor", "python").status == 200  # enterprise_id in the form
    assert "Amara Okafor" in wait_ephemeral(stack, GRID_USER, "Amara Okafor")["text"]
    assert stack.driver.message_im(GRID_USER, "hello from the grid").status == 200


def test_the_driver_sends_grid_shapes(grid):
    """The payloads above really are Grid-shaped (what the test relies on)."""
    sent = []
    grid.driver.raw = lambda body, ctype, **_kw: sent.append((body, ctype)) or None
    grid.driver.command(GRID_USER, "/mentor", "help")
    grid.driver.block_action(GRID_USER, "x", value="1")
    grid.driver.event({"type": "team_join", "user": {"id": GRID_USER}})
    form = {k: v[0] for k, v in parse_qs(sent[0][0].decode()).items()}
    assert form["enterprise_id"] == "E0GRIDORG" and form["is_enterprise_install"] == "true"
    action = json.loads(parse_qs(sent[1][0].decode())["payload"][0])
    assert action["team"] is None and action["enterprise"]["id"] == "E0GRIDORG" and action["user"]["id"] == GRID_USER
    event = json.loads(sent[2][0])
    assert event["enterprise_id"] == "E0GRIDORG" and event["authorizations"][0]["team_id"] is None
