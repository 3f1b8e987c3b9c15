"""The handbook's staff lists in pages: all documents (levels with counts, filters, paging),
reviews due (most overdue first) and documents to read; access and bad filter values."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from kvalitet.documents.models import Document, DocumentVersion, Handbook, ReadRequirement, Status
from kvalitet.documents.views_lists import PAGE_SIZE
from kvalitet.organisations.models import Unit


def _get(client, name, **params):
    url = reverse(f"documents:{name}", kwargs={"org_slug": "norreby"})
    return client.get(url, params)


@pytest.fixture
def english(client_for):
    def make(person):
        client = client_for(person)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


def _codes(response) -> list[str]:
    return [d.code for d in response.context["page"].object_list]


# ---- the handbook list ----------------------------------------------------------------------


def test_the_handbook_shows_levels_with_counts_and_50_documents_a_page(
    english, coordinator, add_documents
):
    add_documents(60, level="core", prefix="ZC")
    client = english(coordinator)
    response = _get(client, "handbook")
    html = response.content.decode()
    levels = {link["value"]: link["count"] for link in response.context["levels"]}
    # The demo's 16 documents (3 management, 8 core, 5 support) and the 60 new core ones.
    assert levels == {"": 76, "management": 3, "core": 68, "support": 5}
    assert 'Core processes</a> <span class="kv-muted">(68)</span>' in html
    first = _codes(response)
    assert len(first) == PAGE_SIZE
    # Management first (the order people know), then core, each by code.
    assert first[:4] == ["LP-01", "LP-02", "LP-03", "KP-01"]
    assert "Page 1 of 2" in html
    assert "76 documents" in html
    assert html.index("Management processes</h2>") < html.index("Core processes</h2>")
    second = _codes(_get(client, "handbook", page=2))
    assert len(second) == 26
    assert not set(first) & set(second)
    assert second[-5:] == ["SP-01", "SP-02", "SP-03", "SP-04", "SP-05"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        pytest.param({"q": "kp-0"}, {f"KP-0{i}" for i in range(1, 9)}, id="code"),
        pytest.param({"q": "listet dokument 2"}, {"Z-002"}, id="title"),
        pytest.param({"level": "management"}, {"LP-01", "LP-02", "LP-03"}, id="level"),
        pytest.param({"kind": "checklist"}, {"KP-07", "Z-001", "Z-002"}, id="kind"),
        pytest.param({"state": "not_in_force"}, {"Y-001"}, id="not-in-force"),
        pytest.param({"q": "KP", "kind": "instruction"}, {"KP-06"}, id="two-filters"),
        pytest.param({"q": "intet-her"}, set(), id="nothing"),
    ],
)
def test_each_filter_narrows_the_list(english, coordinator, add_documents, params, expected):
    add_documents(2, kind="checklist")
    add_documents(1, prefix="Y", published=False)
    response = _get(english(coordinator), "handbook", **params)
    assert response.status_code == 200
    assert set(_codes(response)) == expected
    assert response.context["page"].paginator.count == len(expected)
    if not expected:
        assert "No documents match." in response.content.decode()


def test_the_owner_unit_filter_takes_the_units_below(english, coordinator, norreby):
    division = Unit.objects.get(organisation=norreby, code="NM")
    response = _get(english(coordinator), "handbook", owner_unit=division.pk)
    # KP-08 is Natur og Miljø's own, the others belong to Miljøtilsyn and Natur og Vand below it.
    assert set(_codes(response)) == {f"KP-0{i}" for i in range(1, 9)}
    below = Unit.objects.get(organisation=norreby, code="NV")
    assert set(_codes(_get(english(coordinator), "handbook", owner_unit=below.pk))) == {
        "KP-02",
        "KP-03",
    }


def test_the_handbook_and_due_filters(english, coordinator, norreby, add_documents):
    other = Handbook.objects.create(organisation=norreby, name="Anden håndbog")
    add_documents(2, handbook=other, prefix="H")
    client = english(coordinator)
    assert set(_codes(_get(client, "handbook", handbook=other.pk))) == {"H-001", "H-002"}
    today = timezone.localdate()
    add_documents(1, prefix="D", review=today + datetime.timedelta(days=3))
    add_documents(1, prefix="L", review=today + datetime.timedelta(days=90))
    due = set(_codes(_get(client, "handbook", due="1", q="-001")))
    assert due == {"D-001"}


def test_being_revised_shows_only_drafts_the_person_may_see(
    english, coordinator, staff, norreby, make_document
):
    # A draft of a document owned by Byg og Plan: the coordinator sees it, the caseworker of
    # Miljøtilsyn does not even learn that it is being revised.
    make_document(code="BP-01", unit_code="BP", by=coordinator)
    mine = make_document(code="MT-01", unit_code="MT", by=coordinator)
    assert {"BP-01", "MT-01"} <= set(
        _codes(_get(english(coordinator), "handbook", state="being_revised"))
    )
    seen = set(_codes(_get(english(staff), "handbook", state="being_revised")))
    assert mine.code in seen
    assert "BP-01" not in seen


@pytest.mark.parametrize(
    "params",
    [
        {"level": "everything"},
        {"kind": "poem"},
        {"owner_unit": "abc"},
        {"owner_unit": "999999999"},
        {"owner_unit": "99999999999999999999999"},
        {"handbook": "x"},
        {"state": "lost"},
        {"q": "x" * 101},
    ],
    ids=lambda params: next(iter(params)),
)
def test_a_bad_filter_value_is_left_out_with_a_message(english, coordinator, params):
    response = _get(english(coordinator), "handbook", **{"level": "support", **params})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some filters were not understood and are left out" in html
    if "level" not in params:
        # The other filters still apply.
        assert set(_codes(response)) == {f"SP-0{i}" for i in range(1, 6)}


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999", "1e9", ""])
def test_a_bad_page_number_gives_a_page(english, coordinator, page):
    response = _get(english(coordinator), "handbook", page=page)
    assert response.status_code == 200
    assert len(_codes(response)) == 16


def test_another_organisations_person_gets_404_on_every_list(client_for, outsider):
    client = client_for(outsider)
    for name in ("handbook", "reviews_due", "to_read"):
        assert _get(client, name).status_code == 404, name


def test_htmx_gets_the_results_with_the_paging_links(english, coordinator, add_documents):
    add_documents(60)
    response = english(coordinator).get(
        reverse("documents:handbook", kwargs={"org_slug": "norreby"}),
        {"kind": "procedure", "page": "2"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert "<form" not in html.split('<div id="results">')[1].split("pagination")[0]
    # The links to other pages keep the filters and work without JavaScript too.
    assert 'href="?kind=procedure&amp;page=1"' in html
    assert 'hx-get="?kind=procedure&amp;page=1"' in html


def test_level_links_keep_the_other_filters(english, coordinator):
    response = _get(english(coordinator), "handbook", kind="policy", page="2")
    # The handbook's search box is not filled with the list's query string.
    assert 'id="handbook-search" name="q" value=""' in response.content.decode()
    management = response.context["levels"][1]
    assert management["query"] == "kind=policy&level=management"
    assert management["count"] == 2


# ---- reviews due ----------------------------------------------------------------------------


def test_reviews_due_in_pages_most_overdue_first(english, coordinator, add_documents):
    today = timezone.localdate()
    documents = add_documents(55, prefix="R", review=today - datetime.timedelta(days=400))
    for offset, document in enumerate(documents):
        document.next_review_date = today - datetime.timedelta(days=400 - offset)
    Document.objects.bulk_update(documents, ["next_review_date"])
    client = english(coordinator)
    first = _codes(_get(client, "reviews_due"))
    assert first == [f"R-{i:03d}" for i in range(1, 51)]
    second = _codes(_get(client, "reviews_due", page=2))
    assert second[:5] == [f"R-{i:03d}" for i in range(51, 56)]
    # Then the demo's own due documents, by date.
    assert second[5:] == ["KP-05", "LP-02", "SP-04", "KP-04", "KP-03"]
    html = _get(client, "reviews_due").content.decode()
    assert "60 documents, the most overdue first" in html
    assert "Page 1 of 2" in html


def test_reviews_due_lists_only_what_the_person_answers_for(
    english, manager, staff, norreby, add_documents
):
    today = timezone.localdate()
    bp = Unit.objects.get(organisation=norreby, code="BP")
    add_documents(1, prefix="BP", unit=bp, review=today)
    add_documents(1, prefix="OWN", unit=bp, review=today, owner=staff)
    # The manager of Natur og Miljø: the due documents of the units below, not Byg og Plan's.
    assert set(_codes(_get(english(manager), "reviews_due"))) == {"KP-03", "KP-04", "KP-05"}
    # A caseworker changes nothing: only the document they own themselves.
    assert _codes(_get(english(staff), "reviews_due")) == ["OWN-001"]


# ---- documents to read ----------------------------------------------------------------------


def test_documents_to_read_in_pages(english, staff, norreby, add_documents):
    documents = add_documents(53, prefix="T")
    ReadRequirement.objects.bulk_create(
        [ReadRequirement(organisation=norreby, document=d, role="staff") for d in documents]
    )
    client = english(staff)
    first = _get(client, "to_read")
    total = first.context["page"].paginator.count
    assert total >= 53  # and what the demo asks the caseworker to read
    assert len(_codes(first)) == PAGE_SIZE
    assert f"{total} documents to read" in first.content.decode()
    rest = _codes(_get(client, "to_read", page=2))
    assert len(rest) == total - PAGE_SIZE
    assert {d.code for d in documents} <= set(_codes(first)) | set(rest)


def test_documents_to_read_are_only_the_persons_own(english, manager, norreby, add_documents):
    documents = add_documents(3, prefix="T")
    ReadRequirement.objects.bulk_create(
        [ReadRequirement(organisation=norreby, document=d, role="staff") for d in documents]
    )
    listed = _codes(_get(english(manager), "to_read"))
    assert not [code for code in listed if code.startswith("T-")]


# ---- drafts to approve ----------------------------------------------------------------------


def test_drafts_to_approve_in_pages_longest_waiting_first(
    english, coordinator, network_member, staff, norreby, add_documents
):
    documents = add_documents(53, prefix="A", published=False)
    now = timezone.now()
    DocumentVersion.objects.bulk_create(
        [
            DocumentVersion(
                organisation=norreby,
                document=d,
                number=1,
                status=Status.IN_REVIEW,
                body="Tekst",
                author=network_member,
                updated_at=now - datetime.timedelta(days=100 - i),
            )
            for i, d in enumerate(documents)
        ]
    )
    client = english(coordinator)
    first = _get(client, "to_approve")
    codes = [v.document.code for v in first.context["page"].object_list]
    total = first.context["page"].paginator.count
    assert total >= 53
    assert codes[:3] == ["A-001", "A-002", "A-003"]
    assert len(codes) == PAGE_SIZE
    assert f"{total} drafts, the longest waiting first" in first.content.decode()
    rest = [v.document.code for v in _get(client, "to_approve", page=2).context["page"]]
    assert len(rest) == total - PAGE_SIZE
    # A caseworker approves nothing.
    assert "A-001" not in _get(english(staff), "to_approve").content.decode()
