"""Importing a term's earlier proposals and answers from Excel: all rows or none, each row's
errors named by row and column, real dates, kept numbers, no notifications."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from congress.excel import append_row
from congress.models import Notification
from deputies.tests.factories import DeputyFactory
from proposals.models import (
    Answer,
    Assignment,
    Proposal,
    ProposalCounter,
    ProposalStatusChange,
    Rating,
)
from proposals.services import proposal_register, proposal_submit
from proposals.services.import_rows import COLUMNS, headers
from proposals.tests.factories import ProposalFactory

TODAY = timezone.localdate()
YEAR = TODAY.year - 1  # a full year of earlier records, all in the past


def day(month: int, date: int) -> str:
    return datetime.date(YEAR, month, date).isoformat()


def row(n: int, **changes) -> list:
    """A suggestion answered and rated 满意 by its lead deputy."""
    values = {
        "number": n,
        "kind": "建议",
        "title": f"关于第{n}条村道的建议",
        "content": "村道破损，群众出行不便。",
        "lead": "王建国",
        "cosigners": "李秀英、张伟",
        "submitted_on": day(3, 1),
        "registered_on": day(3, 5),
        "field": "城乡建设",
        "unit": "交通办",
        "assigned_on": day(3, 20),
        "answered_on": day(5, 10),
        "category": "A",
        "answer": "已列入今年村道修缮计划并完工。",
        "rating": "满意",
        "rated_on": day(5, 20),
    }
    values.update(changes)
    return [values[column.key] for column in COLUMNS]


def workbook(rows, *, header=None) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    append_row(sheet, header or headers())
    for values in rows:
        append_row(sheet, values)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("往期建议.xlsx", buffer.getvalue())


@pytest.fixture
def township_records(township, unit):
    unit.name = "交通办"
    unit.save(update_fields=["name"])
    return {
        name: DeputyFactory(township=township, name=name) for name in ("王建国", "李秀英", "张伟")
    }


def check(client, rows, **kwargs):
    """Upload the rows and open the preview."""
    response = client.post(reverse("proposals:import"), {"file": workbook(rows, **kwargs)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"])


def test_template_has_the_chinese_headers_and_drop_downs(client, staff):
    client.force_login(staff)
    response = client.get(reverse("proposals:import_template"))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in sheet[1]] == headers()
    assert headers()[:7] == ["编号", "类别", "标题", "内容", "领衔代表", "附议代表", "提出日期"]
    formulas = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert '"议案,建议"' in formulas
    assert '"A,B,C,D"' in formulas
    assert '"满意,基本满意,不满意"' in formulas


def test_a_good_workbook_imports_every_row_with_its_dates_numbers_answer_and_rating(
    client, staff, township, township_records
):
    client.force_login(staff)
    rows = [
        row(1),
        row(2, rating="", rated_on=""),  # answered, not yet rated
        row(3, answered_on="", category="", answer="", rating="", rated_on=""),  # assigned
        row(
            4,
            field="",
            unit="",
            assigned_on="",
            answered_on="",
            category="",
            answer="",
            rating="",
            rated_on="",
        ),  # fmt: skip
        row(
            "",
            title="未登记的建议",
            cosigners="",
            registered_on="",
            field="",
            unit="",
            assigned_on="",
            answered_on="",
            category="",
            answer="",
            rating="",
            rated_on="",
        ),
        row(6, rating="不满意", rated_on=day(5, 25)),
        row(1, kind="议案", title="关于修建文化礼堂的议案", cosigners="李秀英、张伟、甲、乙"),
    ]
    for name in ("甲", "乙"):
        DeputyFactory(township=township, name=name)
    preview = check(client, rows)
    text = preview.content.decode()
    assert preview.context["plan"].is_valid, preview.context["plan"].row_errors
    assert "7行数据无误" in text

    response = client.post(preview.wsgi_request.path, follow=True)
    assert "已导入7件往期议案建议" in response.content.decode()

    proposals = {p.title: p for p in Proposal.objects.filter(township=township)}
    assert len(proposals) == 7
    first = proposals["关于第1条村道的建议"]
    assert (first.kind, first.number_year, first.number) == ("suggestion", YEAR, 1)
    assert first.status == Proposal.Status.RATED
    assert timezone.localtime(first.submitted_at).date().isoformat() == day(3, 1)
    assert first.deputy.name == "王建国"
    assert sorted(first.signers.values_list("deputy__name", flat=True)) == [
        "张伟",
        "李秀英",
        "王建国",
    ]
    assert first.field.name == "城乡建设"
    assignment = Assignment.objects.get(proposal=first)
    assert (assignment.unit.name, assignment.assigned_on.isoformat()) == ("交通办", day(3, 20))
    assert first.due_date == assignment.deadline > assignment.assigned_on
    answer = Answer.objects.get(proposal=first)
    assert (answer.category.code, answer.text) == ("A", "已列入今年村道修缮计划并完工。")
    assert timezone.localtime(answer.answered_at).date().isoformat() == day(5, 10)
    rating = Rating.objects.get(answer=answer)
    assert (rating.deputy.name, rating.attitude, rating.result) == (
        "王建国",
        "satisfied",
        "satisfied",
    )
    steps = [
        (s.to_status, timezone.localtime(s.changed_at).date().isoformat())
        for s in ProposalStatusChange.objects.filter(proposal=first).order_by("changed_at", "pk")
    ]
    assert steps == [
        ("draft", day(3, 1)),
        ("submitted", day(3, 1)),
        ("registered", day(3, 5)),
        ("assigned", day(3, 20)),
        ("answered", day(5, 10)),
        ("rated", day(5, 20)),
    ]

    assert proposals["关于第2条村道的建议"].status == Proposal.Status.ANSWERED
    assert proposals["关于第3条村道的建议"].status == Proposal.Status.ASSIGNED
    assert proposals["关于第4条村道的建议"].status == Proposal.Status.REGISTERED
    unregistered = proposals["未登记的建议"]
    assert (unregistered.status, unregistered.number) == (Proposal.Status.SUBMITTED, None)
    unsatisfied = proposals["关于第6条村道的建议"]
    assert unsatisfied.status == Proposal.Status.ASSIGNED  # back to the unit, as a rating does
    assert unsatisfied.due_date > datetime.date(YEAR, 5, 25)
    motion = proposals["关于修建文化礼堂的议案"]
    assert (motion.kind, motion.number, motion.signers.count()) == ("motion", 1, 5)

    # Nobody was told about last year's records, and the next registration follows the numbers.
    assert not Notification.objects.exists()
    assert ProposalCounter.objects.get(township=township, year=YEAR, kind="suggestion").last == 6
    later = proposal_submit(
        deputy=township_records["王建国"],
        title="新建议",
        content="内容",
        kind="suggestion",
        submitted_by=staff,
        submitted_at=timezone.make_aware(datetime.datetime(YEAR, 6, 1, 10)),
    )
    proposal_register(proposal=later, by=staff)
    assert later.number == 7


def test_a_bad_row_anywhere_saves_nothing_and_names_the_row(
    client, staff, township, township_records
):
    client.force_login(staff)
    rows = [row(n) for n in range(1, 31)]
    rows[24] = row(25, unit="不存在的单位")
    preview = check(client, rows)
    plan = preview.context["plan"]
    assert [r.number for r in plan.row_errors] == [26]  # the header is row 1
    text = preview.content.decode()
    assert "第26行" in text
    assert "承办单位：“不存在的单位”不是本乡镇的承办单位" in text
    assert "导入全部数据" not in text
    # A forged confirm is refused too, and nothing is half-saved.
    response = client.post(preview.wsgi_request.path)
    assert response.status_code == 200
    assert "1行有错误，未导入任何数据" in response.content.decode()
    assert not Proposal.objects.exists()
    assert not ProposalCounter.objects.exists()


def test_an_unknown_or_ambiguous_deputy_is_a_row_error(client, staff, township, township_records):
    DeputyFactory(township=township, name="张伟")  # a second 张伟 in this term
    DeputyFactory(township=township, name="赵六", mandate__term=township.current_term - 1)
    client.force_login(staff)
    plan = check(
        client,
        [
            row(1, lead="钱七", cosigners="李秀英"),
            row(2, cosigners="李秀英、张伟"),
            row(3, lead="赵六", cosigners="李秀英"),
        ],
    ).context["plan"]
    errors = {r.number: r.errors for r in plan.row_errors}
    assert errors[2] == ["领衔代表：系统中没有本届代表“钱七”。"]
    assert errors[3] == ["附议代表：本届有多名代表叫“张伟”，无法区分，请删去此行，导入后手工录入。"]
    assert errors[4] == ["领衔代表：系统中没有本届代表“赵六”。"]  # a deputy of the last term


def test_a_date_in_the_future_is_a_row_error(client, staff, township_records):
    client.force_login(staff)
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    plan = check(client, [row(1), row(2, rating="满意", rated_on=tomorrow)]).context["plan"]
    assert [(r.number, r.errors) for r in plan.row_errors] == [
        (3, [f"测评日期：{tomorrow}是将来的日期。"])
    ]


def test_dates_out_of_order_are_a_row_error(client, staff, township_records):
    client.force_login(staff)
    plan = check(client, [row(1, answered_on=day(3, 10))]).context["plan"]
    assert plan.row_errors[0].errors == [f"答复日期：{day(3, 10)}早于交办日期（{day(3, 20)}）。"]


def test_a_later_step_without_the_one_before_is_a_row_error(client, staff, township_records):
    client.force_login(staff)
    plan = check(client, [row(1, unit="", assigned_on="")]).context["plan"]
    assert plan.row_errors[0].errors == [
        "填写了答复日期、答复分类、答复内容，但没有填写之前的步骤。"
    ]


def test_a_duplicate_number_is_refused(client, staff, township, township_records):
    ProposalFactory(
        deputy=township_records["王建国"],
        number_year=YEAR,
        number=3,
        kind=Proposal.Kind.SUGGESTION,
        status=Proposal.Status.REGISTERED,
    )
    client.force_login(staff)
    plan = check(client, [row(1), row(2), row(1), row(3)]).context["plan"]
    errors = {r.number: r.errors for r in plan.row_errors}
    assert errors == {
        4: [f"编号：{YEAR}年建议第1号与第2行重复。"],
        5: [f"编号：{YEAR}年建议第3号已在系统中。"],
    }


def test_a_workbook_without_the_template_header_is_refused(client, staff):
    client.force_login(staff)
    header = headers()
    header[4] = "代表"
    response = client.post(
        reverse("proposals:import"), {"file": workbook([], header=header)}, follow=True
    )
    assert "表头缺少以下列：领衔代表" in response.content.decode()


def test_only_staff_import(client, users):
    from congress.roles import Role

    for role in (Role.MEMBER, Role.DEPUTY, Role.UNIT):
        client.force_login(users[role])
        assert client.get(reverse("proposals:import")).status_code == 403
        assert client.get(reverse("proposals:import_check")).status_code == 403
