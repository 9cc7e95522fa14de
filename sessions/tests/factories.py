import datetime

import factory

from congress.tests.factories import TownshipFactory
from sessions.models import CongressSession, Sitting


class CongressSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CongressSession

    township = factory.SubFactory(TownshipFactory)
    term = 18
    number = factory.Sequence(lambda n: n + 1)
    start_date = datetime.date(2024, 1, 21)
    end_date = datetime.date(2024, 1, 22)
    venue = "镇政府大会议室"


class SittingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sitting

    session = factory.SubFactory(CongressSessionFactory)
    date = factory.LazyAttribute(lambda sitting: sitting.session.start_date)
    title = "第一次全体会议"


def first_sitting(session: CongressSession) -> Sitting:
    """The session's first sitting, made if the factory-built session has none."""
    return session.sittings.order_by("date", "pk").first() or SittingFactory(session=session)
