from celery import shared_task
from celery.signals import worker_process_init
from django.conf import settings
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


@worker_process_init.connect
def warm_up_pdf(**kwargs):
    """Each worker process loads WeasyPrint and the report's faces as it starts, so that the
    first report it renders takes no longer than the next."""
    if settings.REPORTS_PDF_WARM_UP:
        from .printing import warm_up

        warm_up()
