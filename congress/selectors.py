"""Reads on the shared core: the home page, and record histories. Both come from what the apps
registered in congress.registry; the core imports no app."""

from django.apps import apps
from django.db import models
from django.http import Http404

from . import registry
from .roles import Reach
from .scoping import reach_of, scope_of, visible_to


def dashboard_for_user(*, user, year: int) -> dict:
    """What a role sees first: its to-do items, the year's figures and the apps' panels."""
    todo, figures, panels = [], [], []
    for panel in registry.dashboard_panels:
        if user.role not in panel.roles:
            continue
        context = panel.context(user=user, year=year)
        if context is None:
            continue
        todo += [item for item in context.get("todo", ()) if item.count]
        figures += context.get("figures", ())
        if panel.template:
            panels.append({"key": panel.key, "template": panel.template, "context": context})
    return {"todo": todo, "figures": figures, "panels": panels}


def history_for_user(*, user, model_key: str, pk: int) -> tuple[models.Model, list[dict], bool]:
    """A record the user may see and its changes, newest first, each with what changed in
    words (choice labels, record names); the changes of its children (a deputy's mandates)
    are included. A record deleted (in the admin) keeps its history: it is read from the
    history itself, for staff of the township its last version belonged to. Returns the
    record, the rows and whether the record is deleted."""
    kind = registry.history_kinds.get(model_key)
    if kind is None or not user.has_perm("congress.view_history"):
        raise Http404
    model = apps.get_model(kind.model)
    record = visible_to(model.objects.all(), user).filter(pk=pk).first()
    deleted = record is None
    if deleted:
        record = _deleted_record_for_user(model, pk, user)
    rows = _history_rows(model, model.history.filter(**{model._meta.pk.attname: pk}))
    for child_label, parent_field in kind.children:
        child = apps.get_model(child_label)
        rows += _history_rows(
            child, child.history.filter(**{parent_field: record.pk}), by_record=True
        )
    rows.sort(key=lambda row: (row["entry"].history_date, row["entry"].history_id), reverse=True)
    return record, rows, deleted


def _deleted_record_for_user(model, pk: int, user) -> models.Model:
    """The last version of a deleted record, if the user's role reads its township's rows of
    that model and it was of the user's township; 404 otherwise, and for a record that still
    exists (the user may not see it)."""
    if model.objects.filter(pk=pk).exists() or reach_of(user, model) != Reach.TOWNSHIP:
        raise Http404
    path = scope_of(model).township
    if "__" in path:  # reached through a parent that may be gone too: not followed
        raise Http404
    last = model.history.filter(**{model._meta.pk.attname: pk}).order_by("-history_date").first()
    if last is None:
        raise Http404
    township_id = getattr(last, model._meta.pk.attname if path == "pk" else f"{path}_id")
    if township_id != user.township_id:
        raise Http404
    return last.instance


def _history_rows(model, history, *, by_record: bool = False) -> list[dict]:
    """Each history entry with the fields it changed against the one before (per record)."""
    entries = list(
        history.select_related("history_user").order_by("id", "history_date", "history_id")
    )
    pairs, wanted = [], {}
    for older, newer in zip([None, *entries], entries, strict=False):
        if older is not None and older.id != newer.id:
            older = None
        changes = newer.diff_against(older).changes if older is not None else []
        pairs.append((newer, changes))
        for change in changes:
            field = model._meta.get_field(change.field)
            if isinstance(field, models.ForeignKey):
                wanted.setdefault(field.related_model, set()).update(
                    value for value in (change.old, change.new) if value is not None
                )
            elif isinstance(field, models.ManyToManyField):
                wanted.setdefault(field.related_model, set()).update(_linked(field, change.old))
                wanted[field.related_model].update(_linked(field, change.new))
    # One query per related model, whatever the number of changes.
    names = {
        related: {pk: str(obj) for pk, obj in related.objects.in_bulk(list(pks)).items()}
        for related, pks in wanted.items()
    }
    rows = []
    for newer, changes in pairs:
        rows.append(
            {
                "entry": newer,
                "changes": [_described(model, change, names) for change in changes],
                "subject": str(newer.instance) if by_record else "",
            }
        )
    return rows


def _linked(field: models.ManyToManyField, rows) -> list[int]:
    """The ids of the records a many-to-many link's history rows point at (the diff gives the
    link table's rows as dicts)."""
    target = field.m2m_reverse_field_name()
    return [row[target] for row in rows or () if row.get(target) is not None]


def _described(model, change, names) -> dict:
    """A change as a reader says it: "在任 → 辞职", "第三选区", not codes and ids; a
    many-to-many link as the names it held before and after."""
    field = model._meta.get_field(change.field)

    def words(value):
        if isinstance(field, models.ManyToManyField):
            linked = names.get(field.related_model, {})
            return "、".join(sorted(str(linked.get(pk, pk)) for pk in _linked(field, value)))
        if value in (None, ""):
            return ""
        if isinstance(field, models.ForeignKey):
            return names.get(field.related_model, {}).get(value, value)
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        return value

    return {"field": field.verbose_name, "old": words(change.old), "new": words(change.new)}
