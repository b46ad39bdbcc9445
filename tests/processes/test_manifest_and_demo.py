"""The manifest is valid against Slack's schema, and the README's demo command exits 0."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parents[2]


def test_manifest_is_valid():
    checker = shared_path("slack", "check_manifest.py")
    result = subprocess.run([sys.executable, str(checker), str(ROOT / "manifest.yml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_manifest_declares_what_the_bot_uses():
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    commands = {c["command"] for c in manifest["features"]["slash_commands"]}
    assert commands == {"/findmentor", "/mentor"}
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_home_opened", "message.im", "team_join", "user_change", "app_uninstalled", "tokens_revoked"} <= events
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True


# Each Web API method the code calls, and the bot scope Slack requires for it (docs.slack.dev/reference/methods).
METHOD_SCOPES = {
    "chat_postMessage": "chat:write", "chat_postEphemeral": "chat:write", "chat_update": "chat:write",
    "conversations_open": ("im:write", "mpim:write"), "conversations_join": "channels:join", "users_info": "users:read",
    "users_list": "users:read", "files_upload_v2": "files:write", "auth_test": None, "views_open": None,
    "views_publish": None, "views_push": None, "views_update": None,
    # Several scopes where the channel's type decides: a DM or a public channel; a public or a private channel.
    "conversations_history": ("im:history", "channels:history"), "conversations_replies": ("im:history", "channels:history"),
    "conversations_members": ("channels:read", "groups:read"),
}


def test_manifest_requests_only_the_scopes_the_code_uses():
    """Scopes = the calls in bot/ and handlers/ (a new call with a new scope fails here until both are updated),
    plus `commands` (slash commands) and `im:history` (the message.im event)."""


    calls = set()
    for folder in ("bot", "handlers"):
        for path in (ROOT / folder).rglob("*.py"):
            if "localslack" not in path.parts:
                calls |= set(re.findall(r"\.((?:chat|conversations|users|files|views|auth|reactions|team|usergroups)"
                                        r"_[A-Za-z0-9_]+)\(", path.read_text()))
    unknown = calls - set(METHOD_SCOPES)
    assert not unknown, f"add these methods' scopes to METHOD_SCOPES: {unknown}"
    needed = {"commands", "im:history"}
    for call in calls:
        scopes = METHOD_SCOPES[call] or ()
        needed |= {scopes} if isinstance(scopes, str) else set(scopes)
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == needed


def test_demo_exits_zero_and_prints_a_transcript(tmp_path):
    exe = shutil.which("mentorbot", path=str(Path(sys.executable).parent))
    cmd = [exe, "demo"] if exe else [sys.executable, "-m", "bot.cli", "demo"]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "types: /findmentor machine learning" in result.stdout
    assert "Chen Wei" in result.stdout
    assert "Years must be a number" in result.stdout and "Design doc drafted" in result.stdout
    assert "New pair in *Engineering Mentoring*: @Amara Okafor is mentoring @Lena Novak" in result.stdout
    assert "Saved to your journal" in result.stdout and "has ended" in result.stdout
    assert "3* of *3* eligible mentees matched" in result.stdout and "both said yes" in result.stdout
    assert "added to the agenda" in result.stdout and "moved your mentoring session" in result.stdout
    assert "Ticked off: Draft the on-call runbook" in result.stdout
    assert "@Amara Okafor recommends" in result.stdout and "The Mentor's Guide" in result.stdout
    assert "Traceback" not in result.stderr
