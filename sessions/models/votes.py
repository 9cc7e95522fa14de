"""What a session votes on: resolutions and decisions (决议、决定), and elections with their
candidates and counts.

Every vote is taken at a sitting with a quorum. It keeps the two numbers the law measures it
against as they stood when it was recorded: the deputies in office that day (应到, the base of
every majority: 组织法 Art 25) and those present (实到). Its result is computed by
`sessions.rules` from the counts and stored with them, so lists and reports read it.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from congress.names import NAME_KEY_LENGTH, stroke_key
from congress.scoping import Scope
from congress.validators import validate_plain_text, validate_visible_text

from .agenda import AgendaItem
from .sessions import CongressSession, Sitting


class Vote(models.Model):
    """What resolutions and elections share: the sitting and the base of the majority."""

    session = models.ForeignKey(
        CongressSession,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
        verbose_name=_("congress session"),
    )
    sitting = models.ForeignKey(
        Sitting, on_delete=models.PROTECT, related_name="%(class)ss", verbose_name=_("sitting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda item"),
    )
    in_office = models.PositiveSmallIntegerField(
        _("deputies in office"), default=0, help_text=_("应到: all deputies in office that day.")
    )
    present = models.PositiveSmallIntegerField(
        _("deputies present"), default=0, help_text=_("实到: those who answered the roll.")
    )

    scope = Scope(township="session__township")

    class Meta:
        abstract = True


class Resolution(Vote):
    class Kind(models.TextChoices):
        RESOLUTION = "resolution", _("Resolution")  # 决议
        DECISION = "decision", _("Decision")  # 决定

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.RESOLUTION)
    title = models.CharField(_("title"), max_length=200, validators=[validate_visible_text])
    text = models.TextField(_("text"), blank=True, validators=[validate_plain_text])
    votes_for = models.PositiveSmallIntegerField(_("for"))
    votes_against = models.PositiveSmallIntegerField(_("against"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("abstain"), default=0)
    adopted = models.BooleanField(_("adopted"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["sitting__date", "pk"]

    def __str__(self):
        return self.title


class Election(Vote):
    class Office(models.TextChoices):
        CHAIR = "chair", _("Chair of the township congress")  # 人大主席
        VICE_CHAIR = "vice_chair", _("Vice-chair of the township congress")  # 人大副主席
        PRESIDIUM = "presidium", _("Member of the presidium")  # 主席团成员
        HEAD = "head", _("Head of the township")  # 镇长
        DEPUTY_HEAD = "deputy_head", _("Deputy head of the township")  # 副镇长
        OTHER = "other", _("Other office")

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular election")  # 换届选举
        BY_ELECTION = "by_election", _("By-election")  # 补选

    office = models.CharField(_("office"), max_length=20, choices=Office.choices)
    office_name = models.CharField(
        _("name of the office"),
        max_length=100,
        blank=True,
        validators=[validate_visible_text],
        help_text=_("Only for an other office."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    seats = models.PositiveSmallIntegerField(
        _("seats"), default=1, validators=[MinValueValidator(1)]
    )
    # The count: empty until the tellers report it.
    ballots_issued = models.PositiveSmallIntegerField(_("ballots issued"), null=True, blank=True)
    ballots_returned = models.PositiveSmallIntegerField(
        _("ballots returned"), null=True, blank=True
    )
    ballots_valid = models.PositiveSmallIntegerField(_("valid ballots"), null=True, blank=True)
    ballots_invalid = models.PositiveSmallIntegerField(_("invalid ballots"), null=True, blank=True)
    void = models.BooleanField(
        _("void"), default=False, help_text=_("More ballots returned than issued.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["sitting__date", "pk"]

    def __str__(self):
        return self.office_label

    @property
    def office_label(self) -> str:
        return self.office_name if self.office == self.Office.OTHER else self.get_office_display()

    @property
    def is_counted(self) -> bool:
        return self.ballots_returned is not None

    # The next three read `candidates.all()`: prefetch the candidates when listing elections.

    @property
    def is_contested(self) -> bool:
        """差额: more candidates on the ballot than seats (write-ins do not count)."""
        on_ballot = [
            c for c in self.candidates.all() if c.nominated_by != Candidate.Nomination.WRITE_IN
        ]
        return len(on_ballot) > self.seats

    @property
    def elected(self) -> list:
        return [c for c in self.candidates.all() if c.result == Candidate.Result.ELECTED]

    @property
    def all_elected_unanimously(self) -> bool:
        elected = self.elected
        return bool(elected) and all(c.unanimous for c in elected)

    @property
    def unfilled_seats(self) -> int | None:
        """Seats no one won, left to another ballot (另行选举); None before the count."""
        return self.seats - len(self.elected) if self.is_counted else None


class Candidate(models.Model):
    class Nomination(models.TextChoices):
        PRESIDIUM = "presidium", _("The presidium")  # 主席团提名
        DEPUTIES = "deputies", _("Deputies jointly")  # 代表联合提名
        WRITE_IN = "write_in", _("Written in by voters")  # 另选他人

    class Result(models.TextChoices):
        PENDING = "", _("Not counted")
        ELECTED = "elected", _("Elected")
        NOT_ELECTED = "not_elected", _("Not elected")
        TIE = "tie", _("Tied: another ballot needed")

    election = models.ForeignKey(
        Election,
        on_delete=models.CASCADE,
        related_name="candidates",
        verbose_name=_("election"),
    )
    name = models.CharField(
        pgettext_lazy("person", "name"), max_length=50, validators=[validate_visible_text]
    )
    # Candidates are listed as ballots print them, 按姓氏笔画 (congress.names).
    name_stroke_key = models.CharField(
        _("name in stroke order"), max_length=NAME_KEY_LENGTH, editable=False, default=""
    )
    deputy = models.ForeignKey(
        "deputies.Deputy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidacies",
        verbose_name=_("deputy"),
        help_text=_("If the candidate is a deputy of the township."),
    )
    nominated_by = models.CharField(
        _("nominated by"), max_length=20, choices=Nomination.choices, default=Nomination.PRESIDIUM
    )
    nominators = models.ManyToManyField(
        "deputies.Deputy",
        blank=True,
        related_name="nominations",
        verbose_name=_("nominating deputies"),
        help_text=_("For a joint nomination: at least ten deputies (组织法 Art 26)."),
    )
    votes_for = models.PositiveSmallIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("against"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("abstain"), null=True, blank=True)
    write_ins = models.PositiveSmallIntegerField(
        _("another person written in"),
        null=True,
        blank=True,
        help_text=_("Ballots that crossed this candidate out and wrote in someone else."),
    )
    result = models.CharField(
        _("result"), max_length=20, choices=Result.choices, default=Result.PENDING, blank=True
    )
    unanimous = models.BooleanField(_("every vote (满票)"), default=False)

    history = HistoricalRecords(m2m_fields=[nominators], excluded_fields=["name_stroke_key"])

    scope = Scope(township="election__session__township")

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["name_stroke_key", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_stroke_key = stroke_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_stroke_key"}
        super().save(*args, **kwargs)
