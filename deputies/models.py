"""The roster: deputies (people), their mandates, and what they do between sessions."""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models import Township

from .rules import ALLOWED_ATTACHMENT_EXTENSIONS


class Constituency(models.Model):
    """An electoral district (选区) of the township."""

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="constituencies",
        verbose_name=_("township"),
    )
    name = models.CharField(_("name"), max_length=50)
    description = models.CharField(_("description"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("constituency")
        verbose_name_plural = _("constituencies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "name"],
                name="constituency_unique_name_per_township",
                violation_error_message=_("A constituency with this name already exists."),
            )
        ]

    def __str__(self):
        return self.name


class DeputyGroup(models.Model):
    """A deputy group (代表小组): deputies who meet and act together between sessions."""

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="deputy_groups",
        verbose_name=_("township"),
    )
    name = models.CharField(_("name"), max_length=50)
    description = models.CharField(_("description"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deputy group")
        verbose_name_plural = _("deputy groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "name"],
                name="deputygroup_unique_name_per_township",
                violation_error_message=_("A deputy group with this name already exists."),
            )
        ]

    def __str__(self):
        return self.name


class Deputy(models.Model):
    """A person who holds, or held, one or more deputy mandates in this township."""

    class Gender(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")

    class Affiliation(models.TextChoices):
        CPC = "cpc", _("CPC member")
        CPC_PROBATIONARY = "cpc_probationary", _("CPC probationary member")
        YOUTH_LEAGUE = "youth_league", _("Communist Youth League member")
        DEMOCRATIC_PARTY = "democratic_party", _("Democratic party member")
        NONE = "none", _("No party affiliation")

    class Education(models.TextChoices):
        POSTGRADUATE = "postgraduate", _("Postgraduate")
        BACHELOR = "bachelor", _("Bachelor's degree")
        COLLEGE = "college", _("Junior college")
        SECONDARY = "secondary", _("Senior or vocational secondary school")
        JUNIOR = "junior", _("Junior secondary school or below")

    class Occupation(models.TextChoices):
        OFFICIAL = "official", _("Party and government cadre")
        PROFESSIONAL = "professional", _("Professional and technical")
        ENTERPRISE = "enterprise", _("Enterprise manager")
        WORKER = "worker", _("Worker")
        FARMER = "farmer", _("Farmer")
        VILLAGE_CADRE = "village_cadre", _("Village cadre")
        OTHER = "other", _("Other")

    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="deputies", verbose_name=_("township")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputy",
        verbose_name=_("login account"),
    )
    name = models.CharField(_("full name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=20, default="汉族")
    birth_month = models.DateField(
        _("birth year and month"),
        null=True,
        blank=True,
        help_text=_("Stored as the first day of the month."),
    )
    affiliation = models.CharField(
        _("political affiliation"),
        max_length=20,
        choices=Affiliation.choices,
        default=Affiliation.NONE,
    )
    education = models.CharField(
        _("education"), max_length=20, choices=Education.choices, blank=True
    )
    occupation = models.CharField(
        _("occupation"), max_length=20, choices=Occupation.choices, default=Occupation.OTHER
    )
    work_unit = models.CharField(_("work unit and post"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    photo = models.ImageField(_("photo"), upload_to="deputies/photos/", blank=True)
    liaison = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="liaison_deputies",
        verbose_name=_("presidium member in contact"),
    )

    history = HistoricalRecords(excluded_fields=["photo"])

    class Meta:
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")
        ordering = ["name", "pk"]
        permissions = [("view_private", _("Can see deputies' phone, address and points"))]
        indexes = [models.Index(fields=["township", "name"])]

    def __str__(self):
        return self.name


class Mandate(models.Model):
    """One deputy's seat at one level for one term (届), and how it stands."""

    class Level(models.TextChoices):
        COUNTY = "county", _("County deputy")
        TOWNSHIP = "township", _("Township deputy")

    class Status(models.TextChoices):
        ACTIVE = "active", _("In office")
        RESIGNED = "resigned", _("Resigned")
        RECALLED = "recalled", _("Recalled")
        TERMINATED = "terminated", _("Terminated")
        TRANSFERRED = "transferred", _("Transferred away")

    deputy = models.ForeignKey(
        Deputy, on_delete=models.CASCADE, related_name="mandates", verbose_name=_("deputy")
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    term = models.PositiveSmallIntegerField(_("term"))
    constituency = models.ForeignKey(
        Constituency,
        on_delete=models.PROTECT,
        related_name="mandates",
        verbose_name=_("constituency"),
    )
    group = models.ForeignKey(
        DeputyGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name=_("deputy group"),
    )
    status = models.CharField(
        _("mandate status"),
        max_length=20,
        choices=Status.choices,
        default=Status.ACTIVE,
        db_index=True,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status_reason = models.CharField(_("reason"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["-term", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["deputy", "level", "term"],
                name="mandate_unique_per_level_and_term",
                violation_error_message=_(
                    "This deputy already holds a mandate at this level in this term."
                ),
            )
        ]

    def __str__(self):
        return f"{self.deputy} {self.get_level_display()} {self.term}"


class Activity(models.Model):
    """Something deputies do between sessions: a training, an inspection, a visit to voters."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Study and training")  # 学习培训
        INSPECTION = "inspection", _("Inspection tour")  # 视察
        SURVEY = "survey", _("Survey")  # 调研
        FORUM = "forum", _("Forum")  # 座谈
        GROUP = "group", _("Deputy group activity")  # 代表小组活动
        VOTERS = "voters", _("Contact with voters")  # 联系选民
        PRE_SESSION = "pre_session", _("Pre-session visit")  # 会前走访
        REVIEW = "review", _("Report and review")  # 述职评议
        OTHER = "other", _("Other")

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="deputy_activities",
        verbose_name=_("township"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Empty for a one-day activity.")
    )
    place = models.CharField(_("place"), max_length=100, blank=True)
    organiser = models.CharField(_("organiser"), max_length=100, blank=True)
    group = models.ForeignKey(
        DeputyGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("deputy group"),
    )
    content = models.TextField(_("content"), blank=True)
    other_participants = models.PositiveIntegerField(
        _("other participants"),
        default=0,
        help_text=_("People who are not deputies (cadres, villagers), counted in person-times."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deputy activity")
        verbose_name_plural = _("deputy activities")
        ordering = ["-start_date", "-pk"]
        indexes = [models.Index(fields=["township", "-start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="activity_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self):
        return self.title


class Attendance(models.Model):
    """Whether a deputy took part in an activity."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LEAVE = "leave", _("On leave")
        ABSENT = "absent", _("Absent")

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("activity"),
    )
    deputy = models.ForeignKey(
        Deputy, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("deputy")
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "deputy"], name="attendance_once_per_activity"
            )
        ]

    def __str__(self):
        return f"{self.deputy} {self.get_status_display()}"


def activity_attachment_path(instance, filename):
    return f"deputies/activities/{instance.activity_id}/{filename}"


class ActivityAttachment(models.Model):
    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("activity"),
    )
    file = models.FileField(
        _("file"),
        upload_to=activity_attachment_path,
        validators=[FileExtensionValidator(ALLOWED_ATTACHMENT_EXTENSIONS)],
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def is_image(self) -> bool:
        return self.file.name.lower().rsplit(".", 1)[-1] in {"jpg", "jpeg", "png"}


class LiaisonContact(models.Model):
    """A presidium member's contact with a deputy they keep in touch with (主席团成员联系代表)."""

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="liaison_contacts",
        verbose_name=_("township"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="liaison_contacts",
        verbose_name=_("presidium member"),
    )
    deputy = models.ForeignKey(
        Deputy,
        on_delete=models.CASCADE,
        related_name="liaison_contacts",
        verbose_name=_("deputy"),
    )
    date = models.DateField(_("date"))
    content = models.TextField(_("what was discussed"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("presidium contact")
        verbose_name_plural = _("presidium contacts")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.member} → {self.deputy} {self.date}"


class VoterContact(models.Model):
    """A deputy's contact with voters (代表联系选民): who, when, and what they raised."""

    deputy = models.ForeignKey(
        Deputy,
        on_delete=models.CASCADE,
        related_name="voter_contacts",
        verbose_name=_("deputy"),
    )
    date = models.DateField(_("date"))
    voters = models.CharField(
        _("voters met"), max_length=200, help_text=_("Who was met, e.g. villagers of a hamlet.")
    )
    voter_count = models.PositiveIntegerField(_("number of voters"), default=1)
    raised = models.TextField(_("what was raised"))
    proposal = models.OneToOneField(
        "proposals.Proposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="voter_contact",
        verbose_name=_("proposal made from it"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("voter contact")
        verbose_name_plural = _("voter contacts")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.deputy} {self.date}"


class ReportToVoters(models.Model):
    """A deputy's report of their work to the voters (述职), and the voters' rating."""

    class Rating(models.TextChoices):
        EXCELLENT = "excellent", _("Very satisfied")
        GOOD = "good", _("Satisfied")
        FAIR = "fair", _("Fairly satisfied")
        POOR = "poor", _("Not satisfied")

    deputy = models.ForeignKey(
        Deputy,
        on_delete=models.CASCADE,
        related_name="reports_to_voters",
        verbose_name=_("deputy"),
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    voters_attended = models.PositiveIntegerField(_("voters attending"))
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report to voters")
        verbose_name_plural = _("reports to voters")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.deputy} {self.date}"


class PerformanceRules(models.Model):
    """A township's points per kind of work (履职积分) and the grade thresholds, set by staff."""

    township = models.OneToOneField(
        Township,
        on_delete=models.CASCADE,
        related_name="performance_rules",
        verbose_name=_("township"),
    )
    session_points = models.DecimalField(
        _("per congress session attended"), max_digits=5, decimal_places=1, default=10
    )
    training_points = models.DecimalField(
        _("per training"), max_digits=5, decimal_places=1, default=3
    )
    inspection_points = models.DecimalField(
        _("per inspection or survey"), max_digits=5, decimal_places=1, default=3
    )
    activity_points = models.DecimalField(
        _("per other activity"), max_digits=5, decimal_places=1, default=2
    )
    proposal_points = models.DecimalField(
        _("per proposal submitted"), max_digits=5, decimal_places=1, default=5
    )
    voter_contact_points = models.DecimalField(
        _("per voter contact"), max_digits=5, decimal_places=1, default=2
    )
    report_points = models.DecimalField(
        _("per report to voters"), max_digits=5, decimal_places=1, default=5
    )
    excellent_from = models.DecimalField(
        _("excellent from"), max_digits=6, decimal_places=1, default=40
    )
    qualified_from = models.DecimalField(
        _("qualified from"), max_digits=6, decimal_places=1, default=20
    )
    basic_from = models.DecimalField(
        _("basically qualified from"), max_digits=6, decimal_places=1, default=10
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("performance rules")
        verbose_name_plural = _("performance rules")

    def __str__(self):
        return str(self.township)


def roster_import_path(instance, filename):
    return f"deputies/imports/{instance.township_id}/{filename}"


class RosterImport(models.Model):
    """An uploaded roster workbook: previewed first, then imported whole or not at all."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        IMPORTED = "imported", _("Imported")

    township = models.ForeignKey(
        Township,
        on_delete=models.CASCADE,
        related_name="roster_imports",
        verbose_name=_("township"),
    )
    file = models.FileField(_("file"), upload_to=roster_import_path)
    original_name = models.CharField(_("file name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    summary = models.CharField(_("summary"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.original_name
