"""Writes for requirement sets, requirements, assessment rounds and assessments."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.core.errors import Conflict, Invalid
from kvalitet.history import attribute
from kvalitet.organisations.models import Unit
from kvalitet.requirements.models import (
    Assessment,
    AssessmentEvidence,
    AssessmentRound,
    Requirement,
    RequirementSet,
    RoundStatus,
)


@transaction.atomic
def set_create(
    *, scope: access.Scope, by: Person, title: str, description: str = "", source: str = ""
) -> RequirementSet:
    scope.require(scope.is_coordinator)
    item = RequirementSet(
        organisation=scope.organisation, title=title, description=description, source=source
    )
    attribute(item, by=by).save()
    return item


@transaction.atomic
def set_new_version(*, scope: access.Scope, requirement_set: RequirementSet, by: Person):
    """Copy the set and its requirements as the next version; the old one stays for history."""
    old = scope.get_changeable_or_404(
        RequirementSet.objects.select_for_update(), pk=requirement_set.pk
    )
    if not old.is_current:
        raise Conflict(_("Only the current version can get a new version."))
    old.is_current = False
    attribute(old, by=by).save(update_fields=["is_current"])
    new = RequirementSet(
        organisation=old.organisation,
        title=old.title,
        description=old.description,
        source=old.source,
        version=old.version + 1,
        previous=old,
    )
    attribute(new, by=by).save()
    for requirement in old.requirements.prefetch_related("documents"):
        copy = Requirement.objects.create(
            organisation=old.organisation,
            requirement_set=new,
            number=requirement.number,
            title=requirement.title,
            text=requirement.text,
            order=requirement.order,
        )
        copy.documents.set(requirement.documents.all())
    return new


@transaction.atomic
def requirement_save(
    *,
    scope: access.Scope,
    by: Person,
    requirement_set: RequirementSet | None = None,
    requirement: Requirement | None = None,
    number: str,
    title: str,
    text: str = "",
    documents: Any = None,
) -> Requirement:
    if requirement is None:
        assert requirement_set is not None
        target = scope.get_changeable_or_404(RequirementSet, pk=requirement_set.pk)
        requirement = Requirement(
            organisation=target.organisation,
            requirement_set=target,
            order=target.requirements.count() + 1,
        )
    else:
        requirement = scope.get_changeable_or_404(Requirement, pk=requirement.pk)
    clash = Requirement.objects.filter(
        requirement_set_id=requirement.requirement_set_id, number=number
    )
    if clash.exclude(pk=requirement.pk).exists():
        raise Conflict(
            _("The set already has a requirement numbered %(number)s.") % {"number": number}
        )
    closed = requirement.requirement_set.rounds.filter(status=RoundStatus.CLOSED)
    if requirement.pk is None and closed.exists():
        raise Conflict(
            _("This version has closed assessment rounds: make a new version to change it.")
        )
    requirement.number, requirement.title, requirement.text = number, title, text
    attribute(requirement, by=by).save()
    if documents is not None:
        documents = list(documents)
        if any(d.organisation_id != scope.organisation.pk for d in documents):
            raise Invalid(_("A document belongs to another organisation."))
        requirement.documents.set(documents)
    return requirement


@transaction.atomic
def round_open(
    *,
    scope: access.Scope,
    requirement_set: RequirementSet,
    by: Person,
    year: int,
    deadline,
    units: list[Unit],
) -> AssessmentRound:
    target = scope.get_changeable_or_404(RequirementSet, pk=requirement_set.pk)
    if not units:
        raise Invalid(_("Choose at least one unit to assess."))
    if any(u.organisation_id != scope.organisation.pk for u in units):
        raise Invalid(_("A unit belongs to another organisation."))
    if AssessmentRound.objects.filter(requirement_set=target, year=year).exists():
        raise Conflict(_("The set already has an assessment round for %(year)s.") % {"year": year})
    item = AssessmentRound(
        organisation=target.organisation, requirement_set=target, year=year, deadline=deadline
    )
    attribute(item, by=by).save()
    item.units.set(units)
    Assessment.objects.bulk_create(
        Assessment(organisation=target.organisation, round=item, requirement=r, unit=u)
        for r in target.requirements.all()
        for u in units
    )
    return item


def _open(round_id: int) -> AssessmentRound:
    item = AssessmentRound.objects.select_for_update().get(pk=round_id)
    if not item.is_open:
        raise Conflict(_("The assessment round is closed: its answers can no longer be changed."))
    return item


@transaction.atomic
def assessments_save(
    *,
    scope: access.Scope,
    assessment_round: AssessmentRound,
    unit: Unit,
    by: Person,
    answers: dict[int, tuple[str, str]],
) -> int:
    """Save a unit's answers {assessment id: (verdict, comment)} in an open round, all or none."""
    _open(assessment_round.pk)
    rows = {
        a.pk: a
        for a in Assessment.objects.filter(round=assessment_round, unit=unit).select_related("unit")
    }
    changed = 0
    for pk, (verdict, comment) in answers.items():
        assessment = rows.get(pk)
        if assessment is None:
            raise Invalid(_("An answer does not belong to this unit and round."))
        scope.require(scope.can_change(assessment))
        if (assessment.verdict, assessment.comment) == (verdict, comment):
            continue
        assessment.verdict, assessment.comment = verdict, comment
        assessment.assessed_at, assessment.assessed_by = timezone.now(), by
        attribute(assessment, by=by).save()
        changed += 1
    return changed


@transaction.atomic
def evidence_add(
    *,
    scope: access.Scope,
    assessment: Assessment,
    by: Person,
    title: str,
    url: str = "",
    file: Any = None,
    document: Any = None,
) -> AssessmentEvidence:
    assessment = scope.get_changeable_or_404(Assessment, pk=assessment.pk)
    _open(assessment.round_id)
    if not (url or file or document):
        raise Invalid(_("Give a web address, a file or a handbook document."))
    if document is not None and document.organisation_id != scope.organisation.pk:
        raise Invalid(_("The document belongs to another organisation."))
    evidence = AssessmentEvidence(
        organisation=assessment.organisation,
        assessment=assessment,
        title=title,
        url=url,
        document=document,
    )
    if file is not None:
        evidence.file = file
    attribute(evidence, by=by).save()
    return evidence


@transaction.atomic
def round_close(*, scope: access.Scope, assessment_round: AssessmentRound, by: Person):
    item = scope.get_changeable_or_404(
        AssessmentRound.objects.select_for_update(), pk=assessment_round.pk
    )
    if not item.is_open:
        raise Conflict(_("The assessment round is already closed."))
    item.status, item.closed_at = RoundStatus.CLOSED, timezone.now()
    attribute(item, by=by).save()
    return item
