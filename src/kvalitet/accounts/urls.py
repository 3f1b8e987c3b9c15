from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from kvalitet.accounts import views
from kvalitet.accounts.forms import StyledPasswordResetForm, StyledSetPasswordForm

app_name = "accounts"
urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=StyledPasswordResetForm,
            email_template_name="accounts/email/password_reset_body.txt",
            html_email_template_name="accounts/email/password_reset_body.html",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=StyledSetPasswordForm,
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("me/", views.profile, name="profile"),
    path("me/tokens/", views.token_list, name="tokens"),
    path("me/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
