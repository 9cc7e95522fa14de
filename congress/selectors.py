"""Reads on the shared core: what a user's home page shows, and record histories."""

from django.apps import apps
from django.db import models
from django.http import Http404

from .roles import Role

RECENT = 10

# Records whose change history staff may read, by the short name used in URLs.
HISTORY_MODELS = {
    "session": "congress_sessions.CongressSession",
    "deputy": "deputies.Deputy",
    "proposal": "proposals.Proposal",
    "inspection": "oversight.Inspection",
    "unit": "congress.Unit",
}


def dashboard_for_user(*, user) -> dict:
    """What each role sees first: its own work, scoped by the same selectors as the lists."""
    from proposals.selectors import proposal_list_for_user
    from reports.selectors import report_list_for_user

    context: dict = {"role": user.role}
    if user.role in {Role.STAFF, Role.MEMBER}:
        from deputies.selectors import deputy_list_for_user
        from oversight.selectors import inspection_list_for_user
        from sessions.selectors import session_list_for_user

        context["counts"] = {
            "sessions": session_list_for_user(user=user).count(),
            "deputies": deputy_list_for_user(user=user).count(),
            "proposals": proposal_list_for_user(user=user).count(),
            "inspections": inspection_list_for_user(user=user).count(),
        }
    if user.role in {Role.STAFF, Role.MEMBER, Role.DEPUTY, Role.UNIT}:
        context["recent_proposals"] = list(proposal_list_for_user(user=user)[:RECENT])
    if user.role == Role.DEPUTY:
        from deputies.selectors import deputy_for_user

        context["deputy"] = deputy_for_user(user=user)
    if user.role == Role.COUNTY:
        context["recent_reports"] = list(report_list_for_user(user=user)[:RECENT])
    return context


def history_for_user(*, user, model_key: str, pk: int) -> tuple[models.Model, list[dict]]:
    """A record of the user's township and its changes, newest first, each with what changed."""
    if model_key not in HISTORY_MODELS or not user.has_perm("congress.view_history"):
        raise Http404
    model = apps.get_model(HISTORY_MODELS[model_key])
    record = model.objects.filter(pk=pk, township_id=user.township_id).first()
    if record is None:
        raise Http404
    entries = list(
        record.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
    rows = []
    for newer, older in zip(entries, entries[1:] + [None], strict=True):
        changes = newer.diff_against(older).changes if older is not None else []
        rows.append({"entry": newer, "changes": changes})
    return record, rows
