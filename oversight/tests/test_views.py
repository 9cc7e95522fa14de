import pytest
from django.urls import reverse

from congress.tests.factories import TownshipFactory
from oversight.models import Inspection
from oversight.tests.factories import InspectionFactory

VALID = {
    "kind": "special_check",
    "date": "2024-09-25",
    "subject": "“三改一拆”工作专项督查",
    "participants": 12,
    "summary": "",
}


def test_staff_record_an_inspection(client, staff):
    client.force_login(staff)
    response = client.post(reverse("oversight:create"), VALID, follow=True)
    inspection = Inspection.objects.get()
    assert inspection.township == staff.township and inspection.participants == 12
    assert "专项督查" in response.content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"participants": -1}, "确保该值大于或等于0"),
        ({"kind": "party"}, "选择一个有效的选项"),
        ({"subject": ""}, "这个字段是必填项"),
    ],
)
def test_bad_input_is_refused_in_chinese(client, staff, change, message):
    client.force_login(staff)
    response = client.post(reverse("oversight:create"), {**VALID, **change})
    assert message in response.content.decode()
    assert not Inspection.objects.exists()


def test_list_is_scoped_and_constant_in_queries(client, staff, django_assert_max_num_queries):
    InspectionFactory.create_batch(60, township=staff.township)
    InspectionFactory(township=TownshipFactory(), subject="外镇督查")
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("oversight:list")).content.decode()
    assert "外镇督查" not in page
