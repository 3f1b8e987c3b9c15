"""Solviks kommun's quality handbook (demo, Swedish): smaller, in the same shape as Nørreby's."""

HANDBOOK = {
    "name": "Kvalitetshandbok",
    "description": "Kommunens gemensamma rutiner för kvalitetsarbetet och handläggningen.",
}


def _rutin(syfte: str, steg: list[str], ansvar: str) -> str:
    lines = ["## Syfte", "", syfte, "", "## Ansvar", "", ansvar, "", "## Arbetsgång", ""]
    lines += [f"{number}. {step}" for number, step in enumerate(steg, start=1)]
    return "\n".join(lines) + "\n"


DOCUMENTS = [
    {
        "code": "LP-01",
        "level": "management",
        "kind": "policy",
        "title": "Kvalitetspolicy",
        "unit": None,
        "visibility": "public",
        "versions": [
            (
                "## Kvalitetspolicy\n\nSolviks kommun ska ge invånarna service med god kvalitet. "
                "Vi är tillgängliga, bemöter alla med respekt och lär oss av synpunkter och "
                "klagomål.\n\n- Varje förvaltning uppfyller kommunens minimikrav.\n"
                "- Vi mäter och redovisar resultaten öppet.\n",
                "Första utgåvan.",
            )
        ],
        "read": [("", "SK")],
        "acknowledged": ["samordnare@solvik.example"],
        "review_in_days": 120,
    },
    {
        "code": "KP-01",
        "level": "core",
        "kind": "procedure",
        "title": "Handläggning av bygglov",
        "unit": "BYGG",
        "visibility": "public",
        "versions": [
            (
                _rutin(
                    "Att ansökningar om bygglov handläggs rättssäkert och inom lagstadgad tid.",
                    [
                        "Ansökan registreras och sökanden får en bekräftelse.",
                        "Handläggaren kontrollerar att ansökan är komplett inom tre veckor.",
                        "Grannar och berörda myndigheter hörs vid behov.",
                        "Beslutet fattas inom tio veckor från komplett ansökan.",
                    ],
                    "Byggnadskontoret.",
                ),
                "Första utgåvan.",
            )
        ],
        "read": [("", "BYGG")],
        "acknowledged": [],
        "review_in_days": 200,
    },
    {
        "code": "KP-02",
        "level": "core",
        "kind": "procedure",
        "title": "Tillsyn enligt miljöbalken",
        "unit": "MILJ",
        "visibility": "public",
        "versions": [
            (
                _rutin(
                    "Att miljötillsynen planeras och genomförs enhetligt.",
                    [
                        "Tillsynsplanen fastställs årligen.",
                        "Inspektionen dokumenteras i en rapport.",
                        "Brister följs upp med föreläggande vid behov.",
                    ],
                    "Miljökontoret.",
                ),
                "Första utgåvan.",
            )
        ],
        "read": [("", "MILJ")],
        "acknowledged": [],
        "review_in_days": -5,
    },
    {
        "code": "KP-03",
        "level": "core",
        "kind": "procedure",
        "title": "Hantering av synpunkter och klagomål",
        "unit": "OSF",
        "visibility": "public",
        "versions": [
            (
                _rutin(
                    "Att synpunkter och klagomål tas om hand och leder till förbättringar.",
                    [
                        "Synpunkten registreras samma dag.",
                        "Den som lämnat synpunkten får svar inom tio arbetsdagar.",
                        "Förvaltningen sammanställer synpunkterna varje kvartal.",
                    ],
                    "Omsorgs- och socialförvaltningen.",
                ),
                "Första utgåvan.",
            )
        ],
        "read": [("staff", "OSF")],
        "acknowledged": [],
        "review_in_days": 90,
    },
    {
        "code": "SP-01",
        "level": "support",
        "kind": "procedure",
        "title": "Dokumentstyrning",
        "unit": "ADM",
        "visibility": "internal",
        "versions": [
            (
                _rutin(
                    "Att handbokens dokument alltid är gällande och godkända.",
                    [
                        "Ändringar skrivs som utkast med en kort beskrivning.",
                        "En chef som inte skrivit utkastet godkänner det.",
                        "Dokumenten ses över minst en gång om året.",
                    ],
                    "Dokumentets ägare.",
                ),
                "Första utgåvan.",
            )
        ],
        "read": [("manager", None)],
        "acknowledged": [],
        "review_in_days": 150,
    },
]
