"""The README's admin steps, in order, with the sample CSV committed in the repo: migrate, import before the
program exists (refused, with what to run), create the program, import, import again (no duplicates)."""

from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, select

from bot.cli import main
from storage.db import make_engine
from storage.models import Person, Profile

SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "people.sample.csv"


def test_sample_csv_imports_after_its_program_is_created(database_url, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", database_url)
    cli = ["--env-file", "/nonexistent"]
    assert main([*cli, "migrate"]) == 0
    assert main([*cli, "import-profiles", str(SAMPLE)]) == 1
    assert "mentorbot program create" in capsys.readouterr().err
    assert main([*cli, "program", "create", "Engineering Mentoring", "--channel", "C0123ABCDEF",
                 "--admin", "U012AB3CDEF"]) == 0
    assert main([*cli, "import-profiles", str(SAMPLE)]) == 0
    assert main([*cli, "import-profiles", str(SAMPLE)]) == 0
    assert "imported 3 profile(s): 0 new, 3 updated" in capsys.readouterr().out
    engine = make_engine(database_url)
    with Session(engine) as s:
        assert s.exec(select(func.count()).select_from(Profile)).one() == 3
        assert s.get(Person, "W034CD5EFGH").name == "Chen Example"
    engine.dispose()
