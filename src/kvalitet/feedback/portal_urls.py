"""Public portal pages of this area, under /p/<org_slug>/feedback/."""

from django.urls import path

from kvalitet.feedback import views_public

app_name = "feedback_portal"
urlpatterns = [
    path("", views_public.feedback_form, name="form"),
    path("challenge/", views_public.challenge, name="challenge"),
    path("received/<str:token>/", views_public.receipt, name="receipt"),
    path("status/<str:token>/", views_public.status, name="status"),
    path("statistics/", views_public.summary, name="summary"),
]
