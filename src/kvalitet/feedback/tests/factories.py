"""Helpers for feedback tests: cases made through the service, as the form makes them."""

from kvalitet.feedback import services
from kvalitet.feedback.models import Channel, FeedbackCase, Kind
from kvalitet.organisations.models import Unit


def make_case(organisation, *, unit_code: str | None = "MT", **fields) -> tuple[FeedbackCase, str]:
    unit = Unit.objects.get(organisation=organisation, code=unit_code) if unit_code else None
    defaults = {
        "kind": Kind.COMPLAINT,
        "channel": Channel.WEB,
        "subject": "Støj fra værkstedet",
        "text": "Der er larm hver nat.",
        "contact_name": "Anne Borger",
        "contact_email": "hemmelig@privat.example",
        "language": "da",
    }
    defaults.update(fields)
    return services.case_receive(organisation=organisation, unit=unit, **defaults)
