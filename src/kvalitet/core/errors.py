"""Domain errors that services raise; pages and the API map them to one status each."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status = 422
    default_message = _("The request could not be carried out.")

    def __init__(self, message: str | None = None):
        self.message = str(message or self.default_message)
        super().__init__(self.message)


class Conflict(DomainError):
    """The record changed or is in a state that does not allow this (HTTP 409)."""

    status = 409
    default_message = _("The record has changed or is in a state that does not allow this.")


class Invalid(DomainError):
    """The input is well-formed but breaks a rule (HTTP 422)."""

    status = 422
