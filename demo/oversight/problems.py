"""TODO(issue 10)."""


def seed(found: dict) -> None:
    pass
