"""Legal and local rules of deputy work, named so that a province's practice is one change."""

import datetime

# A deputy group is formed with at least three deputies (local practice; warn, do not block).
MIN_GROUP_SIZE = 3

# Excel import: the largest file staff may upload.
MAX_IMPORT_ROWS = 10_000

# Terms (届) of a people's congress are counted from the first, elected in 1954; with terms of
# two to five years none has reached 30. A term above this is a typing error (40000).
MAX_TERM = 50
# The first township congresses were elected in 1954 (1954 Constitution Art. 53): no mandate
# starts or ends before. A term lasts five years (Constitution Art. 98), so no mandate date
# lies further ahead than that.
EARLIEST_MANDATE_DATE = datetime.date(1954, 1, 1)
MANDATE_YEARS_AHEAD = 5
# A deputy is at least 18 (Constitution Art. 34); no birth month before this year is plausible.
EARLIEST_BIRTH_YEAR = 1900

# 电信网编号计划（2017年版）: a mobile number is 11 digits beginning with 1; a fixed-line number
# is the long-distance code (0 and 2 or 3 digits) and a local number of 7 or 8 digits that does
# not begin with 0 or 1. Offices add an extension after a hyphen.
MOBILE_PHONE_PATTERN = r"1\d{10}"
LANDLINE_PHONE_PATTERN = r"(?:0\d{2,3}[- ]?|[(（]0\d{2,3}[)）] ?)[2-9]\d{6,7}(?:-\d{1,6})?"
