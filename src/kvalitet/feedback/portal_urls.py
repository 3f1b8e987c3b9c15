"""Public portal pages of this area, under /p/<org_slug>/."""

app_name = "feedback_portal"
urlpatterns: list = []
