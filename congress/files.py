"""Files behind the login: every uploaded or generated file is served by a view that has loaded
its record through the record's scoped selector, never from a public media folder.

In development the view streams the bytes itself. With `PROTECTED_MEDIA = "nginx"` it answers an
empty response whose `X-Accel-Redirect` header tells nginx which file to send from an
`internal` location (README, Production), so the Python worker does not spend its time on bytes.

With the media in an S3-compatible bucket (README, Media on object storage) the view streams
the object as it arrives from the bucket, or, with `PROTECTED_MEDIA = "s3-redirect"`, answers a
redirect to a signed URL of the object that expires after PROTECTED_MEDIA_URL_SECONDS and makes
the bucket send the download name and type. Pictures shown in a page are streamed even then:
the Content-Security-Policy lets a page load images from this site only.
"""

import mimetypes
import sys
import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.core.files.base import File
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

from .settings.media import NGINX, S3_REDIRECT
from .validators import HIDDEN_CATEGORIES

# Only pictures are shown in the page; anything else is downloaded, so that a file can never be
# opened by the browser as a page of this site.
INLINE_TYPES = {"image/png", "image/jpeg"}


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
    elif settings.PROTECTED_MEDIA == S3_REDIRECT and as_attachment:
        response = _signed_redirect(file, filename=filename, content_type=content_type)
    else:
        response = _streamed(
            file, as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    patch_cache_control(response, private=True)
    return response


def _streamed(file: File, *, as_attachment: bool, filename: str, content_type: str):
    """The bytes sent by this worker: read from the disk, or from the bucket as they arrive
    (S3File itself would download the whole object before the first byte goes out)."""
    try:
        opened = file.storage.open(file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    body, size = opened, None
    # django-storages (and boto3, a quarter of a second to import) is loaded only when the
    # media are in a bucket: a file can be an S3File only once its module is imported.
    s3 = sys.modules.get("storages.backends.s3")
    if s3 is not None and isinstance(opened, s3.S3File):
        from botocore.exceptions import ClientError

        try:
            body, size = opened.obj.get()["Body"], opened.size
        except ClientError as error:  # deleted since it was opened
            if error.response["ResponseMetadata"]["HTTPStatusCode"] == 404:
                raise Http404 from None
            raise
    response = FileResponse(
        body, as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    if size is not None:
        response["Content-Length"] = str(size)
    return response


def _signed_redirect(file: File, *, filename: str, content_type: str) -> HttpResponseRedirect:
    """A redirect to the object's signed URL, short-lived; the bucket answers with the
    download name and type given here and is told not to let the answer be cached."""
    url = file.storage.url(
        file.name,
        parameters={
            "ResponseContentDisposition": content_disposition_header(True, filename),
            "ResponseContentType": content_type,
            "ResponseCacheControl": "private, no-store",
        },
        expire=settings.PROTECTED_MEDIA_URL_SECONDS,
    )
    return HttpResponseRedirect(url)
