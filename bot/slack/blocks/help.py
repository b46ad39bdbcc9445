from bot.domain.text import escape
from bot.slack.blocks.common import message, section


def _lines(subcommands: dict[str, str]) -> str:
    lines = ["• `/findmentor &lt;what you want to learn&gt;` — mentors ranked by fit, with why"]
    lines += [f"• `/mentor {escape(name)}` — {escape(text)}" for name, text in sorted(subcommands.items())]
    return "\n".join(lines)


def mentor_help(subcommands: dict[str, str]) -> dict:
    text = "*mentorbot* helps you find a mentor, agree goals and keep meeting.\n" + _lines(subcommands)
    return message("mentorbot help", [section(text)])


def unknown_subcommand(name: str, subcommands: dict[str, str]) -> dict:
    text = f"I don't know `/mentor {escape(name)}`. Here is what I can do:\n" + _lines(subcommands)
    return message(f"Unknown command {escape(name)}", [section(text)])
