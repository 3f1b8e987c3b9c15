"""Staff pages of this area, under /o/<org_slug>/."""

app_name = "requirements"
urlpatterns: list = []
