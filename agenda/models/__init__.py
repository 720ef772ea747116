from agenda.models.pages import (  # noqa: F401
    ActivityLearningForm,
    ActivityOutcome,
    ActivityPage,
    ActivityPractice,
    ActivityProfessionalGroup,
    ActivityPublication,
    ActivitySession,
    ActivityTheme,
    ActivityTrainer,
    AgendaIndexPage,
)
from agenda.models.registrations import ActivityLedger, Registration  # noqa: F401
