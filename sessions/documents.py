"""The session's printed documents: the election results announcement (选举结果公告) and the
session summary, Chinese PDFs through the same WeasyPrint path as the reports."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from congress.pdf import render_pdf

from .models import Candidate, CongressSession
from .selectors import session_detail


def _elections(session: CongressSession):
    return session.elections.select_related("sitting").prefetch_related(
        Prefetch("candidates", queryset=Candidate.objects.all())  # as on the ballot: 按姓氏笔画
    )


def election_announcement_pdf(*, session: CongressSession) -> tuple[bytes, str]:
    """Who the session elected, office by office, as the presidium announces it. Void and
    uncounted elections are left out; seats left to another ballot are said."""
    elections = [e for e in _elections(session) if e.is_counted and not e.void]
    announced_on = max((e.sitting.date for e in elections), default=session.end_date)
    pdf = render_pdf(
        template_name="sessions/announcement_pdf.html",
        context={"session": session, "elections": elections, "announced_on": announced_on},
    )
    return pdf, _("%(session)s election results.pdf") % {"session": session.full_name}


def session_summary_pdf(*, session: CongressSession) -> tuple[bytes, str]:
    """The session at a glance: dates and venue, the roll of each sitting, the agenda with its
    outcomes, the resolutions with their votes and the elections with their results."""
    context = session_detail(session=session, user=None)
    context["elections"] = list(_elections(session))
    pdf = render_pdf(template_name="sessions/summary_pdf.html", context=context)
    return pdf, _("%(session)s summary.pdf") % {"session": session.full_name}
