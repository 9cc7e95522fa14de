"""Behaviour the apps' models share, as abstract models without a field: a model that inherits
one gains no column, so no migration."""

from django.db import models

IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png"})


class AttachedFile(models.Model):
    """A record holding one uploaded `file`, a photo or a document: named by the file's own
    name, shown in the page when it is a photo (`is_image`) and downloaded otherwise."""

    file: models.FileField

    class Meta:
        abstract = True

    def __str__(self):
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def is_image(self) -> bool:
        return self.file.name.lower().rsplit(".", 1)[-1] in IMAGE_EXTENSIONS
