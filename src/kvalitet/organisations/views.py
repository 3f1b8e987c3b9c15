"""Staff pages of the organisation: start page, unit tree, people, settings, invitations."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalitet import access
from kvalitet.core.decorators import member_required, roles_required
from kvalitet.core.errors import DomainError
from kvalitet.core.forms import query_without_page, submit
from kvalitet.core.navigation import areas_for, waiting_for
from kvalitet.organisations import selectors, services
from kvalitet.organisations.forms import (
    AcceptInvitationForm,
    InvitationForm,
    MembershipForm,
    OrganisationSettingsForm,
    PeopleFilterForm,
    UnitForm,
)
from kvalitet.organisations.models import Membership, Unit

PAGE_SIZE = 50


@member_required
def start(request, org_slug):
    scope = request.scope
    mine = (
        Membership.objects.active()
        .filter(organisation=scope.organisation, person=request.user)
        .select_related("unit")
    )
    return render(
        request,
        "organisations/start.html",
        {
            "areas": [a for a in areas_for(scope) if a.key != "start"],
            "waiting": waiting_for(scope),
            "my_memberships": mine,
        },
    )


@member_required
def unit_list(request, org_slug):
    scope = request.scope
    include_closed = request.GET.get("closed") == "1"
    units = selectors.unit_tree(scope, include_closed=include_closed)
    context = {
        "units": units,
        "include_closed": include_closed,
        "can_create": scope.is_coordinator,
    }
    template = "organisations/unit_list.html"
    if request.htmx:
        template += "#tree"
    return render(request, template, context)


@member_required
def unit_detail(request, org_slug, unit_id):
    scope = request.scope
    unit = selectors.unit_detail(scope, unit_id)
    return render(
        request,
        "organisations/unit_detail.html",
        {
            "unit": unit,
            "children": scope.visible(unit.children.all()).order_by("path"),
            "memberships": selectors.unit_memberships(scope, unit),
            "can_change": scope.can_change(unit),
        },
    )


def _unit_form_units(scope):
    return scope.visible(Unit.objects.filter(is_active=True)).order_by("path")


@member_required
def unit_create(request, org_slug):
    scope = request.scope
    scope.require(scope.is_coordinator)
    form = UnitForm(request.POST or None, units=_unit_form_units(scope))
    outcome = submit(
        request,
        form,
        lambda data: services.unit_create(
            scope=scope,
            parent=data["parent"],
            name=data["name"],
            code=data["code"],
            kind=data["kind"],
            by=request.user,
        ),
    )
    if outcome.done:
        messages.success(request, _("The unit was created."))
        return redirect("organisations:unit", org_slug=org_slug, unit_id=outcome.result.pk)
    return render(
        request, "organisations/unit_form.html", {"form": form, "unit": None}, status=outcome.status
    )


@member_required
def unit_edit(request, org_slug, unit_id):
    scope = request.scope
    unit = scope.get_changeable_or_404(Unit, pk=unit_id)
    is_root = unit.parent_id is None
    initial = {
        "name": unit.name,
        "code": unit.code,
        "kind": unit.kind,
        "parent": unit.parent_id,
        "is_active": unit.is_active,
    }
    form = UnitForm(
        request.POST or None,
        initial=initial,
        units=_unit_form_units(scope).exclude(path__startswith=unit.path),
        is_root=is_root,
    )
    outcome = submit(
        request,
        form,
        lambda data: services.unit_update(
            scope=scope,
            unit=unit,
            by=request.user,
            name=data["name"],
            code=data["code"],
            kind=data["kind"],
            parent=data.get("parent"),
            is_active=data.get("is_active", True),
        ),
    )
    if outcome.done:
        messages.success(request, _("The unit was saved."))
        return redirect("organisations:unit", org_slug=org_slug, unit_id=unit.pk)
    return render(
        request, "organisations/unit_form.html", {"form": form, "unit": unit}, status=outcome.status
    )


@member_required
def people_list(request, org_slug):
    scope = request.scope
    units = _unit_form_units(scope)
    filters = PeopleFilterForm(request.GET or None, units=units)
    data = filters.cleaned_data if filters.is_valid() else {}
    persons = selectors.people(
        scope, search=data.get("q", ""), role=data.get("role", ""), unit=data.get("unit")
    )
    page = Paginator(persons, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "organisations/people_list.html"
    if request.htmx:
        template += "#results"
    return render(
        request,
        template,
        {
            "filters": filters,
            "page": page,
            "can_invite": scope.is_coordinator,
            "query": query_without_page(request),
        },
        status=200 if filters.is_bound is False or filters.is_valid() else 400,
    )


@member_required
def person_detail(request, org_slug, person_id):
    scope = request.scope
    person = selectors.person_detail(scope, person_id)
    form = MembershipForm(units=_unit_form_units(scope)) if scope.is_coordinator else None
    return render(
        request,
        "organisations/person_detail.html",
        {
            "person": person,
            "memberships": selectors.person_memberships(scope, person),
            "form": form,
        },
    )


@member_required
@require_POST
def membership_add(request, org_slug, person_id):
    scope = request.scope
    person = selectors.person_detail(scope, person_id)
    scope.require(scope.is_coordinator)
    form = MembershipForm(request.POST, units=_unit_form_units(scope))
    outcome = submit(
        request,
        form,
        lambda data: services.membership_create(
            scope=scope, person=person, by=request.user, **data
        ),
    )
    if outcome.done:
        messages.success(request, _("The role was added."))
        return redirect("organisations:person", org_slug=org_slug, person_id=person.pk)
    return render(
        request,
        "organisations/person_detail.html",
        {
            "person": person,
            "memberships": selectors.person_memberships(scope, person),
            "form": form,
        },
        status=outcome.status,
    )


@member_required
@require_POST
def membership_end(request, org_slug, membership_id):
    scope = request.scope
    membership = scope.get_changeable_or_404(Membership, pk=membership_id)
    try:
        services.membership_end(scope=scope, membership=membership, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return render(
            request,
            "organisations/person_detail.html",
            {
                "person": membership.person,
                "memberships": selectors.person_memberships(scope, membership.person),
                "form": MembershipForm(units=_unit_form_units(scope)),
            },
            status=error.status,
        )
    messages.success(request, _("The role has ended."))
    return redirect("organisations:person", org_slug=org_slug, person_id=membership.person_id)


@roles_required(access.COORDINATOR)
def organisation_settings(request, org_slug):
    scope = request.scope
    organisation = scope.organisation
    fields = ["name", "language", "time_zone", "contact_email", "portal_introduction"]
    form = OrganisationSettingsForm(
        request.POST or None, initial={f: getattr(organisation, f) for f in fields}
    )
    outcome = submit(
        request,
        form,
        lambda data: services.organisation_update(scope=scope, by=request.user, **data),
    )
    if outcome.done:
        messages.success(request, _("The settings were saved."))
        return redirect("organisations:settings", org_slug=org_slug)
    return render(request, "organisations/settings.html", {"form": form}, status=outcome.status)


@roles_required(access.COORDINATOR)
def invitation_list(request, org_slug):
    scope = request.scope
    form = InvitationForm(request.POST or None, units=_unit_form_units(scope))
    outcome = submit(
        request,
        form,
        lambda data: services.invitation_send(
            scope=scope,
            email=data["email"],
            full_name=data["full_name"],
            unit=data["unit"],
            role=data["role"],
            valid_until=data.get("valid_until"),
            by=request.user,
        ),
    )
    if outcome.done:
        messages.success(
            request, _("The invitation was sent to %(email)s.") % {"email": outcome.result.email}
        )
        return redirect("organisations:invitations", org_slug=org_slug)
    return render(
        request,
        "organisations/invitations.html",
        {"form": form, "invitations": selectors.open_invitations(scope)},
        status=outcome.status,
    )


def invitation_accept(request, token):
    """Public: the link in an invitation e-mail. Unknown, used and expired links are 404."""
    invitation = services.invitation_by_token(token)
    if invitation is None or not invitation.is_open():
        return render(request, "organisations/invitation_invalid.html", status=404)
    signed_in = request.user if request.user.is_authenticated else None
    form = (
        None
        if signed_in
        else AcceptInvitationForm(
            request.POST or None,
            initial={"full_name": invitation.full_name},
            email=invitation.email,
        )
    )
    if request.method == "POST":
        if form is not None and not form.is_valid():
            return render(
                request,
                "organisations/invitation_accept.html",
                {"invitation": invitation, "form": form},
                status=400,
            )
        data = form.cleaned_data if form is not None else {}
        try:
            person = services.invitation_accept(invitation=invitation, person=signed_in, **data)
        except DomainError as error:
            messages.error(request, error.message)
            return render(
                request,
                "organisations/invitation_accept.html",
                {"invitation": invitation, "form": form},
                status=error.status,
            )
        if signed_in is None:
            login(request, person, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("Welcome to %(name)s.") % {"name": invitation.organisation.name}
        )
        return redirect("organisations:start", org_slug=invitation.organisation.slug)
    return render(
        request, "organisations/invitation_accept.html", {"invitation": invitation, "form": form}
    )
