"""The workflow engine: a record's states, the moves between them, who may make each move.

An app declares its workflow once (a proposal's handling, a problem's rectification, a report's
versions): its states (a TextChoices), its moves (from which states, to which state, the
permission that allows it, whether a note is required) and its history model (a concrete
subclass of StatusChange). `Workflow.perform` is the only code that changes the state field:
it locks the row, refuses a move the table does not list or the user may not make, and writes
the history row. Pages ask `moves_for(user=..., record=...)` what to offer; statistics ask
`at_or_after(state)` instead of listing states by hand.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .scoping import visible_to
from .validators import validate_plain_text


@dataclass(frozen=True)
class Move:
    """One edge of a workflow: from any of `sources` to `target`, for holders of `permission`.

    `allowed(user, record)` can narrow who may make it further (a unit answers only what was
    assigned to it is already covered by scoping; this is for rules beyond reading).
    """

    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    permission: str
    note_required: bool = False
    allowed: Callable[..., bool] | None = None
    todo: str = ""  # how the home page names records waiting for this move, if it lists them


class StatusChange(models.Model):
    """One step of a record's workflow: who moved it, when, from where to where, and why.

    Abstract: each workflow's history model adds the foreign key to its record.
    """

    from_status = models.CharField(gettext_lazy("from"), max_length=20, blank=True)
    to_status = models.CharField(gettext_lazy("to"), max_length=20)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("changed by"),
    )
    changed_at = models.DateTimeField(gettext_lazy("changed at"), default=timezone.now)
    note = models.TextField(gettext_lazy("note"), blank=True, validators=[validate_plain_text])

    class Meta:
        abstract = True
        ordering = ["changed_at", "pk"]


class Workflow:
    """A workflow's table. Models are named by label ("proposals.Proposal") so that the
    workflow module can be imported by the models module that uses its states."""

    def __init__(
        self,
        *,
        model: str,
        states: type[models.TextChoices],
        initial: str,
        moves: Iterable[Move],
        history_model: str,
        history_field: str,
        field: str = "status",
    ):
        self.model_label = model
        self.history_model_label = history_model
        self.states = states
        self.initial = initial
        self.moves = list(moves)
        self.history_field = history_field
        self.field = field
        names = [move.name for move in self.moves]
        if len(names) != len(set(names)):
            raise ValueError(f"{model} workflow: move names must be unique")
        for move in self.moves:
            unknown = {*move.sources, move.target} - set(states.values)
            if unknown:
                raise ValueError(f"{move.name}: unknown states {sorted(unknown)}")

    @cached_property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    @cached_property
    def history_model(self) -> type[StatusChange]:
        return apps.get_model(self.history_model_label)

    # Reading the table

    def edges(self) -> set[tuple[str, str]]:
        return {(source, move.target) for move in self.moves for source in move.sources}

    def move(self, name: str) -> Move:
        for move in self.moves:
            if move.name == name:
                return move
        raise KeyError(name)

    def reachable_from(self, state: str) -> set[str]:
        """Every state a record in `state` can still reach (not counting `state` itself
        unless a cycle leads back to it)."""
        seen: set[str] = set()
        todo = [state]
        while todo:
            current = todo.pop()
            for source, target in self.edges():
                if source == current and target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen

    def at_or_after(self, state: str) -> set[str]:
        """`state` and every state a record can reach from it: "assigned or further"."""
        return {state} | self.reachable_from(state)

    def is_final(self, state: str) -> bool:
        return not any(state in move.sources for move in self.moves)

    def label(self, state: str) -> str:
        return str(self.states(state).label) if state else ""

    # Asking for one user and one record

    def may(self, *, user, record, move: Move) -> bool:
        state = getattr(record, self.field)
        return (
            state in move.sources
            and user.has_perm(move.permission)
            and (move.allowed is None or move.allowed(user, record))
            and visible_to(self.model.objects.filter(pk=record.pk), user).exists()
        )

    def moves_for(self, *, user, record) -> list[Move]:
        """The moves this user may make on this record now: what a page offers."""
        state = getattr(record, self.field)
        candidates = [
            move
            for move in self.moves
            if state in move.sources
            and user.has_perm(move.permission)
            and (move.allowed is None or move.allowed(user, record))
        ]
        if not candidates:
            return []
        if not visible_to(self.model.objects.filter(pk=record.pk), user).exists():
            return []
        return candidates

    # Writing

    def start(self, *, record, by, at: datetime.datetime | None = None, note: str = ""):
        """Write the history row of a record just created in the initial state."""
        return self.history_model.objects.create(
            **{self.history_field: record},
            from_status="",
            to_status=self.initial,
            changed_by=by,
            changed_at=at or timezone.now(),
            note=note,
        )

    @transaction.atomic
    def perform(
        self,
        *,
        record,
        move: str | Move,
        by,
        note: str = "",
        at: datetime.datetime | None = None,
        changes: dict | None = None,
    ):
        """Make one move: lock the row, check it, write the history row, save the new state
        (and `changes`, other fields the move sets). Raises a ValidationError a user can read."""
        if isinstance(move, str):
            try:
                move = self.move(move)
            except KeyError:
                raise ValidationError(_("This step is not part of the workflow.")) from None
        locked = self.model.objects.select_for_update().get(pk=record.pk)
        current = getattr(locked, self.field)
        if current not in move.sources:
            raise ValidationError(
                _("A record that is %(current)s cannot become %(target)s.")
                % {"current": self.label(current), "target": self.label(move.target)}
            )
        if not self.may(user=by, record=locked, move=move):
            raise ValidationError(_("You may not take this step on this record."))
        note = note.strip()
        if move.note_required and not note:
            raise ValidationError({"note": _("Give a note for this step.")})
        try:
            validate_plain_text(note)
        except ValidationError as error:
            raise ValidationError({"note": error.messages}) from error
        self.history_model.objects.create(
            **{self.history_field: locked},
            from_status=current,
            to_status=move.target,
            changed_by=by,
            changed_at=at or timezone.now(),
            note=note,
        )
        changes = {**(changes or {}), self.field: move.target}
        for name, value in changes.items():
            setattr(locked, name, value)
            setattr(record, name, value)
        locked.save(update_fields=list(changes))
        return record
