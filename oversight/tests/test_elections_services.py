"""Election observations: villages and observers of the township, days not in the future,
nothing half-saved; read back per village, and the year's figures exact."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from congress.registry import year_summary_sources
from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.tests.factories import DeputyFactory
from oversight.models import ElectionObservation
from oversight.selectors.elections import (
    elections_year_summary,
    observations_for_user,
    observations_for_year,
)
from oversight.services.elections import observation_create, observation_update
from oversight.tests.factories import ElectionObservationFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 11, 20)
Stage = ElectionObservation.Stage


@pytest.fixture
def village(township):
    return UnitFactory(township=township, name="大茂坑村村民委员会", kind="village")


@pytest.fixture
def observers(township):
    return [DeputyFactory(township=township, name=name) for name in ("李建华", "张卫国")]


@freeze_time(f"{TODAY} 09:00:00+08:00")
def test_staff_record_a_past_stage_with_its_observers(township, village, observers):
    observation = observation_create(
        township=township,
        village=village,
        stage=Stage.VOTING,
        date=datetime.date(2024, 10, 20),
        observers=observers,
        other_observers="镇人大办 徐雪梅",
        issues="流动票箱监票人员不足",
    )
    assert set(observation.observers.all()) == set(observers)
    assert observation.date == datetime.date(2024, 10, 20)
    # Today itself is not "later".
    observation_create(
        township=township, village=village, stage=Stage.HANDOVER, date=TODAY, observers=observers
    )


@freeze_time(f"{TODAY} 09:00:00+08:00")
def test_a_later_day_is_refused_and_nothing_is_saved(township, village, observers):
    with pytest.raises(ValidationError, match="日期不能晚于今天") as refused:
        observation_create(
            township=township,
            village=village,
            stage=Stage.VOTING,
            date=TODAY + datetime.timedelta(days=1),
            observers=observers,
        )
    assert "date" in refused.value.error_dict
    assert not ElectionObservation.objects.exists()


def test_the_village_must_be_a_village_committee_of_the_township(township, observers):
    office = UnitFactory(township=township, name="镇财政所", kind="station")
    with pytest.raises(ValidationError, match="请选择村（居）民委员会"):
        observation_create(
            township=township,
            village=office,
            stage=Stage.VOTING,
            date=datetime.date(2024, 10, 20),
            observers=observers,
        )
    foreign = UnitFactory(township=TownshipFactory(), kind="village")
    with pytest.raises(ValidationError, match="属于其他乡镇"):
        observation_create(
            township=township,
            village=foreign,
            stage=Stage.VOTING,
            date=datetime.date(2024, 10, 20),
            observers=observers,
        )
    assert not ElectionObservation.objects.exists()


def test_observers_must_be_deputies_of_the_township(township, village, observers):
    foreign = DeputyFactory(township=TownshipFactory())
    with pytest.raises(ValidationError, match="属于其他乡镇") as refused:
        observation_create(
            township=township,
            village=village,
            stage=Stage.VOTING,
            date=datetime.date(2024, 10, 20),
            observers=[*observers, foreign],
        )
    assert "observers" in refused.value.error_dict
    assert not ElectionObservation.objects.exists()


def test_someone_must_have_observed(township, village):
    with pytest.raises(ValidationError, match="至少填写一名观察人员"):
        observation_create(
            township=township,
            village=village,
            stage=Stage.VOTING,
            date=datetime.date(2024, 10, 20),
            other_observers="  ",
        )
    observation_create(
        township=township,
        village=village,
        stage=Stage.VOTING,
        date=datetime.date(2024, 10, 20),
        other_observers="镇人大办 徐雪梅",
    )


def test_an_update_follows_the_same_rules_and_keeps_the_old_record_when_refused(
    township, village, observers
):
    observation = observation_create(
        township=township,
        village=village,
        stage=Stage.REGISTRATION,
        date=datetime.date(2024, 10, 8),
        observers=observers[:1],
    )
    with pytest.raises(ValidationError):
        observation_update(
            observation=observation,
            village=village,
            stage=Stage.NOMINATION,
            date=datetime.date(2024, 10, 20),
            observers=[DeputyFactory(township=TownshipFactory())],
        )
    observation.refresh_from_db()
    assert observation.stage == Stage.REGISTRATION
    assert list(observation.observers.all()) == observers[:1]

    observation_update(
        observation=observation,
        village=village,
        stage=Stage.NOMINATION,
        date=datetime.date(2024, 10, 20),
        observers=observers,
        issues="提名公示时间不足",
    )
    observation.refresh_from_db()
    assert (observation.stage, observation.issues) == (Stage.NOMINATION, "提名公示时间不足")
    assert observation.observers.count() == 2
    # The fields' change and the observers' (a many-to-many link keeps its history too).
    latest = observation.history.first()
    assert (latest.stage, latest.observers.count()) == (Stage.NOMINATION, 2)
    assert observation.history.filter(stage=Stage.REGISTRATION).exists()


def _observed(township, village, stage, day, issues="", observers=()):
    observation = ElectionObservationFactory(
        township=township, village=village, stage=stage, date=day, issues=issues
    )
    observation.observers.set(observers)
    return observation


def test_the_year_is_read_per_village_with_stages_observers_and_issues(
    township, village, observers
):
    other_village = UnitFactory(township=township, name="路堰村村民委员会", kind="village")
    _observed(township, village, Stage.VOTING, datetime.date(2024, 11, 3), "", observers)
    _observed(
        township,
        village,
        Stage.REGISTRATION,
        datetime.date(2024, 10, 8),
        "外出人员登记告知不到位",
        observers[:1],
    )
    _observed(township, other_village, Stage.NOMINATION, datetime.date(2024, 10, 20))
    _observed(township, other_village, Stage.VOTING, datetime.date(2021, 10, 20))  # last time
    ElectionObservationFactory(township=TownshipFactory(), date=datetime.date(2024, 10, 20))

    villages = observations_for_year(township=township, year=2024)

    assert [v.village for v in villages] == ["大茂坑村村民委员会", "路堰村村民委员会"]
    first = villages[0]
    assert [str(label) for label in first.stages_observed] == ["选民登记", "投票选举"]
    assert [tick.observed for tick in first.ticks] == [False, True, False, True, False, False]
    assert [line.date for line in first.observations] == [
        datetime.date(2024, 10, 8),
        datetime.date(2024, 11, 3),
    ]
    assert sorted(first.observations[1].observers) == sorted(["张卫国", "李建华"])
    assert [line.issues for line in first.issues] == ["外出人员登记告知不到位"]
    assert len(villages[1].observations) == 1


def test_the_page_lists_every_village_in_use_even_unobserved(township, village, users):
    UnitFactory(township=township, name="姚埠村村民委员会", kind="village")
    UnitFactory(township=township, name="旧村（已撤并）", kind="village", is_active=False)
    UnitFactory(township=township, name="镇财政所", kind="station")
    UnitFactory(township=TownshipFactory(), name="别镇的村", kind="village")
    _observed(township, village, Stage.VOTING, datetime.date(2024, 11, 3))
    rows = observations_for_user(user=users[Role.MEMBER], year=2024)
    assert [row.village for row in rows] == ["大茂坑村村民委员会", "姚埠村村民委员会"]
    assert observations_for_user(user=users[Role.DEPUTY], year=2024) == []
    assert observations_for_user(user=users[Role.UNIT], year=2024) == []


def test_the_year_summary_counts_villages_observations_and_issues_exactly(
    township, village, observers
):
    other_village = UnitFactory(township=township, kind="village")
    _observed(township, village, Stage.REGISTRATION, datetime.date(2024, 10, 8), "问题一")
    _observed(township, village, Stage.NOMINATION, datetime.date(2024, 10, 20))
    _observed(township, village, Stage.VOTING, datetime.date(2024, 11, 3), "问题二")
    _observed(township, other_village, Stage.VOTING, datetime.date(2024, 11, 5))
    # Another year, another township: not counted.
    _observed(township, other_village, Stage.VOTING, datetime.date(2023, 12, 31), "旧问题")
    ElectionObservationFactory(township=TownshipFactory(), issues="别镇问题")

    summary = elections_year_summary(township=township, year=2024)

    assert (summary["villages"], summary["observations"], summary["issues"]) == (2, 4, 2)
    assert summary.figures[0].url == "/oversight/elections/?year=2024"
    assert str(summary.title) == "换届选举监督"
    assert year_summary_sources.get("elections").summary is elections_year_summary
    empty = elections_year_summary(township=township, year=2022)
    assert [figure.value for figure in empty.figures] == [0, 0, 0]
