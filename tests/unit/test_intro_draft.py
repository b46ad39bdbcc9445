"""The intro draft follows the guide's template: the mentor's project, the mentee's aim and specific areas, the
guide's closing; with no goals it asks for one line (and the request cannot go until it is written)."""

from bot.domain.intro import ONE_LINE, DraftInput, draft_message, message_error


def test_the_draft_follows_the_guides_template():
    draft = draft_message(DraftInput(
        mentor_name="Amara Okafor", mentee_name="Lena Novak", mentee_role="Junior Engineer", topics=("Python",),
        goals=("Ship a production Python service.", "Review code with confidence"),
        mentor_project="moving payments to event sourcing.", mentee_aim="Backend engineer within two years"))
    for part in ("Hi Amara,", "I'm Lena Novak, Junior Engineer.", "your work in Python",
                 "particularly your work on moving payments to event sourcing.",
                 "where I want to go: Backend engineer within two years.",
                 "particularly interested in Ship a production Python service; Review code with confidence,",
                 "short chat, whenever suits you", "I look forward to the possibility of learning from you."):
        assert part in draft, part
    assert message_error(draft) is None


def test_without_a_project_it_names_the_matched_experience():
    draft = draft_message(DraftInput(mentor_name="Chen Wei", mentee_name="Inês", topics=("Machine learning",),
                                     goals=("Move into ML",)))
    assert "Your experience with Machine learning is what made me think of you." in draft
    assert "particularly your work on" not in draft and "to advance my career" in draft


def test_without_goals_it_asks_for_one_line_not_the_search_words():
    draft = draft_message(DraftInput(mentor_name="Amara Okafor", mentee_name="Lena Novak", topics=("Python",)))
    assert ONE_LINE in draft
    assert "angle brackets" in message_error(draft)
    assert message_error(draft.replace(ONE_LINE, "designing backend services")) is None
