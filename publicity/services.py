"""Writing the congress's publicity: the articles it submitted (投稿) and where each was
published (录用)."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.db import save_unique
from congress.models import Township

from .models import Article, Publication

Outlet = Publication.Outlet
# A congress website is one outlet whatever name is typed beside it; a newspaper or another
# outlet is told apart by its name, which it must have.
NAMED_OUTLETS = frozenset({Outlet.NEWSPAPER, Outlet.OTHER})


@dataclass(frozen=True)
class PublicationEntry:
    """Where an article was published, as a form gives it."""

    outlet: str
    outlet_name: str = ""
    published_on: datetime.date | None = None

    @property
    def key(self) -> tuple[str, str]:
        """What makes two entries the same outlet."""
        name = self.outlet_name.strip() if self.outlet in NAMED_OUTLETS else ""
        return (self.outlet, name)

    def label(self) -> str:
        outlet = Outlet(self.outlet).label
        return f"{outlet}（{self.outlet_name.strip()}）" if self.key[1] else str(outlet)


def _check_article(*, submitted_on: datetime.date) -> None:
    if submitted_on > timezone.localdate():
        raise ValidationError(
            {"submitted_on": _("An article is recorded once submitted: not a later day.")}
        )


def _check_entries(entries: Sequence[PublicationEntry], *, submitted_on: datetime.date) -> None:
    """Every entry names its outlet, once, and a day from the submission to today."""
    errors, seen = [], set()
    today = timezone.localdate()
    for entry in entries:
        if entry.outlet not in Outlet.values:
            errors.append(_("Choose where the article was published."))
            continue
        if entry.outlet in NAMED_OUTLETS and not entry.outlet_name.strip():
            errors.append(
                _("Give the name of the newspaper or outlet for “%(outlet)s”.")
                % {"outlet": Outlet(entry.outlet).label}
            )
        if entry.key in seen:
            errors.append(
                _("“%(outlet)s” is listed twice: an article is counted once per outlet.")
                % {"outlet": entry.label()}
            )
        seen.add(entry.key)
        if entry.published_on is not None and entry.published_on < submitted_on:
            errors.append(
                _("Published in “%(outlet)s” before it was submitted: check the dates.")
                % {"outlet": entry.label()}
            )
        if entry.published_on is not None and entry.published_on > today:
            errors.append(
                _("Published in “%(outlet)s” on a later day than today: check the date.")
                % {"outlet": entry.label()}
            )
    if errors:
        raise ValidationError({"publications": errors})


def _key_of(publication: Publication) -> tuple[str, str]:
    return PublicationEntry(publication.outlet, publication.outlet_name).key


@transaction.atomic
def publication_add(
    *,
    article: Article,
    outlet: str,
    outlet_name: str = "",
    published_on: datetime.date | None = None,
) -> Publication:
    """Record that the article was published at one more outlet; an outlet it is already
    recorded at is refused (a congress website once, a newspaper once per name)."""
    entry = PublicationEntry(outlet, outlet_name, published_on)
    existing = [PublicationEntry(p.outlet, p.outlet_name) for p in article.publications.all()]
    _check_entries([*existing, entry], submitted_on=article.submitted_on)
    publication = Publication(
        article=article,
        outlet=outlet,
        outlet_name=outlet_name.strip(),
        published_on=published_on,
    )
    publication.full_clean(validate_unique=False)  # the constraint answers in save_unique
    return save_unique(publication)


@transaction.atomic
def article_create(
    *,
    township: Township,
    title: str,
    submitted_on: datetime.date,
    author: str = "",
    submitted_to: str = "",
    publications: Sequence[PublicationEntry] = (),
) -> Article:
    """Record a submitted article with where it was published, all or nothing; the day
    submitted is not later than today (last season's articles are entered afterwards)."""
    _check_article(submitted_on=submitted_on)
    _check_entries(publications, submitted_on=submitted_on)
    article = Article(
        township=township,
        title=title,
        submitted_on=submitted_on,
        author=author,
        submitted_to=submitted_to,
    )
    article.full_clean()
    article.save()
    for entry in publications:
        publication_add(
            article=article,
            outlet=entry.outlet,
            outlet_name=entry.outlet_name,
            published_on=entry.published_on,
        )
    return article


@transaction.atomic
def article_update(
    *,
    article: Article,
    title: str,
    submitted_on: datetime.date,
    author: str = "",
    submitted_to: str = "",
    publications: Sequence[PublicationEntry] = (),
) -> Article:
    """Correct an article and set where it was published to `publications`: an outlet
    already recorded keeps its record (its day and name corrected), one no longer listed
    is removed (its history stays), a new one is added. All or nothing."""
    _check_article(submitted_on=submitted_on)
    _check_entries(publications, submitted_on=submitted_on)
    article = Article.objects.select_for_update().get(pk=article.pk)
    article.title, article.submitted_on = title, submitted_on
    article.author, article.submitted_to = author, submitted_to
    article.full_clean()
    article.save()
    wanted = {entry.key: entry for entry in publications}
    for publication in list(article.publications.all()):
        entry = wanted.pop(_key_of(publication), None)
        if entry is None:
            publication.delete()
            continue
        name = entry.outlet_name.strip()
        if (publication.outlet_name, publication.published_on) != (name, entry.published_on):
            publication.outlet_name, publication.published_on = name, entry.published_on
            publication.full_clean(validate_unique=False)
            save_unique(publication)
    for entry in wanted.values():
        publication_add(
            article=article,
            outlet=entry.outlet,
            outlet_name=entry.outlet_name,
            published_on=entry.published_on,
        )
    return article
