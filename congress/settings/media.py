"""Where uploaded and generated files live, read from the environment: MEDIA_ROOT on the local
disk (the default), or a private bucket of an S3-compatible object store (README, Media on
object storage). Plain functions of the environment, so that a test builds the same settings
for its own bucket."""

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

LOCAL, S3 = "local", "s3"
FILE_SYSTEM_BACKEND = "django.core.files.storage.FileSystemStorage"
S3_BACKEND = "storages.backends.s3.S3Storage"
# Who sends a file once its view has allowed it (congress.files): the worker itself, nginx
# from MEDIA_ROOT (X-Accel-Redirect), or the object store through a short-lived signed URL.
DJANGO, NGINX, S3_REDIRECT = "django", "nginx", "s3-redirect"
ADDRESSING_STYLES = ("auto", "path", "virtual")


def media_storage(environ: Mapping[str, str]) -> dict:
    """STORAGES["default"]: FileSystemStorage under MEDIA_ROOT, or S3Storage when
    MEDIA_STORAGE=s3 or a bucket is named. Objects are private: no ACL is sent (the bucket's
    own, private, applies), every URL is signed, and a name in use is never overwritten."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    kind = environ.get("MEDIA_STORAGE", "").strip().lower() or (S3 if bucket else LOCAL)
    if kind == LOCAL:
        return {"BACKEND": FILE_SYSTEM_BACKEND}
    if kind != S3:
        raise ImproperlyConfigured("MEDIA_STORAGE is either 'local' or 's3'.")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    addressing_style = environ.get("AWS_S3_ADDRESSING_STYLE", "").strip() or None
    if addressing_style not in (None, *ADDRESSING_STYLES):
        raise ImproperlyConfigured(
            "AWS_S3_ADDRESSING_STYLE is one of " + ", ".join(ADDRESSING_STYLES) + "."
        )
    options = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL", "").strip() or None,
        "region_name": environ.get("AWS_S3_REGION_NAME", "").strip() or None,
        "addressing_style": addressing_style,
        "signature_version": "s3v4",
        # A folder of the bucket to keep the files under, when the bucket is shared.
        "location": environ.get("AWS_LOCATION", "").strip().strip("/"),
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
        # A custom domain would make url() unsigned: never set here.
        "custom_domain": None,
    }
    # Without keys boto3 looks further: AWS_ACCESS_KEY_ID and friends, ~/.aws, an instance role.
    access_key = environ.get("AWS_S3_ACCESS_KEY_ID") or environ.get("AWS_ACCESS_KEY_ID")
    secret_key = environ.get("AWS_S3_SECRET_ACCESS_KEY") or environ.get("AWS_SECRET_ACCESS_KEY")
    if access_key and secret_key:
        options |= {"access_key": access_key, "secret_key": secret_key}
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


def protected_media(environ: Mapping[str, str], *, storage: dict, default: str) -> str:
    """PROTECTED_MEDIA for this storage: `default` on the local disk, "django" (stream the
    object) on S3 unless "s3-redirect" is asked for. nginx can only send files from
    MEDIA_ROOT, and only a bucket signs URLs."""
    on_s3 = storage["BACKEND"] == S3_BACKEND
    mode = environ.get("PROTECTED_MEDIA", "").strip() or (DJANGO if on_s3 else default)
    if mode not in (DJANGO, NGINX, S3_REDIRECT):
        raise ImproperlyConfigured("PROTECTED_MEDIA is 'django', 'nginx' or 's3-redirect'.")
    if on_s3 and mode == NGINX:
        raise ImproperlyConfigured(
            "PROTECTED_MEDIA=nginx sends files from MEDIA_ROOT; with media on S3 use "
            "'django' (the workers stream them) or 's3-redirect' (signed URLs)."
        )
    if not on_s3 and mode == S3_REDIRECT:
        raise ImproperlyConfigured("PROTECTED_MEDIA=s3-redirect needs MEDIA_STORAGE=s3.")
    return mode
