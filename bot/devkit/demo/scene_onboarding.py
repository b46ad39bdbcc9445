"""Demo scene: a new hire opens the App Home, fills in a profile and two goals, logs progress, sees the dashboard."""

import json
from datetime import date, timedelta

from bot.slack.blocks import goals as goal_blocks
from bot.slack.blocks import home as home_blocks
from bot.slack.blocks.forms import find_option
from bot.slack.blocks.profile import ROLE_OPTIONS

NOOR = "U0DEMONOOR"


def _radio(options, value):
    return {"value": {"type": "radio_buttons", "selected_option": find_option(options, value)}}


def _picked(*values):
    return {"value": {"type": "multi_static_select", "selected_options": [
        {"text": {"type": "plain_text", "text": v.capitalize() if v.islower() else v, "emoji": True}, "value": v}
        for v in values]}}


def _home(ctx, containing: str) -> dict:
    slack = ctx.stack.slack
    ctx.wait(lambda: containing in json.dumps((slack.home_views.get(NOOR) or {}).get("blocks", []),
                                              ensure_ascii=False), f"Noor's Home to show {containing!r}")
    return slack.home_views[NOOR]


def _goal(ctx, home: dict, title: str, target: str, due: date, horizon: str) -> None:
    ctx.click(NOOR, goal_blocks.ADD_GOAL, "Add a goal", view=home)
    ctx.submit(NOOR, ctx.modal(NOOR), {
        "horizon": _radio(goal_blocks.HORIZON_OPTIONS, horizon), "title": {"value": title},
        "target": {"value": target},
        "target_date": {"value": {"type": "datepicker", "selected_date": due.isoformat()}}}, f"the goal “{title}”")


def scene_onboarding(ctx) -> None:
    slack, driver = ctx.stack.slack, ctx.stack.driver
    ctx.scene("A new hire sets up a profile and goals from the App Home")
    slack.add_user(NOOR, "noor", real_name="Noor Haddad", tz="Europe/Berlin", title="Backend Engineer")
    ctx.names[NOOR] = "Noor Haddad"
    ctx.say("(Slack sends team_join: Noor is added to the people directory.)")
    driver.event({"type": "team_join", "user": slack.users[NOOR]})
    ctx.user_does(NOOR, "opens mentorbot's Home tab")
    driver.app_home_opened(NOOR)
    home = _home(ctx, "three steps")
    ctx.show_home(NOOR)

    ctx.click(NOOR, home_blocks.EDIT_PROFILE, "Set up your profile", view=home)
    modal = ctx.modal(NOOR)
    tz = next(b for b in modal["blocks"] if b.get("block_id") == "timezone")["element"]["initial_value"]
    ctx.say(f"(The profile modal opens; the time zone is prefilled from Slack: {tz}.)")
    profile = {
        "role": _radio(ROLE_OPTIONS, "mentee"), "title": {"value": "Backend Engineer"},
        "topics": _picked("APIs", "Python"), "topics_other": {"value": "Go"}, "years": {"value": "two"},
        "career_path": {"value": "Backend engineer"}, "aspiration": {"value": "Tech lead within two years"},
        "values": _picked("craft", "candour"), "languages": {"value": "English, Arabic"},
        "bio": {"value": "Joined the payments team this week 🚀"},
    }
    ctx.user_does(NOOR, "submits the profile with years = “two”")
    answer = driver.view_submission(NOOR, modal, profile)
    for block, message in (answer.json() or {}).get("errors", {}).items():
        ctx.say(f"< the modal stays open; under “{block}”: {message}")
    ctx.submit(NOOR, modal, {**profile, "years": {"value": "2"}}, "the profile with years = 2")
    home = _home(ctx, "*Profile*")

    today = date.today()
    _goal(ctx, home, "Lead the checkout API redesign", "Design doc approved and v2 shipped to 100% of traffic",
          today + timedelta(days=120), "short")
    home = _home(ctx, "Lead the checkout API redesign")
    _goal(ctx, home, "Become a tech lead", "Lead a team of 4 for two quarters", today + timedelta(days=730), "long")
    home = _home(ctx, "Become a tech lead")

    ctx.click(NOOR, goal_blocks.LOG_PROGRESS, "Log progress", view=home,
              value=next(b["accessory"]["value"] for b in home["blocks"]
                         if "checkout API" in json.dumps(b) and b.get("accessory")))
    ctx.submit(NOOR, ctx.modal(NOOR), {"percent": {"value": "30"}, "milestone": {"value": "Design doc drafted"},
                                       "note": {"value": "Reviewed it with two senior engineers."}},
               "progress: 30%, milestone “Design doc drafted”")
    _home(ctx, "Design doc drafted")
    ctx.show_home(NOOR)

    before = len(ctx.dms_to(NOOR))
    ctx.click(NOOR, home_blocks.FIND_MENTOR, "Find a mentor", view=slack.home_views[NOOR])
    ctx.submit(NOOR, ctx.modal(NOOR), {"words": {"value": "APIs and python"}}, "“APIs and python”")
    ctx.wait(lambda: len(ctx.dms_to(NOOR)) > before, "the mentor suggestions DM")
    ctx.show("Noor Haddad (DM)", ctx.dms_to(NOOR)[-1])
