"""Full-text search of the handbook: the one function behind the staff search page, the portal
search and the API.

PostgreSQL: the table `documents_search` holds a tsvector per version (code and title weighted A,
text weighted B) built with the text search configuration of its document's language (`danish`,
`swedish`, `english`), with a GIN index on (organisation, vector); matching with
`websearch_to_tsquery`, ranked by `ts_rank`, with `ts_headline` snippets. SQLite: an FTS5 table
of the same name (rowid = version id), ranked by bm25, `snippet()` for highlights; Danish and
Swedish inflections are met by cutting common endings off each word and searching the stem as a
prefix ("tilladelsen" → tilladels*).

What is searched is decided before any matching: the staff search takes the versions the person
may see (through `kvalitet.access`), the portal search only published versions of public
documents. Highlights are marked with control characters and escaped before `<mark>` is added, so
nothing in a document's text or title can become markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connection
from django.db.models import Case, QuerySet, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kvalitet import access

CONFIGS = {"da": "danish", "sv": "swedish", "en": "english"}
START, STOP = "\x02", "\x03"
MAX_QUERY_LENGTH = 200
PAGE_SIZE = 20

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


def _searchable() -> list[str]:
    """The states a search may return (staff: all of them; the portal: published)."""
    from kvalitet.documents.models import OPEN, Status

    return [Status.PUBLISHED, *OPEN]


def index_versions(versions) -> None:
    """Keep the search data of `versions` current: call after any change to their text, title or
    state. Only the versions a search may return are kept (not superseded or withdrawn ones), so
    a common word's matches are read from a third as many rows."""

    versions = list(versions)
    if not versions:
        return
    ids = [v.pk for v in versions]
    if _is_postgres():
        # One statement for all: the configuration follows each document's language.
        cases = " ".join(f"WHEN '{code}' THEN '{config}'" for code, config in CONFIGS.items())
        config = f"(CASE d.language {cases} ELSE 'simple' END)::regconfig"
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM documents_search AS s USING documents_documentversion AS v "
                "WHERE s.version_id = v.id AND v.id = ANY(%s) AND NOT v.status = ANY(%s)",
                [ids, _searchable()],
            )
            cursor.execute(
                "INSERT INTO documents_search (version_id, organisation_id, vector) "  # noqa: S608
                "SELECT v.id, v.organisation_id, "
                f"setweight(to_tsvector({config}, d.code || ' ' || d.title), 'A') || "
                f"setweight(to_tsvector({config}, v.body), 'B') "
                "FROM documents_documentversion AS v "
                "JOIN documents_document AS d ON d.id = v.document_id "
                "WHERE v.id = ANY(%s) AND v.status = ANY(%s) "
                "ON CONFLICT (version_id) DO UPDATE SET vector = EXCLUDED.vector",
                [ids, _searchable()],
            )
    elif connection.vendor == "sqlite":
        from kvalitet.documents.rendering import plain_text

        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM documents_search WHERE rowid = %s", [(pk,) for pk in ids]
            )
            cursor.executemany(
                "INSERT INTO documents_search (rowid, title, body) VALUES (%s, %s, %s)",
                [
                    (v.pk, f"{v.document.code} {v.document.title}", plain_text(v.body))
                    for v in versions
                    if v.status in _searchable()
                ],
            )


# ---- what may be searched -----------------------------------------------------------------


@dataclass(frozen=True)
class Candidates:
    """The versions a search may return, all of one organisation."""

    organisation_id: int
    versions: QuerySet


def staff_candidates(scope: access.Scope) -> Candidates:
    """What a member may find: the current and open versions of the documents they may see."""
    from kvalitet.documents import selectors
    from kvalitet.documents.models import OPEN, Status

    versions = selectors.versions_visible(scope).filter(status__in=[Status.PUBLISHED, *OPEN])
    return Candidates(organisation_id=scope.organisation.pk, versions=versions)


def portal_candidates(organisation) -> Candidates:
    """What a citizen may find: published versions of public documents, nothing else."""
    from kvalitet.documents.models import DocumentVersion, Status, Visibility

    versions = DocumentVersion.objects.filter(
        organisation=organisation,
        status=Status.PUBLISHED,
        document__visibility=Visibility.PUBLIC,
    )
    return Candidates(organisation_id=organisation.pk, versions=versions)


# ---- the search ---------------------------------------------------------------------------


def search(
    candidates: Candidates, text: str, *, limit: int = PAGE_SIZE, offset: int = 0
) -> Results:
    """Search `candidates` (from staff_candidates or portal_candidates: what may be seen)."""
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


def _search_postgres(candidates: Candidates, text: str, *, limit: int, offset: int) -> Results:
    versions = candidates.versions
    allowed_sql, allowed_params = versions.order_by().values("pk").query.sql_with_params()
    # The words as a query in every configuration, ORed into one tsquery: one probe of the
    # index. A version is indexed in its own language, so another language's form of a word
    # only matches where that very lexeme occurs.
    query = " || ".join("websearch_to_tsquery(%s::regconfig, %s)" for _ in CONFIGS)
    query_params = [value for config in CONFIGS.values() for value in (config, text)]
    # The organisation condition keeps the GIN index (organisation, vector) within one
    # organisation; the matches are ranked and counted (a window count) in one pass over the
    # narrow search table, and only the page's versions are read afterwards.
    matches = (
        f"FROM documents_search AS s, (SELECT {query} AS query) AS q "
        # (bigint as the column: btree_gin has no operator across integer types)
        "WHERE s.organisation_id = %s::bigint AND s.vector @@ q.query "
        f"AND s.version_id IN ({allowed_sql})"
    )
    params = [*query_params, candidates.organisation_id, *allowed_params]
    page = (
        "SELECT version_id, rank, count(*) OVER () FROM ("  # noqa: S608
        f"SELECT s.version_id, ts_rank(s.vector, q.query) AS rank {matches}"
        # OFFSET 0 keeps the ranking inside: else the window would hold every vector.
        " OFFSET 0) AS matched ORDER BY rank DESC, version_id DESC LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        # Only our own SQL and the ORM's; every value is a parameter.
        cursor.execute(page, [*params, limit, offset])
        rows = cursor.fetchall()
        if not rows:
            if offset:  # past the last page: the count without the ranking
                cursor.execute(f"SELECT count(*) {matches}", params)
                return Results(query=text, hits=[], total=cursor.fetchone()[0])
            return Results(query=text, hits=[], total=0)
    headline = _by_language(
        lambda config: SearchHeadline(
            "body",
            SearchQuery(text, config=config, search_type="websearch"),
            config=config,
            start_sel=START,
            stop_sel=STOP,
            max_words=30,
            min_words=12,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
    )
    by_id = (
        versions.model.objects.filter(pk__in=[row[0] for row in rows])
        .annotate(headline=headline)
        .select_related("document", "document__owner_unit")
        .in_bulk()
    )
    hits = [
        Hit(version=by_id[pk], rank=float(rank), snippet=_highlight(by_id[pk].headline))
        for pk, rank, _total in rows
        if pk in by_id
    ]
    return Results(query=text, hits=hits, total=rows[0][2])


def _search_sqlite(candidates: Candidates, text: str, *, limit: int, offset: int) -> Results:
    versions = candidates.versions
    languages = sorted(set(versions.values_list("document__language", flat=True).distinct()))
    terms = " OR ".join(f"({fts5_query(text, code)})" for code in languages or ["en"])
    allowed_sql, allowed_params = versions.values("pk").query.sql_with_params()
    where = f"documents_search MATCH %s AND rowid IN ({allowed_sql})"
    params = [terms, *allowed_params]
    with connection.cursor() as cursor:
        # `where` holds only our own SQL and the ORM's; every value is a parameter.
        cursor.execute(f"SELECT COUNT(*) FROM documents_search WHERE {where}", params)  # noqa: S608
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
    chosen = versions.model.objects.select_related("document", "document__owner_unit")
    by_id = chosen.in_bulk([row[0] for row in rows])
    hits = [
        Hit(version=by_id[pk], rank=-float(score), snippet=_highlight(snippet))
        for pk, score, snippet in rows
        if pk in by_id
    ]
    return Results(query=text, hits=hits, total=total)
