from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "kvalitet.organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from kvalitet import access
        from kvalitet.core.navigation import Area, register_area, register_waiting
        from kvalitet.organisations import access_rules  # noqa: F401
        from kvalitet.organisations.waiting import open_invitations

        register_area(Area("start", _("Start"), "organisations:start", order=0))
        register_area(
            Area(
                "units",
                _("Units"),
                "organisations:units",
                _("The organisation's departments, divisions and teams."),
                order=90,
            )
        )
        register_area(
            Area(
                "people",
                _("People"),
                "organisations:people",
                _("Who works where, and in which role."),
                order=91,
            )
        )
        register_area(
            Area(
                "settings",
                _("Administration"),
                "organisations:settings",
                _("Organisation settings, units, people and invitations."),
                roles=frozenset({access.COORDINATOR}),
                order=98,
            )
        )
        register_waiting(open_invitations)
