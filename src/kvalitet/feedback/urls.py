"""Staff pages of this area, under /o/<org_slug>/feedback/."""

from django.urls import path

from kvalitet.feedback import views_admin, views_cases, views_statistics

app_name = "feedback"
urlpatterns = [
    path("", views_cases.inbox, name="inbox"),
    path("new/", views_admin.intake, name="intake"),
    path("cases/<int:case_id>/", views_cases.case_detail, name="case"),
    path("cases/<int:case_id>/status/", views_cases.case_transition, name="case_transition"),
    path("cases/<int:case_id>/answer/", views_cases.case_answer, name="case_answer"),
    path("cases/<int:case_id>/close/", views_cases.case_close, name="case_close"),
    path("cases/<int:case_id>/notes/", views_cases.case_note, name="case_note"),
    path("cases/<int:case_id>/assign/", views_cases.case_assign, name="case_assign"),
    path("cases/<int:case_id>/share/", views_cases.case_share, name="case_share"),
    path(
        "attachments/<int:feedback_attachment_id>/",
        views_cases.attachment_download,
        name="attachment",
    ),
    path("statistics/", views_statistics.statistics, name="statistics"),
    path("statistics/pdf/", views_statistics.statistics_pdf, name="statistics_pdf"),
    path("setup/", views_admin.setup, name="setup"),
    path("setup/rules/new/", views_admin.rule_edit, name="rule_create"),
    path("setup/rules/<int:routing_rule_id>/", views_admin.rule_edit, name="rule_edit"),
    path("setup/rules/<int:routing_rule_id>/delete/", views_admin.rule_delete, name="rule_delete"),
    path("setup/topics/new/", views_admin.topic_edit, name="topic_create"),
    path("setup/topics/<int:feedback_topic_id>/", views_admin.topic_edit, name="topic_edit"),
    path("setup/closing-days/", views_admin.closing_day_add, name="closing_day_add"),
    path(
        "setup/closing-days/<int:closing_day_id>/delete/",
        views_admin.closing_day_delete,
        name="closing_day_delete",
    ),
    path("personal-data/", views_admin.person_data, name="person_data"),
    path("personal-data/erase/", views_admin.person_erase, name="person_erase"),
    path("mail/", views_admin.mail_failures, name="mail_failures"),
    path("mail/<int:case_mail_id>/retry/", views_admin.mail_retry, name="mail_retry"),
]
