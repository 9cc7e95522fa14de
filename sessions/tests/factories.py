import datetime

import factory

from congress.tests.factories import TownshipFactory
from sessions.models import CongressSession


class CongressSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CongressSession

    township = factory.SubFactory(TownshipFactory)
    term = 18
    number = factory.Sequence(lambda n: n + 1)
    start_date = datetime.date(2024, 1, 21)
    end_date = datetime.date(2024, 1, 22)
    venue = "镇政府大会议室"
