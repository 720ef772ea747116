"""Practice examples and the taxonomies and places they are filed under."""

from .figures import MunicipalityFigures
from .pages import (
    PracticeAttachment,
    PracticeIndexPage,
    PracticeInvolvedMunicipality,
    PracticeLearningForm,
    PracticePage,
    PracticeProfessionalGroup,
    PracticeTag,
    PracticeTheme,
    RelatedPractice,
)
from .places import Municipality, MunicipalitySuccession, Province
from .taxonomy import LearningForm, ProfessionalGroup, Theme

__all__ = [
    "LearningForm",
    "Municipality",
    "MunicipalityFigures",
    "MunicipalitySuccession",
    "PracticeAttachment",
    "PracticeIndexPage",
    "PracticeInvolvedMunicipality",
    "PracticeLearningForm",
    "PracticePage",
    "PracticeProfessionalGroup",
    "PracticeTag",
    "PracticeTheme",
    "ProfessionalGroup",
    "Province",
    "RelatedPractice",
    "Theme",
]
