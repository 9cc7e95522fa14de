"""The guide in the app: its parts, and the pictures the browser walk takes of the pages."""

from django.http import FileResponse
from django.shortcuts import render

from .selectors import INDEX, guide_contents, guide_image_path, guide_part


def part(request, slug: str = INDEX):
    """A part of the user guide (操作手册), with the contents beside it."""
    return render(
        request,
        "guide/part.html",
        {"part": guide_part(slug=slug), "contents": guide_contents()},
    )


def image(request, image: str):
    """A screenshot the guide shows: a PNG of docs/guide/img, and no other file."""
    return FileResponse(guide_image_path(name=image).open("rb"), content_type="image/png")
