"""Demo organisations shaped by the two seed documents, in our own words.

Nørreby (DK): a municipality whose nature and environment administration runs a certified quality
system. Solvik (SE): a municipality with a four-year action plan for quality work, a quality
coordinator, a quality network with one member per department, and a strategic group.
"""

import datetime

from django.utils import timezone

from kvalitet.accounts.models import Person
from kvalitet.organisations import services
from kvalitet.organisations.models import Membership, Organisation, Role, Unit, UnitKind

PASSWORD = "demo"

NORREBY = {
    "slug": "norreby",
    "name": "Nørreby Kommune",
    "country": "DK",
    "language": "da",
    "time_zone": "Europe/Copenhagen",
    "root_code": "NK",
    "contact_email": "kvalitet@norreby.example",
    "portal_introduction": (
        "Nørreby Kommunes natur- og miljøforvaltning arbejder efter et certificeret "
        "kvalitetsstyringssystem. Kvalitetshåndbogen beskriver vores procedurer på tre niveauer: "
        "ledelsesprocesser med politik og mål, kerneprocesser for sagsbehandlingen og "
        "støtteprocesser for dokumentstyring, kompetencer og forbedringer.\n\n"
        "Hvert år evaluerer vi håndbogens effektivitet, og et akkrediteret certificeringsorgan "
        "kontrollerer systemet ved årlige overvågningsaudits. Resultaterne offentliggøres her."
    ),
    "units": [
        # (code, name, kind, parent code)
        ("TM", "Teknik og Miljø", UnitKind.DEPARTMENT, "NK"),
        ("NM", "Natur og Miljø", UnitKind.DIVISION, "TM"),
        ("MT", "Miljøtilsyn", UnitKind.TEAM, "NM"),
        ("NV", "Natur og Vand", UnitKind.TEAM, "NM"),
        ("BP", "Byg og Plan", UnitKind.DIVISION, "TM"),
        ("BS", "Borgerservice", UnitKind.DEPARTMENT, "NK"),
        ("KU", "Kvalitet og Udvikling", UnitKind.DIVISION, "TM"),
    ],
    "people": [
        # (e-mail, name, role, unit code, label)
        ("koordinator@norreby.example", "Mette Kvist", Role.COORDINATOR, "NK"),
        ("netvaerk@norreby.example", "Lars Holm", Role.NETWORK_MEMBER, "NM"),
        ("leder@norreby.example", "Birgitte Lund", Role.MANAGER, "NM"),
        ("sagsbehandler@norreby.example", "Jonas Dahl", Role.STAFF, "MT"),
        ("auditor@norreby.example", "Karen Vestergaard", Role.AUDITOR, "NM"),
        ("politiker@norreby.example", "Poul Skov", Role.VIEWER, "NK"),
    ],
}

SOLVIK = {
    "slug": "solvik",
    "name": "Solviks kommun",
    "country": "SE",
    "language": "sv",
    "time_zone": "Europe/Stockholm",
    "root_code": "SK",
    "contact_email": "kvalitet@solvik.example",
    "portal_introduction": (
        "Kvalitet i Solviks kommun betyder nöjda kommuninvånare, kompetenta och motiverade "
        "medarbetare och att kommunens resurser används på bästa sätt. Kommunens handlingsplan "
        "för kvalitetsarbetet gäller fyra år och följs upp varje år, vid halvtid och vid "
        "periodens slut.\n\n"
        "Alla förvaltningar ska ha mål för kunder och medarbetare, kvalitetsdeklarationer, "
        "beskrivna arbetsprocesser och fungerande rutiner för synpunkter och klagomål."
    ),
    "units": [
        ("KLK", "Kommunledningskontoret", UnitKind.DEPARTMENT, "SK"),
        ("NLK", "Näringslivskontoret", UnitKind.DIVISION, "KLK"),
        ("SERV", "Nätverket för serviceutveckling", UnitKind.TEAM, "KLK"),
        ("ADM", "Administrativa servicekontoret", UnitKind.DEPARTMENT, "SK"),
        ("SKOL", "Skolförvaltningen", UnitKind.DEPARTMENT, "SK"),
        ("UTB", "Utbildningsförvaltningen", UnitKind.DEPARTMENT, "SK"),
        ("OSF", "Omsorgs- och socialförvaltningen", UnitKind.DEPARTMENT, "SK"),
        ("MILJ", "Miljökontoret", UnitKind.DEPARTMENT, "SK"),
        ("TEK", "Tekniska kontoret", UnitKind.DEPARTMENT, "SK"),
        ("BYGG", "Byggnadskontoret", UnitKind.DEPARTMENT, "SK"),
    ],
    "people": [
        ("samordnare@solvik.example", "Anna Berglund", Role.COORDINATOR, "SK"),
        ("natverk@solvik.example", "Erik Lindqvist", Role.NETWORK_MEMBER, "OSF"),
        ("chef@solvik.example", "Maria Sandberg", Role.MANAGER, "OSF"),
        ("handlaggare@solvik.example", "Johan Ek", Role.STAFF, "OSF"),
        ("revisor@solvik.example", "Karin Nyström", Role.AUDITOR, "SK"),
        ("politiker@solvik.example", "Lennart Åberg", Role.VIEWER, "SK"),
        # The rest of the quality network: one member per department.
        ("natverk.klk@solvik.example", "Sofia Holm", Role.NETWORK_MEMBER, "KLK"),
        ("natverk.adm@solvik.example", "Peter Wallin", Role.NETWORK_MEMBER, "ADM"),
        ("natverk.skol@solvik.example", "Lena Forsberg", Role.NETWORK_MEMBER, "SKOL"),
        ("natverk.utb@solvik.example", "Mats Engström", Role.NETWORK_MEMBER, "UTB"),
        ("natverk.milj@solvik.example", "Eva Lund", Role.NETWORK_MEMBER, "MILJ"),
        ("natverk.tek@solvik.example", "Nils Strand", Role.NETWORK_MEMBER, "TEK"),
        ("natverk.bygg@solvik.example", "Ingrid Sjöberg", Role.NETWORK_MEMBER, "BYGG"),
        # The strategic group: the coordinator and five from the management group.
        ("chef.klk@solvik.example", "Göran Blom", Role.MANAGER, "SERV"),
        ("chef.adm@solvik.example", "Helena Norén", Role.MANAGER, "SERV"),
        ("chef.skol@solvik.example", "Olof Hägg", Role.MANAGER, "SERV"),
        ("chef.tek@solvik.example", "Birgitta Falk", Role.MANAGER, "SERV"),
        ("chef.milj@solvik.example", "Stefan Rask", Role.MANAGER, "SERV"),
    ],
}


def _organisation(spec: dict) -> Organisation:
    organisation = Organisation.objects.filter(slug=spec["slug"]).first()
    if organisation is None:
        organisation = services.organisation_create(
            name=spec["name"],
            slug=spec["slug"],
            country=spec["country"],
            language=spec["language"],
            time_zone=spec["time_zone"],
            root_code=spec["root_code"],
            by=None,
        )
        organisation.contact_email = spec["contact_email"]
        organisation.portal_introduction = spec["portal_introduction"]
        organisation.save(update_fields=["contact_email", "portal_introduction"])
    return organisation


def _units(organisation: Organisation, specs: list) -> dict[str, Unit]:
    units = {unit.code: unit for unit in Unit.objects.filter(organisation=organisation)}
    for code, name, kind, parent_code in specs:
        if code not in units:
            units[code] = services.unit_insert(
                organisation=organisation,
                parent=units[parent_code],
                name=name,
                code=code,
                kind=kind,
                by=None,
            )
    return units


def _people(organisation: Organisation, units: dict[str, Unit], specs: list) -> list[tuple]:
    logins = []
    auditor_until = timezone.localdate() + datetime.timedelta(days=365)
    for email, name, role, unit_code in specs:
        person = Person.objects.filter(email=email).first()
        if person is None:
            person = Person.objects.create_user(email=email, password=PASSWORD, full_name=name)
        Membership.objects.get_or_create(
            person=person,
            unit=units[unit_code],
            role=role,
            defaults={
                "organisation": organisation,
                "valid_until": auditor_until if role == Role.AUDITOR else None,
            },
        )
        logins.append((organisation.slug, email, f"{Role(role).label} ({unit_code})"))
    return logins


def load() -> list[tuple[str, str, str]]:
    logins = []
    for spec in (NORREBY, SOLVIK):
        organisation = _organisation(spec)
        units = _units(organisation, spec["units"])
        people = _people(organisation, units, spec["people"])
        logins.extend(people[:6])
    return logins
