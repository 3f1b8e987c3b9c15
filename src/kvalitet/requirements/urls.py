"""Staff pages of this area, under /o/<org_slug>/requirements/."""

from django.urls import path

from kvalitet.requirements import views

app_name = "requirements"
urlpatterns = [
    path("", views.set_list, name="list"),
    path("new/", views.set_create, name="set_create"),
    path("<int:requirement_set_id>/", views.set_detail, name="set"),
    path("<int:requirement_set_id>/new-version/", views.set_new_version, name="set_new_version"),
    path(
        "<int:requirement_set_id>/requirements/new/",
        views.requirement_create,
        name="requirement_create",
    ),
    path("<int:requirement_set_id>/rounds/new/", views.round_create, name="round_create"),
    path("<int:requirement_set_id>/units/<int:unit_id>/", views.unit_history, name="unit_history"),
    path("requirement/<int:requirement_id>/", views.requirement_detail, name="requirement"),
    path("requirement/<int:requirement_id>/edit/", views.requirement_edit, name="requirement_edit"),
    path("rounds/<int:assessment_round_id>/", views.round_detail, name="round"),
    path("rounds/<int:assessment_round_id>/close/", views.round_close, name="round_close"),
    path("rounds/<int:assessment_round_id>/matrix.xlsx", views.round_xlsx, name="round_xlsx"),
    path(
        "rounds/<int:assessment_round_id>/units/<int:unit_id>/",
        views.round_unit,
        name="round_unit",
    ),
    path("assessments/<int:assessment_id>/", views.assessment_detail, name="assessment"),
    path(
        "evidence/<int:assessment_evidence_id>/file/",
        views.evidence_file,
        name="evidence_file",
    ),
]
