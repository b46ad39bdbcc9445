"""The scripted demo. Each scene is a function of DemoContext; features add scenes to SCENES."""

import csv
import tempfile
from collections.abc import Callable
from pathlib import Path

from bot.devkit.demo.context import DEMO_CHANNEL, DEMO_PROGRAM, WORKSPACE_CSV, DemoContext
from bot.devkit.demo.scene_checkins import scene_checkins
from bot.devkit.demo.scene_cohort import scene_cohort
from bot.devkit.demo.scene_ending import scene_ending
from bot.devkit.demo.scene_honest_search import scene_honest_search
from bot.devkit.demo.scene_insight import scene_pulse_and_drift
from bot.devkit.demo.scene_journey import scene_journey
from bot.devkit.demo.scene_mentor_view import scene_mentor_view
from bot.devkit.demo.scene_onboarding import scene_onboarding
from bot.devkit.demo.scene_pairing import scene_pairing
from bot.devkit.demo.scene_privacy import scene_privacy
from bot.devkit.harness import LocalStack
from bot.domain.profiles_csv import parse_profiles_csv
from storage.db import session_scope
from storage.migrate import upgrade
from storage.people import import_profile_rows
from storage.programs import create_program


def scene_find_mentor(ctx: DemoContext) -> None:
    ctx.scene("Finding a mentor")
    ctx.command("U0DEMOINES", "/findmentor", "machine learning")
    ctx.command("U0DEMOLENA", "/findmentor", "python")
    ctx.say("(Grace's bio says <!channel>: it is shown as text and pings nobody.)")
    ctx.command("U0DEMOJONAS", "/findmentor", "public speaking")
    ctx.command("U0DEMOKEMI", "/findmentor", "")
    ctx.command("U0DEMOJONAS", "/mentor", "dance")


# The scenes, in the order they play.
SCENES: list[Callable[[DemoContext], None]] = [
    scene_find_mentor, scene_honest_search, scene_onboarding, scene_pairing, scene_checkins, scene_journey, scene_mentor_view, scene_pulse_and_drift, scene_ending,
    scene_cohort, scene_privacy,
]


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


def run_demo(out: Callable[[str], None] = print, db_path: str | None = None,
             inspect: Callable[[LocalStack], None] | None = None) -> int:
    """inspect(stack), when given, looks at the local Slack and database once every scene has played."""
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
            stack.slack.wait_quiet()  # the last scene's follow-ups (Home republished, ...) land before counting
            if inspect is not None:
                inspect(stack)
            out("")
            out(f"Demo finished: {len(stack.slack.calls)} Web API calls, all answered by the strict local Slack.")
    return 0
