"""The first PDF a process prints is not slower than the next: warm_up loads WeasyPrint and the
report's faces beforehand (a page leading to printing starts it in the background)."""

import subprocess
import sys
import textwrap

from django.test import override_settings

from reports import printing

WARM = textwrap.dedent(
    """
    import os, sys
    os.environ["DJANGO_SETTINGS_MODULE"] = "congress.settings.test"
    os.environ.setdefault("SECRET_KEY", "x" * 50)
    import django
    django.setup()
    from reports import printing
    before = "weasyprint" in sys.modules
    rendered = []
    real = printing.document_pdf
    printing.document_pdf = lambda html: rendered.append(1) or real(html)
    printing.warm_up()
    printing.warm_up()
    print(before, "weasyprint" in sys.modules, printing._warmed.is_set(), len(rendered))
    """
)


def test_warming_up_loads_weasyprint_and_prints_once_per_process():
    """A new process has not loaded WeasyPrint; warming up loads it by printing one sample
    (every face the layout uses), and a second warm-up prints nothing. How much faster the
    first report then prints is measured by `make bench` (bench_reports), not here."""
    out = subprocess.run(
        [sys.executable, "-c", WARM], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "True", "True", "1"]


def test_the_background_warm_up_runs_once_and_only_when_enabled(monkeypatch):
    started = []
    monkeypatch.setattr(printing, "_warmed", printing.threading.Event())
    monkeypatch.setattr(printing, "_warm_started", printing.threading.Lock())
    monkeypatch.setattr(
        printing.threading, "Thread", lambda **kwargs: started.append(kwargs) or _NoThread()
    )
    with override_settings(REPORTS_PDF_WARM_UP=False):
        printing.warm_up_soon()
    assert started == []
    with override_settings(REPORTS_PDF_WARM_UP=True):
        printing.warm_up_soon()
        printing.warm_up_soon()
    assert [kwargs["target"] for kwargs in started] == [printing.warm_up]


class _NoThread:
    def start(self):
        pass
