"""The first PDF a process prints is not slower than the next: warm_up loads WeasyPrint and the
report's faces beforehand (a page leading to printing starts it in the background)."""

import subprocess
import sys
import textwrap

from django.test import override_settings

from reports import printing

MEASURE = textwrap.dedent(
    """
    import os, sys, time
    os.environ["DJANGO_SETTINGS_MODULE"] = "congress.settings.test"
    os.environ.setdefault("SECRET_KEY", "x" * 50)
    import django
    django.setup()
    from reports.printing import PrintedDocument, PrintedSection, document_html, document_pdf
    from reports.printing import _paragraph, warm_up
    if sys.argv[1] == "warm":
        warm_up()
    def one(n):
        section = PrintedSection(
            number="一", heading="numbered", title="标题",
            paragraphs=[_paragraph("正文第%d段，代表们共查找出问题14个。" % n, {})] * 20,
            blocks=[],
        )
        html = document_html(PrintedDocument("题%d" % n, "县人大常委会", "主席团", "2025年1月6日",
                                             [section]))
        start = time.perf_counter()
        document_pdf(html)
        return time.perf_counter() - start
    first = one(1)
    later = min(one(n) for n in range(2, 5))
    print(first, later)
    """
)


def _first_and_later(mode: str) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, mode], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1])


def test_after_warming_up_the_first_pdf_is_as_fast_as_the_next():
    cold_first, cold_later = _first_and_later("cold")
    warm_first, warm_later = _first_and_later("warm")
    # Cold, the first PDF pays for WeasyPrint's import and the faces (several times a render);
    # warmed up, it costs what the next ones do (with room for a loaded machine).
    assert cold_first > 2 * cold_later, (cold_first, cold_later)
    assert warm_first < 2 * warm_later + 0.1, (warm_first, warm_later)


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
