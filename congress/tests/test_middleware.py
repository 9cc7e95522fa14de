from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from congress.middleware import RequestSizeLimitMiddleware
from deputies.tests.factories import ActivityFactory

MB = 1024 * 1024


class Unreadable:
    def read(self, *args):
        raise AssertionError("the body must not be read")

    readline = read


def test_a_request_over_the_cap_is_refused_in_chinese_before_its_body_is_read(settings):
    settings.MAX_REQUEST_BYTES = 20 * MB
    request = RequestFactory().post("/deputies/import/", data=b"", content_type="text/plain")
    request.META["CONTENT_LENGTH"] = str(200 * MB)  # announced, never sent
    request._stream = Unreadable()

    def view(request):
        raise AssertionError("the view must not run")

    response = RequestSizeLimitMiddleware(view)(request)
    assert response.status_code == 413
    assert "超过20 MB" in response.content.decode()
    # The cap is exact: a body of the cap itself passes.
    request.META["CONTENT_LENGTH"] = str(20 * MB)
    assert RequestSizeLimitMiddleware(lambda r: "passed")(request) == "passed"


def test_the_cap_stands_in_front_of_every_page(client, staff, township, settings):
    settings.MAX_REQUEST_BYTES = 1000
    activity = ActivityFactory(township=township)
    client.force_login(staff)
    response = client.post(
        reverse("deputies:activity_attach", args=[activity.pk]),
        {"file": SimpleUploadedFile("大.pdf", b"%PDF-" + b"0" * 2000)},
    )
    assert response.status_code == 413
    assert "文件过大" in response.content.decode()
    assert not activity.attachments.exists()
