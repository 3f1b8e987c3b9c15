"""Every list and detail page costs a fixed number of SQL queries, whether it shows 3 rows or 30.

The counts are for Nørreby's coordinator. Every page starts with the same four queries:
  1. the organisation from the address (TenantLocaleMiddleware)
  2. the session
  3. the signed-in person
  4. the person's active memberships in the organisation (access.scope_for)
"""

import pytest
from django.conf import settings
from django.urls import reverse

from kvalitet.accounts.models import Person
from kvalitet.organisations import services
from kvalitet.organisations.models import Membership, Role

SHELL = 4

# page name -> (number of queries, what the queries after the shell's four are)
PAGES = {
    "start": (
        SHELL + 8,
        "what waits for the coordinator, one count each: 5 open invitations; 6-8 handbook "
        "versions to read, to approve and reviews due; 9 follow-up rounds with late units; "
        "10-11 feedback cases near or over a deadline and failed mail; "
        "12 the coordinator's memberships with their units",
    ),
    "units": (SHELL + 1, "5 the visible units with their member counts (one aggregate)"),
    "people": (
        SHELL + 4,
        "5 the units for the filter form; 6 count for the paginator; 7 the page of people; "
        "8 their active memberships with units (one prefetch)",
    ),
    "unit": (
        SHELL + 3,
        "5 the unit with its parent; 6 its visible children; 7 its memberships with people",
    ),
    "person": (
        SHELL + 3,
        "5 the person (scoped get); 6 their memberships with units; 7 the units for the form",
    ),
    "activity": (
        SHELL + 2,
        "5 count for the paginator; 6 the page of entries with actors and content types "
        "(the 'who' filter is a person picker: no list of people)",
    ),
}


@pytest.fixture
def grown(norreby, coordinator, unit):
    """`n` more units below NM, `n` more people in NM, and `n` more roles for the coordinator."""

    def grow(n: int) -> None:
        for i in range(n):
            child = services.unit_insert(
                organisation=norreby,
                parent=unit,
                name=f"Team {i}",
                code=f"T{i}",
                kind="team",
                by=coordinator,
            )
            person = Person.objects.create_user(
                email=f"person{i}@norreby.example", password="x", full_name=f"Person {i}"
            )
            Membership.objects.create(
                organisation=norreby, person=person, unit=unit, role=Role.STAFF
            )
            Membership.objects.create(
                organisation=norreby, person=coordinator, unit=child, role=Role.MANAGER
            )

    return grow


def page_url(page: str, *, unit, coordinator) -> str:
    slug = {"org_slug": "norreby"}
    return {
        "start": reverse("organisations:start", kwargs=slug),
        "units": reverse("organisations:units", kwargs=slug),
        "people": reverse("organisations:people", kwargs=slug),
        "unit": reverse("organisations:unit", kwargs={**slug, "unit_id": unit.pk}),
        "person": reverse("organisations:person", kwargs={**slug, "person_id": coordinator.pk}),
        "activity": reverse("activity:list", kwargs=slug),
    }[page]


@pytest.mark.parametrize("n", [3, 30], ids=["3-rows", "30-rows"])
def test_pages_cost_a_fixed_number_of_queries(
    subtests, django_assert_num_queries, client_for, coordinator, unit, grown, n
):
    grown(n)
    client = client_for(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for page, (queries, _which) in PAGES.items():
        with subtests.test(page):
            url = page_url(page, unit=unit, coordinator=coordinator)
            # Warm the per-process caches (content types) so only the page's own queries count.
            warm = client.get(url)
            assert warm.status_code == 200

            with django_assert_num_queries(queries):
                response = client.get(url)

            assert response.status_code == 200
            # The rows really are on the page, so the count covers them.
            body = response.content.decode()
            if page in ("units", "unit", "activity"):
                assert f"Team {n - 1}" in body
            if page in ("people", "unit"):
                assert f"Person {n - 1}" in body
            if page in ("start", "person"):
                assert body.count("Manager") >= n
