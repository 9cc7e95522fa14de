import datetime

import factory

from congress.tests.factories import TownshipFactory
from oversight.models import Inspection


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    township = factory.SubFactory(TownshipFactory)
    kind = Inspection.Kind.INSPECTION
    date = datetime.date(2024, 4, 18)
    subject = factory.Sequence(lambda n: f"视察{n}")
    participants = 10
