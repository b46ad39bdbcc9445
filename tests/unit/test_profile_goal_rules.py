"""Pure rules: profile validation and completeness, goal and progress validation, the progress bar, the Slack user
mapping and the pacer, and the Home's block budget. No Slack, no database."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.devkit.localslack.limits import check_view
from bot.domain.directory import entry_from_slack
from bot.domain.goals import progress_bar, validate_goal, validate_progress
from bot.domain.profile import ProfileForm, completeness, merge_topics, validate_profile
from bot.features.directory import Pacer
from bot.slack.blocks.goals import goals_list_modal, progress_modal
from bot.slack.blocks.home import home_view, pairs_modal
from bot.slack.blocks.profile import profile_modal
from storage.dashboard import HomeData, Pair
from storage.models import Goal, GoalUpdate, IntroRequest, Mentorship, Profile

TODAY = date(2026, 12, 1)


def test_a_good_profile_is_cleaned():
    data, errors = validate_profile(ProfileForm(
        role="mentor", title=" Staff Engineer ", topics_picked=("Python",), topics_other="python, rust; System Design",
        years="12", values=("craft", "candour"), capacity="3", cadence="flexible", formats=("video", "huddle"),
        languages="English, Deutsch, english", timezone="Europe/Berlin", bio="Hi 👋"))
    assert errors == {}
    assert data.title == "Staff Engineer"
    assert data.expertise == ["Python", "rust", "System design"]  # catalog spelling, no duplicates
    assert (data.years_experience, data.capacity, data.offer_cadence) == (12, 3, "")
    assert data.offer_format == "huddle, video" and data.languages == ["English", "Deutsch"]


@pytest.mark.parametrize(("field", "value", "block", "message"), [
    ("years", "ten", "years", "Years must be a number"),
    ("years", "-3", "years", "Years must be a number"),
    ("years", "99", "years", "between 0 and 60"),
    ("capacity", "11", "capacity", "Capacity must be 0–10"),
    ("capacity", "٣", "capacity", "Capacity must be 0–10"),  # a non-ASCII digit is not a number here
    ("role", "boss", "role", "mentor, mentee or both"),
    ("timezone", "Mars/Olympus", "timezone", "time zone name"),
    ("bio", "x" * 2001, "bio", "at most 2000"),
    ("topics_other", "y" * 61, "topics_other", "at most 60"),
    ("cadence", "hourly", "cadence", "weekly, biweekly"),
])
def test_each_bad_field_gets_its_own_error(field, value, block, message):
    form = replace(ProfileForm(role="mentee"), **{field: value})
    data, errors = validate_profile(form)
    assert data is None and message in errors[block]


def test_completeness_says_what_to_add():
    assert completeness(None).percent == 0
    mentee = Profile(person_id="U1", role="mentee", title="Engineer", career_path="Backend", values=["craft"],
                     languages=["English"], bio="Hi")
    done = completeness(mentee)
    assert not done.complete and done.missing == ["where you want to go (career aspiration)",
                                                  "a goal or areas to improve"]
    mentee.career_aspiration = "Tech lead"
    assert completeness(mentee, has_goals=True).complete
    mentor = Profile(person_id="U2", role="mentor", title="Staff", career_path="x", values=["craft"],
                     languages=["English"], bio="Hi")
    assert "expertise topics you can help with" in completeness(mentor).missing
    assert 0 < completeness(mentor).percent < 100


def test_goal_rules():
    ok, errors = validate_goal("short", "Lead a project", "Ship v2", "2027-03-01", "", TODAY)
    assert errors == {} and ok.target_date == date(2027, 3, 1) and ok.status == "active"
    _, errors = validate_goal("short", "", "", "2026-11-30", "", TODAY)
    assert set(errors) == {"title", "target", "target_date"} and "past" in errors["target_date"]
    _, errors = validate_goal("short", "Goal", "T", "2028-06-01", "", TODAY)
    assert "within a year" in errors["target_date"]
    assert validate_goal("long", "Goal", "T", "2030-06-01", "", TODAY)[1] == {}
    assert "title" in validate_goal("short", "g" * 201, "T", "2027-01-01", "", TODAY)[1]
    assert "target" in validate_goal("short", "G", "t" * 501, "2027-01-01", "", TODAY)[1]
    assert "target_date" in validate_goal("short", "G", "T", "tomorrow", "", TODAY)[1]


def test_progress_rules():
    assert validate_progress("40%", "", "note")[0].progress == 40
    assert validate_progress("", "First demo", "")[0].progress is None
    assert "percent" in validate_progress("", "", "only a note")[1]
    assert "percent" in validate_progress("101", "", "")[1]
    assert "note" in validate_progress("5", "", "n" * 3001)[1]
    # Goal nudges log progress through this too: percentages parse strictly.
    assert [validate_progress(t, "", "")[0].progress for t in ("0", " 60 ", "100%")] == [0, 60, 100]
    for bad in ("-5", "abc", "１２", "1e2"):
        assert "percent" in validate_progress(bad, "", "")[1]


def test_progress_bar():
    assert progress_bar(0) == "░░░░░░░░░░ 0%"
    assert progress_bar(40) == "▓▓▓▓░░░░░░ 40%"
    assert progress_bar(100) == "▓▓▓▓▓▓▓▓▓▓ 100%"
    assert progress_bar(250) == "▓▓▓▓▓▓▓▓▓▓ 100%"


def test_merge_topics_keeps_order_and_drops_duplicates():
    assert merge_topics(("Python",), "PYTHON, Go;go") == ["Python", "Go"]


def test_slack_users_map_to_people_and_bots_are_skipped():
    assert entry_from_slack({"id": "USLACKBOT", "is_bot": False}) is None
    assert entry_from_slack({"id": "U1", "is_bot": True}) is None
    e = entry_from_slack({"id": "U2", "deleted": True, "name": "x", "profile": {"real_name": "Zoë", "title": "T"}})
    assert (e.name, e.title, e.tz, e.deleted) == ("Zoë", "T", "", True)


def test_pacer_waits_only_what_is_left_of_the_interval():
    now, waits = [0.0], []
    pacer = Pacer(3.0, sleep=lambda s: (waits.append(s), now.__setitem__(0, now[0] + s)), monotonic=lambda: now[0])
    pacer.wait()
    now[0] += 1.0
    pacer.wait()
    now[0] += 5.0
    pacer.wait()
    assert waits == [2.0]


def test_home_fits_in_100_blocks_whatever_the_data():
    now = datetime(2026, 12, 1, tzinfo=UTC)
    goals = [Goal(id=i, owner_id="U1", title=f"<b>{i}</b>" * 40, target="t" * 500, target_date=TODAY, progress=i)
             for i in range(200)]
    entries = {i: GoalUpdate(id=i, goal_id=i, author_id="U1", note="n" * 3000, created_at=now) for i in range(200)}
    pairs = [Pair(Mentorship(id=i, mentor_id="U1", mentee_id=f"U{i + 10}", status="active"), f"U{i + 10}",
                  now + timedelta(days=1)) for i in range(150)]
    intros = [IntroRequest(id=i, mentee_id=f"U{i + 10}", mentor_id="U1", created_at=now) for i in range(150)]
    data = HomeData(user_id="U1", person=None, profile=Profile(person_id="U1", role="both", capacity=3),
                    goals=goals, last_entries=entries, mentors=pairs, mentees=pairs, intros_in=intros,
                    intros_out=intros)
    view = home_view(data, completeness(data.profile))
    assert len(view["blocks"]) < 100 and check_view(view) == []
    assert "&lt;b&gt;" in str(view) and "<b>" not in str(view)

    for modal in (goals_list_modal(goals, entries), pairs_modal(data, "mentees"), progress_modal(None, goals),
                  profile_modal(Profile(person_id="U1", values=["zest"], expertise=["Python", "Knitting"]), "UTC")):
        assert check_view(modal) == [], modal["title"]
    assert "more goals not shown" in str(goals_list_modal(goals, entries))
