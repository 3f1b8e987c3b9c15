"""Staff pages of requirement sets: sets, requirements, rounds, the matrix, a unit's answers."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalitet import xlsx
from kvalitet.core.decorators import member_required
from kvalitet.core.errors import DomainError
from kvalitet.core.forms import submit
from kvalitet.core.links import link_maker
from kvalitet.documents.models import Document
from kvalitet.files import file_response
from kvalitet.organisations.models import Unit
from kvalitet.plans.forms import EvidenceForm
from kvalitet.requirements import selectors, services
from kvalitet.requirements.forms import AnswersForm, AssessmentRoundForm, RequirementForm, SetForm
from kvalitet.requirements.models import (
    Assessment,
    AssessmentEvidence,
    AssessmentRound,
    Requirement,
    RequirementSet,
)


@member_required
def set_list(request, org_slug):
    scope = request.scope
    return render(
        request,
        "requirements/set_list.html",
        {"sets": selectors.requirement_sets(scope), "can_create": scope.is_coordinator},
    )


@member_required
def set_create(request, org_slug):
    scope = request.scope
    scope.require(scope.is_coordinator)
    form = SetForm(request.POST or None)
    outcome = submit(
        request, form, lambda data: services.set_create(scope=scope, by=request.user, **data)
    )
    if outcome.done:
        messages.success(request, _("The requirement set was created."))
        return redirect("requirements:set", org_slug=org_slug, requirement_set_id=outcome.result.pk)
    return render(
        request,
        "requirements/form.html",
        {"form": form, "title": _("New requirement set")},
        status=outcome.status,
    )


@member_required
def set_detail(request, org_slug, requirement_set_id):
    scope = request.scope
    item = selectors.set_detail(scope, requirement_set_id)
    assessed = Assessment.objects.filter(round__requirement_set=item).values("unit_id")
    units = scope.visible(Unit.objects.filter(pk__in=assessed)).order_by("path")
    return render(
        request,
        "requirements/set_detail.html",
        {
            "set": item,
            "requirements": selectors.set_requirements(scope, item),
            "rounds": selectors.set_rounds(scope, item),
            "units": units,
            "can_change": scope.can_change(item),
        },
    )


@member_required
@require_POST
def set_new_version(request, org_slug, requirement_set_id):
    scope = request.scope
    item = scope.get_changeable_or_404(RequirementSet, pk=requirement_set_id)
    try:
        new = services.set_new_version(scope=scope, requirement_set=item, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("requirements:set", org_slug=org_slug, requirement_set_id=item.pk)
    messages.success(request, _("Version %(version)s was made.") % {"version": new.version})
    return redirect("requirements:set", org_slug=org_slug, requirement_set_id=new.pk)


def _documents(scope):
    return scope.visible(Document.objects.all()).order_by("code")


@member_required
def requirement_create(request, org_slug, requirement_set_id):
    scope = request.scope
    item = scope.get_changeable_or_404(RequirementSet, pk=requirement_set_id)
    form = RequirementForm(request.POST or None, documents=_documents(scope))
    outcome = submit(
        request,
        form,
        lambda data: services.requirement_save(
            scope=scope, by=request.user, requirement_set=item, **data
        ),
    )
    if outcome.done:
        messages.success(request, _("The requirement was added."))
        return redirect("requirements:set", org_slug=org_slug, requirement_set_id=item.pk)
    return render(
        request,
        "requirements/form.html",
        {"form": form, "title": _("New requirement"), "set": item},
        status=outcome.status,
    )


@member_required
def requirement_detail(request, org_slug, requirement_id):
    scope = request.scope
    requirement = selectors.requirement_detail(scope, requirement_id)
    return render(
        request,
        "requirements/requirement_detail.html",
        {
            "requirement": requirement,
            "set": requirement.requirement_set,
            "documents": scope.visible(requirement.documents.all()).order_by("code"),
            "assessments": selectors.requirement_assessments(scope, requirement),
            "can_change": scope.can_change(requirement),
        },
    )


@member_required
def requirement_edit(request, org_slug, requirement_id):
    scope = request.scope
    requirement = scope.get_changeable_or_404(
        Requirement.objects.select_related("requirement_set"), pk=requirement_id
    )
    initial = {
        "number": requirement.number,
        "title": requirement.title,
        "text": requirement.text,
        "documents": list(requirement.documents.all()),
    }
    form = RequirementForm(request.POST or None, initial=initial, documents=_documents(scope))
    outcome = submit(
        request,
        form,
        lambda data: services.requirement_save(
            scope=scope, by=request.user, requirement=requirement, **data
        ),
    )
    if outcome.done:
        messages.success(request, _("The requirement was saved."))
        return redirect(
            "requirements:requirement", org_slug=org_slug, requirement_id=requirement.pk
        )
    return render(
        request,
        "requirements/form.html",
        {"form": form, "title": requirement, "set": requirement.requirement_set},
        status=outcome.status,
    )


@member_required
def round_create(request, org_slug, requirement_set_id):
    scope = request.scope
    item = scope.get_changeable_or_404(RequirementSet, pk=requirement_set_id)
    units = scope.visible(Unit.objects.filter(is_active=True)).order_by("path")
    form = AssessmentRoundForm(request.POST or None, units=units)
    outcome = submit(
        request,
        form,
        lambda data: services.round_open(
            scope=scope,
            requirement_set=item,
            by=request.user,
            year=data["year"],
            deadline=data["deadline"],
            units=list(data["units"]),
        ),
    )
    if outcome.done:
        messages.success(request, _("The assessment round was opened."))
        return redirect(
            "requirements:round", org_slug=org_slug, assessment_round_id=outcome.result.pk
        )
    return render(
        request,
        "requirements/form.html",
        {"form": form, "title": _("Open an assessment round"), "set": item},
        status=outcome.status,
    )


@member_required
def round_detail(request, org_slug, assessment_round_id):
    scope = request.scope
    item = selectors.round_detail(scope, assessment_round_id)
    grid = selectors.round_matrix(scope, item)
    editable = {
        u.pk for u in grid.units if item.is_open and scope.can_create_in(Assessment, u.path)
    }
    assessment_link = link_maker("requirements:assessment", "assessment_id", org_slug=org_slug)
    requirement_link = link_maker("requirements:requirement", "requirement_id", org_slug=org_slug)
    for row in grid.rows:
        row["url"] = requirement_link(row["requirement"]["pk"])
        for cell in row["cells"]:
            if cell is not None:
                cell.url = assessment_link(cell.pk)
    return render(
        request,
        "requirements/round_detail.html",
        {
            "round": item,
            "set": item.requirement_set,
            "grid": grid,
            "editable": editable,
            "can_change": scope.can_change(item),
        },
    )


@member_required
@require_POST
def round_close(request, org_slug, assessment_round_id):
    scope = request.scope
    item = scope.get_changeable_or_404(AssessmentRound, pk=assessment_round_id)
    try:
        services.round_close(scope=scope, assessment_round=item, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The assessment round was closed."))
    return redirect("requirements:round", org_slug=org_slug, assessment_round_id=item.pk)


@member_required
def round_xlsx(request, org_slug, assessment_round_id):
    scope = request.scope
    item = selectors.round_detail(scope, assessment_round_id)
    grid = selectors.round_matrix(scope, item)
    headers = [_("Number"), _("Requirement"), *[u.code for u in grid.units]]
    rows = [
        [row["requirement"]["number"], row["requirement"]["title"],
         *[(c.verdict_label if c and c.verdict else "") for c in row["cells"]]]
        for row in grid.rows
    ]  # fmt: skip
    comments = [
        [c.requirement["number"], c.unit.code, c.verdict_label, c.comment]
        for row in grid.rows
        for c in row["cells"]
        if c is not None and c.comment
    ]
    return xlsx.workbook_response(
        filename=f"{slugify(str(item))}.xlsx",
        sheets=[
            xlsx.Sheet(_("Matrix"), headers, rows),
            xlsx.Sheet(
                _("Comments"), [_("Number"), _("Unit"), _("Assessment"), _("Comment")], comments
            ),
        ],
    )


@member_required
def round_unit(request, org_slug, assessment_round_id, unit_id):
    """A unit's answers in a round: a form for its own people, read-only for everyone else."""
    scope = request.scope
    item = selectors.round_detail(scope, assessment_round_id)
    unit = scope.get_or_404(Unit, pk=unit_id)
    assessments = selectors.unit_answers(scope, item, unit)
    can_answer = (
        bool(assessments) and item.is_open and all(scope.can_change(a) for a in assessments)
    )
    if request.method == "POST" and not can_answer:
        if not assessments or not all(scope.can_change(a) for a in assessments):
            scope.require(False)
        messages.error(
            request, _("The assessment round is closed: its answers can no longer be changed.")
        )
        return render(
            request,
            "requirements/round_unit.html",
            {"round": item, "unit": unit, "assessments": assessments, "form": None},
            status=409,
        )
    form = AnswersForm(request.POST or None, assessments=assessments) if can_answer else None
    outcome = (
        submit(
            request,
            form,
            lambda data: services.assessments_save(
                scope=scope,
                assessment_round=item,
                unit=unit,
                by=request.user,
                answers=form.answers(),
            ),
        )
        if form is not None
        else None
    )
    if outcome is not None and outcome.done:
        messages.success(request, _("The answers were saved."))
        return redirect("requirements:round", org_slug=org_slug, assessment_round_id=item.pk)
    return render(
        request,
        "requirements/round_unit.html",
        {"round": item, "unit": unit, "assessments": assessments, "form": form},
        status=outcome.status if outcome else 200,
    )


@member_required
def unit_history(request, org_slug, requirement_set_id, unit_id):
    scope = request.scope
    item = selectors.set_detail(scope, requirement_set_id)
    unit = scope.get_or_404(Unit, pk=unit_id)
    return render(
        request,
        "requirements/unit_history.html",
        {"set": item, "unit": unit, **selectors.unit_history(scope, item, unit)},
    )


@member_required
def assessment_detail(request, org_slug, assessment_id):
    scope = request.scope
    assessment = scope.get_or_404(
        Assessment.objects.select_related("round__requirement_set", "requirement", "unit"),
        pk=assessment_id,
    )
    form = None
    status = 200
    if assessment.round.is_open and scope.can_change(assessment):
        form = EvidenceForm(
            request.POST or None, request.FILES or None, documents=_documents(scope)
        )
        outcome = submit(
            request,
            form,
            lambda data: services.evidence_add(
                scope=scope, assessment=assessment, by=request.user, **data
            ),
        )
        if outcome.done:
            messages.success(request, _("The evidence was added."))
            return redirect(
                "requirements:assessment", org_slug=org_slug, assessment_id=assessment.pk
            )
        status = outcome.status
    elif request.method == "POST":
        scope.require(scope.can_change(assessment))
        status = 409
    return render(
        request,
        "requirements/assessment_detail.html",
        {
            "assessment": assessment,
            "evidence": assessment.evidence.select_related("document"),
            "history": assessment.history.select_related("history_user").order_by("-history_date")[
                :20
            ],
            "form": form,
        },
        status=status,
    )


@member_required
def evidence_file(request, org_slug, assessment_evidence_id):
    evidence = request.scope.get_or_404(AssessmentEvidence, pk=assessment_evidence_id)
    if not evidence.file:
        if evidence.url:
            return redirect(evidence.url)
        raise Http404
    return file_response(evidence.file, filename=evidence.file.name.rsplit("/", 1)[-1])
