"""/findmentor end to end: signed HTTP into the real Bolt app, answers through the local Slack."""

import json
import time
import urllib.request

from sqlmodel import Session, func, select

from bot.devkit.demo.scenario import DEMO_CHANNEL
from storage.models import Person, ProcessedEvent, Profile


def ask(stack, user, text, command="/findmentor"):
    before = len(stack.slack.ephemerals_to(user))
    response = stack.driver.command(user, command, text, channel_id=DEMO_CHANNEL)
    assert response.status == 200
    assert stack.slack.wait_for(lambda: len(stack.slack.ephemerals_to(user)) > before, timeout=10)
    return stack.slack.ephemerals_to(user)[-1]


def all_text(message) -> str:
    return json.dumps(message.get("blocks", [])) + message.get("text", "")


def test_signed_findmentor_reaches_matching_mentors(demo_stack):
    answer = ask(demo_stack, "U0DEMOLENA", "python")
    text = all_text(answer)
    for name in ("Amara Okafor", "Hugo Martin", "Chen Wei"):
        assert name in text
    assert "Ben Carter" not in text  # leadership, not python
    assert "Emma Schulz" not in text  # capacity 0
    assert answer["via"] == "response_url" and answer["ephemeral_to"] == "U0DEMOLENA"
    assert "knows *Python*" in text and "slots left" in text


def test_ack_comes_before_the_answer(demo_stack):
    """Slack needs the HTTP answer within 3 s; the ranked list arrives afterwards via response_url."""
    response = demo_stack.driver.command("U0DEMOLENA", "/findmentor", "python", channel_id=DEMO_CHANNEL)
    assert response.status == 200 and response.body == ""


def test_no_words_and_no_match_say_what_to_try(demo_stack):
    assert "Tell me what you want to learn" in all_text(ask(demo_stack, "U0DEMOKEMI", ""))
    assert "No mentor with room right now lists" in all_text(ask(demo_stack, "U0DEMOKEMI", "underwater basket weaving"))


def test_mention_syntax_in_a_bio_is_escaped(demo_stack):
    answer = ask(demo_stack, "U0DEMOJONAS", "public speaking")
    text = all_text(answer)
    assert "&lt;!channel&gt;" in text and "<!channel>" not in text


def test_user_text_in_the_query_is_escaped(demo_stack):
    answer = ask(demo_stack, "U0DEMOJONAS", "python <!here> <http://evil.example|click>")
    text = all_text(answer)
    assert "<!here>" not in text and "<http://evil" not in text and "&lt;!here&gt;" in text


def test_unknown_mentor_subcommand_gets_help(demo_stack):
    answer = ask(demo_stack, "U0DEMOJONAS", "dance", command="/mentor")
    assert "I don't know `/mentor dance`" in all_text(answer) and "/findmentor" in all_text(answer)


def _people_count(engine) -> int:
    with Session(engine) as s:
        return s.exec(select(func.count()).select_from(Person)).one()


def test_forged_signature_is_401_and_changes_nothing(demo_stack):
    before = _people_count(demo_stack.engine)
    demo_stack.driver.forge = True
    event = {"type": "team_join", "user": {"id": "U0FORGED", "name": "mallory", "tz": "UTC"}}
    assert demo_stack.driver.event(event, event_id="EvFORGED1").status == 401
    assert demo_stack.driver.command("U0DEMOLENA", "/findmentor", "python").status == 401
    demo_stack.driver.forge = False
    assert _people_count(demo_stack.engine) == before
    with Session(demo_stack.engine) as s:
        assert s.get(ProcessedEvent, "EvFORGED1") is None
    time.sleep(0.3)
    assert demo_stack.slack.ephemerals_to("U0DEMOLENA") == []


def test_stale_timestamp_is_401(demo_stack):
    demo_stack.driver.age_seconds = 6 * 60
    assert demo_stack.driver.command("U0DEMOLENA", "/findmentor", "python").status == 401
    demo_stack.driver.age_seconds = 0
    assert demo_stack.driver.command("U0DEMOLENA", "/findmentor", "python").status == 200


def test_a_deactivated_mentor_drops_out(demo_stack):
    with Session(demo_stack.engine) as s:
        s.get(Person, "U0DEMOHUGO").active = False
        s.commit()
    assert "Hugo Martin" not in all_text(ask(demo_stack, "U0DEMOLENA", "python"))


def test_retried_event_is_applied_once(demo_stack):
    event = {"type": "app_uninstalled"}
    assert demo_stack.driver.event(event, event_id="EvRETRY1").status == 200
    assert demo_stack.driver.event(event, event_id="EvRETRY1", retry_num=1, retry_reason="http_timeout").status == 200
    with Session(demo_stack.engine) as s:
        assert s.exec(select(func.count()).select_from(ProcessedEvent)).one() == 1


def test_healthz(demo_stack):
    with urllib.request.urlopen(demo_stack.base_url + "/healthz", timeout=5) as r:
        assert r.status == 200 and r.read() == b"ok\n"


def test_profiles_were_seeded(demo_stack):
    with Session(demo_stack.engine) as s:
        assert s.exec(select(func.count()).select_from(Profile)).one() == 12
