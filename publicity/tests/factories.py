"""Factories for the office's publicity. Records made here skip the services."""

import datetime

import factory

from congress.tests.factories import TownshipFactory
from publicity.models import Article, Publication


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    township = factory.SubFactory(TownshipFactory)
    title = factory.Sequence(lambda n: f"稿件{n}")
    submitted_on = datetime.date(2024, 5, 6)


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    article = factory.SubFactory(ArticleFactory)
    outlet = Publication.Outlet.COUNTY_SITE
