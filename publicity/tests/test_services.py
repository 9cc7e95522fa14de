"""Articles and where each was published: an outlet once per article, all or nothing, days
that make sense; counted per year and outlet exactly."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from congress.registry import year_summary_sources
from congress.tests.factories import TownshipFactory
from publicity.models import Article, Publication
from publicity.selectors import publicity_year_summary
from publicity.services import (
    PublicationEntry,
    article_create,
    article_update,
    publication_add,
)
from publicity.tests.factories import ArticleFactory, PublicationFactory

pytestmark = pytest.mark.django_db

COUNTY, CITY, NEWSPAPER = "county_site", "city_site", "newspaper"
D = datetime.date


def _create(township, **overrides):
    fields = {
        "township": township,
        "title": "练溪镇召开第十八届人民代表大会第二次会议",
        "submitted_on": D(2024, 1, 23),
        "author": "徐雪梅",
        "submitted_to": "县人大信息网",
        "publications": [],
    }
    return article_create(**{**fields, **overrides})


def test_an_article_is_recorded_with_where_it_was_published(township):
    article = _create(
        township,
        publications=[
            PublicationEntry(COUNTY, "", D(2024, 1, 25)),
            PublicationEntry(CITY, "", D(2024, 2, 1)),
        ],
    )
    assert sorted(article.publications.values_list("outlet", "published_on")) == [
        (CITY, D(2024, 2, 1)),
        (COUNTY, D(2024, 1, 25)),
    ]


def test_the_same_outlet_twice_is_refused_in_chinese_and_nothing_is_saved(township):
    with pytest.raises(ValidationError, match="“县人大网”重复登记") as refused:
        _create(
            township,
            publications=[
                PublicationEntry(COUNTY, "", D(2024, 1, 25)),
                PublicationEntry(CITY),
                PublicationEntry(COUNTY, "遂昌人大网", D(2024, 1, 26)),  # a website is one outlet
            ],
        )
    assert "publications" in refused.value.error_dict
    assert not Article.objects.exists() and not Publication.objects.exists()


def test_two_newspapers_are_two_outlets_but_each_needs_its_name(township):
    article = _create(
        township,
        publications=[
            PublicationEntry(NEWSPAPER, "丽水日报"),
            PublicationEntry(NEWSPAPER, "浙江日报"),
        ],
    )
    assert article.publications.count() == 2
    with pytest.raises(ValidationError, match="请填写“报刊”的名称"):
        _create(township, title="另一篇", publications=[PublicationEntry(NEWSPAPER, " ")])
    with pytest.raises(ValidationError, match="重复登记"):
        _create(
            township,
            title="又一篇",
            publications=[
                PublicationEntry(NEWSPAPER, "丽水日报"),
                PublicationEntry(NEWSPAPER, "丽水日报 "),
            ],
        )
    assert Article.objects.count() == 1


@freeze_time("2024-06-10 09:00:00+08:00")
def test_days_must_make_sense_and_past_ones_are_enterable(township):
    _create(
        township,
        submitted_on=D(2023, 12, 28),
        publications=[PublicationEntry(COUNTY, "", D(2024, 1, 3))],
    )
    _create(township, title="今天投的", submitted_on=D(2024, 6, 10))
    with pytest.raises(ValidationError, match="投稿日期不能晚于今天"):
        _create(township, title="明天的", submitted_on=D(2024, 6, 11))
    with pytest.raises(ValidationError, match="录用日期早于投稿日期"):
        _create(
            township,
            title="先录用后投稿",
            submitted_on=D(2024, 5, 6),
            publications=[PublicationEntry(COUNTY, "", D(2024, 5, 5))],
        )
    with pytest.raises(ValidationError, match="录用日期晚于今天"):
        _create(
            township,
            title="未来录用",
            submitted_on=D(2024, 5, 6),
            publications=[PublicationEntry(COUNTY, "", D(2024, 6, 11))],
        )
    assert Article.objects.count() == 2


def test_publication_add_refuses_an_outlet_already_recorded(township):
    article = _create(township, publications=[PublicationEntry(COUNTY)])
    with pytest.raises(ValidationError, match="重复登记"):
        publication_add(article=article, outlet=COUNTY)
    publication_add(article=article, outlet=CITY, published_on=D(2024, 2, 1))
    assert article.publications.count() == 2


def test_an_update_keeps_corrects_removes_and_adds_publications(township):
    article = _create(
        township,
        publications=[PublicationEntry(COUNTY, "", D(2024, 1, 25)), PublicationEntry(CITY)],
    )
    county = article.publications.get(outlet=COUNTY)
    article_update(
        article=article,
        title="练溪镇人代会胜利闭幕",
        submitted_on=D(2024, 1, 23),
        author="徐雪梅",
        submitted_to="县人大信息网",
        publications=[
            PublicationEntry(COUNTY, "", D(2024, 1, 26)),
            PublicationEntry(NEWSPAPER, "丽水日报", D(2024, 1, 30)),
        ],
    )
    article.refresh_from_db()
    assert article.title == "练溪镇人代会胜利闭幕"
    assert sorted(article.publications.values_list("outlet", flat=True)) == [COUNTY, NEWSPAPER]
    county.refresh_from_db()  # the same record, its day corrected
    assert county.published_on == D(2024, 1, 26)
    # The city site's record is gone, its history kept.
    removed = Publication.history.filter(article_id=article.pk, outlet=CITY, history_type="-")
    assert removed.count() == 1


def test_a_refused_update_changes_nothing(township):
    article = _create(township, publications=[PublicationEntry(COUNTY, "", D(2024, 1, 25))])
    with pytest.raises(ValidationError):
        article_update(
            article=article,
            title="改了标题",
            submitted_on=D(2024, 1, 23),
            publications=[PublicationEntry(CITY), PublicationEntry(CITY)],
        )
    article.refresh_from_db()
    assert article.title != "改了标题"
    assert list(article.publications.values_list("outlet", flat=True)) == [COUNTY]


def _article(township, day, *outlets):
    article = ArticleFactory(township=township, submitted_on=day)
    for outlet in outlets:
        PublicationFactory(article=article, outlet=outlet)
    return article


def test_the_year_is_counted_per_outlet_exactly(township):
    for n in range(5):
        _article(township, D(2024, 3, 1 + n), COUNTY)
    _article(township, D(2024, 4, 1), COUNTY, CITY)  # one article, two outlets
    _article(township, D(2024, 5, 1), CITY)
    article = _article(township, D(2024, 6, 1), NEWSPAPER)
    PublicationFactory(article=article, outlet=NEWSPAPER, outlet_name="浙江日报")  # 2 papers
    _article(township, D(2024, 7, 1))  # not published
    _article(township, D(2024, 12, 31))  # the year's last day
    _article(township, D(2023, 12, 31), COUNTY)  # the year before
    _article(township, D(2025, 1, 1), COUNTY)  # the year after
    _article(TownshipFactory(), D(2024, 3, 1), COUNTY, CITY)  # another township

    summary = publicity_year_summary(township=township, year=2024)

    assert {figure.key: figure.value for figure in summary.figures} == {
        "submitted": 10,
        "published": 8,
        COUNTY: 6,
        CITY: 2,
        NEWSPAPER: 1,
    }
    urls = {figure.key: figure.url for figure in summary.figures}
    assert urls[COUNTY] == "/publicity/?year=2024&outlet=county_site"
    assert urls["submitted"] == "/publicity/?year=2024"
    labels = {figure.key: str(figure.label) for figure in summary.figures}
    assert labels[COUNTY] == "被县人大网录用" and labels["submitted"] == "投稿篇数"
    assert year_summary_sources.get("publicity").summary is publicity_year_summary


def test_a_year_without_articles_still_reads_the_county_and_city_sites(township):
    summary = publicity_year_summary(township=township, year=2024)
    assert [(figure.key, figure.value) for figure in summary.figures] == [
        ("submitted", 0),
        ("published", 0),
        (COUNTY, 0),
        (CITY, 0),
    ]


def test_the_summary_counts_in_a_fixed_number_of_queries(township, django_assert_num_queries):
    for n in range(30):
        _article(township, D(2024, 1, 1) + datetime.timedelta(days=n), COUNTY, CITY)
    with django_assert_num_queries(2):
        summary = publicity_year_summary(township=township, year=2024)
    assert summary[COUNTY] == 30
