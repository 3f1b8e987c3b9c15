"""Staff pages of this area, under /o/<org_slug>/plans/."""

from django.urls import path

from kvalitet.plans import views, views_io, views_rounds

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="plan_create"),
    path("<int:plan_id>/", views.plan_detail, name="plan"),
    path("<int:plan_id>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:plan_id>/themes/new/", views.theme_create, name="theme_create"),
    path("<int:plan_id>/actions/new/", views.action_create, name="action_create"),
    path("<int:plan_id>/import/", views_io.plan_import, name="plan_import"),
    path("<int:plan_id>/export.xlsx", views_io.plan_xlsx, name="plan_xlsx"),
    path("<int:plan_id>/rounds/new/", views_rounds.round_create, name="round_create"),
    path("actions/<int:action_id>/", views.action_detail, name="action"),
    path("actions/<int:action_id>/edit/", views.action_edit, name="action_edit"),
    path("assignments/<int:assignment_id>/", views.assignment_detail, name="assignment"),
    path("evidence/<int:plan_evidence_id>/file/", views.evidence_file, name="evidence_file"),
    path("rounds/<int:followup_round_id>/", views_rounds.round_detail, name="round"),
    path("rounds/<int:followup_round_id>/close/", views_rounds.round_close, name="round_close"),
    path("rounds/<int:followup_round_id>/remind/", views_rounds.round_remind, name="round_remind"),
    path("rounds/<int:followup_round_id>/report/", views_io.round_report, name="round_report"),
    path(
        "rounds/<int:followup_round_id>/report.pdf",
        views_io.round_report_pdf,
        name="round_report_pdf",
    ),
    path(
        "rounds/<int:followup_round_id>/report.xlsx",
        views_io.round_report_xlsx,
        name="round_report_xlsx",
    ),
    path(
        "rounds/<int:followup_round_id>/matrix.xlsx",
        views_io.round_matrix_xlsx,
        name="round_matrix_xlsx",
    ),
    path(
        "rounds/<int:followup_round_id>/units/<int:unit_id>/xlsx/",
        views_io.unit_xlsx,
        name="unit_xlsx",
    ),
    path(
        "rounds/<int:followup_round_id>/units/<int:unit_id>/upload/",
        views_io.unit_upload,
        name="unit_upload",
    ),
    path("reports/<int:followup_report_id>/", views_rounds.report_edit, name="report"),
    path(
        "reports/<int:followup_report_id>/comment/",
        views_rounds.report_comment,
        name="report_comment",
    ),
]
