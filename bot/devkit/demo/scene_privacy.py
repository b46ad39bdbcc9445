"""Demo scene: people own their data. Noor exports everything the bot holds about her; Jonas erases his."""

import io
import json
import zipfile

from bot.devkit.demo.context import DEMO_CHANNEL
from bot.slack.blocks import privacy as blocks

NOOR, JONAS = "U0DEMONOOR", "U0DEMOJONAS"


def scene_privacy(ctx) -> None:
    stack, slack = ctx.stack, ctx.stack.slack
    ctx.scene("People own their data: export, and erase")
    ctx.command(NOOR, "/mentor", "export")
    # The file is shared once files.completeUploadExternal has posted it in her DM.
    ctx.wait(lambda: any(m.get("files") for m in ctx.dms_to(NOOR)), "Noor's export")
    shared = next(m for m in ctx.dms_to(NOOR) if m.get("files"))
    ctx.show("Noor Haddad", shared)
    upload = slack.files[shared["files"][0]["id"]]
    with zipfile.ZipFile(io.BytesIO(upload["content"])) as z:
        data = json.loads(z.read("data.json"))
        ctx.say(f"(In her DMs: {upload['name']}, {upload['size']} bytes: {', '.join(sorted(z.namelist()))}. "
                "Sections: " + ", ".join(f"{k} {len(v)}" for k, v in data.items() if isinstance(v, list)) + ".)")

    ctx.user_does(JONAS, "types: /mentor erase")
    if stack.driver.command(JONAS, "/mentor", "erase", channel_id=DEMO_CHANNEL).status != 200:
        raise RuntimeError("demo: /mentor erase failed")
    modal = ctx.modal(JONAS)
    ctx.show("Jonas (a modal)", modal)
    ctx.submit(JONAS, modal, {blocks.CONFIRM_BLOCK: {"value": blocks.ERASE_WORD}}, "the confirmation, typing ERASE")
    ctx.wait(lambda: any("has been erased" in m["text"] for m in ctx.dms_to(JONAS)), "Jonas's goodbye")
    ctx.show("Jonas", next(m for m in ctx.dms_to(JONAS) if "has been erased" in m["text"]))
    ctx.say("(His profile, goals and words are gone; an anonymous placeholder keeps program counts true, and the "
            "audit log says an erasure happened, and when: `/mentor audit` for admins, `mentorbot audit` for "
            "operators.)")
