"""Staff pages: one document, creating and editing documents, who must read, reviewing without
change, acknowledging, comparing two versions (the handbook's list is in views_lists)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalitet import access
from kvalitet.core.decorators import member_required
from kvalitet.core.errors import DomainError
from kvalitet.core.forms import submit
from kvalitet.documents import selectors, services, services_versions
from kvalitet.documents.forms import (
    DocumentForm,
    ReadRequirementsForm,
    ReviewForm,
)
from kvalitet.documents.models import Document, Level, Status
from kvalitet.documents.rendering import render_markdown, side_by_side
from kvalitet.organisations.models import Unit
from kvalitet.requirements.selectors import requirements_covered_by


def _units(scope: access.Scope):
    return Unit.objects.filter(organisation=scope.organisation, is_active=True).order_by("path")


def _grouped(documents) -> list[tuple[str, list[Document]]]:
    groups: dict[str, list[Document]] = {level: [] for level in Level.values}
    for document in documents:
        groups[document.level].append(document)
    return [(Level(level).label, rows) for level, rows in groups.items() if rows]


@member_required
def document_create(request, org_slug):
    scope = request.scope
    scope.require(scope.has_role(*access.EDITOR_ROLES))
    units = _units(scope)
    form = DocumentForm(
        request.POST or None,
        handbooks=selectors.handbooks(scope),
        units=units,
        initial={"language": scope.organisation.language, "visibility": "internal"},
    )
    outcome = submit(
        request,
        form,
        lambda data: services.document_create(scope=scope, by=request.user, **data),
    )
    if outcome.done:
        messages.success(request, _("The document was created with a first draft."))
        return redirect("documents:document", org_slug=org_slug, document_id=outcome.result.pk)
    return render(
        request,
        "documents/document_form.html",
        {"form": form, "document": None},
        status=outcome.status,
    )


@member_required
def document_detail(request, org_slug, document_id):
    scope = request.scope
    document = selectors.document_detail(scope, document_id)
    versions = list(selectors.document_versions(scope, document))
    current = document.current_version
    can_change = scope.can_change(document)
    owner_view = can_change or scope.is_coordinator or document.owner_id == request.user.pk
    must_read = current is not None and selectors.must_read(scope, document)
    acknowledged = (
        must_read and current.acknowledgements.filter(person=request.user).exists()  # type: ignore[union-attr]
    )
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "current": current,
            "body": render_markdown(current.body) if current else "",
            "versions": versions,
            "open_version": next((v for v in versions if v.is_open), None),
            "can_change": can_change,
            "reading": selectors.reading_overview(document) if owner_view else None,
            "reviews": document.reviews.select_related("reviewed_by")[:10],
            "requirements": list(requirements_covered_by(document, scope)),
            "must_read": must_read,
            "acknowledged": acknowledged,
            "review_form": ReviewForm(),
            "review_due": document.review_is_due(
                timezone.localdate(),
                within_days=selectors.REVIEW_SOON_DAYS,
            ),
        },
    )


@member_required
def document_edit(request, org_slug, document_id):
    scope = request.scope
    document = scope.get_changeable_or_404(Document, pk=document_id)
    units = _units(scope)
    initial = {
        "handbook": document.handbook_id,
        "title": document.title,
        "level": document.level,
        "kind": document.kind,
        "owner_unit": document.owner_unit_id,
        "visibility": document.visibility,
        "language": document.language,
        "review_interval_months": document.review_interval_months,
        "tags": ", ".join(document.tags),
        "applies_to": list(document.applies_to.values_list("pk", flat=True)),
    }
    form = DocumentForm(
        request.POST or None,
        handbooks=selectors.handbooks(scope),
        units=units,
        editing=True,
        initial=initial,
    )
    read_form = ReadRequirementsForm(
        request.POST or None,
        units=units,
        prefix="read",
        initial={
            "roles": [r.role for r in document.read_requirements.all() if r.role and not r.unit_id],
            "units": [r.unit_id for r in document.read_requirements.all() if r.unit_id],
        },
    )

    def save(data):
        applies_to = data.pop("applies_to")
        services.document_update(
            scope=scope, by=request.user, document=document, applies_to=applies_to, **data
        )
        rules = [(role, None) for role in read_form.cleaned_data["roles"]]
        rules += [("", unit) for unit in read_form.cleaned_data["units"]]
        services.read_requirements_set(scope=scope, by=request.user, document=document, rules=rules)

    if request.method == "POST" and not read_form.is_valid():
        outcome = submit(request, form, lambda data: None)
        outcome.done, outcome.status = False, 400
    else:
        outcome = submit(request, form, save)
    if outcome.done:
        messages.success(request, _("The document was saved."))
        return redirect("documents:document", org_slug=org_slug, document_id=document.pk)
    return render(
        request,
        "documents/document_form.html",
        {"form": form, "read_form": read_form, "document": document},
        status=outcome.status,
    )


@member_required
@require_POST
def document_review(request, org_slug, document_id):
    scope = request.scope
    document = scope.get_changeable_or_404(Document, pk=document_id)
    form = ReviewForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        review = services.review_unchanged(
            scope=scope, by=request.user, document=document, note=note
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("documents:document", org_slug=org_slug, document_id=document.pk)
    messages.success(
        request,
        _("The review is recorded. Next review: %(date)s.")
        % {"date": date_format(review.next_review_date)},
    )
    return redirect("documents:document", org_slug=org_slug, document_id=document.pk)


@member_required
@require_POST
def document_new_draft(request, org_slug, document_id):
    scope = request.scope
    document = scope.get_changeable_or_404(Document, pk=document_id)
    try:
        version = services_versions.draft_create(scope=scope, by=request.user, document=document)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("documents:document", org_slug=org_slug, document_id=document.pk)
    return redirect("documents:version_edit", org_slug=org_slug, version_id=version.pk)


@member_required
@require_POST
def acknowledge(request, org_slug, document_id):
    scope = request.scope
    document = selectors.document_detail(scope, document_id)
    if document.current_version is None:
        raise Http404
    try:
        services.acknowledge(scope=scope, by=request.user, version=document.current_version)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you: your reading is recorded."))
    if request.POST.get("next") == "to_read":
        return redirect("documents:to_read", org_slug=org_slug)
    return redirect("documents:document", org_slug=org_slug, document_id=document.pk)


@member_required
def compare(request, org_slug, document_id):
    scope = request.scope
    document = selectors.document_detail(scope, document_id)
    versions = list(selectors.document_versions(scope, document))
    by_number = {str(v.number): v for v in versions}
    left = by_number.get(request.GET.get("a", ""))
    right = by_number.get(request.GET.get("b", ""))
    if left is None or right is None:
        # Default: the version in force against the newest, or the two newest.
        newest = versions[0] if versions else None
        base = document.current_version if document.current_version else None
        if base is None or newest is None or base.pk == newest.pk:
            base = versions[1] if len(versions) > 1 else newest
        left, right = base, newest
    rows = []
    if left is not None and right is not None:
        # Both come from document_versions, the versions this person may see: only their
        # texts are read, without matching them against every document of the organisation.
        texts = dict(
            selectors.document_versions(scope, document)
            .filter(pk__in=[left.pk, right.pk])
            .values_list("pk", "body")
        )
        rows = side_by_side(texts.get(left.pk, ""), texts.get(right.pk, ""))
    return render(
        request,
        "documents/compare.html",
        {
            "document": document,
            "versions": versions,
            "left": left,
            "right": right,
            "rows": rows,
            "changed": any(row.kind != "equal" for row in rows),
            "statuses": Status,
        },
    )
