"""All models of the app, one module per capability; this file only gathers them for Django."""

from intake.accounts.models import Client, Role, User
from intake.audit.models import AuditEvent
from intake.clients.models import SafetyFollowUp
from intake.handouts.models import Exercise, Handout, HandoutItem, HandoutTemplate, TemplateItem
from intake.invitations.models import Invitation
from intake.jobs.models import UrgentIntakeEmail
from intake.kiosk.models import ArrivalCode, Kiosk
from intake.notes.models import Addendum, SessionNote
from intake.outcomes.models import EpisodeOutcome
from intake.questions.models import ClinicAnswer, ClinicQuestion, ClinicQuestionVersion  # noqa: F401
from intake.referrals.models import Physician, Referral, ReferralDocument, ReferralTransition
from intake.submissions.models import FlagLevel, IntakeSubmission, SymptomMark

__all__ = [
    "Addendum",
    "ArrivalCode",
    "AuditEvent",
    "Client",
    "EpisodeOutcome",
    "Exercise",
    "FlagLevel",
    "Handout",
    "HandoutItem",
    "HandoutTemplate",
    "IntakeSubmission",
    "Invitation",
    "Kiosk",
    "Physician",
    "Referral",
    "ReferralDocument",
    "ReferralTransition",
    "Role",
    "SafetyFollowUp",
    "SessionNote",
    "SymptomMark",
    "TemplateItem",
    "UrgentIntakeEmail",
    "User",
]
