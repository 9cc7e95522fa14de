"""The publicity pages: staff record articles with their publications in one form, members
read the counts per outlet, nobody else sees them."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from congress.roles import Role
from congress.tests.factories import TownshipFactory
from publicity.models import Article
from publicity.tests.factories import ArticleFactory, PublicationFactory

pytestmark = pytest.mark.django_db

OK, X = 200, 403
S, M, D, U, C, CA = (
    Role.STAFF,
    Role.MEMBER,
    Role.DEPUTY,
    Role.UNIT,
    Role.COUNTY,
    Role.COUNTY_ADMIN,
)
# fmt: off
TABLE = {
    "list":   {S: OK, M: OK, D: X, U: X, C: X, CA: X},
    "create": {S: OK, M: X,  D: X, U: X, C: X, CA: X},
    "edit":   {S: OK, M: X,  D: X, U: X, C: X, CA: X},
}
# fmt: on


@pytest.mark.parametrize(
    ("name", "role", "expected"),
    [(name, role, status) for name, row in TABLE.items() for role, status in row.items()],
)
def test_staff_record_members_read_nobody_else(client, users, township, name, role, expected):
    article = ArticleFactory(township=township)
    args = [article.pk] if name == "edit" else []
    client.force_login(users[role])
    assert client.get(reverse(f"publicity:{name}", args=args)).status_code == expected


def _management(prefix="publications", total=3, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def _row(n, outlet="", name="", day=""):
    return {
        f"publications-{n}-outlet": outlet,
        f"publications-{n}-outlet_name": name,
        f"publications-{n}-published_on": day,
    }


ARTICLE = {
    "title": "练溪镇人大代表视察省重点工程石坑坪水库",
    "submitted_on": "2024-04-18",
    "author": "徐雪梅",
    "submitted_to": "县人大信息网",
}


@freeze_time("2024-11-20 09:00:00+08:00")
def test_staff_record_an_article_with_two_outlets_in_one_form(client, staff):
    client.force_login(staff)
    page = client.get(reverse("publicity:create"))
    assert page.context["formset"].total_form_count() == 3
    response = client.post(
        reverse("publicity:create"),
        {
            **ARTICLE,
            **_management(),
            **_row(0, "county_site", "", "2024-04-20"),
            **_row(1, "city_site", "", "2024-04-25"),
            **_row(2),  # left empty
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("publicity:list") + "?year=2024"
    article = Article.objects.get()
    assert sorted(article.publications.values_list("outlet", flat=True)) == [
        "city_site",
        "county_site",
    ]
    listing = client.get(response["Location"]).content.decode()
    assert "石坑坪水库" in listing and "市人大网" in listing


@freeze_time("2024-11-20 09:00:00+08:00")
def test_the_same_outlet_twice_comes_back_in_chinese_with_nothing_saved(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("publicity:create"),
        {
            **ARTICLE,
            **_management(),
            **_row(0, "county_site", "", "2024-04-20"),
            **_row(1, "county_site", "", "2024-04-21"),
            **_row(2),
        },
    )
    assert response.status_code == 200
    assert "“县人大网”重复登记" in response.content.decode()
    assert not Article.objects.exists()


@freeze_time("2024-11-20 09:00:00+08:00")
def test_a_half_filled_row_refuses_the_whole_form(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("publicity:create"),
        {**ARTICLE, **_management(total=1), **_row(0, "", "", "2024-04-20")},
    )
    assert response.status_code == 200
    assert not Article.objects.exists()


@freeze_time("2024-11-20 09:00:00+08:00")
def test_staff_remove_one_outlet_and_add_another_on_the_edit_page(client, staff, township):
    article = ArticleFactory(township=township, submitted_on=datetime.date(2024, 4, 18))
    PublicationFactory(article=article, outlet="county_site", published_on="2024-04-20")
    PublicationFactory(article=article, outlet="city_site")
    client.force_login(staff)
    url = reverse("publicity:edit", args=[article.pk])
    formset = client.get(url).context["formset"]
    assert formset.initial_form_count() == 2 and formset.total_form_count() == 4
    county_row, city_row = (0, 1) if formset.forms[0].initial["outlet"] == "county_site" else (1, 0)
    response = client.post(
        url,
        {
            **ARTICLE,
            **_management(total=3, initial=2),
            **_row(county_row, "county_site", "", "2024-04-20"),
            **_row(city_row, "city_site", "", ""),
            f"publications-{city_row}-DELETE": "on",
            **_row(2, "newspaper", "丽水日报", "2024-05-02"),
        },
    )
    assert response.status_code == 302
    assert sorted(article.publications.values_list("outlet", flat=True)) == [
        "county_site",
        "newspaper",
    ]


def test_another_townships_article_is_not_found(client, staff):
    foreign = ArticleFactory(township=TownshipFactory())
    client.force_login(staff)
    url = reverse("publicity:edit", args=[foreign.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "改"}).status_code == 404
    assert Article.objects.get(pk=foreign.pk).title != "改"


def _seed_year(township):
    for n in range(19):
        article = ArticleFactory(
            township=township, submitted_on=datetime.date(2024, 1, 1) + datetime.timedelta(n)
        )
        if n < 12:
            PublicationFactory(article=article, outlet="county_site")
        if n == 0:
            PublicationFactory(article=article, outlet="city_site")
    ArticleFactory(township=township, submitted_on=datetime.date(2023, 12, 1))


def test_the_list_counts_per_outlet_at_the_top_and_filters_by_outlet(client, users, township):
    _seed_year(township)
    client.force_login(users[M])
    response = client.get(reverse("publicity:list") + "?year=2024")
    filters = {value: count for value, _label, count in response.context["filters"]}
    assert (filters[""], filters["published"], filters["unpublished"]) == (19, 12, 7)
    assert (filters["county_site"], filters["city_site"], filters["newspaper"]) == (12, 1, 0)
    assert len(response.context["articles"]) == 19
    county = client.get(reverse("publicity:list") + "?year=2024&outlet=county_site")
    assert len(county.context["articles"]) == 12
    city = client.get(reverse("publicity:list") + "?year=2024&outlet=city_site")
    assert len(city.context["articles"]) == 1
    unpublished = client.get(reverse("publicity:list") + "?year=2024&outlet=unpublished")
    assert len(unpublished.context["articles"]) == 7
    unknown = client.get(reverse("publicity:list") + "?year=2024&outlet=nonsense")
    assert len(unknown.context["articles"]) == 19
    assert reverse("publicity:create") not in response.content.decode()


def test_the_list_reads_in_a_fixed_number_of_queries(
    client, staff, township, django_assert_max_num_queries
):
    _seed_year(township)
    client.force_login(staff)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("publicity:list") + "?year=2024")
    assert response.content.decode().count("县人大网") >= 12
