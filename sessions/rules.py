"""Legal rules of congress sessions, named so that a province's practice is one change."""

# 代表法（2025年修正）第六十二条：未经批准两次不出席本级人民代表大会会议的，代表资格终止。
MAX_UNEXCUSED_SESSION_ABSENCES = 2
