"""Block Kit for matching rounds: the admin's preview (pairs with why, unmatched with reasons, the report, Remove
and Approve), and the proposal DM each side of a pair gets (drafted intro, Accept / Decline). Pure functions."""

import json

from bot.domain.text import escape, mention, truncate
from bot.slack import ids
from bot.slack.blocks.common import actions, button, context, divider, header, message, section
from bot.slack.blocks.forms import input_block, modal, option, static_select

ACTION_APPROVE, ACTION_DISCARD, ACTION_REMOVE = ids.ROUND_APPROVE, ids.ROUND_DISCARD, ids.ROUND_REMOVE_PAIR
ACTION_SWAP, SWAP_CALLBACK = ids.ROUND_SWAP_OPEN, ids.ROUND_SWAP_CALLBACK
ACTION_ACCEPT, ACTION_DECLINE = ids.ROUND_ACCEPT, ids.ROUND_DECLINE
PAIRS_SHOWN = 15  # a message holds 50 blocks: the rest is in `mentorbot round plan --out`
UNMATCHED_SHOWN = 10


def report_line(report: dict) -> str:
    load, capacity = report.get("load") or [0, 0, 0], report.get("capacity") or [0, 0, 0]
    return (f"*{report.get('matched', 0)}* of *{report.get('eligible', 0)}* eligible mentees matched · "
            f"average fit {report.get('average_fit', 0):.2f} · {report.get('top3_share', 0):.0%} got one of their "
            f"own top 3 · mentor load {load[0]}/{load[1]:g}/{load[2]} (min/median/max) against capacity "
            f"{capacity[0]}/{capacity[1]:g}/{capacity[2]} · {report.get('blocking_pairs', 0)} blocking pair"
            f"{'' if report.get('blocking_pairs') == 1 else 's'}")


def org_line(person) -> str:
    """Org data (from the profile CSV), for program admins only: department, level, manager."""
    if person is None:
        return ""
    bits = [escape(person.department), escape(person.level),
            f"reports to {mention(person.manager_id)}" if person.manager_id else ""]
    return " · ".join(b for b in bits if b)


def preview(round_id: int, program_name: str, kind: str, report: dict, pairs: list, unmatched: list,
            org: dict | None = None) -> dict:
    """pairs: RoundPair lines still planned; unmatched: lines without a mentor (reasons) and removed pairs;
    org: person id -> org line (admins see it to check the manager and department rules)."""
    org = org or {}
    title = "Fill round" if kind == "fill" else "Matching round"
    blocks = [header(f"{title}: {program_name}"[:150]), section(report_line(report)),
              context("Nothing is sent until you approve. Remove any pair you don't want; its mentee stays in the "
                      "pool for the next round.")]
    for pair in pairs[:PAIRS_SHOWN]:
        who = [f"{mention(p)}: {org[p]}" for p in (pair.mentee_id, pair.mentor_id) if org.get(p)]
        blocks.append(section(f"{mention(pair.mentee_id)} with mentor {mention(pair.mentor_id)} · fit "
                              f"{pair.fit:.2f}\n{pair.why}" + ("\n_" + "; ".join(who) + "_" if who else ""),
                              accessory=button("Remove", ACTION_REMOVE, json.dumps({"r": round_id, "p": pair.id})),
                              block_id=f"pair-{pair.id}"))
    if len(pairs) > PAIRS_SHOWN:
        blocks.append(context(f"…and {len(pairs) - PAIRS_SHOWN} more pairs: `mentorbot round plan` writes the "
                              "whole list."))
    if unmatched:
        lines = [f"{mention(u.mentee_id)}: {escape(u.why) if u.status == 'unmatched' else 'removed by an admin'}"
                 for u in unmatched[:UNMATCHED_SHOWN]]
        more = f"\n…and {len(unmatched) - UNMATCHED_SHOWN} more" if len(unmatched) > UNMATCHED_SHOWN else ""
        blocks += [divider(), section("*Not matched this round*\n" + "\n".join(lines) + more)]
    value = json.dumps({"r": round_id})
    if pairs:
        buttons = [button(f"Approve and send {len(pairs)} proposal{'s' if len(pairs) != 1 else ''}", ACTION_APPROVE,
                          value, style="primary")]
        if len(pairs) > 1:
            buttons.append(button("Swap two pairs…", ACTION_SWAP, value))
        blocks.append(actions(*buttons, button("Discard", ACTION_DISCARD, value)))
    else:
        blocks.append(actions(button("Discard", ACTION_DISCARD, value)))
    text = (f"{title} for {escape(program_name)}: {report.get('matched', 0)} of {report.get('eligible', 0)} "
            "matched. Nothing is sent until you approve.")
    return message(text, blocks)


def proposal(pair_id: int, other_id: str, other_name: str, role_of_other: str, program_name: str, why: str,
             draft: str) -> dict:
    lead = (f":sparkles: *{escape(program_name)}* matched you with {mention(other_id)} as your {role_of_other}.")
    blocks = [section(lead), context(why or "fits what you want to work on")]
    if draft:
        blocks.append(section("*A first message you could send*\n>" + escape(draft).replace("\n", "\n>")))
    blocks.append(context("If you both accept, you'll agree goals, cadence and how you'll meet. If either of you "
                          "declines, you both go back into the pool for the next round; no reasons needed."))
    value = json.dumps({"p": pair_id})
    blocks.append(actions(button("Accept", ACTION_ACCEPT, value, style="primary"),
                          button("Decline", ACTION_DECLINE, value)))
    return message(f"{escape(program_name)} matched you with {escape(other_name)} as your {role_of_other}. "
                   "Accept or decline.", blocks)


def note(text: str) -> dict:
    return message(text, [section(text)])


def not_available() -> dict:
    return note("Not available.")


def approved(proposed: int, skipped: list[str]) -> dict:
    text = f"Approved: {proposed} proposal{'s are' if proposed != 1 else ' is'} on the way."
    if skipped:
        text += (f" Skipped {len(skipped)} pair{'s' if len(skipped) != 1 else ''} because someone left the "
                 "program since the preview: " + ", ".join(mention(p) for p in skipped) + ".")
    return note(text)


def already_approved() -> dict:
    return note("This round was already approved (or discarded); nothing was sent twice.")


def waiting_for(other_id: str) -> dict:
    return note(f"Thanks! Waiting for {mention(other_id)} to accept too.")


def declined_you(program_name: str) -> dict:
    return note(f"The match proposed by *{escape(program_name)}* won't go ahead this time. You're back in the pool "
                "for the next round.")


def swap_modal(round_id: int, pairs: list[tuple[int, str, str]]) -> dict:
    """Pick two proposed pairs whose mentors to exchange: (pair id, mentee name, mentor name). Plain text options:
    names are shown as typed, never parsed."""
    options = [option(truncate(f"{mentee} with {mentor}", 75), str(pair_id)) for pair_id, mentee, mentor in pairs]
    return modal("Swap two pairs", SWAP_CALLBACK, [
        section("The two mentees exchange mentors. The round's rules are checked again (time zones, languages, "
                "managers, past pairs, departments); fit and why are recomputed."),
        input_block("first", "This pair", static_select(options, placeholder="Pick a pair")),
        input_block("second", "…with this pair", static_select(options, placeholder="Pick another pair")),
    ], submit="Swap", private_metadata=json.dumps({"r": round_id}))


def swapped_refused(reason: str) -> dict:
    return {"second": reason}
