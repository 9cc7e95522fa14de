"""Files behind the login: every uploaded or generated file is served by a view that has loaded
its record through the record's scoped selector, never from a public media folder.

In development the view streams the bytes itself. With `PROTECTED_MEDIA = "nginx"` it answers an
empty response whose `X-Accel-Redirect` header tells nginx which file to send from an
`internal` location (README, Production), so the Python worker does not spend its time on bytes.
"""

import mimetypes
import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.core.files.base import File
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

from .validators import HIDDEN_CATEGORIES

# Only pictures are shown in the page; anything else is downloaded, so that a file can never be
# opened by the browser as a page of this site.
INLINE_TYPES = {"image/png", "image/jpeg"}
DJANGO, NGINX = "django", "nginx"


def _download_name(name: str) -> str:
    """The name the browser saves the file under, without characters a header cannot hold."""
    cleaned = "".join(c for c in name if unicodedata.category(c) not in HIDDEN_CATEGORIES)
    return cleaned.replace("/", "_").replace("\\", "_").strip() or "file"


def protected_file_response(file: File, *, filename: str, inline: bool = False) -> HttpResponse:
    """Serve a stored file (a FileField's value) under `filename`: inline for a picture when
    asked, as a download otherwise; 404 when the record has no file or the file is gone."""
    if not file or not file.name:
        raise Http404
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    as_attachment = not (inline and content_type in INLINE_TYPES)
    filename = _download_name(filename)
    if settings.PROTECTED_MEDIA == NGINX:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.PROTECTED_MEDIA_PREFIX + quote(file.name)
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    else:
        try:
            opened = file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            opened, as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    patch_cache_control(response, private=True)
    return response
