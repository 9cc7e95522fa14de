"""Writes on oversight actions, the government tasks they oversee, the progress reviews of
those tasks and the campaigns that group actions.

An action owns the deputies' activity holding its title, dates, place, content, the deputies'
attendance and the count of other participants (deputies.services writes those parts: the
attendance and the photos go through its services unchanged). Staff who took part are named
here, so person-times are computed (oversight.selectors.actions), never typed.

- `actions`: the actions and the staff named on them;
- `government_tasks`: the tasks and their progress reviews;
- `campaigns`: the campaigns;
- `common`: the rules of years and names the three share.
"""

from .actions import ActionInput, action_create, action_update
from .campaigns import campaign_create, campaign_update
from .common import FIRST_YEAR, TASK_REVIEW_YEARS_AFTER, split_names
from .government_tasks import review_record, task_create, task_update

__all__ = [
    "FIRST_YEAR",
    "TASK_REVIEW_YEARS_AFTER",
    "ActionInput",
    "action_create",
    "action_update",
    "campaign_create",
    "campaign_update",
    "review_record",
    "split_names",
    "task_create",
    "task_update",
]
