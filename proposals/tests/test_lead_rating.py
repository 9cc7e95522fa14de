"""The lead deputy's rating is the item's, as offices count it: it rates the proposal or sends
it back, a co-signer's is kept beside it and moves nothing; a township that has every signer
rate (Township.all_signers_rate) waits for all. Satisfaction counts items by their lead's
rating, with one definition of 满意率; staff enter a paper rating form with its real date."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from congress.models import Township
from congress.roles import Role
from deputies.tests.factories import DeputyFactory
from proposals.models import AnswerCategory, Rating
from proposals.selectors.stats import SATISFACTION_DEFINITION, proposal_statistics
from proposals.services import (
    proposal_answer,
    proposal_assign,
    proposal_rate,
    proposal_register,
    proposal_submit,
)
from proposals.workflow import Status

TODAY = timezone.localdate


def moment(days_ago: int) -> datetime.datetime:
    """Noon, local time, `days_ago` days before today."""
    day = TODAY() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


class Handling:
    """A township's staff and unit, and proposals of a lead deputy and two co-signers, each
    entered on paper 30 days ago and answered 10 days ago."""

    def __init__(self, township, unit, users, make_user):
        self.township, self.unit = township, unit
        self.staff, self.unit_user = users[Role.STAFF], users[Role.UNIT]
        self.category = AnswerCategory.objects.get(township=township, code="A")
        self.make_user = make_user

    def deputy(self):
        return DeputyFactory(
            township=self.township, user=self.make_user(Role.DEPUTY, self.township)
        )

    def answered(self, title="关于修缮村道的建议"):
        lead, co1, co2 = self.deputy(), self.deputy(), self.deputy()
        proposal = proposal_submit(
            deputy=lead,
            cosigners=[co1, co2],
            title=title,
            content="内容",
            kind="suggestion",
            submitted_by=self.staff,
            submitted_at=moment(30),
        )
        proposal_register(proposal=proposal, by=self.staff, at=moment(29))
        proposal_assign(
            proposal=proposal,
            unit=self.unit,
            by=self.staff,
            assigned_on=moment(28).date(),
            at=moment(28),
        )
        proposal_answer(
            proposal=proposal, by=self.staff, category=self.category, text="已修缮", at=moment(10)
        )
        proposal.refresh_from_db()
        assert proposal.status == Status.ANSWERED
        return proposal, lead, co1, co2


@pytest.fixture
def handling(township, unit, users, make_user):
    return Handling(township, unit, users, make_user)


def rate(proposal, deputy, attitude="satisfied", result="satisfied", reasons=""):
    return proposal_rate(
        proposal=proposal, by=deputy.user, attitude=attitude, result=result, reasons=reasons
    )


def status(proposal):
    proposal.refresh_from_db()
    return proposal.status


# ------------------------------------------------------------------------ who moves the item


def test_a_cosigners_rating_is_kept_but_does_not_move_the_item(handling):
    proposal, lead, co1, _co2 = handling.answered()
    rate(proposal, co1, "unsatisfied", "unsatisfied", reasons="没有修好")
    assert status(proposal) == Status.ANSWERED  # not sent back: it waits for the lead
    assert Rating.objects.filter(deputy=co1, result="unsatisfied").exists()
    rate(proposal, lead, "satisfied", "basic")
    assert status(proposal) == Status.RATED


def test_the_leads_rating_rates_the_item_and_cosigners_may_still_add_theirs(handling):
    proposal, lead, co1, co2 = handling.answered()
    rate(proposal, lead)
    assert status(proposal) == Status.RATED
    rate(proposal, co1, "basic", "basic")  # after the lead: kept, the item stays rated
    assert status(proposal) == Status.RATED
    assert set(proposal.answers.get().ratings.values_list("deputy", flat=True)) == {
        lead.pk,
        co1.pk,
    }
    with pytest.raises(ValidationError, match="已评价过"):
        rate(proposal, co1)
    with pytest.raises(ValidationError, match="已评价过"):
        rate(proposal, lead)  # the lead has rated this answer


def test_the_leads_unsatisfied_rating_sends_it_back(handling):
    proposal, lead, co1, _co2 = handling.answered()
    rate(proposal, co1)
    rate(proposal, lead, "satisfied", "unsatisfied", reasons="路面仍有坑洼")
    assert status(proposal) == Status.ASSIGNED
    with pytest.raises(ValidationError):
        rate(proposal, handling.deputy())  # not a signer


def test_with_every_signer_rating_the_answer_waits_for_all(handling, township):
    township.all_signers_rate = True
    township.save(update_fields=["all_signers_rate"])
    proposal, lead, co1, co2 = handling.answered()
    rate(proposal, lead)
    assert status(proposal) == Status.ANSWERED
    rate(proposal, co1, "basic", "satisfied")
    assert status(proposal) == Status.ANSWERED
    rate(proposal, co2)
    assert status(proposal) == Status.RATED

    other, lead, co1, _co2 = handling.answered(title="关于路灯的建议")
    rate(other, co1, "satisfied", "unsatisfied", reasons="路灯不亮")
    assert status(other) == Status.ASSIGNED  # any signer's 不满意 sends it back


def test_the_proposals_page_marks_the_leads_rating_and_offers_a_cosigner_theirs(handling, client):
    proposal, lead, co1, _co2 = handling.answered()
    rate(proposal, lead)
    url = reverse("proposals:detail", args=[proposal.pk])
    client.force_login(co1.user)
    page = client.get(url).content.decode()
    assert page.count("领衔代表（本件测评结果）") == 1  # the lead's rating, not co1's
    move = reverse("proposals:move", args=[proposal.pk, "rate"])
    assert f'action="{move}"' in page
    response = client.post(move, {"attitude": "basic", "result": "satisfied", "reasons": ""})
    assert response.status_code == 302
    assert status(proposal) == Status.RATED
    assert Rating.objects.filter(deputy=co1, attitude="basic").exists()
    assert f'action="{move}"' not in client.get(url).content.decode()  # rated: no more form


# ------------------------------------------------------------------------ staff's paper form


def test_staff_enter_the_leads_paper_rating_with_its_real_date(handling):
    proposal, lead, _co1, _co2 = handling.answered()
    rating = proposal_rate(
        proposal=proposal,
        by=handling.staff,
        on_behalf_of=lead,
        attitude="satisfied",
        result="basic",
        at=moment(4),
    )
    assert timezone.localdate(rating.rated_at) == TODAY() - datetime.timedelta(days=4)
    assert status(proposal) == Status.RATED
    change = proposal.status_changes.get(to_status=Status.RATED)
    assert timezone.localdate(change.changed_at) == TODAY() - datetime.timedelta(days=4)


@pytest.mark.parametrize("days_ago", [-1, 11])
def test_a_paper_rating_is_not_dated_after_today_nor_before_the_answer(handling, days_ago):
    proposal, lead, _co1, _co2 = handling.answered()
    with pytest.raises(ValidationError) as error:
        proposal_rate(
            proposal=proposal,
            by=handling.staff,
            on_behalf_of=lead,
            attitude="satisfied",
            result="satisfied",
            at=moment(days_ago),
        )
    assert "rated_on" in error.value.message_dict
    assert status(proposal) == Status.ANSWERED
    assert not Rating.objects.exists()  # nothing half-saved


def test_the_answers_own_day_is_a_valid_rating_day(handling):
    proposal, lead, _co1, _co2 = handling.answered()
    proposal_rate(
        proposal=proposal,
        by=handling.staff,
        on_behalf_of=lead,
        attitude="satisfied",
        result="satisfied",
        at=moment(10) - datetime.timedelta(hours=2),  # same day, earlier hour than the answer
    )
    assert status(proposal) == Status.RATED


def test_the_staff_rating_page_refuses_a_future_date_in_chinese(handling, client):
    proposal, lead, _co1, _co2 = handling.answered()
    client.force_login(handling.staff)
    response = client.post(
        reverse("proposals:move", args=[proposal.pk, "rate"]),
        {
            "deputy": lead.pk,
            "attitude": "satisfied",
            "result": "satisfied",
            "rated_on": (TODAY() + datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["rated_on"]
    assert errors and errors[0] in response.content.decode()
    assert status(proposal) == Status.ANSWERED


# ------------------------------------------------------------------------ counting items


def test_satisfaction_counts_items_by_their_leads_rating(handling, township):
    ratings = [("satisfied", "satisfied"), ("satisfied", "satisfied"), ("basic", "satisfied")]
    ratings += [("satisfied", "basic")]
    for n, (attitude, result) in enumerate(ratings):
        proposal, lead, co1, co2 = handling.answered(title=f"关于第{n}件的建议")
        # Co-signers who disagree, before and after the lead: not counted.
        rate(proposal, co1, "unsatisfied", "unsatisfied", reasons="不满意")
        rate(proposal, lead, attitude, result)
        rate(proposal, co2, "unsatisfied", "unsatisfied", reasons="不满意")
    handling.answered(title="关于未测评的建议")  # not rated: not counted

    stats = proposal_statistics(township=township, year=moment(30).year)
    assert stats.rated == 4
    assert [(row.key, row.result) for row in stats.satisfaction] == [
        ("satisfied", 3),
        ("basic", 1),
        ("unsatisfied", 0),
    ]
    assert [(row.key, row.attitude) for row in stats.satisfaction] == [
        ("satisfied", 3),
        ("basic", 1),
        ("unsatisfied", 0),
    ]
    assert stats.satisfied_share("result") == Decimal("100.0")


def test_the_satisfaction_rate_is_satisfied_and_basic_over_items_rated(handling, township):
    levels = [("satisfied", ""), ("basic", ""), ("unsatisfied", "没有修好")]
    for n, (result, reasons) in enumerate(levels):
        proposal, lead, _co1, _co2 = handling.answered(title=f"关于第{n}件的建议")
        rate(proposal, lead, "satisfied", result, reasons=reasons)
    stats = proposal_statistics(township=township, year=moment(30).year)
    assert stats.rated == 3
    assert stats.satisfied_count("result") == 2
    assert stats.satisfied_share("result") == Decimal("66.7")  # (1 + 1) / 3
    assert stats.satisfied_share("attitude") == Decimal("100.0")
    assert str(SATISFACTION_DEFINITION) == (
        "满意率＝（满意件数＋基本满意件数）÷已测评件数；每件以领衔代表的测评为准。"
    )


# ------------------------------------------------------------------------ the township's setting


def test_the_county_administrator_ticks_every_signer_rates_for_a_new_township(client, county_admin):
    client.force_login(county_admin)
    data = {
        "name": "新城乡",
        "kind": "xiang",
        "county": "遂昌县",
        "current_term": "18",
        "staff_full_name": "陈丽萍",
        "staff_username": "xc-renda",
    }
    client.post(reverse("county:township_create"), {**data, "all_signers_rate": "on"})
    client.post(
        reverse("county:township_create"),
        {**data, "name": "新城镇", "kind": "town", "staff_username": "xc-renda2"},
    )
    assert Township.objects.get(name="新城乡").all_signers_rate is True
    assert Township.objects.get(name="新城镇").all_signers_rate is False  # the usual practice


def test_the_statistics_page_prints_the_definition_under_the_figure(handling, client):
    for n, result in enumerate(["satisfied", "basic", "satisfied", "satisfied"]):
        proposal, lead, co1, _co2 = handling.answered(title=f"关于第{n}件的建议")
        rate(proposal, co1, "unsatisfied", "unsatisfied", reasons="不满意")
        rate(proposal, lead, "satisfied", result)
    client.force_login(handling.staff)
    page = client.get(reverse("proposals:stats"), {"year": moment(30).year}).content.decode()
    definition = "满意率＝（满意件数＋基本满意件数）÷已测评件数；每件以领衔代表的测评为准。"
    assert f'data-testid="headline-note">{definition}<' in page
    assert f'data-testid="note-satisfaction">已测评4件。{definition}<' in page
    assert "满意度（按件统计，以领衔代表测评为准）" in page
