"""Staff pages for the coordinator: creating a handbook and editing one (name, description, owner,
units in scope)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kvalitet.core.decorators import member_required
from kvalitet.core.forms import submit
from kvalitet.documents import selectors, services
from kvalitet.documents.forms import HandbookForm
from kvalitet.documents.models import Handbook


@member_required
def handbook_create(request, org_slug):
    scope = request.scope
    scope.require(scope.can_create_in(Handbook, None))
    form = HandbookForm(
        request.POST or None,
        people=selectors.handbook_owners(scope),
        units=selectors.handbook_units(scope),
        initial={"owner": request.user.pk},
    )
    outcome = submit(
        request,
        form,
        lambda data: services.handbook_create(scope=scope, by=request.user, **data),
    )
    if outcome.done:
        messages.success(
            request, _("The handbook %(name)s was created.") % {"name": outcome.result.name}
        )
        return redirect("documents:handbook", org_slug=org_slug)
    return render(
        request,
        "documents/handbook_form.html",
        {"form": form, "handbook": None},
        status=outcome.status,
    )


@member_required
def handbook_edit(request, org_slug, handbook_id):
    scope = request.scope
    handbook = scope.get_changeable_or_404(Handbook, pk=handbook_id)
    form = HandbookForm(
        request.POST or None,
        people=selectors.handbook_owners(scope, keep=handbook.owner_id),
        units=selectors.handbook_units(scope, handbook=handbook),
        initial={
            "name": handbook.name,
            "description": handbook.description,
            "owner": handbook.owner_id,
            "units": list(handbook.units.values_list("pk", flat=True)),
        },
    )
    outcome = submit(
        request,
        form,
        lambda data: services.handbook_update(
            scope=scope, by=request.user, handbook=handbook, **data
        ),
    )
    if outcome.done:
        messages.success(
            request, _("The handbook %(name)s was saved.") % {"name": outcome.result.name}
        )
        return redirect("documents:handbook", org_slug=org_slug)
    return render(
        request,
        "documents/handbook_form.html",
        {"form": form, "handbook": handbook},
        status=outcome.status,
    )
