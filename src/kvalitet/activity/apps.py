from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivityConfig(AppConfig):
    name = "kvalitet.activity"
    verbose_name = _("Activity log")

    def ready(self) -> None:
        from kvalitet import access
        from kvalitet.activity import access_rules, receivers  # noqa: F401
        from kvalitet.core.navigation import Area, register_area

        register_area(
            Area(
                "activity",
                _("Activity log"),
                "activity:list",
                _("Who changed what, and when."),
                roles=frozenset({access.COORDINATOR, access.AUDITOR}),
                order=99,
            )
        )
