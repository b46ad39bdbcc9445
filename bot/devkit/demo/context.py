"""What every demo scene is given: the running stack and the helpers that act as people and print the transcript."""

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.devkit.demo.transcript import render_message
from bot.devkit.harness import LocalStack

WORKSPACE_CSV = Path(__file__).with_name("workspace.csv")
DEMO_CHANNEL = "C0DEMOMENTOR"
DEMO_PROGRAM = "Engineering Mentoring"


@dataclass
class DemoContext:
    stack: LocalStack
    out: Callable[[str], None]
    names: dict[str, str] = field(default_factory=dict)

    def say(self, text: str) -> None:
        self.out(text)

    def scene(self, title: str) -> None:
        self.out("")
        self.out(f"### {title}")

    def user_does(self, user_id: str, action: str) -> None:
        self.out(f"> {self.names.get(user_id, user_id)} {action}")

    def show(self, who: str, message: dict) -> None:
        self.out(f"< mentorbot → {who}:")
        for line in render_message(message, self.names):
            self.out(textwrap.indent(line, "    ") if line else "")

    def wait(self, predicate, what: str, timeout: float = 15) -> None:
        if not self.stack.slack.wait_for(predicate, timeout=timeout):
            raise RuntimeError(f"demo: timed out waiting for {what}")

    def dms_to(self, user_id: str) -> list[dict]:
        """What the bot has posted in its DM with user_id (top level and threads)."""
        slack = self.stack.slack
        channel = slack.dm_channel(user_id)
        return [m for m in slack.messages_in(channel) if m.get("via") != "user" and not m.get("ephemeral_to")]

    def modal(self, user_id: str) -> dict:
        """The modal on top of user_id's stack."""
        # The bot opens modals after its ack, so the click's HTTP answer can come first: wait for it.
        self.wait(lambda: self.stack.slack.open_views_for(user_id), f"a modal for {user_id}")
        return self.stack.slack.open_views_for(user_id)[-1]

    def click(self, user_id: str, action_id: str, label: str, *, message: dict | None = None,
              view: dict | None = None, value: str | None = None):
        self.user_does(user_id, f"clicks [{label}]")
        response = self.stack.driver.block_action(user_id, action_id, value=value, message=message, view=view)
        if response.status != 200:
            raise RuntimeError(f"demo: clicking {action_id} answered HTTP {response.status}")
        return response

    def submit(self, user_id: str, view: dict, values: dict, what: str):
        self.user_does(user_id, f"submits {what}")
        response = self.stack.driver.view_submission(user_id, view, values)
        if response.status != 200 or response.slack_errors:
            raise RuntimeError(f"demo: submitting {what} failed: {response.status} {response.slack_errors}")
        return response

    @staticmethod
    def choose(view: dict, block_id: str, value: str) -> dict:
        """A submission value picking option `value` of a select or radio input of `view`."""
        element = next(b for b in view["blocks"] if b.get("block_id") == block_id)["element"]
        picked = next(o for o in element["options"] if o["value"] == value)
        return {block_id: {"value": {"type": element["type"], "selected_option": picked}}}

    @staticmethod
    def prefilled(view: dict) -> dict:
        """What submitting `view` untouched sends: each input's initial value, in view_submission's state shape."""
        values = {}
        for block in view["blocks"]:
            element = block.get("element") if block.get("type") == "input" else None
            if element is None:
                continue
            kind, state = element["type"], {"type": element["type"]}
            if kind == "plain_text_input":
                state["value"] = element.get("initial_value", "")
            elif kind in ("multi_static_select", "checkboxes"):
                state["selected_options"] = element.get("initial_options", [])
            elif kind in ("static_select", "radio_buttons"):
                state["selected_option"] = element.get("initial_option")
            else:
                continue
            values[block["block_id"]] = {"value": state}
        return values

    def show_home(self, user_id: str) -> None:
        home = self.stack.slack.home_views.get(user_id)
        if home is None:
            raise RuntimeError(f"demo: no Home published for {user_id}")
        self.show(f"{self.names.get(user_id, user_id)}'s App Home", home)

    def command(self, user_id: str, command: str, text: str) -> dict:
        """Run a slash command and return the ephemeral answer the user sees."""
        slack = self.stack.slack
        before = len(slack.ephemerals_to(user_id))
        self.user_does(user_id, f"types: {command} {text}".rstrip())
        response = self.stack.driver.command(user_id, command, text, channel_id=DEMO_CHANNEL)
        if response.status != 200:
            raise RuntimeError(f"{command} answered HTTP {response.status}")
        if not slack.wait_for(lambda: len(slack.ephemerals_to(user_id)) > before, timeout=15):
            raise RuntimeError(f"{command} got no answer")
        answer = slack.ephemerals_to(user_id)[-1]
        self.show(f"{self.names.get(user_id, user_id)} (only they see this)", answer)
        return answer
