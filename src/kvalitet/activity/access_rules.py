"""The activity log is for coordinators and auditors (see kvalitet.access)."""

from kvalitet import access
from kvalitet.activity.models import ActivityEntry

access.register(
    ActivityEntry,
    view_roles={access.COORDINATOR, access.AUDITOR},
    change_roles=set(),
)
