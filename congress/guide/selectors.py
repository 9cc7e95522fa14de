"""The guide's parts: Markdown files under docs/guide/ (index.md, then one part for every role
and one all of them read), each rendered to HTML once per process. They are the project's own
text, so their HTML is trusted; links between parts become the guide's pages, pictures the
guide's image URL, and no inline style is kept (the CSP).

A heading's id is its own text (Python-Markdown's toc with `slugify_unicode`, the anchor GitHub
gives the same heading), so a link such as `staff.md#召开交办会` works in the repository and in
the app alike; congress/tests/test_guide.py checks that every anchor the app links to exists.

The words a task names as the app shows them are written 「so」: the browser walk
(tests/test_guide_browser.py) checks each one appears on the pages of the section naming it."""

import functools
import re
import struct
from dataclasses import dataclass
from pathlib import Path

import markdown
from django.conf import settings
from django.http import Http404
from django.urls import reverse
from markdown.extensions.toc import slugify_unicode

GUIDE_DIR = Path(settings.BASE_DIR) / "docs" / "guide"
IMAGE_DIR = GUIDE_DIR / "img"
INDEX = "index"
# The parts in the order of the contents: what everyone does, then one part for each role
# (named as congress.roles.Role names it; congress.guide.help maps a role to its part).
PARTS = ("common", "staff", "member", "deputy", "unit", "county", "county_admin")
# A picture's name: what the browser walk saves (docs/guide/img/<name>.png).
IMAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PART_LINK = re.compile(r'href="(?P<name>[^":/#]+)\.md(?P<anchor>#[^"]*)?"')
IMAGE_LINK = re.compile(r'src="img/(?P<name>[a-z0-9-]+)\.png"')
IMAGE_IN_MARKDOWN = re.compile(r"!\[[^\]]*\]\(img/(?P<name>[^)]+)\.png\)")
INLINE_STYLE = re.compile(r' style="[^"]*"')
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
# A word the app shows (a menu item, a heading, a field, a button), quoted as the screen has
# it; "…" stands for what differs from record to record (「创建全部…个账号」).
MARKED = re.compile(r"「([^「」]+)」")
WILDCARD = "…"


@dataclass(frozen=True)
class Section:
    """One heading of a part and its text up to the next heading, with the words it marks."""

    part: str
    anchor: str
    title: str
    level: int
    words: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    slug: str
    title: str
    html: str
    sections: tuple[Section, ...]

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset(section.anchor for section in self.sections)


def part_slugs() -> list[str]:
    return [INDEX, *PARTS]


def _flatten(tokens) -> list[dict]:
    flat = []
    for token in tokens:
        flat.append(token)
        flat.extend(_flatten(token["children"]))
    return flat


def marked_words(text: str) -> tuple[str, ...]:
    """The 「marked」 words of a text, each once, blanks run together as the screen shows them."""
    words = (" ".join(word.split()) for word in MARKED.findall(text))
    return tuple(dict.fromkeys(words))


def word_pattern(word: str) -> re.Pattern:
    """What a marked word matches on a page: itself, "…" standing for any short text."""
    return re.compile(".{0,80}?".join(re.escape(piece) for piece in word.split(WILDCARD)))


def _sections(slug: str, text: str, tokens: list[dict]) -> tuple[Section, ...]:
    lines = text.splitlines()
    starts = [number for number, line in enumerate(lines) if HEADING.match(line)]
    headings = _flatten(tokens)
    if len(starts) != len(headings):  # a heading the toc did not see (in a fence, say)
        raise ValueError(f"{slug}.md: {len(starts)} heading lines, {len(headings)} headings")
    sections = []
    for index, (start, heading) in enumerate(zip(starts, headings, strict=True)):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        body = "\n".join(lines[start:end])
        sections.append(
            Section(
                part=slug,
                anchor=heading["id"],
                title=heading["name"],
                level=heading["level"],
                words=marked_words(body),
            )
        )
    return tuple(sections)


def _image_source(found: re.Match) -> str:
    """The picture's URL in the app, with its size, so that the page does not move while it
    loads (a link to a heading lands on it and stays there)."""
    source = 'src="{}"'.format(reverse("guide:image", args=[found["name"]]))
    path = IMAGE_DIR / f"{found['name']}.png"
    if path.is_file():
        with path.open("rb") as png:  # the IHDR chunk: width and height after the signature
            width, height = struct.unpack(">II", png.read(24)[16:24])
        source += f' width="{width}" height="{height}"'
    return source


@functools.cache
def _rendered(slug: str) -> Part:
    text = (GUIDE_DIR / f"{slug}.md").read_text(encoding="utf-8")
    converter = markdown.Markdown(
        extensions=["tables", "toc", "sane_lists"],
        extension_configs={"toc": {"slugify": slugify_unicode}},
    )
    html = INLINE_STYLE.sub("", converter.convert(text))
    html = PART_LINK.sub(
        lambda found: 'href="{}{}"'.format(
            reverse("guide:part", args=[found["name"]]), found["anchor"] or ""
        ),
        html,
    )
    html = IMAGE_LINK.sub(_image_source, html).replace("<img ", '<img class="img-fluid border" ')
    sections = _sections(slug, text, converter.toc_tokens)
    title = sections[0].title if sections else slug
    return Part(slug=slug, title=title, html=html, sections=sections)


def guide_part(*, slug: str) -> Part:
    """One part of the guide; 404 for a name that is not one."""
    if slug not in part_slugs():
        raise Http404
    return _rendered(slug)


def guide_contents() -> list[Part]:
    """Every part, the contents first, for the guide's side menu."""
    return [_rendered(slug) for slug in part_slugs()]


def guide_images() -> list[str]:
    """The names of the screenshots the guide shows, each once, in the order it shows them."""
    names = []
    for slug in part_slugs():
        text = (GUIDE_DIR / f"{slug}.md").read_text(encoding="utf-8")
        names.extend(IMAGE_IN_MARKDOWN.findall(text))
    return list(dict.fromkeys(names))


def guide_image_path(*, name: str) -> Path:
    """A picture of the guide: a file of docs/guide/img and nothing else; 404 otherwise."""
    if not IMAGE_NAME.match(name):
        raise Http404
    path = IMAGE_DIR / f"{name}.png"
    if not path.is_file():
        raise Http404
    return path
