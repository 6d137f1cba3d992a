"""What an input file is, before the reader opens it, and what the planner should do.

:func:`input_problem` is asked first about every input (by :func:`model.data.load.read_input`):

* a path that is not a regular file (a FIFO, a device, a socket) is refused without
  being opened: reading ``/dev/zero`` never ends and a FIFO blocks the run;
* a file that cannot be read (permissions, an I/O error) is an input problem, like a
  missing one, never an unexpected error;
* a file that is not an ``.xlsx`` workbook is named from its first bytes (and, for zip
  archives, from the names inside), never from its extension, with what to do:
  a CSV or a UTF-16 text export, a PDF, an Excel 97-2003 ``.xls``, a password-protected
  workbook (saving it again as ``.xlsx`` keeps the password: it must be removed), an
  OpenDocument ``.ods``, an Excel binary ``.xlsb``, a Word document, an HTML page or an
  Excel 2003 XML spreadsheet, an image, a compressed archive.

A missing path, a folder, an empty file and anything that looks like an ``.xlsx``
(including a damaged one) are left to the reader (:mod:`model.workbook.read`).
"""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass

from .problems import Problem

#: bytes read from the start of a file to recognise it
HEAD_BYTES = 4096
#: bytes of an OLE (Office 97-2003) file searched for its stream names
OLE_SCAN_BYTES = 8 << 20

_SAVE_XLSX = "open it in Excel (or WPS) and save it as 'Excel Workbook (*.xlsx)'"


@dataclass(frozen=True)
class Kind:
    what: str  # "a PDF document"
    advice: str  # what to do


def input_problem(path: str) -> Problem | None:
    """Why ``path`` cannot be an input workbook, when that is known without the reader
    (see the module docstring); None to let the reader judge."""
    where = os.path.basename(path) or path
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return Problem(f"cannot read input file {path}: {exc.strerror or exc}")
    if stat.S_ISDIR(mode):
        return None
    if not stat.S_ISREG(mode):
        return Problem(f"input {path} is {_special(mode)}, not a workbook file; give the path "
                       "of the .xlsx file itself")
    try:
        with open(path, "rb") as fh:
            head = fh.read(HEAD_BYTES)
    except PermissionError:
        return Problem(f"cannot read input file {path}: permission denied; ask for read access "
                       "or copy the workbook somewhere you can read it")
    except OSError as exc:
        return Problem(f"cannot read input file {path}: {exc.strerror or exc}")
    kind = identify(path, head) if head else None
    if kind is None:
        return None
    return Problem(f"input file {where} is not an Excel .xlsx workbook: it is {kind.what}; "
                   f"{kind.advice}")


def _special(mode: int) -> str:
    for test, words in ((stat.S_ISFIFO, "a FIFO (named pipe)"),
                        (stat.S_ISCHR, "a character device"),
                        (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return words
    return "not a regular file"


_MAGIC = (  # (first bytes, kind)
    (b"%PDF", Kind("a PDF document", "a table in a PDF cannot be read: open the workbook the "
                   "PDF was made from, or copy the table into Excel, and save it as .xlsx")),
    (b"{\\rtf", Kind("a rich-text (RTF) document", "copy its tables into an Excel workbook and "
                     "save it as .xlsx")),
    (b"\x89PNG", Kind("a PNG image", "the tool needs the workbook itself, not a picture of it")),
    (b"\xff\xd8\xff", Kind("a JPEG image", "the tool needs the workbook itself, not a picture "
                           "of it")),
    (b"GIF8", Kind("a GIF image", "the tool needs the workbook itself, not a picture of it")),
    (b"\x1f\x8b", Kind("a gzip-compressed file", "extract it and give the .xlsx inside")),
    (b"7z\xbc\xaf", Kind("a 7-Zip archive", "extract it and give the .xlsx inside")),
    (b"Rar!", Kind("a RAR archive", "extract it and give the .xlsx inside")),
)


def identify(path: str, head: bytes) -> Kind | None:
    """What a file is, from its first bytes (None: an ``.xlsx``, or for the reader)."""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _ole_kind(path)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return _text_kind(head)


def _zip_kind(path: str) -> Kind | None:
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError):
        return None  # a damaged archive: the reader says so
    lower = {n.lower() for n in names}
    if "xl/workbook.xml" in lower:
        return None  # an .xlsx (or .xlsm): the reader's
    if "xl/workbook.bin" in lower:
        return Kind("an Excel binary workbook (.xlsb)", _SAVE_XLSX)
    if b"opendocument.spreadsheet" in mimetype:
        return Kind("an OpenDocument spreadsheet (.ods, from LibreOffice or WPS)",
                    "save it from there with File > Save As, type 'Excel 2007-365 (.xlsx)'")
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return Kind("an OpenDocument file that is not a spreadsheet",
                    "copy its tables into an Excel workbook and save it as .xlsx")
    if "word/document.xml" in lower:
        return Kind("a Word document (.docx)", "copy its tables into an Excel workbook and "
                    "save it as .xlsx")
    if "ppt/presentation.xml" in lower:
        return Kind("a PowerPoint presentation (.pptx)", "copy its tables into an Excel "
                    "workbook and save it as .xlsx")
    inner = [n for n in names if n.lower().endswith(".xlsx")]
    if inner:
        return Kind(f"a zip archive holding {inner[0]}" + (f" and {len(inner) - 1} more"
                                                           if len(inner) > 1 else ""),
                    "extract it and give the .xlsx inside")
    return Kind("a zip archive, but not an Excel workbook" + (f" (it holds {names[0]}"
                                                              + (", ..." if len(names) > 1
                                                                 else "") + ")"
                                                              if names else ""),
                "give the .xlsx workbook itself")


def _ole_kind(path: str) -> Kind:
    """An OLE compound file (Office 97-2003, or an encrypted Office 2007+ file): told
    apart by the names of its streams, stored in UTF-16."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(OLE_SCAN_BYTES)
    except OSError:
        data = b""

    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("EncryptedPackage") or has("EncryptionInfo"):
        return Kind("a password-protected (encrypted) Excel workbook",
                    "saving it again keeps the password: open it in Excel, clear the password "
                    "(File > Info > Protect Workbook > Encrypt with Password), save it and run "
                    "again")
    if has("Workbook") or has("Book"):
        return Kind("an Excel 97-2003 workbook (.xls)", _SAVE_XLSX)
    if has("WordDocument"):
        return Kind("a Word 97-2003 document (.doc)", "copy its tables into an Excel workbook "
                    "and save it as .xlsx")
    return Kind("an old-format Office file (Excel 97-2003 .xls or a password-protected "
                "workbook)", "open it in Excel; if it asks for a password, clear it (File > "
                "Info > Protect Workbook); then save it as 'Excel Workbook (*.xlsx)'")


def _text_kind(head: bytes) -> Kind:
    text, encoding = _decode(head)
    if text is None:
        shown = " ".join(f"{b:02X}" for b in head[:4])
        return Kind(f"an unrecognised binary file (it starts with the bytes {shown})",
                    "give the .xlsx workbook itself")
    start = text.lstrip("\ufeff \t\r\n")[:400].lower()
    if start.startswith(("<html", "<!doctype html", "<table")) or "<html" in start:
        return Kind("an HTML page (some systems export 'Excel' files that are web pages)",
                    _SAVE_XLSX)
    if start.startswith("<?xml") and "office:spreadsheet" in text.lower():
        return Kind("an Excel 2003 XML spreadsheet", _SAVE_XLSX)
    if start.startswith("<"):
        return Kind("an XML file", "give the .xlsx workbook itself")
    first = text.splitlines()[0] if text.splitlines() else ""
    sep = max((",", ";", "\t"), key=first.count)
    what = {",": "comma", ";": "semicolon", "\t": "tab"}[sep]
    label = (f"a text file in {encoding}" if encoding != "UTF-8" else "a text file")
    if first.count(sep):
        return Kind(f"{label} of {what}-separated values (such as CSV)", _SAVE_XLSX)
    return Kind(label, "give the .xlsx workbook itself")


def _decode(head: bytes) -> tuple[str | None, str]:
    """(text, encoding) of a file's first bytes, or (None, '') for binary data."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _try(head, "utf-16"), "UTF-16"
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
        return _try(head, "utf-16-le"), "UTF-16"  # UTF-16 without a byte-order mark
    if b"\0" in head:
        return None, ""
    for cut in range(4):  # the read may end inside a multi-byte character
        try:
            return head[: len(head) - cut].decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            continue
    for encoding in ("gb18030",):  # Chinese exports (GBK)
        text = _try(head, encoding)
        if text is not None and all(ch.isprintable() or ch in "\r\n\t" for ch in text[:200]):
            return text, "GBK / GB18030"
    return None, ""


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding, errors="strict")
    except UnicodeDecodeError:
        try:  # the read may end inside a character
            return data[:-1].decode(encoding, errors="strict")
        except UnicodeDecodeError:
            return None
