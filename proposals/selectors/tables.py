"""The statistics as tables: the rows and shares the statistics page shows and its Excel
export writes (proposals.excel), built from `proposal_statistics`'s figures."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .stats import SATISFACTION_DEFINITION, HandlingRow, ProposalStatistics, percent


@dataclass(frozen=True)
class Rate:
    """A share in a table cell: "66.7%" on the page, 0.667 formatted as a percentage in Excel."""

    value: Decimal | None

    def __str__(self) -> str:
        return "—" if self.value is None else f"{self.value}%"

    @property
    def fraction(self) -> float | None:
        return None if self.value is None else float(self.value) / 100


@dataclass(frozen=True)
class Table:
    """One table of the statistics page, and one sheet of its Excel export."""

    key: str
    title: str
    header: list
    rows: list[list]
    total: list | None = None
    note: str = ""  # printed under the table: how its figures are defined


def _handling_table(key, title, first_column, rows, total=None) -> Table:
    def cells(row: HandlingRow) -> list:
        return [
            row.label,
            row.total,
            row.key_proposals,
            row.assigned,
            row.answered,
            row.on_time,
            Rate(row.on_time_rate),
        ]

    return Table(
        key=key,
        title=title,
        header=[
            first_column,
            _("Number of proposals"),
            _("Of which key"),
            _("Assigned"),
            _("Answered"),
            _("Answered on time"),
            _("On-time answer rate"),
        ],
        rows=[cells(row) for row in rows],
        total=cells(total) if total is not None else None,
    )


def statistics_tables(stats: ProposalStatistics) -> list[Table]:
    """The tables the statistics page shows and its Excel export holds, in that order."""
    count_header = [_("Count"), _("Share")]
    return [
        _handling_table("kind", _("By kind"), _("Kind"), stats.by_kind, stats.totals),
        _handling_table("field", _("By field"), _("Field"), stats.by_field, stats.totals),
        _handling_table("unit", _("By lead unit"), _("Lead unit"), stats.by_unit),
        _handling_table("session", _("By session"), _("Session"), stats.by_session, stats.totals),
        Table(
            key="state",
            title=_("By state"),
            header=[_("Status"), *count_header],
            rows=[[row.label, row.count, Rate(row.share)] for row in stats.by_state],
            total=[
                _("Total"),
                stats.totals.total,
                Rate(percent(stats.totals.total, stats.totals.total)),
            ],
        ),
        Table(
            key="category",
            title=_("Answer categories"),
            header=[_("Category"), *count_header],
            rows=[[row.label, row.count, Rate(row.share)] for row in stats.categories],
            total=[
                _("Proposals with a current answer"),
                stats.with_current_answer,
                Rate(percent(stats.with_current_answer, stats.with_current_answer)),
            ],
        ),
        Table(
            key="satisfaction",
            title=_("Satisfaction (items, by the lead deputy's rating)"),
            header=[
                _("Level of satisfaction"),
                _("Handling attitude"),
                _("Share"),
                _("Handling result"),
                _("Share"),
            ],
            rows=[
                [
                    row.label,
                    row.attitude,
                    Rate(row.attitude_share),
                    row.result,
                    Rate(row.result_share),
                ]
                for row in stats.satisfaction
            ],
            total=[
                _("Satisfied or basically satisfied"),
                stats.satisfied_count("attitude"),
                Rate(stats.satisfied_share("attitude")),
                stats.satisfied_count("result"),
                Rate(stats.satisfied_share("result")),
            ],
            note=_("Items rated: %(n)s. %(definition)s")
            % {"n": stats.rated, "definition": SATISFACTION_DEFINITION},
        ),
    ]
