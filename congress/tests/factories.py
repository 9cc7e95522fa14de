import factory

from congress.models import Notification, Township, Unit


class TownshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Township

    name = factory.Sequence(lambda n: f"测试{n}镇")
    county = "测试县"
    current_term = 18


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"承办单位{n}")
    kind = Unit.Kind.OFFICE


class NotificationFactory(factory.django.DjangoModelFactory):
    """A stored notification; tests of sending go through `notify` instead."""

    class Meta:
        model = Notification

    kind = "test.notice"
    subject = factory.Sequence(lambda n: f"第{n}条通知")
    body = "通知内容"
    url = "/proposals/"
