"""The demo at LOG_LEVEL=DEBUG, through the real `mentorbot demo` command, with every log record captured: no
text a person typed (profiles, goals, notes, intro messages, search words), no email and no token may appear."""

import csv
import logging

from sqlalchemy import create_engine, text

from bot.cli import main
from bot.devkit.demo.scenario import WORKSPACE_CSV
from bot.devkit.harness import SIGNING_SECRET
from bot.devkit.localslack import LocalSlack

TYPED_COLUMNS = {  # table -> columns holding what people typed
    "profile": ["bio", "career_path", "career_aspiration", "strengths", "areas_to_improve"],
    "goal": ["title", "target"], "goal_update": ["note", "milestone"], "check_in": ["note"],
    "intro_request": ["message", "response_note"], "mentorship": ["goals"], "person": ["email"],
}
SEARCHES = ["machine learning", "public speaking", "system design"]  # what the demo's people search for


class _Keep(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))  # exceptions' text included


def typed_texts(db) -> set[str]:
    found = set(SEARCHES)
    for row in csv.DictReader(WORKSPACE_CSV.read_text(encoding="utf-8").splitlines()):
        found |= {row["email"], row["bio"], row["career_path"]}
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        for table, columns in TYPED_COLUMNS.items():
            for column in columns:
                found |= {v for (v,) in conn.execute(text(f"SELECT {column} FROM {table}")) if v}
    engine.dispose()
    return {t for t in found if len(t) >= 8}  # shorter values ("python") are ordinary words


def test_demo_logs_at_debug_carry_no_user_text_email_or_token(tmp_path, monkeypatch, capsys):
    keep, root = _Keep(), logging.getLogger()
    levels = {name: logging.getLogger(name).level for name in ("", "slack_sdk", "slack_bolt", "alembic")}
    root.addHandler(keep)
    monkeypatch.setenv("LOG_LEVEL", "DEBUG")
    try:
        assert main(["--env-file", "/nonexistent", "demo", "--db", str(tmp_path / "demo.db")]) == 0
        assert root.getEffectiveLevel() == logging.DEBUG  # DEBUG really was on (slack_sdk and Bolt stop at INFO:
        # at DEBUG they log request bodies, so bot.cli.setup_logging caps them; that cap is what this test guards)
    finally:
        root.removeHandler(keep)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
    assert "Demo finished" in capsys.readouterr().out
    logs = "\n".join(keep.lines)
    assert any("drain:" in line for line in keep.lines) and any("erased a person" in line for line in keep.lines)
    secrets = typed_texts(tmp_path / "demo.db") | {LocalSlack().bot_token, SIGNING_SECRET}
    assert len(secrets) > 20
    leaked = sorted(s for s in secrets if s in logs)
    assert leaked == [], [next(line for line in keep.lines if s in line)[:300] for s in leaked]
