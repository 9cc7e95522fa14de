"""Small things a new office meets (part 1), in a browser: the township's accounts page fits a
phone."""

import pytest
from playwright.sync_api import expect

from congress.roles import Role
from congress.tests.factories import UnitFactory
from tests.test_browser_accounts import PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_the_accounts_page_fits_a_phone(live_server, page, township, make_user):
    make_user(Role.STAFF, township, username="clerk")
    for number in range(6):
        unit = UnitFactory(township=township, name=f"练溪镇农业农村和社会事务综合服务中心{number}")
        account = make_user(
            Role.UNIT,
            township,
            unit=unit,
            username=f"nongyenongcun-zonghefuwu-{number}",
            full_name=f"欧阳承办人{number}",
        )
        account.must_change_password = True
        account.save(update_fields=["must_change_password"])
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "clerk", PASSWORD)
    page.goto(f"{live_server.url}/township/accounts/")

    cards = page.get_by_test_id("account-cards")
    expect(cards).to_be_visible()
    expect(cards).to_contain_text("欧阳承办人5")
    expect(cards.get_by_role("link", name="重发初始密码 欧阳承办人5")).to_be_visible()
    expect(page.get_by_test_id("accounts")).to_be_hidden()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
