"""The last slot under real concurrency, the announcement's fallbacks, programs from the CLI and the CSV."""

import threading

from sqlmodel import Session, select

from bot.cli import main as cli_main
from bot.features.pairing import announce
from storage.db import make_engine
from storage.models import IntroRequest, Mentorship, Program, ProgramMember
from storage.programs import create_program
from tests.pairing_helpers import dms, request_intro, text_of, wait_dm

CHEN, LENA, INES, JONAS = "U0DEMOCHEN", "U0DEMOLENA", "U0DEMOINES", "U0DEMOJONAS"


def test_two_accepts_racing_for_the_last_slot_exactly_one_wins(demo_stack):
    """Chen has one slot. Two mentees asked; Chen's two Accept clicks arrive at the same moment as real signed
    HTTP requests (on PostgreSQL the Profile row lock serialises them; on SQLite, BEGIN IMMEDIATE)."""
    stack = demo_stack
    request_intro(stack, LENA, "machine learning", "Chen Wei")
    request_intro(stack, INES, "machine learning", "Chen Wei")
    assert stack.slack.wait_for(lambda: len([m for m in dms(stack, CHEN) if "Accept" in text_of(m)]) == 2)
    asks = [m for m in dms(stack, CHEN) if "Accept" in text_of(m)]
    barrier = threading.Barrier(len(asks))
    statuses = []

    def click(message):
        barrier.wait()
        statuses.append(stack.driver.block_action(CHEN, "intro_accept", message=message).status)

    threads = [threading.Thread(target=click, args=(m,)) for m in asks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [200, 200]
    assert stack.slack.wait_for(lambda: any("no free mentee slot" in text_of(m)
                                            for m in stack.slack.ephemerals_to(CHEN)), timeout=15)
    with Session(stack.engine) as s:
        pairs = s.exec(select(Mentorship)).all()
        by_status = sorted(r.status for r in s.exec(select(IntroRequest)).all())
    assert len(pairs) == 1 and by_status == ["accepted", "pending"]
    winner = pairs[0].mentee_id
    wait_dm(stack, winner, "Review agreement")
    loser = INES if winner == LENA else LENA
    assert not any("Review agreement" in text_of(m) for m in dms(stack, loser))


def _pair(stack, program_id):
    with Session(stack.engine) as s:
        m = Mentorship(mentor_id="U0DEMOBEN", mentee_id=JONAS, program_id=program_id, status="active")
        s.add(m)
        s.commit()
        s.refresh(m)
        return m


def test_announcement_joins_the_channel_or_tells_the_admins(demo_stack):
    stack, client = demo_stack, demo_stack.app.client
    stack.slack.add_channel("C0NOTJOINED", "pairs", is_member=False)
    stack.slack.add_channel("G0PRIVATE", "secret-pairs", is_member=False, is_private=True)
    with Session(stack.engine) as s:
        public = create_program(s, "Public pairs", "C0NOTJOINED", ["U0DEMOFATIMA"])
        private = create_program(s, "Private pairs", "G0PRIVATE", ["U0DEMOFATIMA", "U0DEMOBEN"])
        s.commit()
        ids = public.id, private.id
    assert announce(stack.deps, client, _pair(stack, None)) == "no_program"
    assert announce(stack.deps, client, _pair(stack, ids[0])) == "posted"
    assert stack.slack.calls_to("conversations.join")[0].args["channel"] == "C0NOTJOINED"
    [post] = stack.slack.messages_in("C0NOTJOINED")
    assert "<@U0DEMOBEN> is mentoring <@U0DEMOJONAS>" in post["text"]
    assert announce(stack.deps, client, _pair(stack, ids[1])) == "admins_told"
    for admin in ("U0DEMOFATIMA", "U0DEMOBEN"):
        help_dm = wait_dm(stack, admin, "/invite @mentorbot")
        assert "<#G0PRIVATE>" in help_dm["text"] and "Private pairs" in help_dm["text"]


def test_program_create_and_csv_membership(migrated_url, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", migrated_url)
    env_file = str(tmp_path / "none.env")
    assert cli_main(["--env-file", env_file, "program", "create", "Data Guild", "--channel", "C0DATA",
                     "--admin", "U0ADMIN1"]) == 0
    assert "created program 'Data Guild'" in capsys.readouterr().out
    assert cli_main(["--env-file", env_file, "program", "create", "data guild", "--channel", "C0DATA"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert cli_main(["--env-file", env_file, "program", "create", "X", "--channel", "general"]) == 2
    assert "--channel must be a Slack channel id" in capsys.readouterr().err

    header = "slack_id,name,email,title,role,expertise,years_experience,career_path,values,capacity,timezone," \
             "languages,bio,programs\n"
    csv = tmp_path / "people.csv"
    csv.write_text(header + "U0P1,Ann,,Dev,mentee,,1,,,0,,,,Data Guild\nU0P2,Bo,,Dev,mentee,,1,,,0,,,,Nope Guild\n")
    assert cli_main(["--env-file", env_file, "import-profiles", str(csv)]) == 1
    err = capsys.readouterr().err
    assert "line 3: unknown program(s): Nope Guild" in err and "nothing imported" in err
    assert cli_main(["--env-file", env_file, "import-profiles", str(csv), "--skip-invalid"]) == 0
    engine = make_engine(migrated_url)
    with Session(engine) as s:
        program = s.exec(select(Program)).one()
        members = s.exec(select(ProgramMember.person_id).where(ProgramMember.program_id == program.id)).all()
    engine.dispose()
    assert members == ["U0P1"]
