"""The audit log: admin reports, exports, erasures and purges are logged (who, which, when; never what), and only
admins (in Slack) and operators (`mentorbot audit`) can read it."""

from sqlmodel import Session, select

from bot.cli import main
from storage.models import AuditEntry
from tests.features.privacy_helpers import ADMIN, MENTEE, OTHER_MENTOR, exported, seed
from tests.pairing_helpers import text_of, wait_ephemeral


def test_reports_exports_and_erasures_are_logged_and_only_admins_read_them(stack, monkeypatch, capsys):
    seed(stack)
    assert stack.driver.command(ADMIN, "/mentor", "report").status == 200
    wait_ephemeral(stack, ADMIN, "Mentoring")
    exported(stack, MENTEE)
    monkeypatch.setenv("DATABASE_URL", stack.engine.url.render_as_string(hide_password=False))
    assert main(["--env-file", "/nonexistent", "erase", OTHER_MENTOR]) == 0

    assert stack.driver.command(MENTEE, "/mentor", "audit").status == 200
    wait_ephemeral(stack, MENTEE, "Only program admins can see the audit log")
    assert stack.driver.command(ADMIN, "/mentor", "audit").status == 200
    shown = text_of(wait_ephemeral(stack, ADMIN, "Audit log"))
    for line in (f"report  by {ADMIN}", f"export  by {MENTEE}", "erase  by erased-"):
        assert line in shown, shown
    assert OTHER_MENTOR not in shown and "Hugo" not in shown  # an erasure names nobody

    capsys.readouterr()
    assert main(["--env-file", "/nonexistent", "audit"]) == 0
    out = capsys.readouterr().out
    assert "report" in out and "export" in out and "erase" in out and "audit" in out
    with Session(stack.engine) as s:
        actions = [(e.actor, e.action) for e in s.exec(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions[:2] == [(ADMIN, "report"), (MENTEE, "export")] and actions[3:] == [(ADMIN, "audit"), ("cli", "audit")]
