"""Spreadsheets in: a plan's actions, and a unit's reports in an open round.

Both work the same way: `preview_*` reads every row and says what it would create or change and
which rows it refuses (with the row number a person sees in Excel and the reason); `apply_*`
runs the preview again inside one transaction and writes everything or nothing.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.core.errors import Conflict, Invalid
from kvalitet.history import attribute
from kvalitet.organisations.models import Unit
from kvalitet.plans import services
from kvalitet.plans.models import (
    Action,
    FollowUpRound,
    Judgement,
    Plan,
    Report,
    Theme,
    WorkStatus,
)

ACTION_COLUMNS = {
    "code": ("code", "kod", "kode", "nr"),
    "theme": ("theme", "tema"),
    "title": ("title", "text", "titel", "åtgärd", "handling", "action"),
    "description": ("description", "beskrivning", "beskrivelse"),
    "units": ("responsible units", "responsible", "ansvar", "ansvariga", "ansvarlige enheder"),
    "lead": ("lead unit", "lead", "huvudansvar", "hovedansvar"),
    "follow_up": ("follow-up unit", "follow-up", "uppföljning", "opfølgning"),
    "period": ("period", "tid", "periode", "years"),
}
REPORT_COLUMNS = {
    "code": ("code", "kod", "kode"),
    "status": ("status",),
    "judgement": ("assessment", "bedömning", "vurdering"),
    "narrative": ("narrative", "redovisning", "beskrivning", "redegørelse"),
}
YEAR = re.compile(r"(19|20)\d\d")


@dataclass
class Preview:
    rows: list[dict[str, Any]] = field(default_factory=list)  # what will be written
    refused: list[tuple[str, str]] = field(default_factory=list)  # (row number, reason)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.refused


def _get(record: dict[str, str], aliases: tuple[str, ...]) -> str:
    for alias in aliases:
        if record.get(alias):
            return record[alias].strip()
    return ""


def _has_column(table: list[dict[str, str]], aliases: tuple[str, ...]) -> bool:
    return bool(table) and any(alias in table[0] for alias in aliases)


def parse_period(text: str, default: tuple[int, int]) -> tuple[int, int, str] | None:
    years = sorted(int(m.group(0)) for m in YEAR.finditer(text))
    if not text:
        return default[0], default[1], ""
    if not years:
        return None
    note = "" if re.fullmatch(r"\s*\d{4}\s*([-–]\s*\d{4})?\s*", text) else text.strip()
    return years[0], years[-1], note[:200]


def preview_actions(scope: access.Scope, plan: Plan, table: list[dict[str, str]]) -> Preview:
    preview = Preview()
    for key in ("code", "title"):
        if not _has_column(table, ACTION_COLUMNS[key]):
            preview.refused.append(
                ("1", _("The column %(name)s is missing.") % {"name": ACTION_COLUMNS[key][0]})
            )
            return preview
    units = {u.code.upper(): u for u in Unit.objects.filter(organisation=scope.organisation)}
    themes = {t.code.upper(): t for t in Theme.objects.filter(plan=plan)}
    themes.update({t.title.upper(): t for t in themes.values()})
    taken = set(Action.objects.filter(plan=plan).values_list("code", flat=True))
    for record in table:
        number = record["_row"]
        code = _get(record, ACTION_COLUMNS["code"])
        title = _get(record, ACTION_COLUMNS["title"])
        reasons = []
        if not code:
            reasons.append(_("no code"))
        elif code in taken:
            reasons.append(_("the code %(code)s is already in the plan") % {"code": code})
        if not title:
            reasons.append(_("no title"))
        theme_text = _get(record, ACTION_COLUMNS["theme"])
        theme = themes.get(theme_text.upper()) if theme_text else None
        if theme_text and theme is None:
            reasons.append(_("no theme %(theme)s in the plan") % {"theme": theme_text})
        unit_codes = [c for c in re.split(r"[,;\s]+", _get(record, ACTION_COLUMNS["units"])) if c]
        responsible = []
        for unit_code in unit_codes:
            if unit_code.upper() not in units:
                reasons.append(_("no unit with the code %(code)s") % {"code": unit_code})
            else:
                responsible.append(units[unit_code.upper()])
        single: dict[str, Unit | None] = {}
        for key in ("lead", "follow_up"):
            text = _get(record, ACTION_COLUMNS[key])
            single[key] = units.get(text.upper()) if text else None
            if text and single[key] is None:
                reasons.append(_("no unit with the code %(code)s") % {"code": text})
        period = parse_period(
            _get(record, ACTION_COLUMNS["period"]), (plan.year_from, plan.year_to)
        )
        if period is None:
            reasons.append(_("the period has no year"))
        elif period[1] < period[0]:
            reasons.append(_("the period ends before it starts"))
        if reasons:
            preview.refused.append((number, "; ".join(reasons)))
            continue
        assert period is not None
        taken.add(code)
        preview.rows.append(
            {
                "row": number,
                "code": code,
                "title": title[:250],
                "description": _get(record, ACTION_COLUMNS["description"]),
                "theme": theme,
                "units": responsible,
                "lead_unit": single["lead"],
                "follow_up_unit": single["follow_up"],
                "year_from": period[0],
                "year_to": period[1],
                "period_note": period[2],
            }
        )
    if not table:
        preview.refused.append(("1", _("The file has no rows.")))
    return preview


@transaction.atomic
def apply_actions(
    *, scope: access.Scope, plan: Plan, by: Person, table: list[dict[str, str]]
) -> list[Action]:
    """Create every action of the table, or none: a refused row raises Invalid."""
    plan = scope.get_changeable_or_404(Plan.objects.select_for_update(), pk=plan.pk)
    preview = preview_actions(scope, plan, table)
    if not preview.ok:
        raise Invalid(_("The file has rows that cannot be imported: nothing was imported."))
    created = []
    for row in preview.rows:
        fields = {k: v for k, v in row.items() if k not in ("row", "units")}
        created.append(
            services.action_create(scope=scope, plan=plan, by=by, units=row["units"], **fields)
        )
    return created


def _choice(value: str, choices: type[models.TextChoices], *, blank_ok: bool) -> str | None:
    text = value.strip().lower()
    if not text:
        return "" if blank_ok else None
    for choice in choices:
        if text in (choice.value, str(choice.label).lower()):
            return choice.value
    return None


def preview_reports(
    scope: access.Scope, follow_up: FollowUpRound, unit: Unit, table: list[dict[str, str]]
) -> Preview:
    preview = Preview()
    if not _has_column(table, REPORT_COLUMNS["code"]):
        preview.refused.append(("1", _("The column %(name)s is missing.") % {"name": "code"}))
        return preview
    reports = {
        r.assignment.action.code: r
        for r in Report.objects.filter(round=follow_up, unit=unit).select_related(
            "assignment__action"
        )
    }
    seen = set()
    for record in table:
        number = record["_row"]
        code = _get(record, REPORT_COLUMNS["code"])
        status = _choice(_get(record, REPORT_COLUMNS["status"]), WorkStatus, blank_ok=False)
        judgement = _choice(_get(record, REPORT_COLUMNS["judgement"]), Judgement, blank_ok=True)
        reasons = []
        report = reports.get(code)
        if report is None:
            reasons.append(
                _("%(code)s is not an assignment of %(unit)s in this round")
                % {"code": code or "–", "unit": unit.code}
            )
        elif code in seen:
            reasons.append(_("%(code)s appears twice") % {"code": code})
        if status is None:
            reasons.append(
                _("the status must be one of: %(choices)s")
                % {"choices": ", ".join(str(c.label) for c in WorkStatus)}
            )
        if judgement is None:
            reasons.append(
                _("the assessment must be empty or one of: %(choices)s")
                % {"choices": ", ".join(str(c.label) for c in Judgement)}
            )
        if reasons:
            preview.refused.append((number, "; ".join(reasons)))
            continue
        seen.add(code)
        preview.rows.append(
            {
                "row": number,
                "report": report,
                "code": code,
                "status": status,
                "judgement": judgement,
                "narrative": _get(record, REPORT_COLUMNS["narrative"]),
            }
        )
    if not table:
        preview.refused.append(("1", _("The file has no rows.")))
    return preview


@transaction.atomic
def apply_reports(
    *,
    scope: access.Scope,
    follow_up: FollowUpRound,
    unit: Unit,
    by: Person,
    table: list[dict[str, str]],
) -> int:
    follow_up = FollowUpRound.objects.select_for_update().get(pk=follow_up.pk)
    if not follow_up.is_open:
        raise Conflict(_("The round is closed: its reports can no longer be changed."))
    if not (scope.is_coordinator or scope.can_create_in(Report, unit.path)):
        raise PermissionDenied
    preview = preview_reports(scope, follow_up, unit, table)
    if not preview.ok:
        raise Invalid(_("The file has rows that cannot be imported: nothing was imported."))
    for row in preview.rows:
        report = row["report"]
        report.status = row["status"]
        report.judgement = row["judgement"]
        report.narrative = row["narrative"]
        report.reported_at = timezone.now()
        report.reported_by = by
        attribute(report, by=by).save()
        assignment = report.assignment
        assignment.status, assignment.judgement = row["status"], row["judgement"]
        assignment.narrative, assignment.updated_at = row["narrative"], report.reported_at
        attribute(assignment, by=by).save()
    return len(preview.rows)
