"""Demo scene: before their next session, the mentor opens the mentee's goals and the pair's journal from her Home."""

import json

from bot.slack.blocks import home as home_blocks
from bot.slack.blocks import pair_view as pair_blocks

LENA, AMARA = "U0DEMOLENA", "U0DEMOAMARA"


def scene_mentor_view(ctx) -> None:
    slack = ctx.stack.slack
    ctx.scene("Before their next session, Amara reads Lena's goals and their journal")
    ctx.user_does(AMARA, "opens mentorbot's Home tab")
    ctx.stack.driver.app_home_opened(AMARA)
    ctx.wait(lambda: home_blocks.PAIR_JOURNAL in json.dumps(slack.home_views.get(AMARA) or {}), "Amara's Home")
    home = slack.home_views[AMARA]
    button = next(b["accessory"] for b in home["blocks"] if LENA in json.dumps(b)
                  and (b.get("accessory") or {}).get("action_id") == home_blocks.PAIR_JOURNAL)
    ctx.user_does(AMARA, f"clicks [{button['text']['text']}] next to Lena Novak")
    response = ctx.stack.driver.block_action(AMARA, home_blocks.PAIR_JOURNAL, value=button["value"], view=home)
    if response.status != 200:
        raise RuntimeError(f"demo: clicking {home_blocks.PAIR_JOURNAL} answered HTTP {response.status}")
    ctx.wait(lambda: any(v["callback_id"] == pair_blocks.CALLBACK for v in slack.open_views_for(AMARA)),
             "the goals & journal modal")
    ctx.show("Amara Okafor (modal, only an active mentor can open it)", ctx.modal(AMARA))
