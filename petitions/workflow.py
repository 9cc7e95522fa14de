"""A letter or visit's course (信访), on the core's workflow engine: received → accepted (or
not accepted) → concluded, and reopened when the person writes again."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.workflow import Move, Workflow


class PetitionStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("petition", "Received")  # 已登记
    ACCEPTED = "accepted", pgettext_lazy("petition", "Accepted")  # 已受理
    NOT_ACCEPTED = "not_accepted", pgettext_lazy("petition", "Not accepted")  # 不予受理
    CONCLUDED = "concluded", pgettext_lazy("petition", "Concluded")  # 已办结


PETITION_WORKFLOW = Workflow(
    model="petitions.Petition",
    states=PetitionStatus,
    initial=PetitionStatus.RECEIVED,
    history_model="petitions.PetitionStatusChange",
    history_field="petition",
    moves=[
        Move(
            name="accept",
            label=_("Accept"),
            sources=(PetitionStatus.RECEIVED,),
            target=PetitionStatus.ACCEPTED,
            permission="petitions.change_petition",
            todo=_("Letters and visits to accept"),
        ),
        Move(
            name="decline",
            label=_("Do not accept"),
            sources=(PetitionStatus.RECEIVED,),
            target=PetitionStatus.NOT_ACCEPTED,
            permission="petitions.change_petition",
            note_required=True,
        ),
        Move(
            name="conclude",
            label=_("Conclude"),
            sources=(PetitionStatus.ACCEPTED,),
            target=PetitionStatus.CONCLUDED,
            permission="petitions.change_petition",
            note_required=True,
            todo=_("Letters and visits to conclude"),
        ),
        Move(
            name="reopen",
            label=_("Reopen"),
            sources=(PetitionStatus.CONCLUDED, PetitionStatus.NOT_ACCEPTED),
            target=PetitionStatus.ACCEPTED,
            permission="petitions.change_petition",
            note_required=True,
        ),
    ],
)
