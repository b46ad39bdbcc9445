"""The manifest is valid against Slack's schema, and the README's demo command exits 0."""

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
    assert "Traceback" not in result.stderr
