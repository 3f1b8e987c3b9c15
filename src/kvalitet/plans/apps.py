from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "kvalitet.plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        from kvalitet.core.navigation import Area, register_area, register_waiting
        from kvalitet.plans import access_rules  # noqa: F401
        from kvalitet.plans.waiting import late_rounds, reports_to_give

        register_area(
            Area(
                "plans",
                _("Plans"),
                "plans:list",
                _("Action plans, their actions and the yearly follow-up."),
                order=40,
            )
        )
        register_waiting(reports_to_give)
        register_waiting(late_rounds)
