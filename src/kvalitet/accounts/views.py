"""Signing in, a person's own settings and their API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalitet.accounts import services
from kvalitet.accounts.forms import EmailAuthenticationForm, ProfileForm, TokenForm
from kvalitet.accounts.models import ApiToken
from kvalitet.core.errors import DomainError
from kvalitet.core.forms import submit


class SignInView(LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


@login_required
def profile(request):
    person = request.user
    form = ProfileForm(
        request.POST or None, initial={"full_name": person.full_name, "language": person.language}
    )
    outcome = submit(
        request,
        form,
        lambda data: services.person_update_profile(
            person=person, full_name=data["full_name"], language=data["language"]
        ),
    )
    if outcome.done:
        messages.success(request, _("Your settings were saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form}, status=outcome.status)


@login_required
def token_list(request):
    """A person's API tokens; the new secret is shown once, right after it is made."""
    form = TokenForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda data: services.api_token_create(person=request.user, name=data["name"]),
    )
    secret = outcome.result[1] if outcome.done else None
    if outcome.done:
        form = TokenForm()
    tokens = ApiToken.objects.filter(person=request.user)
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": tokens, "secret": secret},
        status=outcome.status,
    )


@login_required
@require_POST
def token_revoke(request, token_id):
    token = get_object_or_404(ApiToken, pk=token_id, person=request.user)
    try:
        services.api_token_revoke(token=token, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        tokens = ApiToken.objects.filter(person=request.user)
        return render(
            request,
            "accounts/tokens.html",
            {"form": TokenForm(), "tokens": tokens, "secret": None},
            status=error.status,
        )
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:tokens")
