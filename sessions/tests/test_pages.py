"""A session through its pages: convened, its roll, its agenda and documents, its votes, its
printed announcement and summary."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congress.roles import Role
from deputies.tests.factories import DeputyFactory
from reports.tests.test_reports import pdf_text
from sessions.models import AgendaDocument, Candidate, CongressSession, Election
from sessions.tests.factories import CongressSessionFactory

DAY = datetime.date(2024, 1, 21)


@pytest.fixture
def session(client, users, township):
    """A session registered through the page: its sittings and checklist come with it."""
    DeputyFactory.create_batch(5, township=township)
    client.force_login(users[Role.STAFF])
    client.post(
        reverse("sessions:create"),
        {
            "term": township.current_term,
            "number": 2,
            "start_date": "2024-01-21",
            "end_date": "2024-01-22",
            "venue": "镇政府三楼大会议室",
        },
    )
    return CongressSession.objects.get()


def take_roll(client, sitting, absent=()):
    from sessions.selectors import sitting_roll

    data = {
        f"d{d.pk}": "absent" if d.pk in absent else "present" for d in sitting_roll(sitting=sitting)
    }
    return client.post(reverse("sessions:sitting_roll", args=[sitting.pk]), data, follow=True)


def test_a_new_session_has_a_sitting_a_day_and_a_checklist(client, session):
    assert [s.date for s in session.sittings.all()] == [DAY, DAY + datetime.timedelta(1)]
    assert session.status == "preparing"
    page = client.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert "第一次全体会议" in page and "第二次全体会议" in page
    assert "代表资格审查" in page and "筹备" in page
    assert session.status_changes.get().to_status == "preparing"


def test_staff_convene_and_close_a_session(client, session):
    url = reverse("sessions:move", args=[session.pk])
    page = client.post(url, {"move": "convene"}, follow=True).content.decode()
    assert "召开中" in page
    client.post(url, {"move": "close"})
    session.refresh_from_db()
    assert session.status == "closed"
    assert [c.to_status for c in session.status_changes.all()] == [
        "preparing",
        "in_session",
        "closed",
    ]
    page = client.post(url, {"move": "reopen"}, follow=True).content.decode()
    assert "请填写说明" in page or "说明" in page
    session.refresh_from_db()
    assert session.status == "closed"  # a reopening needs its reason


def test_members_and_deputies_read_but_do_not_change_a_session(client, users, session):
    for role in (Role.MEMBER, Role.DEPUTY):
        client.force_login(users[role])
        assert client.get(reverse("sessions:detail", args=[session.pk])).status_code == 200
        response = client.post(reverse("sessions:move", args=[session.pk]), {"move": "convene"})
        assert response.status_code == 403
    session.refresh_from_db()
    assert session.status == "preparing"


def test_no_vote_form_before_a_quorum(client, session):
    client.post(reverse("sessions:move", args=[session.pk]), {"move": "convene"})
    sitting = session.sittings.first()
    take_roll(client, sitting, absent={d.pk for d in DeputyFactory._meta.model.objects.all()})
    page = client.get(reverse("sessions:resolution_add", args=[session.pk])).content.decode()
    assert "须有在任代表三分之二以上出席才能登记表决" in page
    detail = client.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert "不足法定人数" in detail


def test_the_by_election_through_the_pages_and_its_announcement(client, session, tmp_path):
    client.post(reverse("sessions:move", args=[session.pk]), {"move": "convene"})
    sitting = session.sittings.last()
    page = take_roll(client, sitting).content.decode()
    assert "达到法定人数" in page
    response = client.post(
        reverse("sessions:election_add", args=[session.pk]),
        {"sitting": sitting.pk, "office": "head", "kind": "by_election", "seats": 1},
        follow=True,
    )
    election = Election.objects.get()
    assert response.redirect_chain[-1][0] == reverse("sessions:election", args=[election.pk])
    url = reverse("sessions:election", args=[election.pk])
    client.post(url, {"name": "周志远", "nominated_by": "presidium"})
    assert Candidate.objects.get().name == "周志远"
    n = election.in_office
    page = client.post(
        url,
        {
            "count": "1",
            "ballots_issued": n,
            "ballots_returned": n,
            "ballots_valid": n,
            "ballots_invalid": 0,
            f"candidate_{Candidate.objects.get().pk}_for": n,
            f"candidate_{Candidate.objects.get().pk}_against": 0,
            f"candidate_{Candidate.objects.get().pk}_abstain": 0,
            f"candidate_{Candidate.objects.get().pk}_write_ins": 0,
        },
        follow=True,
    ).content.decode()
    assert "当选" in page and "满票" in page
    pdf = client.get(reverse("sessions:announcement", args=[session.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf.content)
    text = "".join(pdf_text(path).split())
    assert "选举结果公告" in text
    assert "2024年1月22日" in text
    assert "周志远当选为镇长（满票）" in text
    assert "现予公告" in text


def test_a_count_that_cannot_be_says_why_and_keeps_nothing(client, session):
    client.post(reverse("sessions:move", args=[session.pk]), {"move": "convene"})
    sitting = session.sittings.first()
    take_roll(client, sitting)
    client.post(
        reverse("sessions:election_add", args=[session.pk]),
        {"sitting": sitting.pk, "office": "deputy_head", "kind": "by_election", "seats": 1},
    )
    election = Election.objects.get()
    url = reverse("sessions:election", args=[election.pk])
    client.post(url, {"name": "吴海燕", "nominated_by": "presidium"})
    candidate = Candidate.objects.get()
    page = client.post(
        url,
        {
            "count": "1",
            "ballots_issued": 3,
            "ballots_returned": 3,
            "ballots_valid": 2,
            "ballots_invalid": 0,
            f"candidate_{candidate.pk}_for": 2,
            f"candidate_{candidate.pk}_against": 0,
            f"candidate_{candidate.pk}_abstain": 0,
            f"candidate_{candidate.pk}_write_ins": 0,
        },
    ).content.decode()
    assert "之和须等于收回选票3张" in page
    election.refresh_from_db()
    assert election.ballots_returned is None


def test_agenda_documents_are_checked_and_served_behind_the_login(client, users, session):
    client.post(
        reverse("sessions:agenda_add", args=[session.pk]),
        {
            "order": 1,
            "kind": "report",
            "title": "政府工作报告",
            "presenter": "代镇长",
            "outcome": "",
        },
    )
    item = session.agenda_items.get()
    url = reverse("sessions:document_add", args=[item.pk])
    page = client.post(
        url, {"file": SimpleUploadedFile("报告.pdf", b"<html>not a pdf</html>")}, follow=True
    ).content.decode()
    assert "文件内容与扩展名.pdf不符" in page
    page = client.post(
        url, {"file": SimpleUploadedFile("报告.exe", b"MZ")}, follow=True
    ).content.decode()
    assert "只能上传以下类型的文件" in page
    assert not AgendaDocument.objects.exists()
    client.post(url, {"file": SimpleUploadedFile("报告.pdf", b"%PDF-1.7\n")})
    document = AgendaDocument.objects.get()
    client.force_login(users[Role.DEPUTY])
    response = client.get(reverse("sessions:document", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7\n"


def test_the_summary_pdf_holds_the_roll_and_the_votes(client, session, tmp_path):
    client.post(reverse("sessions:move", args=[session.pk]), {"move": "convene"})
    sitting = session.sittings.first()
    take_roll(client, sitting)
    client.post(
        reverse("sessions:resolution_add", args=[session.pk]),
        {
            "sitting": sitting.pk,
            "kind": "resolution",
            "title": "关于政府工作报告的决议",
            "votes_for": 3,
        },
    )
    path = tmp_path / "s.pdf"
    path.write_bytes(client.get(reverse("sessions:summary", args=[session.pk])).content)
    text = "".join(pdf_text(path).split())
    assert "会议概况" in text and "关于政府工作报告的决议" in text and "通过" in text


def test_the_session_page_costs_the_same_with_more_records(
    client, session, django_assert_max_num_queries
):
    client.post(reverse("sessions:move", args=[session.pk]), {"move": "convene"})
    sitting = session.sittings.first()
    take_roll(client, sitting)
    for n in range(6):
        client.post(
            reverse("sessions:agenda_add", args=[session.pk]),
            {"order": n, "kind": "report", "title": f"报告{n}", "presenter": "", "outcome": ""},
        )
        client.post(
            reverse("sessions:resolution_add", args=[session.pk]),
            {"sitting": sitting.pk, "kind": "resolution", "title": f"决议{n}", "votes_for": 3},
        )
    with django_assert_max_num_queries(40):
        response = client.get(reverse("sessions:detail", args=[session.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert all(f"报告{n}" in text and f"决议{n}" in text for n in range(6))


def test_list_query_count_is_constant(client, staff, django_assert_max_num_queries):
    sessions = CongressSessionFactory.create_batch(60, township=staff.township)
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("sessions:list"))
    assert response.status_code == 200
    text = response.content.decode()
    listed = [s for s in sessions if f'"{reverse("sessions:detail", args=[s.pk])}"' in text]
    assert len(listed) == 50 and "第1页，共2页" in text
