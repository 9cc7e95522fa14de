"""Signal receivers: what the proposals app does when the core's records change."""


def township_created(sender, instance, created, raw=False, **kwargs):
    """A new township gets the default proposal fields and answer categories."""
    if created and not raw:
        from .services import township_lists_ensure

        township_lists_ensure(township=instance)
