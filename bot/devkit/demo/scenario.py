"""The scripted demo. Each scene is a function of DemoContext; features add scenes to SCENES."""

import csv
import tempfile
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.devkit.demo.transcript import render_message
from bot.devkit.harness import LocalStack
from bot.domain.profiles_csv import parse_profiles_csv
from storage.db import session_scope
from storage.migrate import upgrade
from storage.people import import_profile_rows
from storage.programs import create_program

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


def scene_find_mentor(ctx: DemoContext) -> None:
    ctx.scene("Finding a mentor")
    ctx.command("U0DEMOINES", "/findmentor", "machine learning")
    ctx.command("U0DEMOLENA", "/findmentor", "python")
    ctx.say("(Grace's bio says <!channel>: it is shown as text and pings nobody.)")
    ctx.command("U0DEMOJONAS", "/findmentor", "public speaking")
    ctx.command("U0DEMOKEMI", "/findmentor", "")
    ctx.command("U0DEMOJONAS", "/mentor", "dance")


SCENES: list[Callable[[DemoContext], None]] = [scene_find_mentor]


def _feature_scenes() -> None:
    # Imported here: scene modules use DemoContext's helpers, and this module defines it.
    from bot.devkit.demo.scene_checkins import scene_checkins
    from bot.devkit.demo.scene_ending import scene_ending
    from bot.devkit.demo.scene_mentor_view import scene_mentor_view
    from bot.devkit.demo.scene_onboarding import scene_onboarding
    from bot.devkit.demo.scene_pairing import scene_pairing

    SCENES.extend([scene_onboarding, scene_pairing, scene_checkins, scene_mentor_view, scene_ending])


_feature_scenes()


def seed_workspace(stack: LocalStack) -> dict[str, str]:
    text = WORKSPACE_CSV.read_text(encoding="utf-8")
    names = {}
    for row in csv.DictReader(text.splitlines()):
        stack.slack.add_user(row["slack_id"], row["name"].split()[0].lower(), real_name=row["name"],
                             tz=row["timezone"] or "UTC", title=row["title"], email=row["email"])
        names[row["slack_id"]] = row["name"]
    stack.slack.add_channel(DEMO_CHANNEL, "mentoring", is_member=True)
    rows, errors = parse_profiles_csv(text)
    if errors:
        raise RuntimeError("demo workspace CSV is invalid: " + "; ".join(map(str, errors)))
    with session_scope(stack.engine) as session:
        create_program(session, DEMO_PROGRAM, DEMO_CHANNEL)  # the CSV's programs column names it
        import_profile_rows(session, rows)
    return names


def run_demo(out: Callable[[str], None] = print, db_path: str | None = None) -> int:
    with tempfile.TemporaryDirectory(prefix="mentorbot-demo-") as tmp:
        url = f"sqlite:///{db_path or Path(tmp) / 'demo.db'}"
        upgrade(url)
        with LocalStack(url) as stack:
            names = seed_workspace(stack)
            ctx = DemoContext(stack=stack, out=out, names=names)
            out(f"mentorbot demo: a local Slack at {stack.slack.base_url}, the bot at {stack.base_url}, "
                f"{len(names)} people seeded.")
            for scene in SCENES:
                scene(ctx)
            out("")
            out(f"Demo finished: {len(stack.slack.calls)} Web API calls, all answered by the strict local Slack.")
    return 0
