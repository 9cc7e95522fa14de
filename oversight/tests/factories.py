"""Factories for oversight records. Records made here skip the services: a test of a page or
a selector starts from them; a test of a rule goes through the service."""

import datetime

import factory

from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.models import Activity
from deputies.tests.factories import ActivityFactory
from oversight.models import (
    ActionStaff,
    Campaign,
    ElectionObservation,
    EvaluationRating,
    GovernmentTask,
    OversightAction,
    PlanItem,
    Problem,
    ProgressReview,
    WorkEvaluation,
)


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanItem

    township = factory.SubFactory(TownshipFactory)
    year = 2024
    title = factory.Sequence(lambda n: f"工作思路{n}")


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    township = factory.SubFactory(TownshipFactory)
    title = factory.Sequence(lambda n: f"主题活动{n}")
    start_date = datetime.date(2024, 7, 1)


class GovernmentTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GovernmentTask

    township = factory.SubFactory(TownshipFactory)
    year = 2024
    kind = GovernmentTask.Kind.PRACTICAL
    title = factory.Sequence(lambda n: f"民生实事{n}")
    unit = factory.SubFactory(UnitFactory, township=factory.SelfAttribute("..township"))


class OversightActionFactory(factory.django.DjangoModelFactory):
    """An action and the deputies' activity it owns (no attendance: add it in the test)."""

    class Meta:
        model = OversightAction

    township = factory.SubFactory(TownshipFactory)
    kind = OversightAction.Kind.SPECIAL_CHECK
    activity = factory.SubFactory(
        ActivityFactory,
        township=factory.SelfAttribute("..township"),
        kind=Activity.Kind.OVERSIGHT,
        title=factory.Sequence(lambda n: f"专项督查{n}"),
        start_date=datetime.date(2024, 9, 12),
    )


class ActionStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionStaff

    action = factory.SubFactory(OversightActionFactory)
    name = factory.Sequence(lambda n: f"干部{n}")


class ProgressReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReview

    task = factory.SubFactory(GovernmentTaskFactory)
    stage = ProgressReview.Stage.MID_YEAR
    date = datetime.date(2024, 7, 10)
    progress = ProgressReview.Progress.ON_TRACK


class ProblemFactory(factory.django.DjangoModelFactory):
    """A problem in its initial state (no status history row: go through the service for
    that)."""

    class Meta:
        model = Problem

    action = factory.SubFactory(OversightActionFactory)
    township = factory.SelfAttribute("action.township")
    description = factory.Sequence(lambda n: f"问题{n}")
    unit = factory.SubFactory(UnitFactory, township=factory.SelfAttribute("..township"))
    deadline = datetime.date(2024, 10, 31)


class WorkEvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkEvaluation

    action = factory.SubFactory(OversightActionFactory, kind=OversightAction.Kind.EVALUATION)
    unit = factory.SubFactory(UnitFactory, township=factory.SelfAttribute("..action.township"))


class EvaluationRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvaluationRating

    evaluation = factory.SubFactory(WorkEvaluationFactory)
    verdict = EvaluationRating._meta.get_field("verdict").choices[0][0]


class ElectionObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ElectionObservation

    township = factory.SubFactory(TownshipFactory)
    village = factory.SubFactory(
        UnitFactory, township=factory.SelfAttribute("..township"), kind="village"
    )
    stage = ElectionObservation.Stage.VOTING
    date = datetime.date(2024, 10, 20)
