"""How feedback is scoped: personal data, seen by the routed unit, its people and coordinators."""

from kvalitet import access
from kvalitet.feedback.models import (
    Attachment,
    CaseMail,
    ClosingDay,
    FeedbackCase,
    RoutingRule,
    Topic,
)

CASE_HANDLERS = {access.COORDINATOR, access.MANAGER, access.NETWORK_MEMBER, access.STAFF}

access.register(
    FeedbackCase,
    unit="unit",
    visibility=access.Visibility.PERSONAL,
    change_roles=CASE_HANDLERS,
    url_kwarg="case_id",
)
access.register(
    Attachment,
    unit="case__unit",
    visibility=access.Visibility.PERSONAL,
    change_roles=CASE_HANDLERS,
    url_kwarg="feedback_attachment_id",
    organisation="case__organisation",
    in_organisation=lambda qs, org_id: qs.filter(case__organisation_id=org_id),
)
access.register(
    RoutingRule,
    view_roles={access.COORDINATOR},
    change_roles={access.COORDINATOR},
    url_kwarg="routing_rule_id",
)
access.register(
    Topic,
    visibility=access.Visibility.ORGANISATION,
    change_roles={access.COORDINATOR},
    url_kwarg="feedback_topic_id",
)
access.register(
    ClosingDay,
    visibility=access.Visibility.ORGANISATION,
    change_roles={access.COORDINATOR},
    url_kwarg="closing_day_id",
)
access.register(
    CaseMail,
    view_roles={access.COORDINATOR},
    change_roles={access.COORDINATOR},
    url_kwarg="case_mail_id",
)
