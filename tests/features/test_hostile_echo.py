"""Issue 15, class 9: user text echoed anywhere (blocks AND the notification `text` fallback) is escaped. A hostile
run types Slack control sequences into commands and modals; then every message, modal and Home the local Slack
recorded is scanned. The demo is scanned the same way."""

from datetime import timedelta

from bot.devkit.demo.scenario import run_demo
from bot.slack.blocks import home as home_blocks
from tests.features.echo_scan import unescaped
from tests.features.test_profile_goals_home import PROFILE, _add_goal, _goal_values, click, home_of, new_hire

HOSTILE = ("<!channel>", "<!here>", "<@U0OTHER>", "<https://evil.example|click me>")
WORDS = " ".join(HOSTILE)


def test_a_hostile_run_echoes_no_control_sequence(demo_stack, clock):
    stack = demo_stack
    user = "U0DEMOLENA"
    for command, text in [("/mentor", "<!channel>"), ("/mentor", WORDS), ("/findmentor", WORDS),
                          ("/mentor", "pause until " + WORDS), ("/mentor", "journal " + WORDS),
                          ("/mentor", "end " + WORDS), ("/mentor", "help " + WORDS)]:
        before = len(stack.slack.ephemerals_to(user))
        assert stack.driver.command(user, command, text).status == 200
        assert stack.slack.wait_for(lambda n=before: len(stack.slack.ephemerals_to(user)) > n, 10), (command, text)

    home = new_hire(stack)
    modal = click(stack, "U0NEWHIRE", home_blocks.EDIT_PROFILE, view=home)
    hostile_profile = {**PROFILE, "title": {"value": WORDS}, "bio": {"value": WORDS},
                       "aspiration": {"value": WORDS}, "topics_other": {"value": "<!here>"}}
    assert stack.driver.view_submission("U0NEWHIRE", modal, {**hostile_profile, "years": {"value": WORDS}}) \
        .json()["errors"]
    assert stack.driver.view_submission("U0NEWHIRE", modal, hostile_profile).body == ""
    home = home_of(stack, "U0NEWHIRE", "*Profile*")
    _, answer = _add_goal(stack, "U0NEWHIRE", home, _goal_values(WORDS, WORDS, clock().date() + timedelta(days=30)))
    assert answer.body == ""
    home_of(stack, "U0NEWHIRE", "evil.example")

    assert unescaped(stack.slack, HOSTILE) == []


def test_the_demo_echoes_no_control_sequence():
    found: list[list[str]] = []
    assert run_demo(out=lambda _line: None, inspect=lambda stack: found.append(unescaped(stack.slack, HOSTILE))) == 0
    assert found == [[]]
