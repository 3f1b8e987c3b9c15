"""The public side: the feedback form, the receipt, the private status page, the summary.

The form's fields (with the organisation's topics) and the summary are cached fragments
(kvalitet.portal.cache); the receipt and the status page are one citizen's and never cached.
"""

import time

from axes.helpers import get_client_ip_address
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kvalitet import ratelimit
from kvalitet.core.errors import DomainError
from kvalitet.env import env_int
from kvalitet.feedback import antispam, selectors, services
from kvalitet.feedback.forms import PublicFeedbackForm
from kvalitet.feedback.models import Channel
from kvalitet.organisations.models import Organisation
from kvalitet.portal.cache import partials

# Per client address: this many submissions, refilled over this many seconds.
RATE_CAPACITY = env_int("FEEDBACK_RATE_CAPACITY", 10)
RATE_SECONDS = env_int("FEEDBACK_RATE_SECONDS", 600)
# Cases arrive all the time and no service announces each one: the summary may be this old.
SUMMARY_SECONDS = 5 * 60
# The form's topics may come from another process's short-lived copy of the organisation's
# settings (kvalitet.feedback.arrival), older than the portal version: keep its fragments briefly.
FORM_SECONDS = 60


def _organisation(request, org_slug) -> Organisation:
    return request.organisation or get_object_or_404(Organisation, slug=org_slug)


def _refuse(form, message: str) -> None:
    form.add_error(None, message)


@never_cache
def challenge(request, org_slug):
    return JsonResponse(antispam.challenge(timezone.now()))


def _check_bots(form, request, now: float) -> str | None:
    """The nonce of a valid proof-of-work, or None with the reason added to the form."""
    data = form.cleaned_data
    if data.get("website"):
        _refuse(
            form, _("The form was filled in automatically. Please leave the hidden field empty.")
        )
        return None
    elapsed = antispam.seconds_since(data.get("form_time", ""), now)
    if elapsed is None:
        _refuse(form, _("The form has expired. Please send it again."))
        return None
    if elapsed < antispam.MIN_SECONDS:
        _refuse(form, _("The form was sent too quickly. Please wait a moment and send it again."))
        return None
    nonce = antispam.verify(request.POST.get("altcha", ""))
    if nonce is None:
        _refuse(
            form,
            _("The check that you are not a robot did not succeed. Tick the box and send again."),
        )
    return nonce


def feedback_form(request, org_slug):
    organisation = _organisation(request, org_slug)
    now = time.time()
    status = 200
    if request.method == "POST":
        form = PublicFeedbackForm(request.POST, request.FILES, organisation=organisation)
        client = get_client_ip_address(request) or "unknown"
        if not ratelimit.allow(
            "feedback", client, capacity=RATE_CAPACITY, per_seconds=RATE_SECONDS
        ):
            form.is_valid()
            _refuse(
                form,
                _(
                    "We have received many messages from your connection in a short time. "
                    "Please wait a few minutes and send it again."
                ),
            )
            status = 429
        elif not form.is_valid():
            status = 400
        else:
            nonce = _check_bots(form, request, now)
            if nonce is None:
                status = 400
            else:
                data = form.cleaned_data
                try:
                    _case, token = services.case_receive(
                        organisation=organisation,
                        kind=data["kind"],
                        channel=Channel.WEB,
                        topic=data["topic"],
                        subject=data["subject"],
                        text=data["text"],
                        contact_name=data["contact_name"],
                        contact_email=data["contact_email"],
                        contact_phone=data["contact_phone"],
                        language=request.LANGUAGE_CODE,
                        attachments=data["attachments"],
                        challenge_nonce=nonce,
                    )
                except DomainError as error:
                    _refuse(form, error.message)
                    status = error.status
                else:
                    return redirect("feedback_portal:receipt", org_slug=org_slug, token=token)
        # A new time token, so a person correcting the form is not refused as "too fast".
        data = form.data.copy()
        data["form_time"] = antispam.form_time_token(now - antispam.MIN_SECONDS)
        form.data = data
    else:
        form = PublicFeedbackForm(
            organisation=organisation, initial={"form_time": antispam.form_time_token(now)}
        )
    # The unbound form's fields and the texts around them; a form with the citizen's input and
    # errors is rendered in full instead. The time token and the CSRF token are never cached.
    cached = partials(
        organisation,
        "feedback/public/form.html",
        ("intro", "fields"),
        page="form",
        seconds=FORM_SECONDS,
        context=lambda: {
            "organisation": organisation,
            "form": PublicFeedbackForm(organisation=organisation),
            "LANGUAGE_CODE": get_language(),
        },
    )
    return render(
        request,
        "feedback/public/form.html",
        {"organisation": organisation, "portal": True, "form": form, "fragments": cached},
        status=status,
    )


def receipt(request, org_slug, token):
    organisation = _organisation(request, org_slug)
    case = selectors.case_by_token(organisation, token)
    return render(
        request,
        "feedback/public/receipt.html",
        {"organisation": organisation, "portal": True, "case": case, "token": token},
    )


def status(request, org_slug, token):
    organisation = _organisation(request, org_slug)
    case = selectors.case_by_token(organisation, token)
    response = render(
        request,
        "feedback/public/status.html",
        {"organisation": organisation, "portal": True, "case": case},
    )
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def _summary_context(organisation: Organisation, today) -> dict:
    total, kinds, months = selectors.public_summary(organisation, today)
    return {"organisation": organisation, "total": total, "kinds": kinds, "months": months}


def summary(request, org_slug):
    organisation = _organisation(request, org_slug)
    today = timezone.localdate()
    cached = partials(
        organisation,
        "feedback/public/summary.html",
        ("content",),
        page="summary",
        record=today.isoformat(),
        context=lambda: _summary_context(organisation, today),
        seconds=SUMMARY_SECONDS,
    )
    return render(
        request,
        "feedback/public/summary.html",
        {"organisation": organisation, "portal": True, "fragments": cached},
    )
