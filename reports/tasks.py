from celery import shared_task

from .services import report_render


@shared_task
def render_report(report_id: int) -> str:
    return report_render(report_id=report_id).state
