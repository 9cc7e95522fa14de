import factory

from congress.tests.factories import TownshipFactory
from deputies.models import Constituency, Deputy, DeputyGroup


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
    class Meta:
        model = Deputy

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"代表{n}")
    level = Deputy.Level.TOWNSHIP
    constituency = factory.SubFactory(
        ConstituencyFactory, township=factory.SelfAttribute("..township")
    )
    group = factory.SubFactory(DeputyGroupFactory, township=factory.SelfAttribute("..township"))
