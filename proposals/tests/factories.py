import factory
from django.utils import timezone

from deputies.tests.factories import DeputyFactory
from proposals.models import Proposal, ProposalSigner


class ProposalFactory(factory.django.DjangoModelFactory):
    """A submitted proposal with its lead deputy as its signer."""

    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    deputy = factory.SubFactory(DeputyFactory)
    township = factory.SelfAttribute("deputy.township")
    title = factory.Sequence(lambda n: f"关于第{n}件事的建议")
    content = "建议内容"
    status = Proposal.Status.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def signers(self, create, extracted, **kwargs):
        if create and self.deputy_id:
            ProposalSigner.objects.get_or_create(
                proposal=self, deputy=self.deputy, defaults={"is_lead": True}
            )
