"""The start page, the health check and the error pages."""

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache

from kvalitet import access


@login_required
def home(request):
    """Send a person to their organisation, or let them choose when they belong to several."""
    organisations = list(access.organisations_of(request.user))
    if len(organisations) == 1:
        return redirect("organisations:start", org_slug=organisations[0].slug)
    return render(request, "core/choose_organisation.html", {"organisations": organisations})


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _wants_json(request) -> bool:
    return request.path.startswith("/api/")


def _error(request, status: int, template: str):
    if _wants_json(request):
        messages = {400: "Bad request.", 403: "Forbidden.", 404: "Not found.", 500: "Server error."}
        return JsonResponse({"detail": messages[status]}, status=status)
    return render(request, template, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, "errors/400.html")


def permission_denied(request, exception=None):
    return _error(request, 403, "errors/403.html")


def page_not_found(request, exception=None):
    return _error(request, 404, "errors/404.html")


def server_error(request):
    if _wants_json(request):
        return JsonResponse({"detail": "Server error."}, status=500)
    # No request context: whatever broke the page may break the context processors too.
    return HttpResponseServerError(loader.get_template("errors/500.html").render())
