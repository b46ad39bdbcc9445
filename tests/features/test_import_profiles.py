"""`mentorbot import-profiles`: line-numbered errors, all-or-nothing, idempotent."""

from pathlib import Path

from sqlmodel import Session, select

from bot.cli import main
from bot.domain.profiles_csv import parse_profiles_csv
from storage.models import Person, Profile

HEADER = "slack_id,name,email,title,role,expertise,years_experience,career_path,values,capacity,timezone,languages,bio"
GOOD = [
    "U001,Ana Silva,ana@example.com,Staff Engineer,mentor,Python;Go,12,IC track,craft;candour,2,Europe/Lisbon,English;Portuguese,Hi",
    "U002,Bo Chen,bo@example.com,Engineer,mentee,,1,New grad,balance,0,,English,",
]


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "people.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_bad_rows_are_reported_by_line_number():
    text = "\n".join([HEADER, GOOD[0], "U003,,x@y.z,T,mentor,,1,,,1,,,", "U004,Cy,c@d.e,T,boss,,1,,,1,,,",
                      "U005,Di,d@e.f,T,mentor,,many,,,1,,,", "U006,Ed,e@f.g,T,mentor,,3,,,1,Mars/Base,,",
                      "U001,Dup,a@b.c,T,mentor,,3,,,1,,,", "U007,Fi,f@g.h,T,mentor,,3,,,11,,,"])
    rows, errors = parse_profiles_csv(text)
    assert [r.slack_id for r in rows] == ["U001"]
    assert [(e.line, e.reason.split()[0]) for e in errors] == [
        (3, "name"), (4, "role"), (5, "years_experience"), (6, "timezone"), (7, "slack_id"), (8, "capacity")]


def test_header_order_is_free_and_extra_columns_are_ignored():
    cols = HEADER.split(",")
    reordered = ",".join(reversed(cols)) + ",favourite_colour"
    values = GOOD[0].split(",")
    rows, errors = parse_profiles_csv(reordered + "\n" + ",".join(reversed(values)) + ",blue\n")
    assert errors == []
    assert rows[0].expertise == ["Python", "Go"] and rows[0].capacity == 2


def test_missing_column_is_named():
    rows, errors = parse_profiles_csv("slack_id,name\nU1,Ana\n")
    assert rows == [] and errors[0].line == 1 and "role" in errors[0].reason


def test_invalid_file_imports_nothing(tmp_path, engine, migrated_url, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", migrated_url)
    path = write(tmp_path, HEADER, GOOD[0], "U003,,x@y.z,T,mentor,,1,,,1,,,")
    assert main(["--env-file", "/nonexistent", "import-profiles", str(path)]) == 1
    err = capsys.readouterr().err
    assert "line 3: name is empty" in err and "nothing imported" in err
    with Session(engine) as s:
        assert s.exec(select(Person)).all() == []
    # --skip-invalid imports the good row only
    assert main(["--env-file", "/nonexistent", "import-profiles", str(path), "--skip-invalid"]) == 0
    with Session(engine) as s:
        assert [p.slack_id for p in s.exec(select(Person)).all()] == ["U001"]


def test_import_twice_updates_and_never_duplicates(tmp_path, engine, migrated_url, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", migrated_url)
    path = write(tmp_path, HEADER, *GOOD)
    assert main(["--env-file", "/nonexistent", "import-profiles", str(path)]) == 0
    assert "2 new, 0 updated" in capsys.readouterr().out
    write(tmp_path, HEADER, GOOD[0].replace("Staff Engineer", "Principal Engineer"), GOOD[1])
    assert main(["--env-file", "/nonexistent", "import-profiles", str(path)]) == 0
    assert "0 new, 2 updated" in capsys.readouterr().out
    with Session(engine) as s:
        assert len(s.exec(select(Person)).all()) == 2
        assert s.get(Profile, "U001").title == "Principal Engineer"
        assert s.get(Profile, "U001").languages == ["English", "Portuguese"]
        assert s.get(Person, "U002").tz == "UTC"  # empty timezone: Slack's tz is used later


def test_unicode_round_trips(tmp_path, engine, migrated_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", migrated_url)
    path = write(tmp_path, HEADER, "U010,Zoë Ñúñez 🚀,z@example.com,Ingeniera,mentor,Café ☕;Rust,5,,,1,,Español,¡Hola! 👋")
    assert main(["--env-file", "/nonexistent", "import-profiles", str(path)]) == 0
    with Session(engine) as s:
        assert s.get(Person, "U010").name == "Zoë Ñúñez 🚀"
        assert s.get(Profile, "U010").expertise == ["Café ☕", "Rust"]
