"""The demo data: every app's `demo.py` (`load()`), in INSTALLED_APPS order, so later areas add
their records to the organisations the first one made. Used by `kvalitet demo` and the tests."""

import importlib
import importlib.util

from django.apps import apps
from django.db import transaction


def load_all() -> list[tuple[str, str, str]]:
    """Load every app's demo data (idempotent); return the sign-ins (organisation, e-mail, role)."""
    logins: list[tuple[str, str, str]] = []
    with transaction.atomic():
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if importlib.util.find_spec(module_name) is None:
                continue
            logins.extend(importlib.import_module(module_name).load() or [])
    return logins
