"""The work report pages: who opens what, what the county sees, the errors a user reads and the
queries each page costs."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from congress.numerals import chinese_numeral
from congress.roles import Role
from congress.tests.factories import TownshipFactory
from reports.models import Report, ReportSection, ReportVersion, WorkReport
from reports.services import (
    render_request,
    section_add,
    section_update,
    version_move,
    work_report_create,
)

OK, X, NF = 200, 403, 404
S, M, D, U, C, CA = (
    Role.STAFF,
    Role.MEMBER,
    Role.DEPUTY,
    Role.UNIT,
    Role.COUNTY,
    Role.COUNTY_ADMIN,
)
OTHER = "other township's staff"
REDIRECT = 302


@pytest.fixture
def draft(staff) -> ReportVersion:
    report = work_report_create(township=staff.township, year=2024, kind="proposals", by=staff)
    return report.versions.get()


def finalise(version, staff, member):
    """Submit and approve; the PDF stands in as stored (the workflow's render is not run
    outside a committed transaction)."""
    version_move(version=version, move="submit", by=staff)
    version_move(version=version, move="approve", by=member)
    version.pdf.save(f"v{version.pk}.pdf", ContentFile(b"%PDF-1.7 final"), save=True)
    return version


@pytest.fixture
def final(staff, users) -> ReportVersion:
    report = work_report_create(township=staff.township, year=2023, kind="annual", by=staff)
    return finalise(report.versions.get(), staff, users[M])


@pytest.fixture
def everyone(users, make_user):
    return {**users, OTHER: make_user(Role.STAFF, TownshipFactory())}


def urls(draft, final):
    section = draft.sections.first()
    return {
        "list": reverse("reports:list"),
        "create": reverse("reports:create"),
        "draft": reverse("reports:version", args=[draft.pk]),
        "draft edit": reverse("reports:version_edit", args=[draft.pk]),
        "section edit": reverse("reports:section_edit", args=[section.pk]),
        "section delete": reverse("reports:section_delete", args=[section.pk]),
        "section add": reverse("reports:section_add", args=[draft.pk]),
        "return": reverse("reports:version_move", args=[draft.pk, "return"]),
        "draft pdf": reverse("reports:version_pdf", args=[draft.pk]),
        "final": reverse("reports:version", args=[final.pk]),
        "final pdf": reverse("reports:version_pdf", args=[final.pk]),
    }


# Each page by role. The county reads final versions only (a draft is 404 to it); another
# township's staff get 404 for every record of this one.
# fmt: off
TABLE = {
    "list":           {S: OK, M: OK, D: X, U: X, C: OK, CA: X, OTHER: OK},
    "create":         {S: OK, M: X,  D: X, U: X, C: X,  CA: X, OTHER: OK},
    "draft":          {S: OK, M: OK, D: X, U: X, C: NF, CA: X, OTHER: NF},
    "draft edit":     {S: OK, M: X,  D: X, U: X, C: X,  CA: X, OTHER: NF},
    "section edit":   {S: OK, M: X,  D: X, U: X, C: X,  CA: X, OTHER: NF},
    "section delete": {S: OK, M: X,  D: X, U: X, C: X,  CA: X, OTHER: NF},
    "section add":    {S: OK, M: X,  D: X, U: X, C: X,  CA: X, OTHER: NF},
    "return":         {S: OK, M: OK, D: X, U: X, C: X,  CA: X, OTHER: NF},
    "draft pdf":      {S: REDIRECT, M: REDIRECT, D: X, U: X, C: NF, CA: X, OTHER: NF},
    "final":          {S: OK, M: OK, D: X, U: X, C: OK, CA: X, OTHER: NF},
    "final pdf":      {S: OK, M: OK, D: X, U: X, C: OK, CA: X, OTHER: NF},
}
# fmt: on


def test_role_table(client, everyone, draft, final):
    """Every (page, role) pair; the draft under review for "return" (a member's move)."""
    version_move(version=draft, move="submit", by=everyone[S])
    pages = urls(draft, final)
    wrong = []
    for name, row in TABLE.items():
        for role, expected in row.items():
            client.force_login(everyone[role])
            if name == "section edit" and role == S:
                expected = REDIRECT  # under review: back to the version with a message
            if name in {"draft edit", "section delete", "section add"} and role == S:
                expected = REDIRECT
            status = client.get(pages[name]).status_code
            if status != expected:
                wrong.append(f"{name} as {role}: {status}, expected {expected}")
    assert not wrong, "\n".join(wrong)


def test_the_county_sees_the_final_versions_of_every_township_and_no_draft(
    client, users, make_user, draft, final
):
    other = TownshipFactory(name="东岭镇")
    other_staff = make_user(Role.STAFF, other)
    other_report = work_report_create(township=other, year=2024, kind="annual", by=other_staff)
    other_final = finalise(other_report.versions.get(), other_staff, make_user(Role.MEMBER, other))
    client.force_login(users[C])
    page = client.get(reverse("reports:list")).content.decode()
    for version in (final, other_final):
        assert reverse("reports:version_pdf", args=[version.pk]) in page
    assert "东岭镇" in page and final.report.township.name in page
    assert reverse("reports:version", args=[draft.pk]) not in page
    for name in ("reports:version", "reports:version_pdf", "reports:version_render"):
        assert client.get(reverse(name, args=[draft.pk])).status_code in {403, 404}, name
    download = client.get(reverse("reports:version_pdf", args=[other_final.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.7 final"
    assert "%E4%B8%9C%E5%B2%AD%E9%95%87" in download["Content-Disposition"]  # 东岭镇
    home = client.get(reverse("home")).content.decode()
    assert reverse("reports:version_pdf", args=[other_final.pk]) in home


def test_staff_list_shows_each_reports_latest_state_and_filters_by_it(client, staff, draft, final):
    client.force_login(staff)
    page = client.get(reverse("reports:list")).content.decode()
    assert "草稿" in page and "定稿" in page
    drafts = client.get(reverse("reports:list") + "?state=draft").content.decode()
    assert reverse("reports:version", args=[draft.pk]) in drafts
    assert reverse("reports:version", args=[final.pk]) not in drafts


def test_a_duplicate_report_gives_a_chinese_error_and_saves_nothing(client, staff, draft):
    client.force_login(staff)
    response = client.post(reverse("reports:create"), {"year": 2024, "kind": "proposals"})
    assert response.status_code == 200
    assert "本镇该年度已有这份报告" in response.content.decode()
    assert WorkReport.objects.count() == 1 and ReportVersion.objects.count() == 1


def test_creating_a_past_years_report_drafts_it_and_opens_its_page(client, staff):
    client.force_login(staff)
    response = client.post(reverse("reports:create"), {"year": 2021, "kind": "annual"})
    version = ReportVersion.objects.get(report__year=2021)
    assert response["Location"] == reverse("reports:version", args=[version.pk])
    assert version.sections.exists() and version.state == "draft"


def test_editing_a_section_highlights_typed_numbers_and_links_figures(client, staff, draft):
    section = draft.sections.get(key="overview")
    client.force_login(staff)
    body = section.body + "\n另有意见建议7条。"
    response = client.post(
        reverse("reports:section_edit", args=[section.pk]),
        {"title": "建议总体情况", "heading": "numbered", "body": body},
    )
    assert response.status_code == 302
    page = client.get(reverse("reports:version", args=[draft.pk])).content.decode()
    assert '<mark class="typed"' in page and ">7</mark>" in page
    assert '<a class="figure" href="' in page
    assert "一、建议总体情况" in page


def test_a_service_refusal_is_a_message_not_a_500(client, staff, users, draft):
    """A page opened while the draft was a draft, posted after it went to review."""
    section = draft.sections.first()
    version_move(version=draft, move="submit", by=staff)
    client.force_login(staff)
    for url in (
        reverse("reports:section_move", args=[section.pk, "down"]),
        reverse("reports:section_accept", args=[section.pk]),
        reverse("reports:version_regenerate", args=[draft.pk]),
    ):
        response = client.post(url, follow=True)
        assert response.status_code == 200
        assert "只有草稿" in response.content.decode()
    # Approving needs no note; returning does, in Chinese.
    client.force_login(users[M])
    response = client.post(reverse("reports:version_move", args=[draft.pk, "return"]), {})
    assert "请填写此步骤的说明" in response.content.decode() or "这个字段是必填项" in (
        response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.state == "review"


def test_regenerating_through_the_page_shows_the_changes(client, staff, draft):
    from proposals.tests.factories import ProposalFactory
    from reports.tests.test_services import IN_2024

    section = draft.sections.get(key="overview")
    section_update(section=section, title=section.title, heading="numbered", body="我的文字。")
    ProposalFactory(deputy__township=staff.township, submitted_at=IN_2024)
    client.force_login(staff)
    response = client.post(reverse("reports:version_regenerate", args=[draft.pk]), follow=True)
    page = response.content.decode()
    assert 'data-testid="data-changes"' in page
    assert 'data-testid="proposal"' in page
    assert "我的文字。" in page
    # Keeping the words with the figures brought up to the records, through its button.
    section_update(
        section=section, title=section.title, heading="numbered", body="共[1|proposals.total]件。"
    )
    section.refresh_from_db()
    client.post(reverse("reports:section_refresh", args=[section.pk]))
    section.refresh_from_db()
    total = section.version.figures["proposals.total"]["value"]
    assert section.body == f"共[{total}|proposals.total]件。" and not section.has_proposal


def many_sections(version, n=30):
    for i in range(n):
        section_add(
            version=version,
            title=f"第{i}节",
            heading="numbered",
            body=f"正文{i}，共[{i}|proposals.total]件。\n第二段有数字{i}。",
        )


def test_the_version_page_costs_the_same_queries_however_many_sections(
    client, staff, draft, django_assert_max_num_queries
):
    many_sections(draft)
    ReportSection.objects.filter(version=draft, key="").update(proposed_body="新的文字。")
    client.force_login(staff)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("reports:version", args=[draft.pk]))
    assert response.content.decode().count('data-testid="section"') == draft.sections.count()


def test_the_list_costs_the_same_queries_however_many_reports(
    client, staff, users, django_assert_max_num_queries
):
    for year in range(2015, 2024):
        report = work_report_create(township=staff.township, year=year, kind="proposals", by=staff)
        finalise(report.versions.get(), staff, users[M])
    client.force_login(staff)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("reports:list")).content.decode()
    assert page.count("定稿") >= 9
    client.force_login(users[C])
    with django_assert_max_num_queries(10):
        page = client.get(reverse("reports:list")).content.decode()
    assert page.count(reverse("reports:version_pdf", args=[report.versions.get().pk])) == 1


def test_render_progress_json_and_download_name(
    client, staff, draft, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(
        "reports.services.rendering.version_pdf",
        lambda version, on_progress=None: b"%PDF-1.7 draft",
    )
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:version_render", args=[draft.pk]))
    render = Report.objects.get(version=draft)
    assert response["Location"] == reverse("reports:render", args=[render.pk])
    status = client.get(reverse("reports:render_progress", args=[render.pk])).json()
    assert status["done"] and status["progress"] == 100
    page = client.get(response["Location"]).content.decode()
    assert status["download"] in page and "render_progress.js" in page
    download = client.get(status["download"])
    township = staff.township.name
    from urllib.parse import quote

    expected = quote(f"{township}2024年代表建议办理情况报告（第1版）.pdf")
    assert expected in download["Content-Disposition"]


def test_the_home_page_lists_staffs_drafts_and_members_reviews(client, staff, users, draft):
    client.force_login(staff)
    assert "待完成的报告草稿" in client.get(reverse("home")).content.decode()
    version_move(version=draft, move="submit", by=staff)
    client.force_login(users[M])
    assert "待审议的报告版本" in client.get(reverse("home")).content.decode()


def test_sections_move_and_delete_through_the_page(client, staff, draft):
    before = draft.sections.count()  # all numbered in this document
    added = section_add(version=draft, title="新增一节", heading="numbered", body="正文。")
    client.force_login(staff)
    client.post(reverse("reports:section_move", args=[added.pk, "up"]))
    page = client.get(reverse("reports:version", args=[draft.pk])).content.decode()
    assert f"{chinese_numeral(before)}、新增一节" in page
    response = client.post(reverse("reports:section_delete", args=[added.pk]))
    assert response["Location"] == reverse("reports:version", args=[draft.pk])
    assert not ReportSection.objects.filter(pk=added.pk).exists()
    page = client.get(reverse("reports:version", args=[draft.pk])).content.decode()
    assert "新增一节" not in page and "一、" in page
    sideways = reverse("reports:section_move", args=[draft.sections.first().pk, "sideways"])
    assert client.post(sideways).status_code == 404


def test_a_queued_render_reloads_itself_without_script_and_reports_its_progress(
    client, staff, draft
):
    client.force_login(staff)
    response = client.post(reverse("reports:version_render", args=[draft.pk]))  # not committed
    render = Report.objects.get(version=draft)
    Report.objects.filter(pk=render.pk).update(progress=20)
    page = client.get(response["Location"]).content.decode()
    assert '<noscript><meta http-equiv="refresh"' in page
    status = client.get(reverse("reports:render_progress", args=[render.pk])).json()
    assert status == {
        "state": "queued",
        "state_label": "排队中",
        "progress": 20,
        "done": False,
        "failed": False,
        "error": "",
        "download": "",
    }
    assert client.get(reverse("reports:download", args=[render.pk])).status_code == 404


def test_the_county_downloads_no_rendering_of_a_draft_text(
    client, staff, users, draft, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(
        "reports.services.rendering.version_pdf",
        lambda version, on_progress=None: b"%PDF-1.7 " + version.state.encode(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        early = render_request(version=draft, requested_by=staff)
    version_move(version=draft, move="submit", by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        version_move(version=draft, move="approve", by=users[M])
    final_render = draft.renders.exclude(pk=early.pk).get()
    client.force_login(users[C])
    assert client.get(reverse("reports:download", args=[early.pk])).status_code == 404
    download = client.get(reverse("reports:download", args=[final_render.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.7 final"
