"""Nørreby Kommune's quality handbook for nature and environment case handling (demo, Danish).

Each document: code, level, kind, title, owner unit code (None: the whole municipality),
visibility, the body of each version (oldest first; the last one may be a draft or in review),
the change summary of each, the review state and who must read it.
"""

HANDBOOK = {
    "name": "Kvalitetshåndbog for natur og miljø",
    "description": (
        "Procedurer for sagsbehandlingen på natur- og miljøområdet på tre niveauer: "
        "ledelsesprocesser, kerneprocesser og støtteprocesser."
    ),
}


def _procedure(
    purpose: str, scope: str, steps: list[str], responsibility: str, refs: str = ""
) -> str:
    lines = [
        "## Formål",
        "",
        purpose,
        "",
        "## Omfang",
        "",
        scope,
        "",
        "## Ansvar",
        "",
        responsibility,
        "",
        "## Fremgangsmåde",
        "",
    ]
    lines += [f"{number}. {step}" for number, step in enumerate(steps, start=1)]
    if refs:
        lines += ["", "## Henvisninger", "", refs]
    return "\n".join(lines) + "\n"


POLICY_V1 = """## Kvalitetspolitik

Nørreby Kommune træffer afgørelser på natur- og miljøområdet, som borgere og virksomheder kan
stole på. Vores sagsbehandling skal være korrekt, ensartet og hurtig.

- Vi overholder lovgivningen og kommunens egne frister.
- Vi inddrager borgere og virksomheder tidligt i sagen.
- Vi lærer af klager og afvigelser.
"""

POLICY_V2 = """## Kvalitetspolitik

Nørreby Kommune træffer afgørelser på natur- og miljøområdet, som borgere og virksomheder kan
stole på. Vores sagsbehandling skal være korrekt, ensartet, hurtig og til at forstå.

- Vi overholder lovgivningen og de servicemål, byrådet har vedtaget.
- Vi inddrager borgere og virksomheder tidligt og skriver i et klart sprog.
- Vi lærer af klager, afvigelser og interne audit, og vi forbedrer vores procedurer løbende.
- Alle medarbejdere kender de procedurer, der gælder for deres arbejde.

Politikken evalueres hvert år i ledelsens evaluering af kvalitetssystemet.
"""

OBJECTIVES = """## Kvalitetsmål 2026

| Mål | Målemetode | Målværdi |
| --- | --- | --- |
| Miljøgodkendelser afgøres inden for servicemålet | andel sager | 90 % |
| Klager over støj besvares inden 10 arbejdsdage | andel henvendelser | 95 % |
| Afgørelser, der ændres i klageinstansen | andel påklagede afgørelser | under 10 % |
| Procedurer gennemgået til tiden | andel dokumenter | 100 % |

Målene følges op hvert kvartal og indgår i den årlige evaluering.
"""

DOCUMENTS = [
    {
        "code": "LP-01",
        "level": "management",
        "kind": "policy",
        "title": "Kvalitetspolitik for natur- og miljøområdet",
        "unit": None,
        "visibility": "public",
        "versions": [
            (POLICY_V1, "Første udgave."),
            (POLICY_V2, "Servicemål, klart sprog og kendskab til procedurerne tilføjet."),
        ],
        "read": [("", "NK")],
        "acknowledged": ["koordinator@norreby.example", "leder@norreby.example"],
        "review_in_days": 200,
    },
    {
        "code": "LP-02",
        "level": "management",
        "kind": "policy",
        "title": "Kvalitetsmål",
        "unit": None,
        "visibility": "public",
        "versions": [(OBJECTIVES, "Mål for 2026.")],
        "read": [("manager", None), ("network_member", None)],
        "acknowledged": [],
        "review_in_days": -12,
    },
    {
        "code": "LP-03",
        "level": "management",
        "kind": "procedure",
        "title": "Ledelsens evaluering af kvalitetssystemet",
        "unit": None,
        "visibility": "internal",
        "versions": [
            (
                _procedure(
                    "At sikre, at kvalitetssystemet hvert år evalueres og forbedres.",
                    "Hele kvalitetsstyringssystemet for natur- og miljøområdet.",
                    [
                        "Kvalitetskoordinatoren samler resultater fra mål, audit, klager og "
                        "afvigelser.",
                        "Ledelsen drøfter resultaterne på et møde i første kvartal.",
                        "Beslutninger om forbedringer skrives ind i handlingsplanen.",
                        "Evalueringen offentliggøres på kommunens portal.",
                    ],
                    "Direktøren for Teknik og Miljø ejer evalueringen; kvalitetskoordinatoren "
                    "forbereder den.",
                ),
                "Første udgave.",
            )
        ],
        "read": [("manager", None)],
        "acknowledged": ["leder@norreby.example"],
        "review_in_days": 150,
    },
    {
        "code": "KP-01",
        "level": "core",
        "kind": "procedure",
        "title": "Miljøgodkendelse af virksomheder",
        "unit": "MT",
        "visibility": "public",
        "versions": [
            (
                _procedure(
                    "At sikre ensartet og korrekt behandling af ansøgninger om miljøgodkendelse.",
                    "Listevirksomheder efter godkendelsesbekendtgørelsen.",
                    [
                        "Ansøgningen journaliseres samme dag, den modtages.",
                        "Sagsbehandleren vurderer, om ansøgningen er fyldestgørende.",
                        "Udkast til godkendelse sendes i partshøring i 14 dage.",
                        "Afgørelsen offentliggøres på kommunens hjemmeside.",
                    ],
                    "Miljøtilsyn behandler ansøgningerne; lederen godkender afgørelsen.",
                ),
                "Første udgave.",
            ),
            (
                _procedure(
                    "At sikre ensartet og korrekt behandling af ansøgninger om miljøgodkendelse, "
                    "så virksomheden får en afgørelse inden for servicemålet.",
                    "Listevirksomheder efter godkendelsesbekendtgørelsen, også ændringer og "
                    "udvidelser af godkendte virksomheder.",
                    [
                        "Ansøgningen journaliseres samme dag, den modtages.",
                        "Sagsbehandleren vurderer inden 10 arbejdsdage, om ansøgningen er "
                        "fyldestgørende, og beder om manglende oplysninger.",
                        "Der holdes et opstartsmøde med virksomheden ved større anlæg.",
                        "Udkast til godkendelse sendes i partshøring i 14 dage.",
                        "En kollega gennemlæser afgørelsen (fire øjne-princippet).",
                        "Afgørelsen offentliggøres på kommunens hjemmeside med klagevejledning.",
                    ],
                    "Miljøtilsyn behandler ansøgningerne; lederen af Natur og Miljø godkender "
                    "afgørelsen.",
                    "Miljøbeskyttelsesloven kapitel 5; godkendelsesbekendtgørelsen.",
                ),
                "Frist for vurdering af ansøgningen, opstartsmøde og kollegial gennemlæsning.",
            ),
            (
                None,  # the next version, in review: a copy of the last with one more step
                "Tilsynsplan for nye godkendelser tilføjet.",
            ),
        ],
        "open_status": "in_review",
        "read": [("", "MT")],
        "acknowledged": [],
        "review_in_days": 120,
    },
    {
        "code": "KP-02",
        "level": "core",
        "kind": "procedure",
        "title": "Tilladelse til udledning af spildevand",
        "unit": "NV",
        "visibility": "public",
        "versions": [
            (
                _procedure(
                    "At sikre, at tilladelser til udledning af spildevand er lovlige og "
                    "beskytter vandmiljøet.",
                    "Udledning af spildevand til vandløb, søer og havet samt nedsivning.",
                    [
                        "Ansøgningen kontrolleres for oplysninger om mængde og indhold.",
                        "Recipientens tilstand vurderes ud fra vandområdeplanen.",
                        "Vilkår om rensning og egenkontrol fastsættes.",
                        "Spildevandstilladelsen sendes i høring og meddeles.",
                    ],
                    "Natur og Vand behandler sagerne.",
                    "Miljøbeskyttelsesloven §§ 19 og 28; spildevandsbekendtgørelsen.",
                ),
                "Første udgave.",
            )
        ],
        "read": [("", "NV")],
        "acknowledged": [],
        "review_in_days": 90,
    },
    {
        "code": "KP-03",
        "level": "core",
        "kind": "procedure",
        "title": "Dispensation fra naturbeskyttelseslovens § 3",
        "unit": "NV",
        "visibility": "public",
        "versions": [
            (
                _procedure(
                    "At behandle ansøgninger om dispensation fra beskyttelsen af søer, moser, "
                    "enge og overdrev ensartet og fagligt korrekt.",
                    "Beskyttede naturtyper efter naturbeskyttelseslovens § 3.",
                    [
                        "Arealet besigtiges, og naturtilstanden registreres.",
                        "Der foretages en vurdering af påvirkningen af bilag IV-arter.",
                        "Danmarks Naturfredningsforening og ejere høres.",
                        "Afgørelsen meddeles med klagevejledning og offentliggøres.",
                    ],
                    "Natur og Vand behandler sagerne; lederen godkender afslag.",
                ),
                "Første udgave.",
            )
        ],
        "read": [("", "NV")],
        "acknowledged": [],
        "review_in_days": 20,
    },
    {
        "code": "KP-04",
        "level": "core",
        "kind": "procedure",
        "title": "Behandling af klager over støj",
        "unit": "MT",
        "visibility": "public",
        "versions": [
            (
                _procedure(
                    "At borgere, der klager over støj fra virksomheder, får et hurtigt og "
                    "sagligt svar.",
                    "Støj fra virksomheder, anlæg og udendørs arrangementer.",
                    [
                        "Klagen registreres, og klageren får en kvittering inden 2 arbejdsdage.",
                        "Virksomheden orienteres om klagen.",
                        "Ved behov foretages en støjmåling eller en støjberegning.",
                        "Klageren får svar inden 10 arbejdsdage om, hvad kommunen gør.",
                    ],
                    "Miljøtilsyn behandler klagerne.",
                    "Miljøbeskyttelsesloven § 42; Miljøstyrelsens vejledende støjgrænser.",
                ),
                "Første udgave.",
            ),
            (
                _procedure(
                    "At borgere, der klager over støj fra virksomheder, får et hurtigt og "
                    "sagligt svar, og at støjklager løses, så de ikke gentager sig.",
                    "Støj fra virksomheder, anlæg, vindmøller og udendørs arrangementer.",
                    [
                        "Klagen registreres, og klageren får en kvittering inden 2 arbejdsdage.",
                        "Virksomheden orienteres om klagen og kan komme med bemærkninger.",
                        "Ved behov foretages en støjmåling eller en støjberegning.",
                        "Klageren får svar inden 10 arbejdsdage om, hvad kommunen gør.",
                        "Gentagne klager over samme virksomhed drøftes med lederen.",
                    ],
                    "Miljøtilsyn behandler klagerne; lederen følger op på gentagne klager.",
                    "Miljøbeskyttelsesloven § 42; Miljøstyrelsens vejledende støjgrænser.",
                ),
                "Vindmøller og opfølgning på gentagne klager tilføjet.",
            ),
        ],
        "read": [("", "MT")],
        "acknowledged": [],
        "review_in_days": 14,
    },
    {
        "code": "KP-05",
        "level": "core",
        "kind": "procedure",
        "title": "Miljøtilsyn med landbrug",
        "unit": "MT",
        "visibility": "internal",
        "versions": [
            (
                _procedure(
                    "At tilsyn med husdyrbrug udføres efter tilsynsplanen og med ensartet "
                    "kvalitet.",
                    "Husdyrbrug omfattet af miljøtilsynsbekendtgørelsen.",
                    [
                        "Tilsynet varsles mindst 14 dage før.",
                        "Tjeklisten KP-07 bruges under besøget.",
                        "Tilsynsrapporten sendes senest 30 dage efter besøget.",
                        "Håndhævelse følges op med nyt tilsyn.",
                    ],
                    "Miljøtilsyn.",
                ),
                "Første udgave.",
            )
        ],
        "read": [("staff", "MT")],
        "acknowledged": ["sagsbehandler@norreby.example"],
        "review_in_days": -40,
    },
    {
        "code": "KP-06",
        "level": "core",
        "kind": "instruction",
        "title": "Anmeldelse af jordflytning",
        "unit": "MT",
        "visibility": "public",
        "versions": [
            (
                _procedure(
                    "At anmeldelser af flytning af forurenet jord kontrolleres hurtigt.",
                    "Jord fra kortlagte arealer og fra offentlig vej.",
                    [
                        "Anmeldelsen kontrolleres for analyser og modtageanlæg.",
                        "Mangler meddeles anmelderen inden 4 arbejdsdage.",
                        "Anmeldelsen arkiveres på ejendommen.",
                    ],
                    "Miljøtilsyn.",
                ),
                "Første udgave.",
            )
        ],
        "read": [],
        "acknowledged": [],
        "review_in_days": 250,
    },
    {
        "code": "KP-07",
        "level": "core",
        "kind": "checklist",
        "title": "Tjekliste til miljøtilsyn",
        "unit": "MT",
        "visibility": "internal",
        "versions": [
            (
                "## Tjekliste\n\n"
                "- [ ] Virksomhedens godkendelse og vilkår er gennemgået før besøget\n"
                "- [ ] Opbevaring af olie og kemikalier er kontrolleret\n"
                "- [ ] Affaldshåndtering og dokumentation er kontrolleret\n"
                "- [ ] Egenkontrol og journaler er set\n"
                "- [ ] Håndhævelse er aftalt og noteret\n",
                "Første udgave.",
            )
        ],
        "read": [],
        "acknowledged": [],
        "review_in_days": 330,
    },
    {
        "code": "KP-08",
        "level": "core",
        "kind": "process",
        "title": "Partshøring og afgørelse",
        "unit": "NM",
        "visibility": "public",
        "versions": [
            (
                _procedure(
                    "At partshøring og afgørelser på natur- og miljøområdet lever op til "
                    "forvaltningsloven.",
                    "Alle afgørelser i Natur og Miljø.",
                    [
                        "Parter høres over oplysninger, de ikke kender, med en frist på 14 dage.",
                        "Afgørelsen begrundes og henviser til de relevante regler.",
                        "Klagevejledningen følger skabelonen i SP-05.",
                    ],
                    "Sagsbehandleren; lederen ved tvivl.",
                    "Forvaltningsloven §§ 19, 22–25.",
                ),
                "Første udgave.",
            )
        ],
        "read": [("", "NM")],
        "acknowledged": ["netvaerk@norreby.example"],
        "review_in_days": 180,
    },
    {
        "code": "SP-01",
        "level": "support",
        "kind": "procedure",
        "title": "Dokumentstyring",
        "unit": "KU",
        "visibility": "public",
        "versions": [
            (
                _procedure(
                    "At kvalitetshåndbogens dokumenter altid er gældende, godkendte og kendte.",
                    "Alle dokumenter i kvalitetshåndbogen.",
                    [
                        "Ændringer skrives som et udkast med en kort ændringsbeskrivelse.",
                        "Udkastet sendes til gennemsyn og godkendes af en leder, der ikke har "
                        "skrevet det.",
                        "Godkendte dokumenter offentliggøres med en ikrafttrædelsesdato; den "
                        "tidligere udgave bortfalder samme dag.",
                        "Dokumenter gennemgås mindst hvert år.",
                        "Medarbejdere bekræfter, at de har læst nye udgaver.",
                    ],
                    "Dokumentets ejer; kvalitetskoordinatoren fører tilsyn.",
                ),
                "Første udgave.",
            )
        ],
        "read": [("network_member", None), ("manager", None)],
        "acknowledged": ["netvaerk@norreby.example"],
        "review_in_days": 100,
    },
    {
        "code": "SP-02",
        "level": "support",
        "kind": "procedure",
        "title": "Kompetencestyring",
        "unit": "KU",
        "visibility": "internal",
        "versions": [
            (
                _procedure(
                    "At medarbejderne har de kompetencer, sagsbehandlingen kræver.",
                    "Alle medarbejdere i Natur og Miljø.",
                    [
                        "Lederen fastlægger kompetencekrav for hver opgave.",
                        "Kompetencer drøftes ved den årlige medarbejderudviklingssamtale.",
                        "Nye medarbejdere følger en introduktionsplan.",
                        "Uddannelse registreres med dokumentation.",
                    ],
                    "Lederen af enheden.",
                ),
                "Første udgave.",
            )
        ],
        "read": [("manager", None)],
        "acknowledged": [],
        "review_in_days": 60,
    },
    {
        "code": "SP-03",
        "level": "support",
        "kind": "procedure",
        "title": "Afvigelser, klager og forbedringer",
        "unit": "KU",
        "visibility": "public",
        "versions": [
            (
                _procedure(
                    "At fejl og klager fører til forbedringer.",
                    "Afvigelser fra procedurerne, klager og forslag fra borgere og medarbejdere.",
                    [
                        "Afvigelsen eller klagen registreres.",
                        "Årsagen undersøges.",
                        "Der besluttes en korrigerende handling med ansvarlig og frist.",
                        "Virkningen følges op.",
                    ],
                    "Den enhed, afvigelsen vedrører; kvalitetskoordinatoren følger op.",
                ),
                "Første udgave.",
            ),
            (
                _procedure(
                    "At fejl, klager og forslag fører til forbedringer, og at vi lærer på "
                    "tværs af enhederne.",
                    "Afvigelser fra procedurerne, klager og forslag fra borgere og "
                    "medarbejdere, også fund fra intern og ekstern audit.",
                    [
                        "Afvigelsen, klagen eller forslaget registreres i kvalitetssystemet.",
                        "Årsagen undersøges, og alvoren vurderes.",
                        "Der besluttes en korrigerende handling med ansvarlig og frist.",
                        "Virkningen følges op, og sagen lukkes først, når den er effektiv.",
                        "Kvalitetsnetværket drøfter tendenser hvert kvartal.",
                    ],
                    "Den enhed, afvigelsen vedrører; kvalitetskoordinatoren følger op.",
                ),
                "Auditfund og kvartalsvis drøftelse i kvalitetsnetværket.",
            ),
        ],
        "read": [("", "NM")],
        "acknowledged": [],
        "review_in_days": 280,
    },
    {
        "code": "SP-04",
        "level": "support",
        "kind": "procedure",
        "title": "Intern audit",
        "unit": "KU",
        "visibility": "internal",
        "versions": [
            (
                _procedure(
                    "At kontrollere, at procedurerne følges og virker.",
                    "Alle procedurer i kvalitetshåndbogen, mindst hvert tredje år.",
                    [
                        "Kvalitetskoordinatoren lægger en auditplan for året.",
                        "Auditorer må ikke auditere eget arbejde.",
                        "Fund registreres som afvigelser efter SP-03.",
                    ],
                    "Kvalitetskoordinatoren.",
                ),
                "Første udgave.",
            )
        ],
        "read": [],
        "acknowledged": [],
        "review_in_days": 10,
    },
    {
        "code": "SP-05",
        "level": "support",
        "kind": "template",
        "title": "Skabelon for procedurer og klagevejledning",
        "unit": "KU",
        "visibility": "internal",
        "versions": [
            (
                "## Skabelon\n\nEn procedure har afsnittene *Formål*, *Omfang*, *Ansvar*, "
                "*Fremgangsmåde* og *Henvisninger*.\n\n## Klagevejledning\n\nAfgørelsen kan "
                "påklages til Miljø- og Fødevareklagenævnet inden 4 uger fra offentliggørelsen.\n",
                "Første udgave.",
            )
        ],
        "read": [],
        "acknowledged": [],
        "review_in_days": 365,
    },
]
