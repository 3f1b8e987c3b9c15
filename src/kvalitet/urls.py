"""Addresses: staff pages under /o/<org_slug>/, the public portal under /p/<org_slug>/, the API."""

from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from kvalitet.api import api
from kvalitet.core import views as core_views
from kvalitet.organisations import views as organisation_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("kvalitet.accounts.urls")),
    path(
        "invitation/<str:token>/",
        organisation_views.invitation_accept,
        name="invitation_accept",
    ),
    path("api/v1/", api.urls),
    path("o/<slug:org_slug>/", include("kvalitet.organisations.urls")),
    path("o/<slug:org_slug>/activity/", include("kvalitet.activity.urls")),
    path("o/<slug:org_slug>/lookup/", include("kvalitet.core.lookup")),
    path("o/<slug:org_slug>/handbook/", include("kvalitet.documents.urls")),
    path("o/<slug:org_slug>/plans/", include("kvalitet.plans.urls")),
    path("o/<slug:org_slug>/requirements/", include("kvalitet.requirements.urls")),
    path("o/<slug:org_slug>/feedback/", include("kvalitet.feedback.urls")),
    path("p/<slug:org_slug>/", include("kvalitet.portal.urls")),
    path("p/<slug:org_slug>/handbook/", include("kvalitet.documents.portal_urls")),
    path("p/<slug:org_slug>/feedback/", include("kvalitet.feedback.portal_urls")),
    path("open311/v2/<slug:org_slug>/", include("kvalitet.feedback.open311_urls")),
]

handler400 = "kvalitet.core.views.bad_request"
handler403 = "kvalitet.core.views.permission_denied"
handler404 = "kvalitet.core.views.page_not_found"
handler500 = "kvalitet.core.views.server_error"
