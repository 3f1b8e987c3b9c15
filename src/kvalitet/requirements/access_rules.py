"""How requirement sets and assessments are scoped (see kvalitet.access).

Sets, requirements and rounds are read by every member and written by the coordinator; a unit's
managers and network members write their own unit's assessments. Everyone sees the matrix.
"""

from kvalitet import access
from kvalitet.requirements.models import (
    Assessment,
    AssessmentEvidence,
    AssessmentRound,
    Requirement,
    RequirementSet,
)

ORG = access.Visibility.ORGANISATION
COORD = {access.COORDINATOR}

access.register(RequirementSet, visibility=ORG, change_roles=COORD, url_kwarg="requirement_set_id")
access.register(Requirement, visibility=ORG, change_roles=COORD, url_kwarg="requirement_id")
access.register(
    AssessmentRound, visibility=ORG, change_roles=COORD, url_kwarg="assessment_round_id"
)
access.register(Assessment, unit="unit", visibility=ORG, url_kwarg="assessment_id")
access.register(
    AssessmentEvidence, unit="assessment__unit", visibility=ORG, url_kwarg="assessment_evidence_id"
)
