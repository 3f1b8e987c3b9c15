"""Test settings: fast hashing, tasks run at once (mail: see conftest.queued_mail)."""

from kvalitet.settings import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
AXES_ENABLED = True
LOGGING = {"version": 1, "disable_existing_loggers": True}
FEEDBACK_DEMO_CASES = 40  # kvalitet demo loads 300 per municipality; tests need fewer
