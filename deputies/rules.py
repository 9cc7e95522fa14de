"""Legal and local rules of deputy work, named so that a province's practice is one change."""

# A deputy group is formed with at least three deputies (local practice; warn, do not block).
MIN_GROUP_SIZE = 3

# Activity attachments: photos and documents, at most 10 MB each.
ALLOWED_ATTACHMENT_EXTENSIONS = ["jpg", "jpeg", "png", "pdf", "doc", "docx", "xls", "xlsx"]
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

# Excel import: the largest file staff may upload.
MAX_IMPORT_ROWS = 10_000

# 电信网编号计划（2017年版）: a mobile number is 11 digits beginning with 1; a fixed-line number
# is the long-distance code (0 and 2 or 3 digits) and a local number of 7 or 8 digits that does
# not begin with 0 or 1. Offices add an extension after a hyphen.
MOBILE_PHONE_PATTERN = r"1\d{10}"
LANDLINE_PHONE_PATTERN = r"(?:0\d{2,3}[- ]?|[(（]0\d{2,3}[)）] ?)[2-9]\d{6,7}(?:-\d{1,6})?"
