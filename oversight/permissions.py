"""Who may act on an oversight record, beyond what their role may read (congress.scoping) and
do at all (its Django permission): the staff of the record's township, the unit a record is
about. Plain functions of the user and the record, which services call to refuse and pages to
offer. Small on purpose: when oversight is split into several apps, each takes its own rules."""

from congress.roles import Role


def is_township_staff(*, user, township_id: int | None, permission: str) -> bool:
    """An active user holding `permission` who works in the record's township: staff act on
    their own township's records only (the permission alone would reach every township's)."""
    return (
        user.is_active
        and township_id is not None
        and user.township_id == township_id
        and user.has_perm(permission)
    )


def may_respond(*, user, evaluation) -> bool:
    """A work evaluation is answered by the evaluated unit's own people, or by the township's
    staff entering the response from paper."""
    if not (user.is_active and user.has_perm("oversight.respond_workevaluation")):
        return False
    if user.role == Role.UNIT:
        return user.unit_id == evaluation.unit_id
    return user.township_id == evaluation.action.township_id
