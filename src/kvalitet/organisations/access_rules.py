"""How the organisation's own records are scoped (see kvalitet.access)."""

from django.db.models import Exists, OuterRef

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.organisations.models import Invitation, Membership, Unit


def _people_of_organisation(queryset, organisation_id: int):
    memberships = Membership.objects.filter(person=OuterRef("pk"), organisation_id=organisation_id)
    return queryset.filter(Exists(memberships))


access.register(
    Unit,
    unit="",
    visibility=access.Visibility.ORGANISATION,
    change_roles={access.COORDINATOR},
    url_kwarg="unit_id",
)
access.register(
    Membership,
    unit="unit",
    visibility=access.Visibility.ORGANISATION,
    change_roles={access.COORDINATOR},
    url_kwarg="membership_id",
)
access.register(
    Person,
    visibility=access.Visibility.ORGANISATION,
    change_roles={access.COORDINATOR},
    url_kwarg="person_id",
    in_organisation=_people_of_organisation,
)
access.register(
    Invitation,
    unit="unit",
    view_roles={access.COORDINATOR},
    change_roles={access.COORDINATOR},
    url_kwarg="invitation_id",
)
