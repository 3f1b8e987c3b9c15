from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequirementsConfig(AppConfig):
    name = "kvalitet.requirements"
    verbose_name = _("Requirements")

    def ready(self) -> None:
        from kvalitet.core.navigation import Area, register_area, register_waiting
        from kvalitet.requirements import access_rules  # noqa: F401
        from kvalitet.requirements.waiting import assessments_to_fill_in

        register_area(
            Area(
                "requirements",
                _("Requirements"),
                "requirements:list",
                _("Requirement sets and each unit's self-assessment."),
                order=45,
            )
        )
        register_waiting(assessments_to_fill_in)
