"""SQLModel tables, one concept per module. Importing this package registers every table on SQLModel.metadata."""

from storage.models.checkin import CheckIn
from storage.models.event import ProcessedEvent
from storage.models.goal import Goal, GoalUpdate
from storage.models.insight import Escalation, ExitSurvey, PulseAnswer, SearchTopic
from storage.models.intro import IntroRequest
from storage.models.journey import ActionItem, AgendaItem, AgreementChange, Resource, SessionChange
from storage.models.mentorship import Mentorship
from storage.models.outbox import ScheduledMessage
from storage.models.person import Person
from storage.models.privacy import AppState, AuditEntry
from storage.models.profile import Profile
from storage.models.program import Program, ProgramAdmin, ProgramMember
from storage.models.round import MatchRound, RoundPair

__all__ = [
    "ActionItem",
    "AgendaItem",
    "AgreementChange",
    "AppState",
    "AuditEntry",
    "CheckIn",
    "Escalation",
    "ExitSurvey",
    "Goal",
    "GoalUpdate",
    "IntroRequest",
    "MatchRound",
    "Mentorship",
    "Person",
    "ProcessedEvent",
    "Profile",
    "Program",
    "ProgramAdmin",
    "ProgramMember",
    "PulseAnswer",
    "RoundPair",
    "Resource",
    "ScheduledMessage",
    "SearchTopic",
    "SessionChange",
]
