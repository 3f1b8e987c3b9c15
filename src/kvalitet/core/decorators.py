"""View decorators for staff pages under /o/<org_slug>/: sign-in, membership, the access scope."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from kvalitet import access


def member_required(view):
    """Require a signed-in member of the organisation in the address; sets `request.scope`.

    A person who is not a member gets 404, as if the organisation did not exist.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        organisation = getattr(request, "organisation", None)
        if organisation is None:
            raise Http404
        scope = access.scope_for(request.user, organisation)
        if not scope.is_member:
            raise Http404
        request.scope = scope
        return view(request, *args, **kwargs)

    wrapped.member_required = True  # type: ignore[attr-defined]
    return wrapped


def roles_required(*roles: str):
    """Like member_required, and the person must hold one of `roles` (others get 404)."""

    def decorator(view):
        @member_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.scope.has_role(*roles):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
