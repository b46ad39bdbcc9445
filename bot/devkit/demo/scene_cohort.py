"""Demo scene: HR opens a spring cohort from Slack, people join from the channel's button, HR previews a matching
round (every pair with why, the round report) and approves it; the first pair both accept and go on to agree; HR
reads the report of that round's cohort."""
# Runs last: Amara's slot is free again after the ending scene, and the clock is set to a Monday morning so the
# proposals are inside everyone's working hours.

from datetime import UTC, datetime

from bot.devkit.demo.scene_checkins import DemoClock
from bot.outbox.tick import tick
from bot.slack.blocks import programs as program_blocks
from bot.slack.blocks import rounds as round_blocks
from storage.db import session_scope
from storage.models import Goal
from storage.people import upsert_person

HANA, COHORT = "U0DEMOHANA", "C0DEMOSPRING"
INES, JONAS, KEMI, AMARA, HUGO = "U0DEMOINES", "U0DEMOJONAS", "U0DEMOKEMI", "U0DEMOAMARA", "U0DEMOHUGO"
GOALS = {INES: "Get better at system design", JONAS: "Python code reviews with a security eye",
         KEMI: "Threat modelling for our support tools"}


def _setup(ctx) -> None:
    """SETUP: Hana is a Slack workspace admin (users.info says so); the cohort's channel exists; the mentees have
    written their goals on their Homes (the goals feature, shown in the onboarding scene)."""
    stack = ctx.stack
    stack.slack.add_user(HANA, "hana", real_name="Hana Reyes", tz="Europe/Berlin", title="People Partner")
    stack.slack.users[HANA]["is_admin"] = True
    stack.slack.add_channel(COHORT, "spring-cohort", is_member=True)
    ctx.names[HANA] = "Hana Reyes"
    with session_scope(stack.engine) as s:
        upsert_person(s, HANA, name="Hana Reyes", tz="Europe/Berlin")
        for owner, title in GOALS.items():
            s.add(Goal(owner_id=owner, title=title))


def _latest(ctx, user_id: str) -> dict:
    return ctx.stack.slack.ephemerals_to(user_id)[-1]


def scene_cohort(ctx) -> None:
    stack = ctx.stack
    ctx.scene("HR opens a cohort, people join, and a matching round pairs them")
    original_clock = stack.deps.clock
    stack.deps.clock = DemoClock(datetime(2027, 1, 11, 10, 0, tzinfo=UTC))  # a Monday morning in Europe
    try:
        _setup(ctx)
        panel = ctx.command(HANA, "/mentor", "admin")
        ctx.click(HANA, program_blocks.CREATE, "Create a program", message=panel)
        ctx.submit(HANA, ctx.modal(HANA), {
            "name": {"value": "Spring Cohort"},
            "description": {"value": "Six months, one mentor each, matched for you in rounds."},
            "channel": {"value": {"type": "conversations_select", "selected_conversation": COHORT}},
            "admins": {"value": {"type": "multi_users_select", "selected_users": [HANA]}},
            "start": {"value": {"type": "datepicker", "selected_date": "2027-01-18"}},
            "end": {"value": {"type": "datepicker", "selected_date": "2027-07-16"}},
            "mode": {"value": {"type": "static_select", "selected_option": {"value": "rounds"}}},
            "hours": {"value": {"type": "static_select", "selected_option": {"value": "6"}}},
        }, "the new program: Spring Cohort, #spring-cohort, matched in rounds")
        ctx.wait(lambda: any("Created" in m["text"] for m in ctx.dms_to(HANA)), "the program to be created")

        panel = ctx.command(HANA, "/mentor", "admin")
        ctx.click(HANA, program_blocks.POST_JOIN, "Post Join message", message=panel)
        ctx.wait(lambda: stack.slack.messages_in(COHORT), "the Join message")
        join = stack.slack.messages_in(COHORT)[-1]
        ctx.show("#spring-cohort", join)
        for person in (INES, JONAS, KEMI, AMARA, HUGO):
            before = len(stack.slack.ephemerals_to(person))
            ctx.click(person, program_blocks.JOIN, "Join the program", message=join)
            ctx.wait(lambda p=person, b=before: len(stack.slack.ephemerals_to(p)) > b, "the join answer")
        ctx.show("Inês Costa (only she sees this)", _latest(ctx, INES))

        preview = ctx.command(HANA, "/mentor", "round Spring Cohort")
        ctx.say("(Hugo has one slot and is the only mentor who knows threat modelling, so he goes to Kemi; Jonas, "
                "who fits both, is with Amara. Nothing has been sent yet.)")
        ctx.click(HANA, round_blocks.ACTION_APPROVE, "Approve and send 3 proposals", message=preview)
        ctx.wait(lambda: "Approved" in next(m for m in stack.slack.messages if m["ts"] == preview["ts"])["text"],
                 "the approval")
        ctx.show("Hana Reyes", next(m for m in stack.slack.messages if m["ts"] == preview["ts"]))

        ctx.say("(The worker ticks: the proposals go out through the outbox, within working hours.)")
        tick(stack.deps, stack.app.client, stack.deps.clock())
        ctx.wait(lambda: any("matched you" in m["text"] for m in ctx.dms_to(INES)), "Inês's proposal")
        to_ines = next(m for m in ctx.dms_to(INES) if "matched you" in m["text"])
        ctx.show("Inês Costa", to_ines)
        ctx.click(INES, round_blocks.ACTION_ACCEPT, "Accept", message=to_ines)
        ctx.wait(lambda: any("matched you" in m["text"] for m in ctx.dms_to(AMARA)), "Amara's proposal")
        to_amara = next(m for m in ctx.dms_to(AMARA) if "matched you" in m["text"] and INES in str(m["blocks"]))
        ctx.click(AMARA, round_blocks.ACTION_ACCEPT, "Accept", message=to_amara)
        ctx.wait(lambda: sum("Review agreement" in str(m["blocks"]) for m in ctx.dms_to(INES)) >= 1,
                 "the agreement step")
        ctx.show("Inês Costa", [m for m in ctx.dms_to(INES) if "Review agreement" in str(m["blocks"])][-1])
        ctx.say("(From here it is the agreement, welcome and announcement shown above for Lena and Amara.)")
        _cohort_report(ctx)
    finally:
        stack.deps.clock = original_clock


def _cohort_report(ctx) -> None:
    """Hana reads the report of the round's cohort: its own funnel (the mentees the round listed, those placed in
    it, matched), suppressed under 5 people exactly as a program's figures are."""
    ctx.say("(Hana reads the report of this round's cohort alone: in a cohort this young every figure is about "
            "fewer than 5 people. The CSV says each pair's cohort.)")
    answer = ctx.command(HANA, "/mentor", "report Spring Cohort cohort:1")
    picker = next(b["accessory"] for b in answer["blocks"] if b.get("accessory", {}).get("type") == "static_select")
    ctx.say("(Cohorts offered: " + ", ".join(o["text"]["text"] for o in picker["options"]) + ".)")
