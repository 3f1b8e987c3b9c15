from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "kvalitet.documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from kvalitet.core.navigation import Area, register_area, register_waiting
        from kvalitet.documents import access_rules  # noqa: F401
        from kvalitet.documents.services_versions import publish_due
        from kvalitet.documents.waiting import handbook_waiting
        from kvalitet.portal.sections import PortalSection, register_section
        from kvalitet.reminders.jobs import register_daily_job

        register_area(
            Area(
                "handbook",
                _("Handbook"),
                "documents:handbook",
                _("Procedures on three levels: read, write, approve and search them."),
                order=10,
            )
        )
        register_waiting(handbook_waiting)
        register_section(
            PortalSection(
                "handbook",
                _("Quality handbook"),
                _("The procedures we follow in our case handling, approved and in force."),
                "documents_portal:handbook",
                order=10,
            )
        )
        register_daily_job("documents.publish_due", publish_due)
