"""Demo requirement sets: Solvik's minimum requirements for every department, assessed per
department; Nørreby's ten procedure areas of the former Danish executive order on quality
management in nature and environment, assessed by its nature and environment units."""

import datetime

from django.utils import timezone

from kvalitet.documents.models import Document
from kvalitet.organisations.models import Organisation, Unit
from kvalitet.requirements.models import (
    Assessment,
    AssessmentEvidence,
    AssessmentRound,
    Requirement,
    RequirementSet,
    RoundStatus,
    Verdict,
)

SOLVIK_SET = {
    "title": "Minimikrav på förvaltningarnas kvalitetsarbete",
    "source": "Handlingsplan för kvalitetsarbetet 2025–2028",
    "evidence": "Beskrivning på intranätet",
    "description": "Kraven som varje nämnd och förvaltning ska uppfylla i sitt kvalitetsarbete.",
}
SOLVIK_REQUIREMENTS = [
    ("1", "Verksamhetens viktigaste mål är beskrivna för både invånare och medarbetare"),
    ("2", "Det finns kvalitetsdeklarationer för minst en viktig del av verksamheten"),
    ("3", "Det finns en plan med åtgärder för att nå målen"),
    ("4", "Verksamhetens kvalitetssystem är beskrivet i dokument"),
    ("5", "De viktigaste arbetsprocesserna är beskrivna"),
    ("6", "Det finns rutiner som uppmuntrar och tar hand om synpunkter och klagomål"),
    ("7", "Det finns rutiner för att ta reda på invånarnas behov och upplevelser"),
    ("8", "Det finns rutiner för hur verksamheten följs upp och utvärderas"),
    ("9", "Verksamheten redovisar varje år hur kvaliteten utvecklas och förbättras"),
]
# Requirement number -> codes of the handbook documents (from the documents demo) that cover it.
SOLVIK_COVERAGE = {"4": ["LP-01", "SP-01"], "5": ["KP-01", "KP-02"], "6": ["KP-03"]}
SOLVIK_UNITS = ["KLK", "ADM", "SKOL", "UTB", "OSF", "MILJ", "TEK", "BYGG"]

NORREBY_SET = {
    "title": "Kvalitetsstyring i natur- og miljøsager: de ti procedureområder",
    "evidence": "Dokumentation på intranettet",
    "source": "Den tidligere bekendtgørelse om kvalitetsstyringssystemer (ophævet 2013)",
    "description": (
        "Det, som den tidligere bekendtgørelse krævede af kommunens kvalitetsstyringssystem. "
        "Loven er ophævet, men vi holder systemet ved lige frivilligt."
    ),
}
NORREBY_REQUIREMENTS = [
    ("1", "Ansvar og beføjelser er fastlagt"),
    ("2", "Der er udpeget en systemansvarlig"),
    ("3", "Sagsbehandlingen følger beskrevne procedurer"),
    ("4", "Medarbejdernes kompetencer er kortlagt og udviklet"),
    ("5", "Dokumenter styres, så kun gældende udgaver bruges"),
    ("6", "Der gennemføres interne audits"),
    ("7", "Brugertilfredsheden undersøges"),
    ("8", "Ledelsen evaluerer systemet hvert år"),
    ("9", "Afvigelser registreres og rettes"),
    ("10", "Systemets resultater offentliggøres"),
]
NORREBY_COVERAGE = {
    "1": ["LP-01"],
    "3": ["KP-01", "KP-08"],
    "4": ["SP-02"],
    "5": ["SP-01"],
    "6": ["SP-04"],
    "8": ["LP-03"],
    "9": ["SP-03"],
}
NORREBY_UNITS = ["NM", "MT", "NV"]

CYCLE = [Verdict.MET, Verdict.MET, Verdict.PARTLY, Verdict.NOT_MET, Verdict.MET]


def _set(
    organisation: Organisation, spec, requirements, unit_codes, *, closed_year, open_year, coverage
):
    if RequirementSet.objects.filter(organisation=organisation, title=spec["title"]).exists():
        return
    units = list(Unit.objects.filter(organisation=organisation, code__in=unit_codes))
    item = RequirementSet.objects.create(
        organisation=organisation, **{k: v for k, v in spec.items() if k != "evidence"}
    )
    rows = Requirement.objects.bulk_create(
        Requirement(organisation=organisation, requirement_set=item, number=n, title=t, order=i)
        for i, (n, t) in enumerate(requirements, start=1)
    )
    documents = {d.code: d.pk for d in Document.objects.filter(organisation=organisation)}
    through = Requirement.documents.through
    through.objects.bulk_create(
        through(requirement_id=r.pk, document_id=documents[code])
        for r in rows
        for code in coverage.get(r.number, [])
        if code in documents
    )
    today = timezone.localdate()
    assessments = []
    for year, closed in ((closed_year, True), (open_year, False)):
        if year is None:
            continue
        assessment_round = AssessmentRound.objects.create(
            organisation=organisation,
            requirement_set=item,
            year=year,
            deadline=today + datetime.timedelta(days=-200 if closed else 21),
            status=RoundStatus.CLOSED if closed else RoundStatus.OPEN,
            closed_at=timezone.now() if closed else None,
        )
        assessment_round.units.set(units)
        for u_index, unit in enumerate(units):
            for r_index, requirement in enumerate(rows):
                answered = closed or u_index % 2 == 0
                verdict = CYCLE[(u_index + r_index + (0 if closed else 1)) % len(CYCLE)]
                assessments.append(
                    Assessment(
                        organisation=organisation,
                        round=assessment_round,
                        requirement=requirement,
                        unit=unit,
                        verdict=verdict if answered else "",
                        comment="",
                        assessed_at=timezone.now() if answered else None,
                    )
                )
    Assessment.objects.bulk_create(assessments)
    AssessmentEvidence.objects.bulk_create(
        AssessmentEvidence(
            organisation=organisation,
            assessment=a,
            title=spec["evidence"],
            url="https://example.org/kvalitet/krav-" + a.requirement.number,
        )
        for a in Assessment.objects.filter(round__requirement_set=item).order_by("pk")[:3]
    )


def load() -> list:
    solvik = Organisation.objects.filter(slug="solvik").first()
    if solvik is not None:
        _set(
            solvik,
            SOLVIK_SET,
            SOLVIK_REQUIREMENTS,
            SOLVIK_UNITS,
            closed_year=2025,
            open_year=2026,
            coverage=SOLVIK_COVERAGE,
        )
    norreby = Organisation.objects.filter(slug="norreby").first()
    if norreby is not None:
        _set(
            norreby,
            NORREBY_SET,
            NORREBY_REQUIREMENTS,
            NORREBY_UNITS,
            closed_year=2025,
            open_year=2026,
            coverage=NORREBY_COVERAGE,
        )
    return []
