"""Staff pages of the handbook, under /o/<org_slug>/handbook/."""

from django.urls import path

from kvalitet.documents import views_documents, views_handbooks, views_lists, views_versions

app_name = "documents"
urlpatterns = [
    path("", views_lists.handbook, name="handbook"),
    path("new/", views_documents.document_create, name="document_create"),
    path("handbooks/new/", views_handbooks.handbook_create, name="handbook_create"),
    path("handbooks/<int:handbook_id>/edit/", views_handbooks.handbook_edit, name="handbook_edit"),
    path("search/", views_lists.search_page, name="search"),
    path("to-read/", views_lists.to_read, name="to_read"),
    path("to-approve/", views_lists.to_approve, name="to_approve"),
    path("reviews/", views_lists.reviews_due, name="reviews_due"),
    path("<int:document_id>/", views_documents.document_detail, name="document"),
    path("<int:document_id>/edit/", views_documents.document_edit, name="document_edit"),
    path("<int:document_id>/review/", views_documents.document_review, name="document_review"),
    path("<int:document_id>/new-draft/", views_documents.document_new_draft, name="new_draft"),
    path("<int:document_id>/acknowledge/", views_documents.acknowledge, name="acknowledge"),
    path("<int:document_id>/compare/", views_documents.compare, name="compare"),
    path("versions/<int:version_id>/", views_versions.version_detail, name="version"),
    path("versions/<int:version_id>/edit/", views_versions.version_edit, name="version_edit"),
    path("versions/<int:version_id>/comment/", views_versions.version_comment, name="comment"),
    path(
        "versions/<int:version_id>/attachments/",
        views_versions.attachment_upload,
        name="attachment_upload",
    ),
    path("versions/<int:version_id>/pdf/", views_versions.version_pdf, name="version_pdf"),
    path(
        "attachments/<int:attachment_id>/",
        views_versions.attachment_download,
        name="attachment",
    ),
    path(
        "attachments/<int:attachment_id>/delete/",
        views_versions.attachment_delete,
        name="attachment_delete",
    ),
] + [
    path(
        f"versions/<int:version_id>/{action}/",
        views_versions.version_transition,
        {"action": action},
        name=f"version_{action}",
    )
    for action in views_versions.TRANSITIONS
]
