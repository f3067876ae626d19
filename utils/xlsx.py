"""XLSX files of the add-on: the one helper of every ledger and list, and of
every imported sheet.

A workbook is built in memory and streamed to the browser by the route
``/union_relief/xlsx/<model>/<id>`` (see ``union.xlsx.export.mixin``): no
attachment keeps the names and bank accounts it lists. What users typed is
written as text only: a name such as ``=HYPERLINK(...)`` stays a string and
never becomes a formula, a link or a number (formula injection).

An imported sheet (a collection sheet, a list of relief recipients) is read with
:func:`read_table` and :func:`header_rows`: the cells as values, never formulas.
"""

import csv
import io
import re
import zipfile
from datetime import date, datetime

import openpyxl
import xlsxwriter
from openpyxl.utils.exceptions import InvalidFileException

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
NUMBER_KINDS = ("number", "money", "percent")
NUMBER_FORMATS = {"money": "#,##0.00", "percent": "0.00%", "date": "yyyy-mm-dd"}
HEADER_FORMAT = {"bold": True, "text_wrap": True, "border": 1, "bg_color": "#D9E1F2", "valign": "top"}
TOTAL_FORMAT = {"bold": True, "top": 1}
# anything but letters (Chinese included), digits, "-", "_" and "." in a file name
UNSAFE_FILENAME = re.compile(r"[^\w.-]+")


def safe_filename(parts, extension="xlsx"):
    """A file name made of ``parts`` joined by "_", each kept to letters, digits,
    "-" and "." (blanks, slashes and the characters Windows refuses become "-"),
    so that every browser and file system keeps it as it is."""
    cleaned = [UNSAFE_FILENAME.sub("-", str(part)).strip("-.") for part in parts if part]
    return "%s.%s" % ("_".join(part for part in cleaned if part) or "export", extension)


class XlsxWorkbook:
    """An in-memory workbook whose cells are written by kind: ``text`` (always a
    string, whatever it starts with), ``number``, ``money``, ``percent`` or ``date``."""

    def __init__(self):
        self._stream = io.BytesIO()
        self.book = xlsxwriter.Workbook(self._stream, WORKBOOK_OPTIONS)

    def add_sheet(self, name):
        # Excel's limit on sheet names
        return self.book.add_worksheet(name[:31])

    def add_format(self, properties):
        return self.book.add_format(properties)

    def kind_formats(self, **properties):
        """One cell format per kind, sharing ``properties`` (borders...)."""
        return {
            kind: self.book.add_format({**properties, "num_format": NUMBER_FORMATS.get(kind, "General")})
            for kind in ("text", *NUMBER_KINDS, "date")
        }

    @staticmethod
    def write_cell(sheet, row, col, value, kind="text", cell_format=None):
        if value is None or value is False or value == "":
            sheet.write_blank(row, col, None, cell_format)
        elif kind == "date":
            if not isinstance(value, datetime) and isinstance(value, date):
                value = datetime(value.year, value.month, value.day)
            sheet.write_datetime(row, col, value, cell_format)
        elif kind in NUMBER_KINDS:
            sheet.write_number(row, col, value, cell_format)
        else:
            sheet.write_string(row, col, str(value), cell_format)

    def close(self):
        """Finish the workbook and return its bytes."""
        self.book.close()
        return self._stream.getvalue()


def table_workbook(sheet_name, headers, rows, kinds=None, total_rows=()):
    """The bytes of a one-sheet workbook: a header row, then ``rows``, then
    ``total_rows`` in bold under a rule; ``kinds`` gives the kind of some columns
    by index (text otherwise)."""
    kinds = kinds or {}
    workbook = XlsxWorkbook()
    sheet = workbook.add_sheet(sheet_name)
    header_format = workbook.add_format(HEADER_FORMAT)
    formats = workbook.kind_formats()
    for col, header in enumerate(headers):
        workbook.write_cell(sheet, 0, col, header, "text", header_format)
        sheet.set_column(col, col, max(12, len(header) + 4))
    for row_no, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            kind = kinds.get(col, "text")
            workbook.write_cell(sheet, row_no, col, value, kind, formats[kind])
    total_formats = workbook.kind_formats(**TOTAL_FORMAT)
    for row_no, row in enumerate(total_rows, start=len(rows) + 1):
        for col in range(len(headers)):
            kind = kinds.get(col, "text")
            value = row[col] if col < len(row) else None
            workbook.write_cell(sheet, row_no, col, value, kind, total_formats[kind])
    sheet.freeze_panes(1, 0)
    return workbook.close()


def ledger_workbook(sheet_name, title, columns, records, subtitle=None, total=None,
                    freeze_columns=None, wrap_text=False):
    """The bytes of a one-sheet ledger of ``records``: ``title`` in large bold,
    ``subtitle`` under it, a blank row, a header row, then a row per record.

    ``columns`` are ``(header, width, kind, getter)``: ``getter(record)`` gives the
    record's cell of that kind. ``total`` is ``(label, value)``, written under the
    last row: the value in the money column, the label on its left.
    ``freeze_columns``: the rows down to the header and that many columns stay in
    view (None: nothing is frozen). ``wrap_text``: text cells wrap."""
    workbook = XlsxWorkbook()
    sheet = workbook.add_sheet(sheet_name)
    title_format = workbook.add_format({"bold": True, "font_size": 14})
    header_format = workbook.add_format(HEADER_FORMAT)
    formats = workbook.kind_formats(border=1, valign="top")
    if wrap_text:
        formats["text"].set_text_wrap()
    workbook.write_cell(sheet, 0, 0, title, "text", title_format)
    if subtitle:
        workbook.write_cell(sheet, 1, 0, subtitle)
    header_row = 3 if subtitle else 2
    for col, (header, width, _kind, _getter) in enumerate(columns):
        sheet.set_column(col, col, width)
        workbook.write_cell(sheet, header_row, col, header, "text", header_format)
    row = header_row + 1
    for record in records:
        for col, (_header, _width, kind, getter) in enumerate(columns):
            workbook.write_cell(sheet, row, col, getter(record), kind, formats[kind])
        row += 1
    if total:
        label, value = total
        money_col = next(col for col, column in enumerate(columns) if column[2] == "money")
        workbook.write_cell(sheet, row, money_col - 1, label, "text", header_format)
        workbook.write_cell(sheet, row, money_col, value, "money", formats["money"])
    if freeze_columns is not None:
        sheet.freeze_panes(header_row + 1, freeze_columns)
    return workbook.close()


class TableError(ValueError):
    """The content of an uploaded file is not a readable XLSX or CSV table."""


def read_table(content, filename):
    """The rows of the first sheet of an XLSX file, or of a CSV file when
    ``filename`` ends with .csv, as lists of cell values (the values a formula
    last computed, never the formula).

    :raise TableError: when the content cannot be read (its message says why)
    """
    try:
        if (filename or "").lower().endswith(".csv"):
            return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    except (
        ValueError, KeyError, OSError, csv.Error, zipfile.BadZipFile, InvalidFileException
    ) as error:
        raise TableError(str(error)) from None


def header_rows(table, headers, required):
    """The rows under the table's header row as dicts keyed by the keys of
    ``headers`` ({key: recognised column titles, lower case}), with the line
    number of the first of them; the header row is the first one naming every
    ``required`` column. None when no row does."""
    for index, row in enumerate(table):
        columns = {}
        for position, cell in enumerate(row):
            title = str(cell or "").strip().lower()
            for key, titles in headers.items():
                if title in titles and key not in columns:
                    columns[key] = position
        if all(key in columns for key in required):
            rows = [
                {key: (r[pos] if pos < len(r) else None) for key, pos in columns.items()}
                for r in table[index + 1:]
            ]
            return rows, index + 2
    return None
