"""Public portal pages of this area, under /p/<org_slug>/."""

app_name = "plans_portal"
urlpatterns: list = []
