"""Demo scene: the new hire finds a mentor, sends the drafted request, the mentor accepts, both confirm the
agreement, and the program channel sees the announcement."""

from bot.devkit.demo.context import DEMO_CHANNEL, DemoContext
from bot.domain.intro import ONE_LINE

LENA, AMARA = "U0DEMOLENA", "U0DEMOAMARA"


def _click_result(ctx: DemoContext, user: str, message: dict, name: str, action_id: str, label: str) -> None:
    """Click a button under the result naming `name` (several results carry the same action_id)."""
    blocks = message["blocks"]
    start = next(i for i, b in enumerate(blocks) if b["type"] == "section" and name in b["text"]["text"])
    block = next(b for b in blocks[start:] if b["type"] == "actions")
    ctx.user_does(user, f"clicks [{label}] next to {name}")
    response = ctx.stack.driver.block_action(user, action_id, message=message, block_id=block["block_id"])
    if response.status != 200:
        raise RuntimeError(f"demo: clicking {action_id} answered HTTP {response.status}")


def _wait_modal(ctx: DemoContext, user: str, callback_id: str) -> dict:
    ctx.wait(lambda: any(v["callback_id"] == callback_id for v in ctx.stack.slack.open_views_for(user)),
             f"the {callback_id} modal")
    return ctx.modal(user)


def _wait_dm(ctx: DemoContext, user: str, needle: str) -> dict:
    ctx.wait(lambda: any(needle in (m.get("text") or "") for m in ctx.dms_to(user)), f"a DM saying {needle!r}")
    return [m for m in ctx.dms_to(user) if needle in (m.get("text") or "")][-1]


def _option(view: dict, block_id: str, value: str) -> dict:
    element = next(b for b in view["blocks"] if b.get("block_id") == block_id)["element"]
    return next(o for o in element["options"] if o["value"] == value)


def _confirm(ctx: DemoContext, user: str, invitation: dict, mode: str) -> None:
    ctx.click(user, "agreement_open", "Review agreement", message=invitation)
    view = _wait_modal(ctx, user, "agreement_submit")
    ctx.show(f"{ctx.names[user]} (modal)", view)
    goals = next(b for b in view["blocks"] if b.get("block_id") == "goals")["element"]["initial_value"]
    first = next(b for b in view["blocks"] if b.get("block_id") == "first_date")["element"]["initial_date"]
    ctx.submit(user, view, {
        "goals": {"text": goals},
        "cadence": {"choice": {"type": "static_select", "selected_option": _option(view, "cadence", "biweekly")}},
        "mode": {"choice": {"type": "static_select", "selected_option": _option(view, "mode", mode)}},
        "duration": {"choice": {"type": "static_select", "selected_option": _option(view, "duration", "6")}},
        "first_date": {"date": {"type": "datepicker", "selected_date": first}},
        "first_time": {"time": {"type": "timepicker", "selected_time": "10:00"}},
    }, "the agreement")


def scene_pairing(ctx: DemoContext) -> None:
    ctx.scene("From a search to an announced mentorship")
    answer = ctx.command(LENA, "/findmentor", "python")
    _click_result(ctx, LENA, answer, "Amara Okafor", "intro_open", "Request intro")
    view = _wait_modal(ctx, LENA, "intro_submit")
    ctx.show("Lena Novak (modal, a draft she can edit)", view)
    draft = next(b for b in view["blocks"] if b.get("block_id") == "message")["element"]["initial_value"]
    # She has no goals yet, so the draft asks her for one line instead of echoing "python".
    line = "designing and shipping backend services in Python"
    ctx.user_does(LENA, f"replaces the line in angle brackets with “{line}”")
    draft = draft.replace(ONE_LINE, line)
    ctx.submit(LENA, view, {"message": {"text": draft}, "cadence": {"choice": {
        "type": "static_select", "selected_option": _option(view, "cadence", "biweekly")}}}, "the request")
    ctx.show("Amara Okafor (DM)", _wait_dm(ctx, AMARA, "asks whether you would mentor them"))
    ctx.show("Lena Novak (DM)", _wait_dm(ctx, LENA, "on its way"))

    ask = _wait_dm(ctx, AMARA, "asks whether you would mentor them")
    ctx.click(AMARA, "intro_accept", "Accept", message=ask)
    invitation = _wait_dm(ctx, LENA, "accepted your request")
    ctx.show("Lena Novak (DM)", invitation)
    _confirm(ctx, LENA, invitation, "video")
    _confirm(ctx, AMARA, _wait_dm(ctx, AMARA, "Thanks for saying yes"), "video")
    ctx.show("Lena Novak (DM)", _wait_dm(ctx, LENA, "Your mentorship is agreed"))
    ctx.wait(lambda: any("New pair" in m["text"] for m in ctx.stack.slack.messages_in(DEMO_CHANNEL)),
             "the announcement")
    post = [m for m in ctx.stack.slack.messages_in(DEMO_CHANNEL) if "New pair" in m["text"]][-1]
    ctx.show("#mentoring (everyone)", post)
    ctx.wait(lambda: "· active" in str(ctx.stack.slack.home_views.get(LENA)), "Lena's Home")
    ctx.show_home(LENA)
