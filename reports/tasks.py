from celery import shared_task
from django.utils.translation import gettext as _

from congress.celery import BoundedRetryTask

from .services import report_mark_failed, report_render


class RenderReportTask(BoundedRetryTask):
    def gave_up(self, error, report_id):
        report_mark_failed(
            report_id=report_id,
            error=_("Report generation failed after %(retries)d retries: %(error)s")
            % {"retries": self.retries_done, "error": error},
        )


@shared_task(base=RenderReportTask)
def render_report(report_id: int) -> str:
    return report_render(report_id=report_id).state
