"""Reads for organisation pages and the API; each takes the person's scope."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.organisations.models import Invitation, Membership, Unit


def _active_memberships_q(prefix: str = "") -> Q:
    today = timezone.localdate()
    return (
        Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": today})
    ) & (Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": today}))


def unit_tree(scope: access.Scope, *, include_closed: bool = False) -> QuerySet[Unit]:
    """Visible units in tree order (by path), each with its count of active members."""
    units = scope.visible(Unit.objects.all())
    if not include_closed:
        units = units.filter(is_active=True)
    return units.annotate(
        member_count=Count(
            "memberships__person",
            filter=_active_memberships_q("memberships__"),
            distinct=True,
        )
    ).order_by("path")


def unit_detail(scope: access.Scope, unit_id: int) -> Unit:
    return scope.get_or_404(Unit.objects.select_related("parent"), pk=unit_id)


def unit_memberships(scope: access.Scope, unit: Unit) -> QuerySet[Membership]:
    return (
        scope.visible(Membership.objects.filter(unit=unit))
        .filter(_active_memberships_q())
        .select_related("person")
        .order_by("role", "person__full_name")
    )


def people(
    scope: access.Scope, *, search: str = "", role: str = "", unit: Unit | None = None
) -> QuerySet[Person]:
    """Visible people with their active memberships in this organisation (two queries)."""
    memberships = (
        Membership.objects.filter(organisation=scope.organisation)
        .filter(_active_memberships_q())
        .select_related("unit")
        .order_by("unit__path")
    )
    persons = scope.visible(Person.objects.filter(is_active=True))
    if search:
        persons = persons.filter(Q(full_name__icontains=search) | Q(email__icontains=search))
    if role or unit:
        wanted = memberships
        if role:
            wanted = wanted.filter(role=role)
        if unit:
            wanted = wanted.filter(unit__path__startswith=unit.path)
        persons = persons.filter(pk__in=wanted.values("person_id"))
    return persons.prefetch_related(
        Prefetch("memberships", queryset=memberships, to_attr="active_memberships")
    ).order_by("full_name", "email")


def people_to_choose(scope: access.Scope, *, former: bool = False) -> QuerySet[Person]:
    """The people a form may name: today's members, or with `former` anyone ever a member."""
    persons = scope.visible(Person.objects.all())
    if not former:
        active = Membership.objects.active().filter(
            organisation=scope.organisation, person=OuterRef("pk")
        )
        persons = persons.filter(Exists(active))
    return persons


def people_matching(
    scope: access.Scope, query: str, *, former: bool = False, limit: int = 20
) -> list[Person]:
    """Up to `limit` people to choose whose name or e-mail address holds every word of `query`."""
    persons = people_to_choose(scope, former=former)
    for word in query.split()[:5]:
        persons = persons.filter(Q(full_name__icontains=word) | Q(email__icontains=word))
    return list(persons.only("email", "full_name").order_by("full_name", "email")[:limit])


def person_detail(scope: access.Scope, person_id: int) -> Person:
    return scope.get_or_404(Person.objects.all(), pk=person_id)


def person_memberships(scope: access.Scope, person: Person) -> QuerySet[Membership]:
    """All memberships of `person` in this organisation, ended ones too (newest first)."""
    return (
        scope.visible(Membership.objects.filter(person=person))
        .select_related("unit")
        .order_by("-valid_until", "unit__path")
    )


def open_invitations(scope: access.Scope) -> QuerySet[Invitation]:
    return (
        scope.visible(Invitation.objects.filter(accepted_at__isnull=True))
        .filter(expires_at__gt=timezone.now())
        .select_related("unit", "invited_by")
    )
