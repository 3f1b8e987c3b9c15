"""How the plans' records are scoped (see kvalitet.access).

Plans, actions, rounds and the matrix are read by every member: the plan is the whole
organisation's. The coordinator writes plans, actions and rounds; a unit's managers and network
members write their own unit's assignments, reports and evidence.
"""

from kvalitet import access
from kvalitet.plans.models import Action, Assignment, Evidence, FollowUpRound, Plan, Report, Theme

ORG = access.Visibility.ORGANISATION
COORD = {access.COORDINATOR}

access.register(Plan, visibility=ORG, change_roles=COORD, url_kwarg="plan_id")
access.register(Theme, visibility=ORG, change_roles=COORD, url_kwarg="theme_id")
access.register(Action, visibility=ORG, change_roles=COORD, url_kwarg="action_id")
access.register(FollowUpRound, visibility=ORG, change_roles=COORD, url_kwarg="followup_round_id")
access.register(Assignment, unit="unit", visibility=ORG, url_kwarg="assignment_id")
access.register(Report, unit="unit", visibility=ORG, url_kwarg="followup_report_id")
access.register(Evidence, unit="assignment__unit", visibility=ORG, url_kwarg="plan_evidence_id")
