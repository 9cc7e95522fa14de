"""The demo year's oversight work, as the 2024 report tells it. Each area seeds its own
records; later areas find earlier ones in `found` (actions by key, units by name, ...)."""

from . import actions, evaluations, petitions, plans, problems


def seed(*, township, deputies, units, staff, member) -> dict:
    found = {
        "township": township,
        "deputies": deputies,
        "units": units,
        "staff": staff,
        "member": member,
    }
    plans.seed(found)  # the 2024 plan items and election supervision, articles
    actions.seed(found)  # actions, tasks, reviews, campaigns -> found["actions"]
    problems.seed(found)
    evaluations.seed(found)
    petitions.seed(found)
    return found
