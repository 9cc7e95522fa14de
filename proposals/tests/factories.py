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


def proposal_due_in_a_week(*, township, unit, make_user, today):
    """A proposal registered and assigned to `unit` three months less a week before `today`,
    so its answer falls due a week after it, with the unit's user and a staff user who both
    want each notification by email: what the deadline reminders act on."""
    import datetime

    from dateutil.relativedelta import relativedelta

    from congress.roles import Role
    from proposals.services import proposal_assign, proposal_register, proposal_submit

    staff = make_user(Role.STAFF, township)
    unit_user = make_user(Role.UNIT, township, unit=unit)
    for user, address in [(staff, "staff@example.gov.cn"), (unit_user, "unit@example.gov.cn")]:
        user.email = address
        user.save(update_fields=["email"])
    assigned_on = today + datetime.timedelta(days=7) - relativedelta(months=3)
    at = timezone.make_aware(datetime.datetime.combine(assigned_on, datetime.time(10)))
    proposal = proposal_submit(
        deputy=DeputyFactory(township=township),
        title="修缮村道",
        content="内容",
        kind="suggestion",
        submitted_by=staff,
        submitted_at=at,  # entered from paper: submitted, registered and assigned that day
    )
    proposal_register(proposal=proposal, by=staff, at=at)
    return proposal_assign(proposal=proposal, unit=unit, by=staff, at=at, assigned_on=assigned_on)
