from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kvalitet.accounts"
    verbose_name = _("People and sign-in")

    def ready(self) -> None:
        from django.contrib.auth.models import update_last_login
        from django.contrib.auth.signals import user_logged_in

        from kvalitet.accounts.receivers import record_last_login

        # Django's receiver saves the person, which would add a history row on every sign-in.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(record_last_login, dispatch_uid="kvalitet_record_last_login")
