"""Legal and local rules of deputy work, named so that a province's practice is one change."""

# 代表法（2025年修正）第六十二条：未经批准两次不出席本级人民代表大会会议的，代表资格终止。
MAX_UNEXCUSED_SESSION_ABSENCES = 2

# A deputy group is formed with at least three deputies (local practice; warn, do not block).
MIN_GROUP_SIZE = 3

# Activity attachments: photos and documents, at most 10 MB each.
ALLOWED_ATTACHMENT_EXTENSIONS = ["jpg", "jpeg", "png", "pdf", "doc", "docx", "xls", "xlsx"]
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

# Excel import: the largest file staff may upload.
MAX_IMPORT_ROWS = 10_000
