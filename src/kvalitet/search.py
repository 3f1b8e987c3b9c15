"""Full-text search of the handbook: the one function behind the staff search page, the portal
search and the API.

PostgreSQL: each version stores a tsvector (code and title weighted A, text weighted B) built with
the text search configuration of its document's language (`danish`, `swedish`, `english`), with a
GIN index; matching with `websearch_to_tsquery` in that same configuration, ranked by `ts_rank`,
with `ts_headline` snippets. SQLite: an FTS5 table `documents_search` (rowid = version id), ranked
by bm25, `snippet()` for highlights; Danish and Swedish inflections are met by cutting common
endings off each word and searching the stem as a prefix ("tilladelsen" → tilladels*).

What is searched is decided before any matching: the staff search takes the versions the person
may see (through `kvalitet.access`), the portal search only published versions of public
documents. Highlights are marked with control characters and escaped before `<mark>` is added, so
nothing in a document's text or title can become markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, QuerySet, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kvalitet import access

CONFIGS = {"da": "danish", "sv": "swedish", "en": "english"}
START, STOP = "\x02", "\x03"
MAX_QUERY_LENGTH = 200
PAGE_SIZE = 20
# Matches are counted up to this many; beyond it the result says "more than".
MAX_COUNTED = 1000

# Endings cut off a word on SQLite before it is searched as a prefix, longest first.
ENDINGS = {
    "da": ("erne", "ende", "ene", "ers", "ets", "ens", "er", "en", "et", "es", "e", "s"),
    "sv": (
        "arna",
        "erna",
        "orna",
        "ande",
        "ende",
        "aste",
        "are",
        "ade",
        "ar",
        "er",
        "or",
        "en",
        "et",
        "na",
        "an",
        "a",
        "e",
        "s",
    ),
    "en": ("ing", "ies", "es", "ed", "s"),
}
MIN_STEM = 4
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    version: object  # DocumentVersion, with its document
    rank: float
    snippet: SafeString


@dataclass(frozen=True)
class Results:
    query: str
    hits: list[Hit]
    total: int
    more: bool = False  # there are more than `total` (= MAX_COUNTED) matches


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _highlight(text: str) -> SafeString:
    marked = escape(text or "").replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(marked)  # noqa: S308 - escaped just above, only <mark> added


def stem(word: str, language: str) -> str:
    """A crude stem: the word without its longest common ending, kept at least MIN_STEM long."""
    word = word.lower()
    for ending in ENDINGS.get(language, ENDINGS["en"]):
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def fts5_query(text: str, language: str) -> str:
    """An FTS5 query: every word (as a quoted prefix of its stem) must occur."""
    words = WORD.findall(text)
    return " AND ".join(f'"{stem(word, language)}"*' for word in words[:12])


# ---- keeping the index current -----------------------------------------------------------


def index_versions(versions) -> None:
    """Store the search data of `versions` (call after any change to their text or title)."""

    versions = list(versions)
    if not versions:
        return
    if _is_postgres():
        # One statement for all: the configuration follows each document's language.
        cases = " ".join(f"WHEN '{code}' THEN '{config}'" for code, config in CONFIGS.items())
        config = f"(CASE d.language {cases} ELSE 'simple' END)::regconfig"
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE documents_documentversion AS v SET search_vector = "  # noqa: S608
                f"setweight(to_tsvector({config}, d.code || ' ' || d.title), 'A') || "
                f"setweight(to_tsvector({config}, v.body), 'B') "
                "FROM documents_document AS d WHERE d.id = v.document_id AND v.id = ANY(%s)",
                [[v.pk for v in versions]],
            )
    elif connection.vendor == "sqlite":
        from kvalitet.documents.rendering import plain_text

        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM documents_search WHERE rowid = %s", [(v.pk,) for v in versions]
            )
            cursor.executemany(
                "INSERT INTO documents_search (rowid, title, body) VALUES (%s, %s, %s)",
                [
                    (v.pk, f"{v.document.code} {v.document.title}", plain_text(v.body))
                    for v in versions
                ],
            )


# ---- what may be searched -----------------------------------------------------------------


def staff_candidates(scope: access.Scope) -> QuerySet:
    """What a member may find: the current and open versions of the documents they may see."""
    from kvalitet.documents import selectors
    from kvalitet.documents.models import OPEN, Status

    return selectors.versions_visible(scope).filter(status__in=[Status.PUBLISHED, *OPEN])


def portal_candidates(organisation) -> QuerySet:
    """What a citizen may find: published versions of public documents, nothing else."""
    from kvalitet.documents.models import DocumentVersion, Status, Visibility

    return DocumentVersion.objects.filter(
        organisation=organisation,
        status=Status.PUBLISHED,
        document__visibility=Visibility.PUBLIC,
    )


# ---- the search ---------------------------------------------------------------------------


def search(candidates: QuerySet, text: str, *, limit: int = PAGE_SIZE, offset: int = 0) -> Results:
    """Search `candidates` (a DocumentVersion queryset already limited to what may be seen)."""
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    if not WORD.search(text):
        return Results(query=text, hits=[], total=0)
    if _is_postgres():
        return _search_postgres(candidates, text, limit=limit, offset=offset)
    return _search_sqlite(candidates, text, limit=limit, offset=offset)


def _by_language(make) -> Case:
    return Case(
        *[When(document__language=code, then=make(config)) for code, config in CONFIGS.items()],
        default=make("simple"),
    )


def _any_language_query(text: str) -> SearchQuery:
    """The words as a query in every configuration, ORed into one tsquery.

    One `search_vector @@ query` lets PostgreSQL probe the GIN index once, instead of once per
    language with a join to each version's document. A version is indexed in its own language,
    so the other languages' forms of the words only match if those very lexemes occur in it.
    """
    queries = [
        SearchQuery(text, config=config, search_type="websearch") for config in CONFIGS.values()
    ]
    combined = queries[0]
    for query in queries[1:]:
        combined = combined | query
    return combined


def _search_postgres(candidates: QuerySet, text: str, *, limit: int, offset: int) -> Results:
    query = _any_language_query(text)
    matched = candidates.filter(search_vector=query)
    # Counting every match of a common word costs as much as the search; past MAX_COUNTED the
    # page says "more than" (Results.more).
    total = matched.values("pk")[: MAX_COUNTED + 1].count()
    page = list(
        matched.annotate(
            rank=SearchRank(F("search_vector"), query),
            headline=_by_language(
                lambda c: SearchHeadline(
                    "body",
                    SearchQuery(text, config=c, search_type="websearch"),
                    config=c,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=30,
                    min_words=12,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            ),
        )
        .select_related("document", "document__owner_unit")
        .defer("search_vector")
        .order_by("-rank", "document__code", "-number")[offset : offset + limit]
    )
    hits = [Hit(version=v, rank=float(v.rank), snippet=_highlight(v.headline)) for v in page]
    return Results(query=text, hits=hits, total=min(total, MAX_COUNTED), more=total > MAX_COUNTED)


def _search_sqlite(candidates: QuerySet, text: str, *, limit: int, offset: int) -> Results:
    languages = sorted(set(candidates.values_list("document__language", flat=True).distinct()))
    terms = " OR ".join(f"({fts5_query(text, code)})" for code in languages or ["en"])
    allowed_sql, allowed_params = candidates.values("pk").query.sql_with_params()
    where = f"documents_search MATCH %s AND rowid IN ({allowed_sql})"
    params = [terms, *allowed_params]
    with connection.cursor() as cursor:
        # `where` holds only our own SQL and the ORM's; every value is a parameter.
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM documents_search WHERE {where} LIMIT %s)",  # noqa: S608
            [*params, MAX_COUNTED + 1],
        )
        total = cursor.fetchone()[0]
        if not total:
            return Results(query=text, hits=[], total=0)
        sql = (
            "SELECT rowid, bm25(documents_search, 10.0, 1.0), "  # noqa: S608
            f"snippet(documents_search, 1, '{START}', '{STOP}', ' … ', 24) "
            f"FROM documents_search WHERE {where} ORDER BY 2 LIMIT %s OFFSET %s"
        )
        cursor.execute(sql, [*params, limit, offset])
        rows = cursor.fetchall()
    versions = candidates.model.objects.select_related("document", "document__owner_unit")
    by_id = versions.defer("search_vector").in_bulk([row[0] for row in rows])
    hits = [
        Hit(version=by_id[pk], rank=-float(score), snippet=_highlight(snippet))
        for pk, score, snippet in rows
        if pk in by_id
    ]
    return Results(query=text, hits=hits, total=min(total, MAX_COUNTED), more=total > MAX_COUNTED)
