"""The six roles: which pages each may use, and which rows of which model each may read.

This module is the single source of both. ROLE_PERMISSIONS are the model permissions the views
check (each role is a Django group holding them; `role_groups_sync` keeps the groups in step
after every migrate, so a fresh database, the test one too, always has them). READS says how far
each role reads each model; `congress.scoping.visible_to` applies it to every selector's query.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("Presidium staff")
    MEMBER = "member", _("Presidium member")
    DEPUTY = "deputy", _("Deputy")
    UNIT = "unit", _("Handling unit")
    COUNTY = "county", _("County viewer")
    COUNTY_ADMIN = "county_admin", _("County administrator")


# Roles above the townships: their users belong to no township.
COUNTY_ROLES = frozenset({Role.COUNTY, Role.COUNTY_ADMIN})
# Roles of a township: their users belong to one (a database constraint on User).
TOWNSHIP_ROLES = frozenset({Role.STAFF, Role.MEMBER, Role.DEPUTY, Role.UNIT})
# The accounts a township's staff manage (create, give a new initial password, deactivate):
# never a staff account, whose holder may be granted what no role carries (who wrote to the
# congress), so that no staff member can take over a colleague's; staff accounts are the
# county administrator's. Deputies' accounts are made from the roster.
STAFF_MANAGES_ROLES = frozenset({Role.MEMBER, Role.UNIT, Role.DEPUTY})
# The accounts staff create on their accounts page.
STAFF_CREATES_ROLES = (Role.MEMBER, Role.UNIT)


class Reach(models.TextChoices):
    """How far a role reads a model's rows."""

    TOWNSHIP = "township", _("Every row of the user's township")
    OWN = "own", _("The user's own rows")
    UNIT = "unit", _("The rows assigned to the user's unit")
    ALL = "all", _("Every township's rows")


_T, _OWN, _UNIT, _ALL = Reach.TOWNSHIP, Reach.OWN, Reach.UNIT, Reach.ALL
S, M, D, U, C = Role.STAFF, Role.MEMBER, Role.DEPUTY, Role.UNIT, Role.COUNTY
CA = Role.COUNTY_ADMIN

# model label -> {role: reach}. A role missing from a model's line reads none of its rows; a
# model missing here is read by nobody (a test checks every scoped model has its line).
READS: dict[str, dict[str, str]] = {
    # The county administrator reads every township, and their staff accounts through them
    # (congress.accounts.selectors), but no township's deputies, proposals or other accounts.
    "congress.township": {S: _T, M: _T, D: _T, U: _T, C: _ALL, CA: _ALL},
    "congress.unit": {S: _T, M: _T, U: _UNIT},
    "congress.user": {S: _T, M: _T, D: _OWN, U: _OWN, C: _OWN, CA: _OWN},
    "congress.notification": {S: _OWN, M: _OWN, D: _OWN, U: _OWN, C: _OWN, CA: _OWN},
    "congress.authevent": {S: _T},
    "congress_sessions.congresssession": {S: _T, M: _T, D: _T},
    "congress_sessions.sessionstatuschange": {S: _T, M: _T, D: _T},
    "congress_sessions.preparationtask": {S: _T, M: _T},
    "congress_sessions.sitting": {S: _T, M: _T, D: _T},
    "congress_sessions.sittingattendance": {S: _T, M: _T, D: _OWN},
    "congress_sessions.agendaitem": {S: _T, M: _T, D: _T},
    "congress_sessions.agendadocument": {S: _T, M: _T, D: _T},
    "congress_sessions.resolution": {S: _T, M: _T, D: _T},
    "congress_sessions.election": {S: _T, M: _T, D: _T},
    "congress_sessions.candidate": {S: _T, M: _T, D: _T},
    "deputies.deputy": {S: _T, M: _T, D: _OWN},
    "deputies.mandate": {S: _T, M: _T, D: _OWN},
    "deputies.constituency": {S: _T, M: _T},
    "deputies.deputygroup": {S: _T, M: _T},
    "deputies.activity": {S: _T, M: _T, D: _OWN},
    "deputies.attendance": {S: _T, M: _T, D: _OWN},
    "deputies.activityattachment": {S: _T, M: _T, D: _OWN},
    "deputies.liaisoncontact": {S: _T, M: _OWN},
    "deputies.votercontact": {S: _T, M: _T, D: _OWN},
    "deputies.reporttovoters": {S: _T, M: _T, D: _OWN},
    "deputies.performancerules": {S: _T, M: _T},
    "deputies.rosterimport": {S: _T},
    "proposals.proposal": {S: _T, M: _T, D: _OWN, U: _UNIT},
    "proposals.proposalstatuschange": {S: _T, M: _T, D: _OWN, U: _UNIT},
    "proposals.proposaldatecorrection": {S: _T, M: _T, D: _OWN, U: _UNIT},
    "proposals.proposalfield": {S: _T, M: _T, D: _T, U: _T},
    "proposals.proposalsigner": {S: _T, M: _T, D: _OWN, U: _UNIT},
    "proposals.proposalattachment": {S: _T, M: _T, D: _OWN, U: _UNIT},
    "proposals.assignmentmeeting": {S: _T, M: _T},
    "proposals.assignment": {S: _T, M: _T, D: _OWN, U: _UNIT},
    "proposals.deadlineextension": {S: _T, M: _T, U: _UNIT},
    "proposals.counitopinion": {S: _T, M: _T, U: _UNIT},
    "proposals.answercategory": {S: _T, M: _T, D: _T, U: _T},
    "proposals.answer": {S: _T, M: _T, D: _OWN, U: _UNIT},
    "proposals.answerattachment": {S: _T, M: _T, D: _OWN, U: _UNIT},
    "proposals.rating": {S: _T, M: _T, D: _OWN, U: _UNIT},
    "congress.workdayoverride": {S: _T, M: _T},
    "oversight.planitem": {S: _T, M: _T, D: _T},
    "oversight.campaign": {S: _T, M: _T, D: _T},
    "oversight.governmenttask": {S: _T, M: _T, U: _UNIT},
    "oversight.oversightaction": {S: _T, M: _T, D: _OWN, U: _UNIT},
    "oversight.actionstaff": {S: _T, M: _T},
    "oversight.progressreview": {S: _T, M: _T, U: _UNIT},
    "oversight.problem": {S: _T, M: _T, D: _OWN, U: _UNIT},
    "oversight.problemstatuschange": {S: _T, M: _T, D: _OWN, U: _UNIT},
    "oversight.rectificationreport": {S: _T, M: _T, D: _OWN, U: _UNIT},
    "oversight.rectificationevidence": {S: _T, M: _T, D: _OWN, U: _UNIT},
    "oversight.workevaluation": {S: _T, M: _T, U: _UNIT},
    # A deputy's own rating only; the unit sees the counts, never who rated what.
    "oversight.evaluationrating": {S: _T, M: _T, D: _OWN},
    # Letters and visits: staff only (the person's identity: petitions.view_petitioner).
    "petitions.petitionpolicy": {S: _T},
    "petitions.petition": {S: _T},
    "petitions.petitionstatuschange": {S: _T},
    "petitions.petitionreply": {S: _T},
    "oversight.electionobservation": {S: _T, M: _T},
    "publicity.article": {S: _T, M: _T},
    "publicity.publication": {S: _T, M: _T},
    "reports.report": {S: _T, M: _T, C: _ALL},
    # Work reports: the county reads every township's, final versions only (reports.selectors).
    "reports.workreport": {S: _T, M: _T, C: _ALL},
    "reports.reportversion": {S: _T, M: _T, C: _ALL},
    "reports.versionstatuschange": {S: _T, M: _T},
    "reports.reportsection": {S: _T, M: _T, C: _ALL},
}


def _crud(model: str) -> list[str]:
    app_label, name = model.split(".")
    return [f"{app_label}.{action}_{name}" for action in ("view", "add", "change", "delete")]


ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.STAFF: [
        *_crud("congress_sessions.congresssession"),
        *_crud("congress_sessions.sittingattendance"),
        *_crud("congress_sessions.agendaitem"),
        *_crud("congress_sessions.agendadocument"),
        *_crud("congress_sessions.resolution"),
        *_crud("congress_sessions.election"),
        *_crud("deputies.deputy"),
        "deputies.view_private",
        *_crud("deputies.mandate"),
        *_crud("deputies.deputygroup"),
        *_crud("deputies.constituency"),
        *_crud("deputies.activity"),
        *_crud("deputies.liaisoncontact"),
        *_crud("deputies.votercontact"),
        *_crud("deputies.reporttovoters"),
        "deputies.view_performancerules",
        "deputies.change_performancerules",
        "deputies.view_rosterimport",
        "deputies.add_rosterimport",
        *_crud("proposals.proposal"),
        "proposals.assign_proposal",
        "proposals.close_proposal",
        "proposals.submit_on_behalf",
        # Paper answers and rating forms entered on the unit's or the deputy's behalf.
        "proposals.answer_proposal",
        "proposals.rate_proposal",
        *_crud("proposals.proposalfield"),
        *_crud("proposals.assignmentmeeting"),
        *_crud("proposals.answercategory"),
        "proposals.change_deadlineextension",
        *_crud("congress.workdayoverride"),
        *_crud("oversight.planitem"),
        *_crud("oversight.campaign"),
        *_crud("oversight.governmenttask"),
        *_crud("oversight.oversightaction"),
        *_crud("oversight.progressreview"),
        *_crud("oversight.problem"),
        # Rectification reported on paper is entered on the unit's behalf.
        "oversight.rectify_problem",
        "oversight.verify_problem",
        *_crud("oversight.workevaluation"),
        "oversight.respond_workevaluation",
        *_crud("oversight.evaluationrating"),
        *_crud("petitions.petition"),
        "petitions.view_petitionpolicy",
        "petitions.change_petitionpolicy",
        *_crud("oversight.electionobservation"),
        *_crud("publicity.article"),
        "reports.view_report",
        "reports.add_report",
        *_crud("reports.workreport"),
        *_crud("reports.reportversion"),
        "reports.approve_reportversion",
        "congress.view_unit",
        "congress.add_unit",
        "congress.change_unit",
        # The township's login accounts: create, issue a new initial password, deactivate.
        "congress.view_user",
        "congress.add_user",
        "congress.change_user",
        "congress.view_history",
        "congress.view_authevent",
        "congress.unlock_login",
    ],
    Role.MEMBER: [
        "congress_sessions.view_congresssession",
        "congress_sessions.view_sittingattendance",
        "congress_sessions.view_agendadocument",
        "deputies.view_deputy",
        "deputies.view_mandate",
        "deputies.view_deputygroup",
        "deputies.view_constituency",
        "deputies.view_activity",
        "deputies.view_liaisoncontact",
        "deputies.add_liaisoncontact",
        "deputies.view_votercontact",
        "deputies.view_reporttovoters",
        "proposals.view_proposal",
        "oversight.view_planitem",
        "oversight.view_campaign",
        "oversight.view_governmenttask",
        "oversight.view_oversightaction",
        "oversight.view_progressreview",
        "oversight.view_problem",
        "oversight.verify_problem",
        "oversight.view_workevaluation",
        "oversight.view_evaluationrating",
        "oversight.view_electionobservation",
        "publicity.view_article",
        "reports.view_report",
        "reports.view_workreport",
        "reports.view_reportversion",
        "reports.approve_reportversion",
        "congress.view_unit",
    ],
    Role.DEPUTY: [
        "congress_sessions.view_congresssession",
        "congress_sessions.view_agendadocument",
        "deputies.view_activity",
        "deputies.view_votercontact",
        "deputies.add_votercontact",
        "proposals.view_proposal",
        "proposals.add_proposal",
        "proposals.rate_proposal",
        "oversight.view_oversightaction",
        "oversight.view_problem",
        "oversight.view_campaign",
        "oversight.view_planitem",
    ],
    Role.UNIT: [
        "proposals.view_proposal",
        "proposals.answer_proposal",
        "proposals.add_deadlineextension",
        "proposals.add_counitopinion",
        "oversight.view_oversightaction",
        "oversight.view_governmenttask",
        "oversight.view_problem",
        "oversight.rectify_problem",
        "oversight.view_workevaluation",
        "oversight.respond_workevaluation",
    ],
    Role.COUNTY: [
        "reports.view_report",
        "reports.view_workreport",
        "reports.view_reportversion",
    ],
    # Creates townships and their staff accounts; change_township: give a township's staff a
    # new initial password or another staff account.
    Role.COUNTY_ADMIN: [
        "congress.view_township",
        "congress.add_township",
        "congress.change_township",
    ],
}

# Permissions no role carries, given to staff accounts one by one on the township's accounts
# page (congress.accounts.services.account_permissions_set): label -> what it allows.
GRANTABLE_PERMISSIONS: dict[str, str] = {
    # 信访: who wrote or visited is seen only by the staff the township chooses.
    "petitions.view_petitioner": _("See who wrote or visited (letters and visits)"),
}


def role_groups_sync() -> None:
    """Create one group per role holding exactly the permissions ROLE_PERMISSIONS lists."""
    from django.contrib.auth.models import Group, Permission

    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)


def sync_role_groups_after_migrate(sender, app_config=None, using="default", **kwargs):
    # Permissions of every app must exist before the groups can point at them; the order in
    # which apps receive post_migrate is not guaranteed, so create them all here first.
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for config in apps.get_app_configs():
        create_contenttypes(config, verbosity=0, using=using)
        create_permissions(config, verbosity=0, using=using)
    role_groups_sync()
