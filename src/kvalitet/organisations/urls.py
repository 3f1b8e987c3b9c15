from django.urls import path

from kvalitet.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.start, name="start"),
    path("units/", views.unit_list, name="units"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/<int:unit_id>/", views.unit_detail, name="unit"),
    path("units/<int:unit_id>/edit/", views.unit_edit, name="unit_edit"),
    path("people/", views.people_list, name="people"),
    path("people/<int:person_id>/", views.person_detail, name="person"),
    path("people/<int:person_id>/memberships/new/", views.membership_add, name="membership_add"),
    path("memberships/<int:membership_id>/end/", views.membership_end, name="membership_end"),
    path("settings/", views.organisation_settings, name="settings"),
    path("invitations/", views.invitation_list, name="invitations"),
]
