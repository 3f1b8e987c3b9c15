"""What every page's shell needs: the organisation, the person's roles and the navigation."""

from kvalitet.core.navigation import navigation_for
from kvalitet.organisations.models import Role


def shell(request):
    scope = getattr(request, "scope", None)
    organisation = getattr(request, "organisation", None)
    if scope is None:
        return {"organisation": organisation, "shell": {}}
    labels = dict(Role.choices)
    return {
        "organisation": organisation,
        "scope": scope,
        "shell": {
            "navigation": navigation_for(scope, request.path),
            "role_labels": [labels[role] for role in sorted(scope.roles)],
        },
    }
