"""Demo feedback: topics, routing rules and a few hundred cases over two years per municipality,
in Danish (Nørreby) and Swedish (Solvik); some overdue, most answered, the oldest anonymised.

Written with bulk_create and without history rows, so it stays fast: it runs for every test that
uses the demo data.
"""

import datetime
import random

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from kvalitet import workdays
from kvalitet.accounts.models import Person
from kvalitet.feedback.models import (
    Attachment,
    CaseMail,
    CaseNote,
    Channel,
    ClosingDay,
    FeedbackCase,
    Kind,
    Outcome,
    ReferenceCounter,
    RoutingRule,
    Status,
    Topic,
    token_digest,
)
from kvalitet.organisations.models import Organisation, Unit

# `kvalitet demo` loads this many per municipality; the test settings may ask for fewer
# (FEEDBACK_DEMO_CASES), since the demo data is loaded for every test that uses it.
CASES_PER_ORGANISATION = 300

NORREBY = {
    "topics": [
        ("Natur, søer og vandløb", "NV"),
        ("Miljøtilsyn, støj og lugt", "MT"),
        ("Byggeri og planer", "BP"),
        ("Borgerservice og selvbetjening", "BS"),
    ],
    "rules": [
        ("støj,lugt,røg", "MT", "sagsbehandler@norreby.example"),
        ("byggetilladelse", "BP", None),
    ],
    "closing": [(5, 2, "Dagen efter Kristi himmelfart"), (12, 27, "Lukket mellem jul og nytår")],
    "subjects": {
        Kind.COMPLAINT: [
            "Lang ventetid på svar",
            "Støj fra virksomhed om natten",
            "Lugtgener fra renseanlæg",
            "Ingen svar på min ansøgning",
        ],
        Kind.SUGGESTION: [
            "Flere bænke ved søen",
            "Bedre skiltning på stien",
            "Selvbetjening for byggesager",
        ],
        Kind.PRAISE: ["Venlig og hurtig hjælp", "Flot oprydning ved åen"],
        Kind.QUESTION: ["Hvornår tømmes skraldespanden?", "Må jeg fælde træet i haven?"],
    },
    "text": "Jeg vil gerne gøre opmærksom på følgende. ",
    "answer": "Tak for din henvendelse. Vi har set på sagen og vender tilbage med en løsning.",
    "note": "Ringet til borgeren, aftalt opfølgning.",
    "names": ["Anne Jensen", "Peter Nielsen", "Sofie Hansen", "Mads Pedersen"],
    "domain": "borger.example",
}

SOLVIK = {
    "topics": [
        ("Skola och förskola", "SKOL"),
        ("Omsorg och socialtjänst", "OSF"),
        ("Gator, parker och snöröjning", "TEK"),
        ("Miljö och hälsoskydd", "MILJ"),
        ("Bygglov", "BYGG"),
    ],
    "rules": [("snö,halka,gata", "TEK", None), ("hemtjänst", "OSF", "handlaggare@solvik.example")],
    "closing": [(6, 7, "Kompetensutvecklingsdag")],
    "subjects": {
        Kind.COMPLAINT: [
            "Hemtjänsten kom för sent",
            "Dålig snöröjning på vår gata",
            "Buller från byggarbetsplats",
            "Inget svar från skolan",
        ],
        Kind.SUGGESTION: ["Fler papperskorgar i parken", "Längre öppettider i servicekontoret"],
        Kind.PRAISE: ["Fantastiskt bemötande i hemtjänsten", "Snabb hjälp med bygglovet"],
        Kind.QUESTION: ["När öppnar förskolans kö?", "Hur ansöker jag om färdtjänst?"],
    },
    "text": "Jag vill lämna följande synpunkt. ",
    "answer": "Tack för din synpunkt. Vi har utrett ärendet och återkommer med åtgärder.",
    "note": "Pratat med enhetschefen, åtgärd planerad.",
    "names": ["Karin Svensson", "Lars Johansson", "Emma Karlsson", "Ahmed Ali"],
    "domain": "invanare.example",
}

CHANNELS = [Channel.WEB] * 6 + [Channel.PHONE] * 2 + [Channel.EMAIL, Channel.DESK, Channel.LETTER]
KINDS = [Kind.COMPLAINT] * 5 + [Kind.SUGGESTION] * 3 + [Kind.PRAISE] * 2 + [Kind.QUESTION] * 2


def _load(organisation: Organisation, spec: dict, count: int) -> None:
    if FeedbackCase.objects.filter(organisation=organisation).exists():
        return
    rng = random.Random(organisation.slug)  # noqa: S311 (demo data, not secrets)
    units = {u.code: u for u in Unit.objects.filter(organisation=organisation)}
    emails = [email for _words, _code, email in spec["rules"] if email]
    people = {p.email: p for p in Person.objects.filter(email__in=emails)}
    topics = Topic.objects.bulk_create(
        [
            Topic(organisation=organisation, name=name, unit=units[code], position=i)
            for i, (name, code) in enumerate(spec["topics"])
        ]
    )
    RoutingRule.objects.bulk_create(
        [
            RoutingRule(
                organisation=organisation,
                position=i,
                words=words,
                unit=units[code],
                assignee=people.get(email) if email else None,
            )
            for i, (words, code, email) in enumerate(spec["rules"])
        ]
    )
    today = timezone.localdate()
    closing = [
        ClosingDay(organisation=organisation, day=datetime.date(year, m, d), reason=reason)
        for year in (today.year - 2, today.year - 1, today.year)
        for m, d, reason in spec["closing"]
    ]
    ClosingDay.objects.bulk_create(closing)
    closed_days = {c.day for c in closing}
    numbers: dict[int, int] = {}
    cases = []
    for i in range(count):
        age = int(730 * (i / count) ** 1.3)  # more recent cases than old ones
        received_on = today - datetime.timedelta(days=age)
        received_at = timezone.make_aware(
            datetime.datetime.combine(received_on, datetime.time(8 + i % 9, (i * 7) % 60))
        )
        kind = rng.choice(KINDS)
        topic = rng.choice(topics)
        numbers[received_on.year] = numbers.get(received_on.year, 0) + 1

        def due(days, start=received_on):
            return workdays.add_working_days(
                start, days, country=organisation.country, closing_days=closed_days
            ).due

        acknowledge_due, answer_due = due(2), due(10)
        named = rng.random() < 0.6
        name = rng.choice(spec["names"]) if named else ""
        case = FeedbackCase(
            organisation=organisation,
            reference=f"S-{received_on.year}-{numbers[received_on.year]:06d}",
            kind=kind,
            channel=rng.choice(CHANNELS),
            topic=topic,
            subject=rng.choice(spec["subjects"][kind]),
            text=spec["text"] + rng.choice(spec["subjects"][kind]) + ".",
            contact_name=name,
            contact_email=f"{name.split()[0].lower()}@{spec['domain']}" if named else "",
            language=organisation.language,
            received_at=received_at,
            acknowledge_due=acknowledge_due,
            answer_due=answer_due,
            unit=topic.unit,
            status_token_hash=token_digest(f"demo-{organisation.slug}-{i}"),
        )
        if age > 20 or (age > 5 and rng.random() < 0.5):
            late = rng.random() < 0.2
            answered_on = received_on + datetime.timedelta(
                days=rng.randint(1, 9) + (10 if late else 0)
            )
            case.acknowledged_at = received_at + datetime.timedelta(days=1)
            case.answered_at = received_at + (
                datetime.datetime.combine(answered_on, datetime.time())
                - datetime.datetime.combine(received_on, datetime.time())
            )
            case.answer = spec["answer"]
            case.status = Status.ANSWERED
            if age > 40:
                case.status = Status.CLOSED
                case.closed_at = case.answered_at + datetime.timedelta(days=2)
                case.outcome = rng.choice(list(Outcome.values))
            if age > 700:  # past the retention period: anonymised
                case.subject = case.text = case.answer = "–"
                case.contact_name = case.contact_email = ""
                case.anonymised_at = case.closed_at
        elif age > 3:
            case.status = rng.choice([Status.RECEIVED, Status.IN_PROGRESS])
        cases.append(case)
    FeedbackCase.objects.bulk_create(cases, batch_size=500)
    ReferenceCounter.objects.bulk_create(
        [ReferenceCounter(organisation=organisation, year=y, last=n) for y, n in numbers.items()]
    )
    newest = cases[0]
    if not newest.pk:  # SQLite before 3.35 returns no ids from bulk_create
        newest = FeedbackCase.objects.get(organisation=organisation, reference=newest.reference)
    CaseNote.objects.create(case=newest, text=spec["note"])
    path = f"feedback/demo/{organisation.slug}.txt"
    if not default_storage.exists(path):
        default_storage.save(path, ContentFile(spec["text"].encode()))
    Attachment.objects.create(case=newest, file=path, name="brev.txt", size=len(spec["text"]))
    CaseMail.objects.create(
        case=newest,
        organisation=organisation,
        template="receipt",
        to=newest.contact_email or f"demo@{spec['domain']}",
    )


def load(cases_per_organisation: int | None = None) -> list:
    if cases_per_organisation is None:
        cases_per_organisation = getattr(settings, "FEEDBACK_DEMO_CASES", CASES_PER_ORGANISATION)
    for slug, spec in (("norreby", NORREBY), ("solvik", SOLVIK)):
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is not None:
            _load(organisation, spec, cases_per_organisation)
    return []
