"""The user guide (操作手册): one part for each role, read in the app and in the repository.
Every part opens for every role; its links lead to parts and headings that exist; the header's
帮助 leads each role to its own part, at the section about the page it is on; the pictures are
served to signed-in users only, and no other file is. The browser walk that checks the words
the guide names against the pages is tests/test_guide_browser.py."""

import re
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils import translation

from congress.guide import help as guide_help
from congress.guide.selectors import (
    GUIDE_DIR,
    IMAGE_DIR,
    IMAGE_NAME,
    PARTS,
    guide_contents,
    guide_images,
    guide_part,
    marked_words,
    part_slugs,
    word_pattern,
)
from congress.roles import Role

MARKDOWN_LINK = re.compile(r"\]\((?P<file>[^)#\s]*?)(?:#(?P<anchor>[^)\s]*))?\)")
IMAGE_REFERENCE = re.compile(r'(?:\]\(|src=")img/(?P<name>[^)"]+)')
# Most screenshots are a few hundred KB at most (the walk keeps them to 256 colours).
IMAGE_MAX_BYTES = 400_000


def _help_link(html: str) -> str:
    return re.search(r'href="([^"]*)" data-testid="help"', html)[1]


def test_the_guide_has_a_part_for_every_role_and_one_for_everyone():
    assert set(guide_help.PART_OF_ROLE) == set(Role)
    assert set(guide_help.PART_OF_ROLE.values()) | {"common"} == set(PARTS)
    for slug in part_slugs():
        assert (GUIDE_DIR / f"{slug}.md").is_file(), slug
    index = (GUIDE_DIR / "index.md").read_text(encoding="utf-8")
    for slug in PARTS:
        assert f"]({slug}.md)" in index, f"the contents do not list {slug}.md"
    # Nothing else lies in docs/guide that the app would not show.
    assert {path.stem for path in GUIDE_DIR.glob("*.md")} == set(part_slugs())


@pytest.mark.parametrize("role", list(Role))
def test_every_role_sees_help_in_the_header_leading_to_its_own_part(client, users, role):
    client.force_login(users[role])
    home = client.get(reverse("home")).content.decode()
    with translation.override("zh-hans"):
        assert f'data-testid="help">{translation.gettext("Help")}</a>' in home
    link = _help_link(home)
    part = guide_help.PART_OF_ROLE[role]
    assert link.startswith(reverse("guide:part", args=[part]))
    page = client.get(link.partition("#")[0])
    assert page.status_code == 200
    assert guide_part(slug=part).title in page.content.decode()


@pytest.mark.parametrize(
    ("role", "url_name", "anchor"),
    [
        (Role.STAFF, "proposals:meetings", "召开交办会"),
        (Role.STAFF, "reports:create", "生成年度工作报告"),
        (Role.DEPUTY, "deputies:me", "查看我的代表页面"),
        (Role.UNIT, "proposals:unit_items", "查看本单位承办件"),
        (Role.COUNTY_ADMIN, "county:townships", "查看乡镇和人大办账号"),
    ],
)
def test_help_opens_the_section_about_the_page(client, users, role, url_name, anchor):
    client.force_login(users[role])
    html = client.get(reverse(url_name)).content.decode()
    part = guide_help.PART_OF_ROLE[role]
    assert _help_link(html) == f"{reverse('guide:part', args=[part])}#{quote(anchor)}"
    assert f'id="{anchor}"' in client.get(reverse("guide:part", args=[part])).content.decode()


def _pages_without_parameters(patterns=None, prefix="", namespace=None):
    from django.urls import URLPattern, URLResolver

    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            yield from _pages_without_parameters(
                pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace
            )
        elif isinstance(pattern, URLPattern) and pattern.name and "<" not in str(pattern.pattern):
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


@pytest.mark.parametrize("role", list(Role))
def test_every_page_that_needs_a_login_shows_help(client, users, role):
    """Every page a role opens (each URL without parameters) carries 帮助 in its header."""
    client.force_login(users[role])
    pages = 0
    for name in _pages_without_parameters():
        response = client.get(reverse(name))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue  # not this role's, a file, or a POST-only URL
        html = response.content.decode()
        if name in {"login", "password_forgot"} or "<html" not in html:
            continue  # not a page of one's own: the login's, or a piece a page fetches
        pages += 1
        assert 'data-testid="help"' in html, name
    assert pages >= 3


def test_help_on_pages_every_role_has_opens_the_part_everyone_reads(client, users):
    client.force_login(users[Role.MEMBER])
    html = client.get(reverse("password_change")).content.decode()
    assert _help_link(html) == f"{reverse('guide:part', args=['common'])}#{quote('修改密码')}"


def test_help_on_a_page_the_guide_does_not_map_opens_the_part(client, users):
    client.force_login(users[Role.MEMBER])
    html = client.get("/no-such-page/").content.decode()
    assert _help_link(html) == reverse("guide:part", args=["member"])


def test_every_mapped_page_is_a_url_and_every_anchor_a_heading_of_its_part():
    names = {name for name in get_resolver().reverse_dict if isinstance(name, str)}
    namespaces = set(get_resolver().namespace_dict)
    for part, sections in guide_help.SECTIONS.items():
        assert part in PARTS, part
        anchors = guide_part(slug=part).anchors
        for view_name, anchor in sections.items():
            namespace, _, name = view_name.rpartition(":")
            if namespace:
                resolver = get_resolver().namespace_dict[namespace][1]
                known = {n for n in resolver.reverse_dict if isinstance(n, str)}
                assert name in known, f"{part}: no URL named {view_name}"
            else:
                assert view_name in names or view_name in namespaces, f"{part}: {view_name}"
            assert anchor in anchors, f"{part}: no heading with the id {anchor!r}"


def test_every_part_renders_and_links_only_to_parts_and_headings_that_exist(client, staff):
    client.force_login(staff)
    for slug in part_slugs():
        html = client.get(reverse("guide:part", args=[slug])).content.decode()
        article = html[html.index('data-testid="guide"') :]
        assert "<h1" in article, slug
        assert ".md" not in str(re.findall(r'href="([^"]*)"', article)), slug
        assert ' style="' not in article, slug  # the CSP allows no inline style
        for target, anchor in re.findall(r'href="/guide/([^/"]+)/(?:#([^"]*))?"', article):
            assert unquote(target) in part_slugs(), (slug, target)
            if anchor:
                assert unquote(anchor) in guide_part(slug=unquote(target)).anchors, (
                    slug,
                    target,
                    anchor,
                )
        for anchor in re.findall(r'href="#([^"]*)"', article):
            assert unquote(anchor) in guide_part(slug=slug).anchors, (slug, anchor)


def test_links_in_the_markdown_work_in_the_repository_too():
    """GitHub shows the Markdown itself: its links name files and headings that exist."""
    for slug in part_slugs():
        text = (GUIDE_DIR / f"{slug}.md").read_text(encoding="utf-8")
        for found in MARKDOWN_LINK.finditer(text):
            target = found["file"] or f"{slug}.md"
            if target.startswith(("http", "img/")):
                continue
            assert target.endswith(".md") and Path(target).stem in part_slugs(), (slug, target)
            if found["anchor"]:
                anchors = guide_part(slug=Path(target).stem).anchors
                assert found["anchor"] in anchors, (slug, target, found["anchor"])


def test_no_part_repeats_a_heading():
    """A repeated heading would get an id with a number added, which no link can rely on."""
    for part in guide_contents():
        anchors = [section.anchor for section in part.sections]
        assert len(anchors) == len(set(anchors)), part.slug


def test_the_guide_fits_every_township():
    """乡镇, never 镇 alone (a 乡 or 民族乡 reads it too); the demo's 练溪镇 is only an example."""
    for slug in part_slugs():
        text = (GUIDE_DIR / f"{slug}.md").read_text(encoding="utf-8")
        rest = text.replace("乡镇", "").replace("练溪镇", "")
        assert "镇" not in rest, (slug, rest[max(rest.index("镇") - 20, 0) :][:40])


def test_the_index_states_the_convention_for_words_the_app_shows():
    index = (GUIDE_DIR / "index.md").read_text(encoding="utf-8")
    assert "「」中的字是平台页面上显示的原样文字" in index
    for slug in part_slugs():
        text = (GUIDE_DIR / f"{slug}.md").read_text(encoding="utf-8")
        assert text.count("「") == text.count("」"), slug


def test_marked_words_and_their_wildcard():
    assert marked_words("点「保存」，再点「保存」或「 返回  首页 」") == ("保存", "返回 首页")
    assert word_pattern("创建全部…个账号").search("点创建全部39个账号")
    assert not word_pattern("创建全部…个账号").search("创建账号")


def test_the_guide_keeps_what_the_chapters_said_about_accounts(client, staff):
    client.force_login(staff)
    html = client.get(reverse("guide:part", args=["staff"])).content.decode()
    assert "县人大常委会管理员" in html and "理由" in html
    html = client.get(reverse("guide:part", args=["common"])).content.decode()
    assert "图形验证码" in html and "初始密码" in html


def test_every_picture_the_guide_shows_exists_and_is_small():
    referenced = set()
    for slug in part_slugs():
        text = (GUIDE_DIR / f"{slug}.md").read_text(encoding="utf-8")
        referenced |= set(IMAGE_REFERENCE.findall(text))
    assert referenced, "the guide shows no screenshot"
    assert referenced == {f"{name}.png" for name in guide_images()}
    for name in referenced:
        path = IMAGE_DIR / name
        assert path.is_file(), f"{name}: run make guide-screenshots"
        assert path.stat().st_size <= IMAGE_MAX_BYTES, name
        assert IMAGE_NAME.match(path.stem), name  # what the app serves
    stray = {path.name for path in IMAGE_DIR.glob("*")} - referenced
    assert not stray, f"pictures no part shows: {stray}"


def test_the_pictures_are_served_to_signed_in_users_only(client, staff):
    name = sorted(IMAGE_DIR.glob("*.png"))[0].stem
    url = reverse("guide:image", args=[name])
    assert client.get(url).status_code == 302
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    html = client.get(reverse("guide:part", args=["staff"])).content.decode()
    assert f'src="{url}"' in html or 'src="/guide/img/' in html


@pytest.mark.parametrize(
    "path",
    [
        "/guide/img/nope.png",
        "/guide/img/..%2Findex.png",
        "/guide/img/%2e%2e%2fstaff.png",
        "/guide/img/STAFF-HOME.png",
        "/guide/img/index.md.png",
    ],
)
def test_no_other_file_is_served_as_a_picture(client, staff, path):
    client.force_login(staff)
    assert client.get(path).status_code == 404


def test_an_unknown_part_is_404_and_anonymous_users_log_in_first(client, staff):
    assert client.get(reverse("guide:index")).status_code == 302
    client.force_login(staff)
    assert client.get(reverse("guide:index")).status_code == 200
    assert "人大工作平台 操作手册" in client.get(reverse("guide:index")).content.decode()
    assert client.get("/guide/..%2Fsettings/").status_code == 404
    assert client.get(reverse("guide:part", args=["README"])).status_code == 404
    assert client.get(reverse("guide:part", args=["nope"])).status_code == 404


def test_the_help_link_reverses_for_every_role_and_page_name():
    """help_url never fails, whatever page it is asked about (a 404 page has no name)."""

    class Someone:
        def __init__(self, role):
            self.role = role

    for role in [*Role, ""]:
        for view_name in ["", "home", "proposals:detail", "no:such", "guide:part"]:
            try:
                url = guide_help.help_url(user=Someone(role), view_name=view_name)
            except NoReverseMatch as error:  # pragma: no cover - the assertion reports it
                pytest.fail(f"{role} {view_name}: {error}")
            assert url.startswith("/guide/")
