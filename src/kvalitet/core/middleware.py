"""Resolves the organisation from the address and picks the language and time zone for the request.

Language: the person's own setting, else an explicit choice in the language cookie, else the
organisation's language, else the browser's (Accept-Language).
"""

import zoneinfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import trans_real

from kvalitet.organisations.models import Organisation

SUPPORTED = {code for code, _name in settings.LANGUAGES}


class TenantLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = None
        # Chosen again in process_view once the address names an organisation; this first choice
        # is for answers where no view runs, such as the 404 page for an unknown address.
        request.LANGUAGE_CODE = self._language(request, None)
        translation.activate(request.LANGUAGE_CODE)
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        # One address answers a whole page or, to htmx, a fragment: caches must keep them apart.
        patch_vary_headers(response, ["Accept-Language", "Cookie", "HX-Request"])
        translation.deactivate()
        timezone.deactivate()
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.get("org_slug")
        organisation = None
        if slug:
            organisation = Organisation.objects.filter(slug=slug).first()
        request.organisation = organisation
        language = self._language(request, organisation)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        zone = organisation.time_zone if organisation else settings.TIME_ZONE
        timezone.activate(zoneinfo.ZoneInfo(zone))
        return None

    def _language(self, request, organisation: Organisation | None) -> str:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in SUPPORTED:
            return user.language
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if cookie in SUPPORTED:
            return cookie
        if organisation is not None and organisation.language in SUPPORTED:
            return organisation.language
        accepted = trans_real.get_language_from_request(request)
        return accepted if accepted in SUPPORTED else settings.LANGUAGE_CODE


# Features no page of kvalitet uses: the browser refuses them to us and to anything we embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class PermissionsPolicyMiddleware:
    """Adds a Permissions-Policy header that switches off powerful browser features."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
