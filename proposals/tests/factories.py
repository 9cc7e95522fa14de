import factory
from django.utils import timezone

from deputies.tests.factories import DeputyFactory
from proposals.models import Proposal


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    deputy = factory.SubFactory(DeputyFactory)
    township = factory.SelfAttribute("deputy.township")
    title = factory.Sequence(lambda n: f"关于第{n}件事的建议")
    content = "建议内容"
    submitted_at = factory.LazyFunction(timezone.now)
