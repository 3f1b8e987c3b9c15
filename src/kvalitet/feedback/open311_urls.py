"""Open311 GeoReport v2 for feedback, under /open311/v2/<org_slug>/."""

app_name = "open311"
urlpatterns: list = []
