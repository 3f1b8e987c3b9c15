"""Writes for organisations, units, memberships and invitations: one transaction each."""

import datetime
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitet import access
from kvalitet.accounts.models import Person, hash_token
from kvalitet.core.errors import Conflict, Invalid
from kvalitet.core.mail import send_templated
from kvalitet.history import attribute
from kvalitet.organisations.models import (
    Invitation,
    Membership,
    Organisation,
    Role,
    Unit,
    UnitKind,
)
from kvalitet.portal.cache import portal_changed

INVITATION_DAYS = 14


def _segment(unit: Unit) -> str:
    return f"{unit.pk:06d}/"


@transaction.atomic
def organisation_create(
    *,
    name: str,
    slug: str,
    country: str,
    language: str,
    time_zone: str,
    root_code: str,
    by: Person | None,
) -> Organisation:
    """Create an organisation and the root unit of its tree."""
    if Organisation.objects.filter(slug=slug).exists():
        raise Conflict(_("An organisation with this address already exists."))
    organisation = attribute(
        Organisation(name=name, slug=slug, country=country, language=language, time_zone=time_zone),
        by=by,
    )
    organisation.save()
    root = attribute(
        Unit(
            organisation=organisation,
            name=name,
            code=root_code,
            kind=UnitKind.ORGANISATION,
            path="",
        ),
        by=by,
    )
    root.save()
    root.path = _segment(root)
    root.save(update_fields=["path"])
    return organisation


@transaction.atomic
def organisation_update(*, scope: access.Scope, by: Person, **fields) -> Organisation:
    scope.require(scope.is_coordinator)
    organisation = Organisation.objects.select_for_update().get(pk=scope.organisation.pk)
    for name, value in fields.items():
        setattr(organisation, name, value)
    attribute(organisation, by=by).save(update_fields=list(fields))
    portal_changed(organisation_id=organisation.pk)
    return organisation


def _check_unique_code(organisation: Organisation, code: str, exclude_pk: int | None) -> None:
    clash = Unit.objects.filter(organisation=organisation, code__iexact=code)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise Conflict(_("Another unit already has the code %(code)s.") % {"code": code})


def unit_insert(
    *, organisation: Organisation, parent: Unit, name: str, code: str, kind: str, by: Person | None
) -> Unit:
    """Insert a unit below `parent` (no permission check: for callers that made it already)."""
    unit = attribute(
        Unit(organisation=organisation, parent=parent, name=name, code=code, kind=kind, path=""),
        by=by,
    )
    try:
        with transaction.atomic():
            unit.save()
    except IntegrityError:
        # Two people chose the same code at the same moment; the constraint decided.
        raise Conflict(_("Another unit already has the code %(code)s.") % {"code": code}) from None
    unit.path = parent.path + _segment(unit)
    unit.save(update_fields=["path"])
    return unit


@transaction.atomic
def unit_create(
    *, scope: access.Scope, parent: Unit, name: str, code: str, kind: str, by: Person
) -> Unit:
    scope.require(scope.can_change(parent))
    if kind == UnitKind.ORGANISATION:
        raise Invalid(_("Only the top unit can stand for the whole organisation."))
    _check_unique_code(scope.organisation, code, None)
    return unit_insert(
        organisation=scope.organisation, parent=parent, name=name, code=code, kind=kind, by=by
    )


@transaction.atomic
def unit_update(
    *,
    scope: access.Scope,
    unit: Unit,
    by: Person,
    name: str,
    code: str,
    kind: str,
    parent: Unit | None,
    is_active: bool,
) -> Unit:
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    scope.require(scope.can_change(unit))
    _check_unique_code(scope.organisation, code, unit.pk)
    if unit.parent_id is None and parent is not None:
        raise Invalid(_("The unit for the whole organisation cannot be moved."))
    if parent is not None and parent.path.startswith(unit.path):
        raise Invalid(_("A unit cannot be placed under itself or one of its own units."))
    if unit.parent_id is not None and kind == UnitKind.ORGANISATION:
        raise Invalid(_("Only the top unit can stand for the whole organisation."))
    if not is_active and unit.parent_id is None:
        raise Invalid(_("The unit for the whole organisation cannot be closed."))
    old_path, old_name = unit.path, unit.name
    unit.name, unit.code, unit.kind, unit.is_active = name, code, kind, is_active
    fields = ["name", "code", "kind", "is_active"]
    if parent is not None and parent.pk != unit.parent_id:
        unit.parent = parent
        unit.path = parent.path + _segment(unit)
        fields += ["parent", "path"]
    try:
        with transaction.atomic():
            attribute(unit, by=by).save(update_fields=fields)
    except IntegrityError:
        raise Conflict(_("Another unit already has the code %(code)s.") % {"code": code}) from None
    if unit.path != old_path:
        # The path is derived from the tree, so moving a unit rewrites it below in one statement.
        Unit.objects.filter(organisation=unit.organisation_id, path__startswith=old_path).exclude(
            pk=unit.pk
        ).update(path=Concat(Value(unit.path), Substr("path", len(old_path) + 1)))
    if unit.name != old_name:  # the portal names the unit that owns a public document
        portal_changed(organisation_id=unit.organisation_id)
    return unit


def _check_period(valid_from: datetime.date | None, valid_until: datetime.date | None) -> None:
    if valid_from and valid_until and valid_until < valid_from:
        raise Invalid(_("The end of the period must not be before its start."))


@transaction.atomic
def membership_create(
    *,
    scope: access.Scope,
    person: Person,
    unit: Unit,
    role: str,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    by: Person,
) -> Membership:
    scope.require(scope.can_create_in(Membership, unit.path))
    if unit.organisation_id != scope.organisation.pk:
        raise Invalid(_("The unit belongs to another organisation."))
    if role not in Role.values:
        raise Invalid(_("Unknown role."))
    _check_period(valid_from, valid_until)
    if role == Role.AUDITOR and valid_until is None:
        raise Invalid(_("An auditor's access needs an end date."))
    existing = Membership.objects.select_for_update().filter(person=person, unit=unit, role=role)
    membership = existing.first()
    if membership is not None:
        ended = membership.valid_until is not None and membership.valid_until < timezone.localdate()
        if not ended:
            raise Conflict(_("%(person)s already has this role in this unit.") % {"person": person})
        membership.valid_from, membership.valid_until = valid_from, valid_until
        attribute(membership, by=by, reason="reopened").save(
            update_fields=["valid_from", "valid_until"]
        )
        return membership
    membership = attribute(
        Membership(
            organisation=scope.organisation,
            person=person,
            unit=unit,
            role=role,
            valid_from=valid_from,
            valid_until=valid_until,
        ),
        by=by,
    )
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:
        raise Conflict(
            _("%(person)s already has this role in this unit.") % {"person": person}
        ) from None
    return membership


@transaction.atomic
def membership_end(*, scope: access.Scope, membership: Membership, by: Person) -> Membership:
    """End a membership today. It is kept (not deleted) so the history shows who had which role."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    scope.require(scope.can_change(membership))
    today = timezone.localdate()
    if not membership.is_active_on(today):
        raise Conflict(_("This membership has already ended."))
    if membership.role == Role.COORDINATOR and membership.person_id == by.pk:
        others = (
            Membership.objects.active()
            .filter(organisation=scope.organisation, role=Role.COORDINATOR)
            .exclude(pk=membership.pk)
        )
        if not others.exists():
            raise Conflict(_("You are the only coordinator; appoint another before you leave."))
    membership.valid_until = today - timedelta(days=1)
    if membership.valid_from and membership.valid_from > membership.valid_until:
        membership.valid_from = membership.valid_until
    attribute(membership, by=by, reason="ended").save(update_fields=["valid_from", "valid_until"])
    return membership


@transaction.atomic
def invitation_send(
    *,
    scope: access.Scope,
    email: str,
    full_name: str,
    unit: Unit,
    role: str,
    valid_until: datetime.date | None,
    by: Person,
) -> Invitation:
    scope.require(scope.can_create_in(Invitation, unit.path))
    if unit.organisation_id != scope.organisation.pk:
        raise Invalid(_("The unit belongs to another organisation."))
    if role == Role.AUDITOR and valid_until is None:
        raise Invalid(_("An auditor's access needs an end date."))
    email = email.strip().lower()
    already = Membership.objects.active().filter(
        organisation=scope.organisation, person__email__iexact=email, unit=unit, role=role
    )
    if already.exists():
        raise Conflict(_("This person already has this role in this unit."))
    secret = secrets.token_urlsafe(32)
    invitation = attribute(
        Invitation(
            organisation=scope.organisation,
            email=email,
            full_name=full_name,
            unit=unit,
            role=role,
            valid_until=valid_until,
            token_hash=hash_token(secret),
            invited_by=by,
            expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        ),
        by=by,
    )
    invitation.save()
    send_templated(
        to=email,
        template="organisations/email/invitation",
        context={
            "invitation": invitation,
            "organisation": scope.organisation,
            "role": invitation.get_role_display,
            "link": settings.SITE_URL + reverse("invitation_accept", args=[secret]),
            "days": INVITATION_DAYS,
        },
        language=scope.organisation.language,
        reply_to=by.email,
    )
    return invitation


def invitation_by_token(secret: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("organisation", "unit")
        .filter(token_hash=hash_token(secret))
        .first()
    )


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, person: Person | None, full_name: str = "", password: str = ""
) -> Person:
    """Accept an invitation: the signed-in person, or a new person with the invited e-mail."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open():
        raise Conflict(_("This invitation has expired or has been used."))
    if person is not None and person.email.lower() != invitation.email.lower():
        raise Conflict(
            _("This invitation is for %(email)s; sign out and open the link again.")
            % {"email": invitation.email}
        )
    if person is None:
        if Person.objects.filter(email__iexact=invitation.email).exists():
            raise Conflict(_("A person with this e-mail exists; sign in first, then accept."))
        person = Person.objects.create_user(
            email=invitation.email, password=password, full_name=full_name or invitation.full_name
        )
    membership = Membership.objects.filter(
        person=person, unit=invitation.unit, role=invitation.role
    ).first()
    if membership is None:
        membership = Membership(
            organisation=invitation.organisation,
            person=person,
            unit=invitation.unit,
            role=invitation.role,
        )
    membership.valid_from = None
    membership.valid_until = invitation.valid_until
    attribute(membership, by=invitation.invited_by, reason="invitation accepted").save()
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = person
    attribute(invitation, by=person).save(update_fields=["accepted_at", "accepted_by"])
    return person
