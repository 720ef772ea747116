"""Colleague-trainers and experts, knowledge questions and their answers, in-company requests."""

from .profiles import (
    ColleagueIndexPage,
    ColleagueLearningForm,
    ColleaguePage,
    ColleaguePractice,
    ColleagueProfessionalGroup,
    ColleagueTheme,
)
from .questions import (
    IntakeSearch,
    KnowledgeQuestion,
    QuestionAnswerLink,
    QuestionAnswerPage,
    QuestionForward,
    QuestionIntakePage,
)
from .requests import InCompanyRequest

__all__ = [
    "ColleagueIndexPage",
    "ColleagueLearningForm",
    "ColleaguePage",
    "ColleaguePractice",
    "ColleagueProfessionalGroup",
    "ColleagueTheme",
    "InCompanyRequest",
    "IntakeSearch",
    "KnowledgeQuestion",
    "QuestionAnswerLink",
    "QuestionAnswerPage",
    "QuestionForward",
    "QuestionIntakePage",
]
