"""The proposals' printed documents: the assignment sheets (交办单) of an assignment meeting,
one page per proposal, in one PDF for the meeting's folder and the units."""

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from congress.pdf import render_pdf
from congress.wording import township_language

from .models import AssignmentMeeting, Proposal
from .selectors import meeting_assignments

# How much of a proposal's content the sheet prints: the unit reads the whole text online.
SHEET_CONTENT_CHARS = 300


def _proposers(proposal: Proposal, signers) -> str:
    if proposal.proposer != Proposal.Proposer.DEPUTIES:
        return proposal.get_proposer_display()
    names = [
        _("%(name)s (lead)") % {"name": s.deputy.name} if s.is_lead else s.deputy.name
        for s in signers
    ]
    return "、".join(names)


def _requirements(row) -> list[str]:
    """What the presidium asks of the units, with this proposal's deadline."""
    deadline = row.lead.deadline
    due = _("%(year)s-%(month)s-%(day)s") % {
        "year": deadline.year,
        "month": deadline.month,
        "day": deadline.day,
    }
    lines = [
        _(
            "The lead unit handles it and answers the deputies in writing by %(due)s, after "
            "meeting or calling the lead deputy to hear their view."
        )
        % {"due": due}
    ]
    if row.co_units:
        lines.append(
            _("The co-units send the lead unit their view in good time, within their remit.")
        )
    lines += [
        _(
            "Where it cannot be answered in time, the unit asks the presidium for more time "
            "before the deadline, giving its reason."
        ),
        _("A copy of the answer goes to the presidium of the people's congress."),
    ]
    return lines


def meeting_sheets(*, meeting: AssignmentMeeting) -> list[dict]:
    """Every field a sheet prints, for each proposal handed out at the meeting by number:
    the template only lays them out."""
    township = meeting.township
    sheets = []
    for row in meeting_assignments(meeting=meeting, with_signers=True):
        proposal, lead = row.proposal, row.lead
        if lead is None:  # a co-unit's row left from a reassignment elsewhere
            continue
        sheets.append(
            {
                "heading": _("Assignment sheet of a motion")
                if proposal.kind == Proposal.Kind.MOTION
                else _("Assignment sheet of a deputy's suggestion"),
                "number": proposal.number_label,
                "title": proposal.title,
                "session": f"{township.name}{proposal.session}" if proposal.session else "",
                "proposers": _proposers(proposal, row.signers),
                "kind": proposal.get_kind_display(),
                "field": proposal.field.name if proposal.field else "",
                "content": Truncator(proposal.content).chars(SHEET_CONTENT_CHARS),
                "lead_unit": lead.unit.name,
                "co_units": "、".join(unit.name for unit in row.co_units),
                "assigned_on": lead.assigned_on,
                "deadline": lead.deadline,
                "hard": lead.is_hard,
                "requirements": _requirements(row),
            }
        )
    return sheets


def meeting_sheets_pdf(*, meeting: AssignmentMeeting) -> tuple[bytes, str] | None:
    """The meeting's assignment sheets as one PDF, one page each; None when nothing was
    assigned there yet. Printed in the site's language: it is an official document."""
    with township_language(meeting.township):
        sheets = meeting_sheets(meeting=meeting)
        if not sheets:
            return None
        pdf = render_pdf(
            template_name="proposals/meeting_sheets_pdf.html",
            context={
                "meeting": meeting,
                "presidium": _("Presidium of the %(township)s People's Congress")
                % {"township": meeting.township.name},
                "sheets": sheets,
            },
        )
        filename = _("Assignment sheets of %(date)s.pdf") % {"date": meeting.date.isoformat()}
    return pdf, filename
