from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models import Township
from congress.scoping import Scope
from congress.validators import validate_visible_text


class Article(models.Model):
    """An article the township congress submitted (投稿) about its work."""

    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="articles", verbose_name=_("township")
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_visible_text])
    submitted_on = models.DateField(_("submitted on"))
    author = models.CharField(
        _("author"), max_length=100, blank=True, validators=[validate_visible_text]
    )
    submitted_to = models.CharField(
        _("submitted to"),
        max_length=100,
        blank=True,
        validators=[validate_visible_text],
        help_text=_("e.g. 县人大信息网."),
    )

    history = HistoricalRecords()

    scope = Scope()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-submitted_on", "-pk"]
        indexes = [
            # Named as when the table was oversight's (the index kept its name when it moved).
            models.Index(
                fields=["township", "-submitted_on"], name="oversight_a_townshi_03f001_idx"
            )
        ]

    def __str__(self):
        return self.title


class Publication(models.Model):
    """Where and when an article was published (录用)."""

    class Outlet(models.TextChoices):
        COUNTY_SITE = "county_site", _("County congress website")  # 县人大网
        CITY_SITE = "city_site", _("City congress website")  # 市人大网
        PROVINCE_SITE = "province_site", _("Provincial congress website")  # 省人大网
        NEWSPAPER = "newspaper", _("Newspaper or magazine")  # 报刊
        OTHER = "other", _("Other")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="publications", verbose_name=_("article")
    )
    outlet = models.CharField(_("outlet"), max_length=20, choices=Outlet.choices)
    outlet_name = models.CharField(
        _("outlet name"),
        max_length=100,
        blank=True,
        validators=[validate_visible_text],
        help_text=_("For a newspaper or other outlet: its name."),
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)

    history = HistoricalRecords()

    scope = Scope(township="article__township")

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["published_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "outlet", "outlet_name"],
                name="publication_once_per_outlet",
                violation_error_message=_("This article is already recorded at this outlet."),
            )
        ]

    def __str__(self):
        return f"{self.article} {self.get_outlet_display()}"
