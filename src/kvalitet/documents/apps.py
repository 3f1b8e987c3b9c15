from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "kvalitet.documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from kvalitet.documents import access_rules  # noqa: F401
