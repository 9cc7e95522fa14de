"""Legal and local rules of proposal handling, named so that a province's practice is one change."""

# 代表法（2025年修正）第五十一条：有关机关和组织应当自交办之日起三个月内答复
# （涉及面广、处理难度大的，六个月内答复）。
ANSWER_DEADLINE_MONTHS = 3
HARD_ANSWER_DEADLINE_MONTHS = 6

# 地方组织法第二十二条：乡镇人大代表五人以上联名，可以提出属于本级人大职权范围内的议案。
MIN_MOTION_SIGNERS = 5

# Local practice (上海市代表建议办理规定第十九、二十一条): an extension adds at most three
# months; an answer rated 不满意 is answered again within one month.
MAX_EXTENSION_MONTHS = 3
REANSWER_MONTHS = 1

# Local practice: co-signers confirm within this many days of being asked.
COSIGN_DAYS = 7

# Local practice: the handling unit and staff are reminded this many days before the deadline;
# the staff queue "due soon" looks as far ahead.
REMIND_DAYS_BEFORE_DEADLINE = 7

# Local practice: a key proposal (重点) still unanswered this many days after its deadline is
# escalated to the presidium member leading it (1: the day after the deadline).
ESCALATE_DAYS_AFTER_DEADLINE = 1

# Local practice: a co-signer who has not confirmed is reminded this many days before the day
# their signature lapses (confirm_by).
REMIND_DAYS_BEFORE_COSIGN_LAPSES = 2

# Local practice: signers rate the handling within this many days of the answer; after that
# the rating is outstanding (staff queue, reminder to the signers who have not rated).
RATING_DAYS = 14

# The lists a new township starts with; staff rename and add to them.
DEFAULT_FIELDS = ("城乡建设", "生态环境", "社会事业", "农业农村", "经济发展", "其他")
DEFAULT_ANSWER_CATEGORIES = (
    ("A", "已解决或基本解决"),
    ("B", "正在解决"),
    ("C", "列入规划逐步解决"),
    ("D", "留作参考"),
)
