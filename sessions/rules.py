"""Legal rules of congress sessions, named so that a province's practice is one change.

The functions here are pure arithmetic on counts, so the edges the law draws (exactly two
thirds, exactly half, a tie for the last seat) are tested without a database.
"""

from dataclasses import dataclass, field

# 代表法（2025年修正）第六十二条：未经批准两次不出席本级人民代表大会会议的，代表资格终止。
MAX_UNEXCUSED_SESSION_ABSENCES = 2

# 地方组织法第十四条第四款：乡、民族乡、镇的人民代表大会会议须有三分之二以上的代表出席，始得举行。
QUORUM_NUMERATOR, QUORUM_DENOMINATOR = 2, 3

# 地方组织法第二十六条：主席团或者十名以上代表联合，可以提名候选人。
MIN_JOINT_NOMINATORS = 10

# A session sits on a few days; one sitting is made for each day up to this many.
MAX_SITTINGS_MADE = 7

# Activities of this many days before a session can be linked to its preparation.
PREPARATION_WINDOW_DAYS = 120

# The preparation checklist a new session starts with (筹备工作); staff add and remove lines.
DEFAULT_PREPARATION_TASKS = (
    "主席团会议确定会议日期、议程草案",
    "会前组织代表走访选区选民、征求意见",
    "会前组织代表视察",
    "审议修改提请大会审议的报告",
    "代表资格审查",
    "发出会议通知，印发会议材料",
    "提出主席团和秘书长名单草案",
)


def has_quorum(*, present: int, in_office: int) -> bool:
    """At least two thirds of all deputies in office are present (组织法 Art 14). With no
    deputy in office nothing can be held."""
    return in_office > 0 and present * QUORUM_DENOMINATOR >= in_office * QUORUM_NUMERATOR


def quorum_needed(in_office: int) -> int:
    """How many must be present for a quorum: two thirds, rounded up."""
    return -(-in_office * QUORUM_NUMERATOR // QUORUM_DENOMINATOR)


def is_majority_of_all(votes_for: int, in_office: int) -> bool:
    """More than half of ALL deputies in office, not of those present (组织法 Art 25)."""
    return votes_for * 2 > in_office


def majority_needed(in_office: int) -> int:
    """The fewest votes that are more than half of all deputies in office."""
    return in_office // 2 + 1


@dataclass
class Tally:
    """An election's result: who is elected, who tied for the last seat, and seats left."""

    void: bool = False
    elected: list = field(default_factory=list)
    tied: list = field(default_factory=list)
    unfilled: int = 0


def tally(
    *, seats: int, in_office: int, issued: int, returned: int, votes: dict[object, int]
) -> Tally:
    """Count an election (组织法 Art 25, 29; 选举法 Art 44).

    `votes` maps each candidate (any key) to the votes for them. More ballots returned than
    issued voids the vote. A candidate needs more than half of all deputies in office; when more
    pass than there are seats the highest win, and a tie for the last seat elects none of the
    tied (another ballot decides). Seats no one won are left to another ballot (另行选举).
    """
    if returned > issued:
        return Tally(void=True, unfilled=seats)
    passed = sorted(
        (key for key, n in votes.items() if is_majority_of_all(n, in_office)),
        key=lambda key: -votes[key],
    )
    if len(passed) <= seats:
        return Tally(elected=passed, unfilled=seats - len(passed))
    cutoff = votes[passed[seats - 1]]  # the votes of the last seat's holder
    above = [key for key in passed if votes[key] > cutoff]
    at_cutoff = [key for key in passed if votes[key] == cutoff]
    if len(above) + len(at_cutoff) == seats:  # no tie across the last seat
        return Tally(elected=above + at_cutoff, unfilled=0)
    return Tally(elected=above, tied=at_cutoff, unfilled=seats - len(above))
