"""Coordinators create and edit handbooks (page and API); nobody else may, another organisation
gets 404, bad input writes nothing, and the edit page costs the same at 3 and at 30 units."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from kvalitet.documents.models import Handbook
from kvalitet.organisations.models import Unit
from kvalitet.organisations.services import unit_insert

API = "/api/v1/organisations/{slug}/handbook/handbooks"


def _page(name: str, **kwargs) -> str:
    return reverse(f"documents:{name}", kwargs={"org_slug": "norreby", **kwargs})


def _edit(handbook) -> str:
    return _page("handbook_edit", handbook_id=handbook.pk)


def _snapshot(handbook) -> tuple:
    handbook.refresh_from_db()
    units = sorted(handbook.units.values_list("code", flat=True))
    return handbook.name, handbook.description, handbook.owner_id, units


# ---- the coordinator ---------------------------------------------------------------------


def test_the_coordinator_finds_new_and_edit_on_the_handbook_page(client_for, coordinator, handbook):
    page = client_for(coordinator).get(_page("handbook")).content.decode()
    assert _page("handbook_create") in page
    assert "New handbook" in page or "Ny håndbog" in page
    assert _edit(handbook) in page


def test_the_coordinator_creates_a_handbook_on_the_page(
    client_for, coordinator, manager, norreby, unit
):
    client = client_for(coordinator)
    form = client.get(_page("handbook_create")).content.decode()
    for field in ("name", "description", "owner", "units"):
        assert f'name="{field}"' in form
    response = client.post(
        _page("handbook_create"),
        {
            "name": "  Håndbog for Borgerservice ",
            "description": "Procedurer for skranken.",
            "owner": manager.email.upper(),
            "units": [unit.pk],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _page("handbook")
    created = Handbook.objects.get(organisation=norreby, name="Håndbog for Borgerservice")
    assert created.description == "Procedurer for skranken."
    assert created.owner == manager
    assert list(created.units.all()) == [unit]
    assert created.history.count() == 1
    assert created.history.get().history_user == coordinator
    page = client.get(_page("handbook")).content.decode()
    assert "Håndbog for Borgerservice" in page


def test_the_coordinator_edits_a_handbook_on_the_page(
    client_for, coordinator, network_member, handbook, norreby
):
    client = client_for(coordinator)
    handbook.owner = coordinator
    handbook.save(update_fields=["owner"])
    form = client.get(_edit(handbook)).content.decode()
    assert f'value="{handbook.name}"' in form
    # The owner is chosen by e-mail address, and the present one is shown.
    assert f'name="owner" value="{coordinator.email}"' in form
    citizens = Unit.objects.get(organisation=norreby, code="BS")
    response = client.post(
        _edit(handbook),
        {
            "name": "Kvalitetshåndbog 2027",
            "description": "Ny beskrivelse.",
            "owner": network_member.email,
            "units": [citizens.pk],
        },
    )
    assert response.status_code == 302
    assert _snapshot(handbook) == (
        "Kvalitetshåndbog 2027",
        "Ny beskrivelse.",
        network_member.pk,
        ["BS"],
    )
    assert handbook.history.latest().history_user == coordinator
    # Emptying the units means the whole organisation again.
    client.post(_edit(handbook), {"name": "Kvalitetshåndbog 2027", "owner": network_member.email})
    assert _snapshot(handbook)[3] == []


def test_the_coordinator_creates_and_patches_through_the_api(
    client_for, coordinator, manager, norreby, unit
):
    client = client_for(coordinator)
    created = client.post(
        API.format(slug="norreby"),
        {"name": "API-håndbog", "description": "Fra et andet system.", "unit_ids": [unit.pk]},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["name"] == "API-håndbog"
    assert body["description"] == "Fra et andet system."
    assert body["owner_id"] == coordinator.pk
    assert body["unit_ids"] == [unit.pk]
    assert body["document_count"] == 0
    handbook = Handbook.objects.get(pk=body["id"], organisation=norreby)

    patched = client.patch(
        f"{API.format(slug='norreby')}/{handbook.pk}",
        {"name": "API-håndbog 2", "owner_id": manager.pk},
        content_type="application/json",
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["name"] == "API-håndbog 2"
    assert patched.json()["owner_id"] == manager.pk
    # Fields not sent stay as they were.
    assert patched.json()["unit_ids"] == [unit.pk]
    assert _snapshot(handbook) == ("API-håndbog 2", "Fra et andet system.", manager.pk, ["NM"])

    cleared = client.patch(
        f"{API.format(slug='norreby')}/{handbook.pk}",
        {"unit_ids": [], "owner_id": None},
        content_type="application/json",
    )
    assert cleared.json()["unit_ids"] == []
    assert _snapshot(handbook) == ("API-håndbog 2", "Fra et andet system.", None, [])


# ---- others may not ----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["manager", "staff", "network_member"])
def test_others_of_the_organisation_get_403_and_nothing_changes(who, request, client_for, handbook):
    client = client_for(request.getfixturevalue(who))
    before, count = _snapshot(handbook), Handbook.objects.count()
    page = client.get(_page("handbook")).content.decode()
    assert _page("handbook_create") not in page
    assert _edit(handbook) not in page
    assert client.get(_page("handbook_create")).status_code == 403
    assert client.post(_page("handbook_create"), {"name": "Min egen"}).status_code == 403
    assert client.get(_edit(handbook)).status_code == 403
    assert client.post(_edit(handbook), {"name": "Overtaget"}).status_code == 403
    api = client.post(
        API.format(slug="norreby"), {"name": "Min egen"}, content_type="application/json"
    )
    assert api.status_code == 403
    assert api.json()["detail"] == "Your role does not allow this change."
    patch = client.patch(
        f"{API.format(slug='norreby')}/{handbook.pk}",
        {"name": "Overtaget"},
        content_type="application/json",
    )
    assert patch.status_code == 403
    assert Handbook.objects.count() == count
    assert _snapshot(handbook) == before


def test_another_organisations_coordinator_gets_404(client_for, outsider, handbook, solvik):
    client = client_for(outsider)
    before, count = _snapshot(handbook), Handbook.objects.count()
    assert client.get(_edit(handbook)).status_code == 404
    assert client.post(_edit(handbook), {"name": "Kapret"}).status_code == 404
    assert client.post(_page("handbook_create"), {"name": "Kapret"}).status_code == 404
    # Through their own organisation, Nørreby's handbook does not exist either.
    own = reverse(
        "documents:handbook_edit", kwargs={"org_slug": "solvik", "handbook_id": handbook.pk}
    )
    assert client.get(own).status_code == 404
    assert client.post(own, {"name": "Kapret"}).status_code == 404
    for slug in ("norreby", "solvik"):
        patch = client.patch(
            f"{API.format(slug=slug)}/{handbook.pk}",
            {"name": "Kapret"},
            content_type="application/json",
        )
        assert patch.status_code == 404
    created = client.post(
        API.format(slug="norreby"), {"name": "Kapret"}, content_type="application/json"
    )
    assert created.status_code == 404
    assert Handbook.objects.count() == count
    assert _snapshot(handbook) == before


# ---- bad input ---------------------------------------------------------------------------

REQUIRED = "This field is required."
NOBODY = "There is nobody here with that e-mail address who can be chosen."
SOME_OF = "Select a valid choice. %(value)s is not one of the available choices."
TOO_LONG = (
    "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
    "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
)
DUPLICATE = "A handbook with this name already exists."
FOREIGN_UNIT = "The unit belongs to another organisation."
NOT_A_MEMBER = "The owner must be a member of the organisation."
NO_NAME = "The handbook needs a name."


def _danish(message, **params) -> str:
    """The message as the Danish coordinator reads it."""
    with translation.override("da"):
        if isinstance(message, tuple):
            text = translation.ngettext(*message, params.get("limit_value", 1))
        else:
            text = translation.gettext(message)
    return text % params if params else text


@pytest.mark.parametrize(
    ("data", "message", "params"),
    [
        ({"name": ""}, REQUIRED, {}),
        ({"name": "x" * 201}, TOO_LONG, {"limit_value": 200, "show_value": 201}),
        ({"name": "Ny", "units": "FOREIGN"}, SOME_OF, {"value": "FOREIGN"}),
        ({"name": "Ny", "owner": "OUTSIDER"}, NOBODY, {}),
        ({"name": "Ny", "owner": "nobody@example.invalid"}, NOBODY, {}),
        ({"name": "Kvalitetshåndbog for natur og miljø"}, DUPLICATE, {}),
    ],
)
def test_bad_input_on_the_pages_writes_nothing(
    data, message, params, client_for, coordinator, outsider, handbook, solvik
):
    foreign = Unit.objects.filter(organisation=solvik).first()
    if "units" in data:
        data = {**data, "units": [foreign.pk]}
        params = {"value": foreign.pk}
    if data.get("owner") == "OUTSIDER":
        data = {**data, "owner": outsider.email}
    expected = escape(_danish(message, **params))
    client = client_for(coordinator)
    count, before = Handbook.objects.count(), _snapshot(handbook)
    created = client.post(_page("handbook_create"), data)
    assert created.status_code == (409 if message == DUPLICATE else 400)
    assert expected in created.content.decode()
    assert Handbook.objects.count() == count
    if data["name"] != handbook.name:  # editing a handbook to its own name is no duplicate
        edited = client.post(_edit(handbook), data)
        assert edited.status_code == 400
        assert expected in edited.content.decode()
    assert _snapshot(handbook) == before


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"name": ""}, 422, "String should have at least 1 character"),
        ({"name": "x" * 201}, 422, "String should have at most 200 characters"),
        ({"name": "   "}, 422, NO_NAME),
        ({"name": "Ny", "unit_ids": "FOREIGN"}, 422, FOREIGN_UNIT),
        ({"name": "Ny", "owner_id": "OUTSIDER"}, 422, NOT_A_MEMBER),
        ({"name": "Kvalitetshåndbog for natur og miljø"}, 409, DUPLICATE),
    ],
)
def test_bad_input_in_the_api_writes_nothing(
    data, status, message, client_for, coordinator, outsider, handbook, solvik
):
    foreign = Unit.objects.filter(organisation=solvik).first()
    if "unit_ids" in data:
        data = {**data, "unit_ids": [unit.pk for unit in handbook.units.all()] + [foreign.pk]}
    if "owner_id" in data:
        data = {**data, "owner_id": outsider.pk}
    client = client_for(coordinator)
    count, before = Handbook.objects.count(), _snapshot(handbook)
    responses = [client.post(API.format(slug="norreby"), data, content_type="application/json")]
    if data["name"] != handbook.name:
        responses.append(
            client.patch(
                f"{API.format(slug='norreby')}/{handbook.pk}", data, content_type="application/json"
            )
        )
    for response in responses:
        assert response.status_code == status, response.content
        detail = response.json()["detail"]
        if isinstance(detail, list):  # the schema's own checks
            assert message in {error["msg"] for error in detail}
        else:
            assert detail == _danish(message)
    assert Handbook.objects.count() == count
    assert _snapshot(handbook) == before


# ---- query count -------------------------------------------------------------------------

# The shell's four, the handbook, the units it covers, and the units and people to choose from.
EDIT_PAGE_QUERIES = 8


@pytest.mark.parametrize("n", [3, 30])
def test_the_edit_page_costs_the_same_at_3_and_30_units(
    n, client_for, coordinator, handbook, norreby, django_assert_max_num_queries
):
    top = Unit.objects.get(organisation=norreby, parent=None)
    made = [
        unit_insert(
            organisation=norreby,
            parent=top,
            name=f"Enhed {i}",
            code=f"E{i:03d}",
            kind="team",
            by=None,
        )
        for i in range(n)
    ]
    handbook.units.set(made)
    client = client_for(coordinator)
    with django_assert_max_num_queries(EDIT_PAGE_QUERIES):
        page = client.get(_edit(handbook))
    content = page.content.decode()
    assert content.count("selected") >= n
    assert f"E{n - 1:03d} Enhed {n - 1}" in content
