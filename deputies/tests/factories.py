import datetime

import factory

from congress.tests.factories import TownshipFactory
from deputies.models import Activity, Constituency, Deputy, DeputyGroup, Mandate


class ConstituencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Constituency

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"第{n}选区")


class DeputyGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeputyGroup

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"代表小组{n}")


class DeputyFactory(factory.django.DjangoModelFactory):
    """A person with one township mandate in office in the township's current term."""

    class Meta:
        model = Deputy
        skip_postgeneration_save = True

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"代表{n}")
    gender = Deputy.Gender.MALE
    phone = factory.Sequence(lambda n: f"1380000{n:04d}")
    address = factory.Sequence(lambda n: f"某村{n}号")

    @factory.post_generation
    def mandate(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        MandateFactory(deputy=self, **kwargs)


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    deputy = factory.SubFactory(DeputyFactory, mandate=False)
    level = Mandate.Level.TOWNSHIP
    term = factory.LazyAttribute(lambda m: m.deputy.township.current_term)
    constituency = factory.SubFactory(
        ConstituencyFactory, township=factory.SelfAttribute("..deputy.township")
    )
    group = factory.SubFactory(
        DeputyGroupFactory, township=factory.SelfAttribute("..deputy.township")
    )
    start_date = datetime.date(2021, 12, 30)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    township = factory.SubFactory(TownshipFactory)
    kind = Activity.Kind.TRAINING
    title = factory.Sequence(lambda n: f"代表培训{n}")
    start_date = datetime.date(2024, 5, 10)
