"""Public portal pages of the handbook, under /p/<org_slug>/handbook/."""

from django.urls import path

from kvalitet.documents import views_portal as views

app_name = "documents_portal"
urlpatterns = [
    path("", views.portal_handbook, name="handbook"),
    path("search/", views.portal_search, name="search"),
    path("<int:document_id>/", views.portal_document, name="document"),
    path("<int:document_id>/print/", views.portal_print, name="print"),
    path("<int:document_id>/pdf/", views.portal_pdf, name="pdf"),
]
