"""Public portal pages of this area, under /p/<org_slug>/."""

app_name = "documents_portal"
urlpatterns: list = []
