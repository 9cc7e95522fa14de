"""Factories for letters and visits (信访). Records made here skip the services."""

import datetime

import factory

from congress.tests.factories import TownshipFactory
from petitions.models import Petition


class PetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Petition

    township = factory.SubFactory(TownshipFactory)
    received_on = datetime.date(2024, 6, 3)
    channel = Petition.Channel.LETTER
    name = factory.Sequence(lambda n: f"来信人{n}")
    contact = factory.Sequence(lambda n: f"1390000{n:04d}")
    category = Petition.Category.OTHER
    subject = factory.Sequence(lambda n: f"反映事项{n}")
    content = "反映的内容"
    accept_by = datetime.date(2024, 6, 18)
