"""Legal and local rules of deputy work, named so that a province's practice is one change."""

# A deputy group is formed with at least three deputies (local practice; warn, do not block).
MIN_GROUP_SIZE = 3

# Activity attachments: photos and documents, at most 10 MB each.
ALLOWED_ATTACHMENT_EXTENSIONS = ["jpg", "jpeg", "png", "pdf", "doc", "docx", "xls", "xlsx"]
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

# Excel import: the largest file staff may upload.
MAX_IMPORT_ROWS = 10_000
