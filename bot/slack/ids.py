"""Every action_id and callback_id the bot puts on a button or a modal, named once. Blocks set them, handlers listen
for them; a typo in either is then an AttributeError at import time, not a silent dead button.
(Input blocks inside a modal use action_id "value" throughout: bot/slack/blocks/forms.py.)"""

# /findmentor results
FINDMENTOR_MORE = "findmentor_more"
PROFILE_VIEW = "profile_view"
INTRO_OPEN = "intro_open"
FINDMENTOR_REFINE, FINDMENTOR_REFINE_CALLBACK = "findmentor_refine_open", "findmentor_refine"
# Intro requests: the mentor's answer, and the two modals
INTRO_ACCEPT = "intro_accept"
INTRO_DECLINE = "intro_decline"
INTRO_NOT_NOW = "intro_not_now"
INTRO_SUBMIT = "intro_submit"
INTRO_DECLINE_SUBMIT = "intro_decline_submit"
# The agreement
AGREEMENT_OPEN = "agreement_open"
AGREEMENT_SUBMIT = "agreement_submit"
# Check-ins
CHECKIN_MET, CHECKIN_NOT_MET, CHECKIN_RESCHEDULE, CHECKIN_NOTES = (
    "checkin_met", "checkin_not_met", "checkin_reschedule", "checkin_notes")
CHECKIN_NOTES_CALLBACK = "checkin_notes"
ACTION_ITEM_ADD = "action_item_add"
# Ending well
EXTEND, WRAP_UP = "mentorship_extend", "mentorship_wrap_up"
WRAP_UP_CALLBACK = "mentorship_wrap_up"
EXIT_SURVEY_OPEN, EXIT_SURVEY_CALLBACK = "exit_survey_open", "exit_survey_submit"
# Goals
GOAL_CALLBACK = "goal_save"
PROGRESS_CALLBACK = "progress_save"
GOALS_LIST_CALLBACK = "goals_list"
LOG_PROGRESS = "goal_log_progress"
EDIT_GOAL = "goal_edit"
ADD_GOAL = "goal_add"
SELF_ASSESSMENT = "goal_self_assessment"
# Profile
PROFILE_CALLBACK = "profile_save"
SELF_ASSESSMENT_CALLBACK = "self_assessment_save"
# The admin report: a program picked from the overview of an admin's programs (also on their Home), a cohort picked
# on a program's report
REPORT_PICK_PROGRAM = "report_pick_program"
REPORT_COHORT = "report_cohort"
# App Home
FIND_MENTOR = "home_find_mentor"
EDIT_PROFILE = "home_edit_profile"
UPDATE_GOALS = "home_update_goals"
LOG_ANY = "home_log_progress"
SEE_MENTORS = "home_see_all_mentors"
SEE_MENTEES = "home_see_all_mentees"
SEE_INTROS = "home_see_all_intros"
PAIR_JOURNAL = "home_pair_journal"  # value: the mentorship id (checked again against the clicker)
FIND_MENTOR_CALLBACK = "find_mentor_home"
PAIR_JOURNAL_CALLBACK = "pair_journal"
# Programs (admin panel, Join message, members)
PROGRAM_CALLBACK = "program_submit"
PROGRAM_CREATE, PROGRAM_EDIT = "program_create", "program_edit"
PROGRAM_POST_JOIN, PROGRAM_ENROL, PROGRAM_ROUND = "program_post_join", "program_enrol_channel", "program_run_round"
PROGRAM_PAUSE, PROGRAM_RESUME, PROGRAM_ARCHIVE = "program_pause", "program_resume", "program_archive"
PROGRAM_JOIN, PROGRAM_LEAVE = "program_join", "program_leave"
PROGRAM_MEMBER_PAUSE, PROGRAM_MEMBER_RESUME = "program_member_pause", "program_member_resume"
# Matching rounds
ROUND_APPROVE, ROUND_DISCARD, ROUND_REMOVE_PAIR = "round_approve", "round_discard", "round_remove_pair"
ROUND_ACCEPT, ROUND_DECLINE = "round_accept", "round_decline"
# Your data
ERASE_CALLBACK, PURGE_CALLBACK = "privacy_erase", "privacy_purge"
ROUND_SWAP_OPEN, ROUND_SWAP_CALLBACK = "round_swap_open", "round_swap_submit"
