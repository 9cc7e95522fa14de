"""The guide's chapters: Markdown files under docs/guide/ (index.md, then 01-….md, …), each
rendered to HTML once per process. They are the project's own text, so their HTML is trusted;
links between chapters become the guide's pages, and no inline style is kept (the CSP)."""

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
from django.conf import settings
from django.http import Http404
from django.urls import reverse

GUIDE_DIR = Path(settings.BASE_DIR) / "docs" / "guide"
INDEX = "index"
CHAPTER_LINK = re.compile(r'href="(?P<name>[^":/#]+)\.md(?P<anchor>#[^"]*)?"')
INLINE_STYLE = re.compile(r' style="[^"]*"')


@dataclass(frozen=True)
class Chapter:
    slug: str
    title: str
    html: str


def chapter_slugs() -> list[str]:
    return [INDEX, *sorted(p.stem for p in GUIDE_DIR.glob("[0-9]*.md"))]


@functools.cache
def _rendered(slug: str) -> Chapter:
    text = (GUIDE_DIR / f"{slug}.md").read_text(encoding="utf-8")
    html = markdown.markdown(text, extensions=["tables", "toc", "sane_lists"])
    html = INLINE_STYLE.sub("", html)
    html = CHAPTER_LINK.sub(
        lambda found: 'href="{}{}"'.format(
            reverse("guide", args=[found["name"]]), found["anchor"] or ""
        ),
        html,
    )
    heading = re.search(r"^#\s+(.+)$", text, re.M)
    return Chapter(slug=slug, title=heading.group(1).strip() if heading else slug, html=html)


def guide_chapter(*, slug: str) -> Chapter:
    """One chapter of the guide; 404 for a name that is not one."""
    if slug not in chapter_slugs():
        raise Http404
    return _rendered(slug)


def guide_contents() -> list[Chapter]:
    """Every chapter, the contents first, for the guide's side menu."""
    return [_rendered(slug) for slug in chapter_slugs()]
