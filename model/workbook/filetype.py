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

from .messages import msg
from .problems import Problem

#: bytes read from the start of a file to recognise it
HEAD_BYTES = 4096
#: bytes of an OLE (Office 97-2003) file searched for its stream names
OLE_SCAN_BYTES = 8 << 20

_SAVE_XLSX = msg("filetype.save_xlsx")
_COPY_TABLES = msg("filetype.copy_tables")
_PICTURE = msg("filetype.picture")
_EXTRACT = msg("filetype.extract")
_GIVE_XLSX = msg("filetype.give_xlsx")


@dataclass(frozen=True)
class Kind:
    what: str  # "a PDF document" (a Message of messages.MESSAGES: it reads in Chinese too)
    advice: str  # what to do (the same)


def input_problem(path: str) -> Problem | None:
    """Why ``path`` cannot be an input workbook, when that is known without the reader
    (see the module docstring); None to let the reader judge."""
    where = os.path.basename(path) or path
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return unreadable(path, exc)
    if stat.S_ISDIR(mode):
        return None
    if not stat.S_ISREG(mode):
        return Problem(msg("filetype.special", path=path, what=_special(mode)))
    try:
        with open(path, "rb") as fh:
            head = fh.read(HEAD_BYTES)
    except PermissionError:
        return Problem(msg("filetype.permission", path=path))
    except OSError as exc:
        return unreadable(path, exc)
    kind = identify(path, head) if head else None
    if kind is None:
        return None
    return Problem(msg("filetype.not_xlsx", name=where, what=kind.what, advice=kind.advice))


def unreadable(path: str, exc: OSError) -> Problem:
    """The input problem of an input the system would not read (the system's reason)."""
    return Problem(msg("filetype.unreadable", path=path, reason=exc.strerror or exc))


def _special(mode: int) -> str:
    for test, key in ((stat.S_ISFIFO, "filetype.fifo"), (stat.S_ISCHR, "filetype.char_device"),
                      (stat.S_ISBLK, "filetype.block_device"), (stat.S_ISSOCK, "filetype.socket")):
        if test(mode):
            return msg(key)
    return msg("filetype.not_regular")


_MAGIC = (  # (first bytes, kind)
    (b"%PDF", Kind(msg("filetype.pdf"), msg("filetype.pdf_advice"))),
    (b"{\\rtf", Kind(msg("filetype.rtf"), _COPY_TABLES)),
    (b"\x89PNG", Kind(msg("filetype.png"), _PICTURE)),
    (b"\xff\xd8\xff", Kind(msg("filetype.jpeg"), _PICTURE)),
    (b"GIF8", Kind(msg("filetype.gif"), _PICTURE)),
    (b"\x1f\x8b", Kind(msg("filetype.gzip"), _EXTRACT)),
    (b"7z\xbc\xaf", Kind(msg("filetype.7z"), _EXTRACT)),
    (b"Rar!", Kind(msg("filetype.rar"), _EXTRACT)),
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
        return Kind(msg("filetype.xlsb"), _SAVE_XLSX)
    if b"opendocument.spreadsheet" in mimetype:
        return Kind(msg("filetype.ods"), msg("filetype.ods_advice"))
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return Kind(msg("filetype.odf"), _COPY_TABLES)
    if "word/document.xml" in lower:
        return Kind(msg("filetype.docx"), _COPY_TABLES)
    if "ppt/presentation.xml" in lower:
        return Kind(msg("filetype.pptx"), _COPY_TABLES)
    inner = [n for n in names if n.lower().endswith(".xlsx")]
    if inner:
        more = msg("filetype.zip_more", n=len(inner) - 1) if len(inner) > 1 else ""
        return Kind(msg("filetype.zip_holding", name=inner[0], more=more), _EXTRACT)
    holds = "" if not names else msg("filetype.zip_holds_more" if len(names) > 1
                                     else "filetype.zip_holds", name=names[0])
    return Kind(msg("filetype.zip_other", holds=holds), _GIVE_XLSX)


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
        return Kind(msg("filetype.encrypted"), msg("filetype.encrypted_advice"))
    if has("Workbook") or has("Book"):
        return Kind(msg("filetype.xls"), _SAVE_XLSX)
    if has("WordDocument"):
        return Kind(msg("filetype.doc"), _COPY_TABLES)
    return Kind(msg("filetype.ole"), msg("filetype.ole_advice"))


def _text_kind(head: bytes) -> Kind:
    text, encoding = _decode(head)
    if text is None:
        shown = " ".join(f"{b:02X}" for b in head[:4])
        return Kind(msg("filetype.binary", bytes=shown), _GIVE_XLSX)
    start = text.lstrip("\ufeff \t\r\n")[:400].lower()
    if start.startswith(("<html", "<!doctype html", "<table")) or "<html" in start:
        return Kind(msg("filetype.html"), _SAVE_XLSX)
    if start.startswith("<?xml") and "office:spreadsheet" in text.lower():
        return Kind(msg("filetype.xml2003"), _SAVE_XLSX)
    if start.startswith("<"):
        return Kind(msg("filetype.xml"), _GIVE_XLSX)
    first = text.splitlines()[0] if text.splitlines() else ""
    sep = max((",", ";", "\t"), key=first.count)
    what = msg({",": "filetype.sep.comma", ";": "filetype.sep.semicolon", "\t": "filetype.sep.tab"}[sep])
    label = (msg("filetype.text_in", encoding=encoding) if encoding != "UTF-8"
             else msg("filetype.text"))
    if first.count(sep):
        return Kind(msg("filetype.separated", label=label, sep=what), _SAVE_XLSX)
    return Kind(label, _GIVE_XLSX)


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
