"""The pages of letters and visits and of publicity moved out of /oversight/ with their apps:
an old link or bookmark is sent, permanently and with its query, to the same page."""

import pytest

from congress.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/oversight/petitions/", "/petitions/"),
        ("/oversight/petitions/7/edit/?next=%2F", "/petitions/7/edit/?next=%2F"),
        (
            "/oversight/articles/?year=2024&outlet=county_site",
            "/publicity/?year=2024&outlet=county_site",
        ),
        ("/oversight/articles/3/edit/", "/publicity/3/edit/"),
    ],
)
def test_an_old_address_redirects_permanently_to_the_new_one(client, users, old, new):
    client.force_login(users[Role.STAFF])
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_the_new_addresses_are_the_pages(client, users):
    client.force_login(users[Role.STAFF])
    assert "信访" in client.get("/petitions/").content.decode()
    assert "宣传" in client.get("/publicity/").content.decode()


def test_an_old_address_still_asks_a_stranger_to_log_in(client):
    response = client.get("/oversight/petitions/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
