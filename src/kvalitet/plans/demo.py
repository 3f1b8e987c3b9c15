"""Demo plans: Solvik's four-year action plan for quality work (in the seed's shape, our words),
with one closed yearly round and one open; and a small plan for Nørreby's environment division."""

import datetime

from django.utils import timezone

from kvalitet.organisations.models import Organisation, Unit
from kvalitet.plans.models import (
    Action,
    Assignment,
    Evidence,
    FollowUpRound,
    Judgement,
    Plan,
    PlanStatus,
    Report,
    RoundKind,
    RoundStatus,
    Theme,
    WorkStatus,
)

DEPARTMENTS = ["KLK", "ADM", "SKOL", "UTB", "OSF", "MILJ", "TEK", "BYGG"]
ALL = "ALL"

SOLVIK_PLAN = {
    "title": "Handlingsplan för kvalitetsarbetet 2025–2028",
    "year_from": 2025,
    "year_to": 2028,
    "vision": (
        "I Solviks kommun betyder kvalitet att invånarna är nöjda, att medarbetarna är "
        "kunniga och engagerade och att kommunens gemensamma resurser kommer alla till godo "
        "på bästa möjliga sätt."
    ),
    "values": (
        "Invånaren i centrum: arbetet utgår från behoven och förväntningarna hos dem vi är "
        "till för, inom de lagar och politiska mål som gäller.\n\n"
        "Ledarskap och delaktighet: politiker och chefer leder kvalitetsarbetet, och varje "
        "medarbetare tar ansvar för sin del av helheten.\n\n"
        "Ständig förbättring: vi lär av varandra, prövar nya idéer och förbättrar arbetet "
        "steg för steg med kommunens bästa för ögonen."
    ),
    "goals": (
        "Allt fler nöjda invånare och uppdragsgivare\n"
        "Bättre tillgänglighet till kommunens verksamheter\n"
        "Bättre service och dialog med invånarna\n"
        "Allt fler kunniga och motiverade medarbetare\n"
        "Effektivare användning av resurserna"
    ),
    "adopted_by": "Kommunens chefsgrupp",
}

SOLVIK_THEMES = [
    ("9.1", "Nöjda kommuninvånare"),
    ("9.2", "Effektivt resursutnyttjande"),
    ("9.3", "Kompetenta och motiverade medarbetare"),
]

# (code, theme, title, responsible, lead, follow-up, from, to, note, see also)
SOLVIK_ACTIONS = [
    ("9.1 A", "9.1", "Varje förvaltning har ett sätt att fråga invånarna vad de tycker",
     ALL, None, "KLK", 2025, 2028, "", []),
    ("9.1 B", "9.1", "Mät telefontillgängligheten regelbundet i alla förvaltningar",
     ALL, "ADM", "ADM", 2025, 2027, "2025 och 2027", []),
    ("9.1 C", "9.1", "Följ upp och utveckla företagslotsen",
     ["MILJ", "TEK", "BYGG", "OSF"], "NLK", "NLK", 2025, 2025, "", []),
    ("9.1 D", "9.1", "Inför ett gemensamt servicecenter för invånarna",
     ALL, "ADM", "ADM", 2025, 2028, "", ["9.3 C"]),
    ("9.1 E", "9.1", "Utvärdera rutinerna för synpunkter och klagomål",
     ALL, None, "KLK", 2025, 2026, "", []),
    ("9.1 F", "9.1", "Gör kommunens webbplats enklare och mer användbar",
     ALL, "ADM", "ADM", 2025, 2028, "", []),
    ("9.2 A", "9.2", "Kartlägg och förbättra de viktigaste arbetsprocesserna",
     ALL, None, "KLK", 2025, 2028, "", ["9.3 F"]),
    ("9.2 B", "9.2", "Bedöm effekter och resultat i varje projektplan",
     ALL, None, "KLK", 2025, 2028, "", []),
    ("9.2 C", "9.2", "Följ upp resursfördelning och verksamhetsstyrning",
     ["SKOL", "UTB", "OSF"], "KLK", "KLK", 2025, 2025, "", []),
    ("9.3 A", "9.3", "Sprid kunskap och erfarenheter mellan förvaltningarna",
     ALL, None, "KLK", 2025, 2028, "", []),
    ("9.3 B", "9.3", "Ta fram ett gemensamt informationsmaterial om kommunen",
     ALL, "ADM", "ADM", 2025, 2025, "", []),
    ("9.3 C", "9.3", "Utbilda inför det gemensamma servicecentret",
     ["ADM"], "ADM", "ADM", 2025, 2025, "", ["9.1 D"]),
    ("9.3 D", "9.3", "Erbjud en inspirationsföreläsning om bemötande varje år",
     ALL, None, "KLK", 2025, 2028, "", []),
    ("9.3 E", "9.3", "Formulera kvalitetsdeklarationer i alla förvaltningar",
     ALL, None, "KLK", 2025, 2028, "", []),
    ("9.3 F", "9.3", "Utbilda i kartläggning av arbetsflöden",
     ALL, None, "KLK", 2025, 2028, "", ["9.2 A"]),
]  # fmt: skip
# The seed lists 15 actions: 9.1 A–F, 9.2 A–C and 9.3 A–F.

NORREBY_PLAN = {
    "title": "Handlingsplan for kvalitetsstyring i Natur og Miljø 2026",
    "year_from": 2026,
    "year_to": 2026,
    "vision": "Sagsbehandlingen i Natur og Miljø er ensartet, korrekt og til at stole på.",
    "goals": "Alle kerneprocesser er beskrevet\nAfvigelser lukkes inden for tre måneder",
    "adopted_by": "Direktionen",
}
NORREBY_THEMES = [("1", "Sagsbehandling"), ("2", "Forbedringer")]
NORREBY_ACTIONS = [
    ("1 A", "1", "Beskriv proceduren for miljøtilsyn", ["MT"], "NM", "KU", 2026, 2026, "", ["2 A"]),
    ("1 B", "1", "Beskriv proceduren for vandløbssager", ["NV"], "NM", "KU", 2026, 2026, "", []),
    ("2 A", "2", "Evaluer håndbogens effektivitet", ["NM"], "KU", "KU", 2026, 2026, "", ["1 A"]),
]


def _plan(
    organisation: Organisation, spec: dict, themes, actions, *, adopted_on, rounds, evidence_title
):
    if Plan.objects.filter(organisation=organisation, title=spec["title"]).exists():
        return
    units = {u.code: u for u in Unit.objects.filter(organisation=organisation)}
    departments = [units[c] for c in DEPARTMENTS if c in units]
    root = next(u for u in units.values() if u.parent_id is None)
    plan = Plan.objects.create(
        organisation=organisation,
        status=PlanStatus.ADOPTED,
        adopted_on=adopted_on,
        owner_unit=units.get("SERV") or units.get("NM"),
        follow_up_unit=units.get("KLK") or units.get("KU") or root,
        **spec,
    )
    theme_rows = {
        code: Theme.objects.create(organisation=organisation, plan=plan, code=code, title=title)
        for code, title in themes
    }
    action_rows = Action.objects.bulk_create(
        Action(
            organisation=organisation,
            plan=plan,
            code=code,
            theme=theme_rows[theme],
            title=title,
            lead_unit=units.get(lead) if lead else None,
            follow_up_unit=units.get(follow_up),
            year_from=year_from,
            year_to=year_to,
            period_note=note,
            status="ongoing",
        )
        for code, theme, title, _r, lead, follow_up, year_from, year_to, note, _s in actions
    )
    by_code = {a.code: a for a in action_rows}
    through = Action.see_also.through
    through.objects.bulk_create(
        through(from_action_id=by_code[code].pk, to_action_id=by_code[other].pk)
        for code, *_rest, see_also in actions
        for other in see_also
    )
    assignments = Assignment.objects.bulk_create(
        Assignment(organisation=organisation, action=by_code[code], unit=unit)
        for code, _t, _ti, responsible, *_rest in actions
        for unit in (departments if responsible == ALL else [units[c] for c in responsible])
    )
    Evidence.objects.bulk_create(
        Evidence(
            organisation=organisation,
            assignment=assignment,
            title=evidence_title,
            url="https://example.org/kvalitet/" + str(assignment.action.code).replace(" ", ""),
        )
        for assignment in assignments[:3]
    )
    today = timezone.localdate()
    statuses = [WorkStatus.ONGOING, WorkStatus.DONE, WorkStatus.DELAYED, WorkStatus.ONGOING]
    judgements = [Judgement.ON_TRACK, Judgement.ON_TRACK, Judgement.AT_RISK, Judgement.OFF_TRACK]
    for index, (kind, title, days, closed) in enumerate(rounds):
        follow_up = FollowUpRound.objects.create(
            organisation=organisation,
            plan=plan,
            kind=kind,
            title=title,
            deadline=today + datetime.timedelta(days=days),
            status=RoundStatus.CLOSED if closed else RoundStatus.OPEN,
            opened_at=timezone.now() - datetime.timedelta(days=400 - index * 300),
            closed_at=timezone.now() - datetime.timedelta(days=300) if closed else None,
            summary="Alla förvaltningar har rapporterat." if closed else "",
        )
        reports = []
        for i, assignment in enumerate(assignments):
            # Closed round: everyone reported. Open round: about half have reported so far.
            reported = closed or i % 2 == 0
            shift = i + index
            reports.append(
                Report(
                    organisation=organisation,
                    round=follow_up,
                    assignment=assignment,
                    unit_id=assignment.unit_id,
                    status=statuses[shift % 4] if reported else "",
                    judgement=judgements[shift % 4] if reported else "",
                    narrative="Arbetet pågår enligt plan." if reported else "",
                    reported_at=timezone.now() if reported else None,
                )
            )
        Report.objects.bulk_create(reports)


def load() -> list:
    solvik = Organisation.objects.filter(slug="solvik").first()
    if solvik is not None:
        _plan(
            solvik,
            SOLVIK_PLAN,
            SOLVIK_THEMES,
            SOLVIK_ACTIONS,
            adopted_on=datetime.date(2025, 3, 11),
            rounds=[
                (RoundKind.YEARLY, "Årlig uppföljning 2025", -300, True),
                (RoundKind.YEARLY, "Årlig uppföljning 2026", 10, False),
            ],
            evidence_title="Redovisning på intranätet",
        )
    norreby = Organisation.objects.filter(slug="norreby").first()
    if norreby is not None:
        _plan(
            norreby,
            NORREBY_PLAN,
            NORREBY_THEMES,
            NORREBY_ACTIONS,
            adopted_on=datetime.date(2026, 1, 20),
            rounds=[(RoundKind.MIDTERM, "Midtvejsopfølgning 2026", 20, False)],
            evidence_title="Status på intranettet",
        )
    return []
