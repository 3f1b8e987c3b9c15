"""How the handbook's records are scoped (see kvalitet.access).

- Handbooks and documents (code, title, level, owner, published text) are open to every member
  of the organisation: the handbook is read across units. Only the coordinator changes a
  handbook; the owner unit's managers and network members (and the coordinator) change a
  document.
- Versions being worked on (draft, in review, approved) follow the owner unit: they are seen by
  the owner unit and the units above it, viewers and coordinators; released versions are read
  through their document (see selectors.versions_visible).
"""

from kvalitet import access
from kvalitet.documents.models import (
    Acknowledgement,
    Attachment,
    Document,
    DocumentVersion,
    Handbook,
    ReadRequirement,
    Review,
    VersionComment,
)

access.register(
    Handbook,
    unit=None,
    visibility=access.Visibility.ORGANISATION,
    change_roles={access.COORDINATOR},
    url_kwarg="handbook_id",
)
access.register(
    Document,
    unit="owner_unit",
    visibility=access.Visibility.ORGANISATION,
    url_kwarg="document_id",
)
access.register(DocumentVersion, unit="document__owner_unit", url_kwarg="version_id")
access.register(VersionComment, unit="version__document__owner_unit")
access.register(Attachment, unit="version__document__owner_unit", url_kwarg="attachment_id")
access.register(ReadRequirement, unit="document__owner_unit")
access.register(Review, unit="document__owner_unit")
access.register(
    Acknowledgement,
    unit="version__document__owner_unit",
    change_roles=(),
)
