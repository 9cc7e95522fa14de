"""Following every link a user can reach from the home page, a few pages of each view: the
walk tests that read what every page (and the files it links to) holds."""

from collections import deque
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

SKIPPED_PREFIXES = ("/static/", "/admin/", "/i18n/", "/accounts/logout/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"href", "src"} and value:
                self.links.append(value)


def crawl(client, *, pages_per_view: int, skipped=SKIPPED_PREFIXES) -> Iterator[tuple]:
    """(url, response) for "/" and every page and file linked from the pages reached, up to
    `pages_per_view` of each view; a response other than 200 or a redirect fails the test."""
    queue, seen, per_view = deque(["/"]), {"/"}, {}
    while queue:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code in {200, 302}, f"{url} -> {response.status_code}"
        if response.status_code == 302:
            continue
        yield url, response
        if not response["Content-Type"].startswith("text/html"):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target in seen or parts.path.startswith(skipped):
                continue
            seen.add(target)
            try:
                view = resolve(parts.path).view_name
            except Resolver404:
                continue
            if per_view.get(view, 0) < pages_per_view:
                per_view[view] = per_view.get(view, 0) + 1
                queue.append(target)
