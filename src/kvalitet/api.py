"""The REST API at /api/v1/: django-ninja, personal tokens or the browser session, and the same
access rules as the pages (kvalitet.access)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError
from ninja.pagination import LimitOffsetPagination
from ninja.security import APIKeyCookie, HttpBearer

from kvalitet import access
from kvalitet.accounts.services import api_token_authenticate
from kvalitet.core.errors import DomainError
from kvalitet.organisations.models import Organisation


class TokenAuth(HttpBearer):
    openapi_description = "A personal API token, created under 'My settings → API tokens'."

    def authenticate(self, request, token):
        person = api_token_authenticate(token)
        if person is not None:
            request.user = person
        return person


class SessionAuth(APIKeyCookie):
    """The signed-in browser session (CSRF-checked), so pages can call the API with htmx."""

    param_name = "sessionid"

    def _get_key(self, request):
        # Without a session cookie there is no session to protect from CSRF: an integration with
        # a wrong or revoked token must hear 401 (the token), not 403 (CSRF check failed).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


api = NinjaAPI(
    title="kvalitet API",
    version="1",
    description="Quality management for municipalities. Every answer is limited to what the "
    "authenticated person may see; records of other organisations are 404.",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    docs_url=None,
)


class Pagination(LimitOffsetPagination):
    """limit/offset paging with bounds the databases can hold (422 beyond them, never a 500)."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500)
        offset: int = Field(0, ge=0, le=2**31 - 1)


def scope_for_request(request, org_slug: str) -> access.Scope:
    """The person's scope in the organisation; 404 when it is unknown or they are not a member."""
    organisation = Organisation.objects.filter(slug=org_slug).first()
    if organisation is None:
        raise Http404
    scope = access.scope_for(request.auth, organisation)
    if not scope.is_member:
        raise Http404
    return scope


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(
        request, {"detail": "Your role does not allow this change."}, status=403
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(
        request, {"detail": "Authentication required: a valid API token or session."}, status=401
    )


@api.exception_handler(OverflowError)
def number_out_of_range(request, exc):
    # An id, limit or offset beyond what the database can hold: no record can match it.
    return api.create_response(
        request, {"detail": "A number in the request is out of range."}, status=422
    )


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return api.create_response(request, {"detail": exc.message}, status=exc.status)


from kvalitet.documents.api import router as documents_router  # noqa: E402
from kvalitet.feedback.api import router as feedback_router  # noqa: E402
from kvalitet.organisations.api import router as organisations_router  # noqa: E402
from kvalitet.plans.api import router as plans_router  # noqa: E402
from kvalitet.requirements.api import router as requirements_router  # noqa: E402

api.add_router("", organisations_router)
api.add_router("", documents_router)
api.add_router("", plans_router)
api.add_router("", requirements_router)
api.add_router("", feedback_router)
