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


# Child records whose changes show on the parent's history page: key -> (model, parent field).
HISTORY_CHILDREN = {
    "deputy": ("deputies.Mandate", "deputy_id"),
}


def history_for_user(*, user, model_key: str, pk: int) -> tuple[models.Model, list[dict]]:
    """A record of the user's township and its changes, newest first, each with what changed
    (the changes of its child records, such as a deputy's mandates, included)."""
    if model_key not in HISTORY_MODELS or not user.has_perm("congress.view_history"):
        raise Http404
    model = apps.get_model(HISTORY_MODELS[model_key])
    record = model.objects.filter(pk=pk, township_id=user.township_id).first()
    if record is None:
        raise Http404
    rows = _history_rows(model, record.history.all())
    if model_key in HISTORY_CHILDREN:
        child_label, parent_field = HISTORY_CHILDREN[model_key]
        child = apps.get_model(child_label)
        rows += _history_rows(
            child, child.history.filter(**{parent_field: record.pk}), by_record=True
        )
    rows.sort(key=lambda row: (row["entry"].history_date, row["entry"].history_id), reverse=True)
    return record, rows


def _history_rows(model, history, *, by_record: bool = False) -> list[dict]:
    """Each history entry with the fields it changed against the one before (per record)."""
    entries = list(
        history.select_related("history_user").order_by("id", "history_date", "history_id")
    )
    rows = []
    for older, newer in zip([None, *entries], entries, strict=False):
        if older is not None and older.id != newer.id:
            older = None
        changes = [
            {
                "field": model._meta.get_field(change.field).verbose_name,
                "old": change.old,
                "new": change.new,
            }
            for change in (newer.diff_against(older).changes if older is not None else [])
        ]
        rows.append(
            {
                "entry": newer,
                "changes": changes,
                "subject": str(newer.instance) if by_record else "",
            }
        )
    return rows
