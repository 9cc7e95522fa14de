"""Reading a workbook someone uploaded, within limits: the zip's declared sizes, a cell no
larger than Excel allows, and what openpyxl would hold at once (elements, attributes, names,
a row's cells, the shared strings) are checked before openpyxl parses each part, streaming,
so that a zip bomb is refused in a fraction of a second with flat memory. A penetration test
sent a 413 KB workbook unpacking to one cell of 400 MiB (a worker at 930 MB for 30 s), and one
row of <c/> took openpyxl to 730 MiB from an 8 MiB part.

`FirstSheetReader` opens the first sheet for streaming through the checks; `Reading` says how
a part is read and how much of it may be; the caller (deputies.excel.read_rows) sets the sheet's
and the shared strings' limits from what its workbook may hold.
"""

import codecs
import re
import zipfile
from dataclasses import dataclass
from xml.parsers import expat

from django.utils.translation import gettext_lazy as _
from openpyxl.reader.excel import ExcelReader
from openpyxl.reader.strings import read_string_table
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS


class WorkbookError(Exception):
    """The file is not a roster workbook (unreadable, too large unpacked, built unlike any
    spreadsheet program's file, or its header row is wrong)."""


UNREADABLE = _("The file cannot be read as an Excel workbook (.xlsx).")
TOO_LARGE = _(
    "The file is too large once unpacked; it does not look like a roster workbook. "
    "Start from the template."
)
UNUSUAL = _(
    "The file is built in an unusual way inside; it does not look like a roster workbook. "
    "Start from the template."
)


# What a workbook may unpack to, checked before openpyxl reads it: a zip bomb (413 KB holding one
# cell of 400 MiB) took a worker to 930 MB for 30 s. Sizes measured for MAX_IMPORT_ROWS rows.
# The sheet: 10 MiB as exported, 25 at the longest texts, 28 with BLANK_ROWS_FACTOR blank rows.
MAX_PART_BYTES = 32 * 2**20
# The sheet, its shared strings (17 MiB at the longest texts), styles and the rest.
MAX_UNPACKED_BYTES = 64 * 2**20
# Excel and WPS write 10 to 20 parts (sheets, styles, theme, properties, printer settings).
MAX_PARTS = 1_000
# The most characters a cell holds (Excel specifications and limits).
MAX_CELL_CHARACTERS = 32_767
# A tag and the text after it: 8 bytes a character (&#65533;), 64 KiB for the tag's attributes.
MAX_XML_RUN_BYTES = MAX_CELL_CHARACTERS * 8 + 64 * 2**10
# Comments, CDATA and processing instructions (measured whole, as they may hold '<') in a part.
MAX_XML_MARKUP = 100
# Parts are unpacked this much at a time, so memory stays flat whatever they declare.
UNPACK_CHUNK_BYTES = 2**20
_XML_MARKUP = re.compile(rb"<[!?]")
_MARKUP_ENDS = {b"<?": b"?>", b"<!--": b"-->", b"<![CDATA[": b"]]>"}
_LONGEST_MARKUP_BEGIN = max(map(len, _MARKUP_ENDS))

# What openpyxl holds at once, which bytes do not bound: about 300 bytes an element, so that
# one row of <c/> in a sheet of 8 MiB took 730 MiB. A part it reads whole (styles, the workbook,
# relationships, properties, theme) holds at most these, as does a part it streams, outside the
# elements it frees one by one (a sheet's rows, the shared strings).
# Elements: a styles.xml bloated with 25,000 named styles or cell formats (Excel and WPS write
# tens to hundreds); openpyxl takes 53 MiB and 4 s for it, and 104 MiB and 11 s for twice that.
MAX_XML_ELEMENTS = 50_000
# Attributes: a row's stay with openpyxl (its height and style), 7 for a row Excel formats, in
# the 50,000 rows read_rows reads at most.
MAX_XML_ATTRIBUTES = 400_000
# Bytes: that styles.xml is under 3 MiB; a part read whole is held as bytes and as text.
MAX_WHOLE_PART_BYTES = 8 * 2**20
# Excel's columns (A to XFD): the cells of one row, which openpyxl holds until the row ends.
MAX_ROW_CELLS = 16_384
# Elements and attributes in one row, or in one shared string: Excel writes a cell of text in
# five (<c r="A1" s="1" t="s"><v>0</v></c>).
MAX_ROW_NODES = 5 * MAX_ROW_CELLS
# Names of elements and attributes in a part: openpyxl's parser keeps each it meets, whatever
# it frees; a sheet as Excel writes it names a few dozen.
MAX_XML_NAMES = 10_000
ROW = f"{SHEET_MAIN_NS} row"  # names as expat gives them, namespace first
SHARED_STRING = f"{SHEET_MAIN_NS} si"


def check_unpacked(file) -> None:
    """Refuse a workbook that unpacks to more than a roster can need, before openpyxl reads it:
    the sizes the zip's directory declares (zipfile never reads a part past its declared size),
    then every XML part, streamed, for a run of text longer than a cell can hold."""
    try:
        with zipfile.ZipFile(file) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS:
                raise WorkbookError(
                    _(
                        "The file is made of too many parts; it does not look like a roster "
                        "workbook. Start from the template."
                    )
                )
            if any(part.file_size > MAX_PART_BYTES for part in parts):
                raise WorkbookError(TOO_LARGE)
            if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
                raise WorkbookError(TOO_LARGE)
            for part in parts:
                with archive.open(part) as stream:
                    _check_xml(stream)
    except WorkbookError:
        raise
    except Exception as error:  # not a zip, an encrypted part, a bad checksum
        raise WorkbookError(UNREADABLE) from error


def _check_xml(stream) -> None:
    """Read a part in chunks and refuse it if it is XML that holds a run of bytes without a '<'
    longer than MAX_XML_RUN_BYTES: every text and every tag lies in such a run, so no cell
    larger than Excel allows reaches openpyxl, which would hold it whole. A part that is not
    XML (a picture, printer settings) is left after its first chunk: openpyxl never parses it."""
    chunk = stream.read(UNPACK_CHUNK_BYTES)
    first = chunk.removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n")[:1]
    if first not in (b"", b"<") and not chunk.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"\0<")
    ):
        return
    pending, markup = b"", 0
    while chunk:
        if b"\0" in chunk:  # UTF-16, whose '<' is two bytes: OPC allows it, no program writes it
            raise WorkbookError(UNREADABLE)
        data = pending + chunk
        chunk = stream.read(UNPACK_CHUNK_BYTES)
        checked, markup = _check_xml_data(data, final=not chunk, markup=markup)
        pending = data[checked:]  # an unfinished run or markup, at most MAX_XML_RUN_BYTES


def _check_xml_data(data: bytes, *, final: bool, markup: int) -> tuple[int, int]:
    """Check `data` up to where the next chunk may continue it; how far, and the markup seen."""
    position = 0
    while opening := _XML_MARKUP.search(data, position):
        start = opening.start()
        _check_runs(data, position, start)
        head = data[start : start + _LONGEST_MARKUP_BEGIN]
        begin = next((begin for begin in _MARKUP_ENDS if head.startswith(begin)), None)
        if begin is None:
            if final or len(head) == _LONGEST_MARKUP_BEGIN:
                raise WorkbookError(UNREADABLE)  # a DTD, which OPC forbids in a package
            return start, markup  # the next chunk completes the opening
        end = _MARKUP_ENDS[begin]
        close = data.find(end, start + len(begin))
        if close == -1:
            if final:
                raise WorkbookError(UNREADABLE)
            _check_run_length(len(data) - start)
            return start, markup
        position = close + len(end)
        _check_run_length(position - start)
        markup += 1
        if markup > MAX_XML_MARKUP:
            raise WorkbookError(UNREADABLE)
    checked = len(data) if final else max(data.rfind(b"<", position), position)
    _check_runs(data, position, len(data))  # the unfinished run too: it is at least this long
    return checked, markup


def _check_runs(data: bytes, start: int, stop: int) -> None:
    """Refuse a run longer than MAX_XML_RUN_BYTES without a '<' in data[start:stop]. Only the
    windows of half that length holding no '<' are looked at (such a run covers one whole), so
    this costs a find() per window, in C."""
    window = (MAX_XML_RUN_BYTES + 1) // 2
    for left in range(start, stop - window + 1, window):
        if data.find(b"<", left, left + window) == -1:
            before = data.rfind(b"<", start, left)
            after = data.find(b"<", left + window, stop)
            run_start = start if before == -1 else before + 1
            _check_run_length((stop if after == -1 else after) - run_start)


def _check_run_length(length: int) -> None:
    if length > MAX_XML_RUN_BYTES:
        raise WorkbookError(
            _(
                "A cell holds more than %(n)s characters, more than Excel allows; check the "
                "file and shorten that cell."
            )
            % {"n": MAX_CELL_CHARACTERS}
        )


@dataclass(frozen=True)
class Reading:
    """How openpyxl reads a part: whole, or streamed, freeing each `freed` element at its end
    (but for an empty one it keeps), of which it may meet `most` (`too_many`, the message for
    more), each with at most `most_children` children."""

    freed: str | None = None
    most: int = 0
    too_many: str = UNUSUAL
    most_children: int = 0


_WHOLE = Reading()


def _check_elements(stream, reading: Reading) -> None:
    """Parse a part as openpyxl will read it, keeping only counts, and refuse it if openpyxl
    would hold too much at once: outside the elements it frees, more than MAX_XML_ELEMENTS
    elements or MAX_XML_ATTRIBUTES attributes (a row's attributes count here: openpyxl keeps
    them); in one of those, more than MAX_ROW_NODES or `most_children` children; more of them
    than `most`; or more than MAX_XML_NAMES names. The parse is expat's, as openpyxl's, so
    neither a namespace prefix, nor a row within a row, nor elements between rows escape the
    count. Where the part stops being well-formed XML, the check ends, as openpyxl's will."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.ordered_attributes = True  # [name, value, ...]: cheaper than a dict
    names = parser.intern  # every name met, as openpyxl's parser keeps them
    depth = children = nodes = freed = elements = attributes = 0

    def start_outside(name, attribute_list):
        nonlocal depth, children, nodes, freed, elements, attributes
        if name == reading.freed:
            depth, children, nodes = 1, 0, 0
            freed += 1
            if freed > reading.most:
                raise WorkbookError(reading.too_many)
            parser.StartElementHandler, parser.EndElementHandler = start_inside, end_inside
        else:
            elements += 1
        attributes += len(attribute_list) // 2
        if (
            elements > MAX_XML_ELEMENTS
            or attributes > MAX_XML_ATTRIBUTES
            or len(names) > MAX_XML_NAMES
        ):
            raise WorkbookError(UNUSUAL)

    def start_inside(name, attribute_list):
        nonlocal depth, children, nodes, freed, attributes
        depth += 1
        nodes += 1 + len(attribute_list) // 2
        if nodes > MAX_ROW_NODES or len(names) > MAX_XML_NAMES:
            raise WorkbookError(UNUSUAL)
        if depth == 2:
            children += 1
            if children > reading.most_children:
                raise WorkbookError(UNUSUAL)
        if name == reading.freed:  # one within another: freed, yet what it leaves is kept
            freed += 1
            attributes += len(attribute_list) // 2
            if freed > reading.most:
                raise WorkbookError(reading.too_many)
            if attributes > MAX_XML_ATTRIBUTES:
                raise WorkbookError(UNUSUAL)

    def end_inside(name):
        nonlocal depth
        depth -= 1
        if not depth:  # outside, no element's end needs counting
            parser.StartElementHandler, parser.EndElementHandler = start_outside, None

    parser.StartElementHandler = start_outside
    try:
        while chunk := stream.read(UNPACK_CHUNK_BYTES):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        return  # openpyxl's parse fails at the same place, and the file is refused as unreadable


class _CheckedArchive:
    """The workbook's zip as openpyxl sees it: each part is parsed by _check_elements before
    openpyxl reads it, as the kind of part openpyxl reads it as, whatever its name: whole (and
    then at most MAX_WHOLE_PART_BYTES), or streamed as the shared strings or the first sheet."""

    def __init__(self, archive: zipfile.ZipFile, *, sheet: Reading, shared_strings: Reading):
        self._archive, self._sheet, self._shared_strings = archive, sheet, shared_strings

    def __getattr__(self, name):
        return getattr(self._archive, name)

    def read(self, name, pwd=None) -> bytes:
        self._check_whole(name)
        return self._archive.read(name, pwd)

    def open(self, name, mode="r", pwd=None, **kwargs):
        self._check_whole(name)
        return self._archive.open(name, mode, pwd, **kwargs)

    def open_sheet(self, name):
        self._check(name, self._sheet)
        return self._archive.open(name)

    def open_shared_strings(self, name):
        self._check(name, self._shared_strings)
        return self._archive.open(name)

    def _check_whole(self, name) -> None:
        if self._archive.getinfo(name).file_size > MAX_WHOLE_PART_BYTES:
            raise WorkbookError(TOO_LARGE)
        self._check(name, _WHOLE)

    def _check(self, name, reading: Reading) -> None:
        with self._archive.open(name) as stream:
            _check_elements(stream, reading)


class _UnsizedSheet(ReadOnlyWorksheet):
    """openpyxl's streaming sheet without its size probe, read through the check. For a sheet
    that does not state its size (many programs leave the <dimension> element out) the probe
    reads the whole sheet before the first row is returned: 40 s for 200,000 rows, whatever the
    row limit."""

    def _get_size(self):
        pass

    def _get_source(self):
        return self.parent._archive.open_sheet(self._worksheet_path)


class FirstSheetReader(ExcelReader):
    """Opens only the first worksheet, for streaming (read-only mode), and reads every part
    through a _CheckedArchive."""

    def __init__(self, file, *, sheet: Reading, shared_strings: Reading, **options):
        super().__init__(file, **options)
        self.archive = _CheckedArchive(self.archive, sheet=sheet, shared_strings=shared_strings)

    def read_strings(self):
        """openpyxl's, with the part opened through the check."""
        found = self.package.find(SHARED_STRINGS)
        if found is not None:
            with self.archive.open_shared_strings(found.PartName[1:]) as source:
                self.shared_strings = read_string_table(source)

    def read_worksheets(self):
        for sheet, rel in self.parser.find_sheets():
            if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                self.wb._sheets.append(
                    _UnsizedSheet(self.wb, sheet.name, rel.target, self.shared_strings)
                )
                return
