"""Danish and Swedish words for generated text, most frequent first (weights fall with the rank).

Real words in several inflected forms ("tilladelse", "tilladelsen", "tilladelser"), so that the
stemming text search configurations and ranking get the work they get from real handbooks: a few
function words occur in every version, domain words in many, the tail in few.
"""


def split(text: str) -> list[str]:
    return text.split()


DANISH_COMMON = split("""
og i at det der til for af på med som er en et den de ikke skal kan har vi ved om eller
fra efter når under hvis så også alle hver være blive bliver sker denne dette disse sin sine
""")

DANISH_DOMAIN = split("""
sagen sag sager sagerne sagsbehandling sagsbehandlingen sagsbehandler sagsbehandleren
sagsbehandlere borger borgeren borgere borgerne borgernes ansøgning ansøgningen ansøgninger
tilladelse tilladelsen tilladelser tilladelserne afgørelse afgørelsen afgørelser klage klagen
klager klagerne høring høringen høringer frist fristen frister fristerne procedure proceduren
procedurer procedurerne miljøtilsyn miljøtilsynet tilsyn tilsynet virksomhed virksomheden
virksomheder virksomhederne kvalitet kvaliteten kvalitetsstyring kvalitetsstyringen
kvalitetshåndbog kvalitetshåndbogen dokument dokumentet dokumenter dokumenterne leder lederen
ledere medarbejder medarbejderen medarbejdere medarbejderne afdeling afdelingen afdelinger
forvaltning forvaltningen kommune kommunen kommunens journalisering journaliseringen
registrering registreringen kontrol kontrollen kontroller opfølgning opfølgningen mål målet
målene indikator indikatoren indikatorer handling handlingen handlinger plan planen planer
revision revisionen audit auditten afvigelse afvigelsen afvigelser forbedring forbedringen
forbedringer vurdering vurderingen vurderinger gennemgang gennemgangen godkendelse
godkendelsen godkendt godkendes ansvar ansvaret ansvarlig ansvarlige kompetence kompetencen
kompetencer uddannelse uddannelsen spildevand spildevandet jord jorden grundvand grundvandet
vandløb vandløbet natur naturen beskyttelse beskyttelsen husdyrbrug husdyrbruget byggeri
byggeriet byggesag byggesagen lokalplan lokalplanen dispensation dispensationen påbud påbuddet
forbud forbuddet indberetning indberetningen data oplysninger oplysningerne partshøring
partshøringen aktindsigt aktindsigten offentlighed offentligheden lovgivning lovgivningen
bekendtgørelse bekendtgørelsen vejledning vejledningen skema skemaet tjekliste tjeklisten
skabelon skabelonen proces processen processer arbejdsgang arbejdsgangen arbejdsgange
beskrivelse beskrivelsen ændring ændringen ændringer version versionen dato datoen
modtagelse modtagelsen kvittering kvitteringen svar svaret svarfrist svarfristen partens
parten parter klagevejledning klagevejledningen begrundelse begrundelsen ressourcer
prioritering prioriteringen risiko risikoen risikovurdering risikovurderingen
""")

DANISH_TAIL = split("""
affaldsregulativ olietank olietanken jordforurening jordforureningen vandindvinding
boringsnære beskyttelsesområder okkerpåvirkning vandplan vandplanen naturbeskyttelsesloven
habitatdirektivet bilag-iv-arter miljøgodkendelse miljøgodkendelsen støjklage støjklagen
lugtgener rottebekæmpelse rottebekæmpelsen skorstensfejning pejsebrænding spildevandstilladelse
nedsivningsanlæg nedsivningsanlægget minivådområde minivådområder vandløbsregulativ grødeskæring
gyllebeholder gyllebeholderen ammoniakdeposition kvælstofudledning fosforudledning
råstofindvinding grusgrav grusgraven strandbeskyttelseslinje skovbyggelinje sø-beskyttelseslinje
fredning fredningen fortidsminde kirkeomgivelser landzonetilladelse landzonetilladelsen
varsling varslingen håndhævelse håndhævelsen politianmeldelse tvangsbøder efterkontrol
stikprøvekontrol stikprøve stikprøver årsrapport årsrapporten ledelsens evaluering
certificeringsorgan certificeringsorganet overvågningsbesøg certifikat certifikatet
""")

SWEDISH_COMMON = split("""
och i att det som en ett den de inte ska kan har vi vid om eller från efter när under
om så också alla varje vara blir sker denna detta dessa sin sina på med till för av är
""")

SWEDISH_DOMAIN = split("""
ärende ärendet ärenden ärendena handläggning handläggningen handläggare handläggaren
kommuninvånare kommuninvånaren kommuninvånarna medborgare medborgaren ansökan ansökningar
tillstånd tillståndet beslut beslutet besluten klagomål klagomålet synpunkt synpunkten
synpunkter synpunkterna remiss remissen remisser tidsfrist tidsfristen rutin rutinen rutiner
rutinerna miljötillsyn tillsyn tillsynen verksamhet verksamheten verksamheter kvalitet
kvaliteten kvalitetsarbete kvalitetsarbetet kvalitetsdeklaration kvalitetsdeklarationen
handlingsplan handlingsplanen dokument dokumentet chef chefen chefer medarbetare medarbetaren
medarbetarna avdelning avdelningen avdelningar förvaltning förvaltningen förvaltningar kommun
kommunen kommunens diarieföring diarieföringen registrering registreringen kontroll
kontrollen uppföljning uppföljningen mål målet målen indikator indikatorn indikatorer åtgärd
åtgärden åtgärder åtgärderna plan planen planer revision revisionen avvikelse avvikelsen
avvikelser förbättring förbättringen förbättringar bedömning bedömningen genomgång
genomgången godkännande godkännandet godkänd godkänns ansvar ansvaret ansvarig ansvariga
kompetens kompetensen utbildning utbildningen nämnd nämnden nämnder skola skolan skolor
förskola förskolan omsorg omsorgen äldreomsorg äldreomsorgen hemtjänst hemtjänsten bistånd
biståndet socialtjänst socialtjänsten bygglov bygglovet detaljplan detaljplanen avlopp
avloppet dricksvatten dricksvattnet livsmedel livsmedelskontroll uppgifter uppgifterna
allmän handling offentlighet sekretess sekretessen lagstiftning föreskrift föreskriften
vägledning vägledningen blankett blanketten checklista checklistan mall mallen process
processen processer arbetssätt beskrivning beskrivningen ändring ändringen ändringar version
versionen datum mottagande bekräftelse bekräftelsen svar svaret svarstid svarstiden
bemötande bemötandet tillgänglighet tillgängligheten service servicen resurser prioritering
risk risken riskbedömning riskbedömningen
""")

SWEDISH_TAIL = split("""
enskilt avlopp slamtömning fettavskiljare köldmedier cisterner markföroreningar
förorenad mark strandskydd strandskyddsdispens naturreservat biotopskydd miljöbalken
tillsynstaxa taxebeslut föreläggande föreläggandet vite vitet överklagande överklagandet
förvaltningsrätten länsstyrelsen inspektionsrapport bullerklagomål luktstörning
radonmätning skadedjur hygienlokal serveringstillstånd alkohollagen tobakstillsyn
trängselskatt parkeringstillstånd färdtjänst färdtjänsten skolskjuts skolskjutsen
modersmål studiehandledning elevhälsa elevhälsan kränkande särbehandling lex sarah
lex maria avvikelserapport egenkontroll egenkontrollen verksamhetsberättelse
årsredovisning internkontroll internkontrollen certifieringsorgan certifikatet
""")

WORDS = {
    "da": DANISH_COMMON + DANISH_DOMAIN + DANISH_TAIL,
    "sv": SWEDISH_COMMON + SWEDISH_DOMAIN + SWEDISH_TAIL,
}

# Search queries of the benchmark per language: rare words, common words that match a large
# share of the versions, two-word queries and inflected forms (the stemmer must meet them).
QUERIES = {
    "da": [
        "grusgrav",
        "okkerpåvirkning",
        "minivådområder",
        "sagsbehandling",
        "borgerne",
        "procedure",
        "kvalitet",
        "klage frist",
        "tilladelsen",
        "afgørelserne",
        "miljøtilsyn virksomheder",
        "partshøring aktindsigt",
    ],
    "sv": [
        "slamtömning",
        "fettavskiljare",
        "strandskyddsdispens",
        "handläggning",
        "kommuninvånarna",
        "rutin",
        "kvalitet",
        "klagomål tidsfrist",
        "besluten",
        "avvikelserna",
        "miljötillsyn verksamheter",
        "sekretess handling",
    ],
}

DANISH_PLACES = split(
    "Nør Sønder Øster Vester Hol Ring Ska Fre Hjør Ran Vi Silke Hor Kol Sla Næst Svend Hel "
    "Ros Fa Hammel Od Lem Tøn Thi Brø Dra Gribs Ege Tår Lange Var Ny Gam Bjerre Løg Ry"
)
DANISH_ENDINGS = split("by borg bjerg lev sted købing rup strup holm have skov bro vig lund ager")
SWEDISH_PLACES = split(
    "Sol Berg Lind Ek Sjö Hög Norr Väster Öster Söder Ljung Björk Gran Sand Mal Kungs Ny Al "
    "Tran Torn Hall Lid Ed Mark Stor Lill Skog Sten Hassel Fal Ving Borg Säter Gull Vall"
)
SWEDISH_ENDINGS = split("vik by holm köping stad ås berga hamn sund dal fors näs löv ryd torp")

FIRST_NAMES = {
    "da": split(
        "Anne Mette Hanne Lone Karen Sofie Ida Emma Lars Jens Niels Peter Søren Mads Anders "
        "Jonas Frederik Birgitte Kirsten Poul Henrik Louise Camilla Rasmus Mikkel"
    ),
    "sv": split(
        "Anna Eva Maria Karin Sara Emma Elin Ida Lars Erik Anders Johan Karl Per Nils Olof "
        "Mikael Fredrik Johanna Linnea Maja Gustav Oskar Henrik Ingrid"
    ),
}
LAST_NAMES = {
    "da": split(
        "Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen "
        "Jørgensen Petersen Madsen Kristensen Olsen Thomsen Holm Lund Kvist Dahl Skov"
    ),
    "sv": split(
        "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson "
        "Gustafsson Pettersson Lindberg Lindström Berg Holm Ek Sandberg Lund Forsberg Åberg"
    ),
}

UNIT_NAMES = {
    "da": {
        "department": "Teknik og Miljø|Børn og Unge|Social og Sundhed|Kultur og Fritid|"
        "Borgerservice|Beskæftigelse|Økonomi og Personale|Ældre og Handicap|Skole|Byudvikling",
        "division": "Natur|Miljø|Byg|Plan|Vej og Park|Dagtilbud|Sundhed|Myndighed|Drift|"
        "Sekretariat|Jobcenter|Ydelser",
        "team": "Tilsyn|Vand|Jord|Affald|Sagsbehandling|Visitation|Rådgivning|Modtagelse|"
        "Kontrol|Udvikling",
    },
    "sv": {
        "department": "Kommunledningskontoret|Skolförvaltningen|Socialförvaltningen|"
        "Miljökontoret|Tekniska kontoret|Kultur och fritid|Samhällsbyggnad|"
        "Omsorgsförvaltningen|Arbetsmarknad|Servicekontoret",
        "division": "Miljö|Bygg|Plan|Gata och park|Förskola|Grundskola|Hälsa|"
        "Myndighetsutövning|Drift|Kansli|Bistånd|Ekonomi",
        "team": "Tillsyn|Vatten|Avlopp|Avfall|Handläggning|Biståndsbedömning|Rådgivning|"
        "Mottagning|Kontroll|Utveckling",
    },
}
