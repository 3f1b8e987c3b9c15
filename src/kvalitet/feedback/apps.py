from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "kvalitet.feedback"
    verbose_name = _("Feedback")

    def ready(self) -> None:
        from kvalitet.core.navigation import Area, register_area, register_waiting
        from kvalitet.feedback import access_rules  # noqa: F401
        from kvalitet.feedback.services_privacy import anonymise_expired
        from kvalitet.feedback.waiting import cases_waiting
        from kvalitet.portal.sections import PortalSection, register_section
        from kvalitet.reminders.jobs import register_daily_job

        register_area(
            Area(
                "feedback",
                _("Feedback"),
                "feedback:inbox",
                _("Citizens' complaints, suggestions and praise: the inbox, cases and statistics."),
                order=40,
            )
        )
        register_waiting(cases_waiting)
        register_section(
            PortalSection(
                "feedback",
                _("Complaints and suggestions"),
                _("Tell us what you think: a complaint, a suggestion, praise or a question."),
                "feedback_portal:form",
                order=20,
            )
        )
        register_daily_job("feedback-anonymise", anonymise_expired)
