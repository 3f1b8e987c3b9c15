"""Test settings: fast hashing, mail in memory, tasks run at once."""

from kvalitet.settings import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
KVALITET_DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
AXES_ENABLED = True
LOGGING = {"version": 1, "disable_existing_loggers": True}
