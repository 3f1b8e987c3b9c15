"""Open311 GeoReport v2 for feedback, under /open311/v2/<org_slug>/."""

from django.urls import path

from kvalitet.feedback import views_open311

app_name = "open311"
urlpatterns = [
    path("services.json", views_open311.services_list, name="services"),
    path("requests.json", views_open311.requests_list, name="requests"),
    path("requests/<str:reference>.json", views_open311.request_detail, name="request"),
]
