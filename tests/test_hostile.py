"""Hostile files: entity expansion, external entities, zip bombs, formulas, formula injection.

The corpus (tests/corpus.py) already runs the billion-laughs, external-entity and
declared-zip-bomb workbooks through the command line; this file shows *how* they are
refused: before any expansion, with defusedxml doing the refusing, and with the other
readers on the path (python-calamine, openpyxl) checked too.
"""

from __future__ import annotations

import resource
import struct
import zipfile
from pathlib import Path

import defusedxml
import openpyxl
import pytest
from openpyxl import load_workbook

import model.workbook.read as read_module
from model.data.load import load
from model.workbook.problems import InputError
from model.workbook.read import read_workbook
from model.workbook.write import write_workbook
from tests.corpus import (
    BILLION_LAUGHS,
    INDUSTRIES_XML,
    hostile,
    industry,
    padded,
    patch_part,
    replace,
)
from tests.readback import solve
from tests.workbooks import tiny_park, write_input

ROOT = Path(__file__).resolve().parent.parent



def only_problem(path) -> str:
    with pytest.raises(InputError) as info:
        load(str(path))
    assert len(info.value.problems) == 1, info.value.problems
    return str(info.value.problems[0])


# ------------------------------------------------------------------------ XML attacks


def test_billion_laughs_refused_before_expansion(tmp_path):
    """9 nested levels x10 would expand to 10**9 'lol's (3 GB) if any parser expanded it.

    The peak memory of this process may not grow by more than 100 MB while reading."""
    path = hostile(BILLION_LAUGHS, b"&lol9;")(tmp_path)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    text = only_problem(path)
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert "declares a DTD" in text and "billion laughs" in text
    assert "xl/worksheets/sheet1.xml" in text
    assert grown_mib < 100, f"memory grew by {grown_mib:.0f} MiB while refusing"


def test_external_entity_is_never_resolved(tmp_path):
    """The entity points at a local file with a secret: it must not reach any output."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-4711")
    prolog = (b'<?xml version="1.0"?>\n<!DOCTYPE x [ <!ENTITY xxe SYSTEM "'
              + secret.as_uri().encode() + b'"> ]>\n')
    path = hostile(prolog, b"&xxe;")(tmp_path)
    run = solve(path, "-o", tmp_path / "r.xlsx", "--json")
    assert run.returncode == 3
    assert "TOP-SECRET" not in run.stdout + run.stderr
    assert "declares a DTD" in run.stderr and "external-entity" in run.stderr
    assert not (tmp_path / "r.xlsx").exists()


def test_defusedxml_is_what_refuses(tmp_path):
    """The guard parses with defusedxml: its DTDForbidden is the cause of the refusal."""
    from model.workbook import guard as xlsx_guard

    path = hostile(BILLION_LAUGHS, b"&lol9;")(tmp_path)
    with zipfile.ZipFile(path) as zf, pytest.raises(xlsx_guard.Refused) as info:
        xlsx_guard._check_prolog(zf, INDUSTRIES_XML)
    assert isinstance(info.value.__context__, defusedxml.DTDForbidden)


def test_openpyxl_uses_defusedxml_too(tmp_path):
    """openpyxl switches to defusedxml when it is installed (it is a main dependency)."""
    assert openpyxl.xml.DEFUSEDXML is True
    path = hostile(BILLION_LAUGHS, b"&lol9;")(tmp_path)
    with pytest.raises(Exception) as info:
        load_workbook(path)
    chain, exc = [], info.value
    while exc is not None:
        chain.append(type(exc).__name__)
        exc = exc.__cause__ or exc.__context__
    assert any(name in ("DTDForbidden", "EntitiesForbidden") for name in chain), chain


def test_calamine_alone_does_not_expand_entities(tmp_path):
    """Behind the guard, the reader itself fails on an undeclared entity rather than
    expanding it (a canary: if a new python-calamine expanded DTD entities, the guard
    would still refuse first)."""
    from python_calamine import CalamineWorkbook

    path = hostile(BILLION_LAUGHS, b"&lol9;")(tmp_path)
    with pytest.raises(Exception, match="entity"):
        CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Industries").to_python()


# --------------------------------------------------------------------- zip bombs, limits


def test_compressible_workbook_refused_by_the_expansion_limit(tmp_path, monkeypatch):
    """A 2 MB sheet of blank cells compresses ~100:1; with the limit lowered to 1 MiB it is
    refused from the zip directory, before calamine reads anything."""
    path = padded(tmp_path)
    assert path.stat().st_size < 100_000
    calls = []
    import python_calamine

    real = python_calamine.CalamineWorkbook.from_path
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path",
                        staticmethod(lambda p: calls.append(p) or real(p)))
    monkeypatch.setattr(read_module, "MAX_UNCOMPRESSED_BYTES", 1 << 20)
    book, problems = read_workbook(str(path))
    assert book is None and "refused before expanding" in str(problems[0])
    assert calls == [], "the reader was called on a refused file"
    monkeypatch.setattr(read_module, "MAX_UNCOMPRESSED_BYTES", 1 << 30)
    book, problems = read_workbook(str(path))  # the same file within the default limit
    assert book is not None and calls


def test_part_lying_about_its_size_is_not_expanded(tmp_path):
    """The directory says the 2 MB sheet is 1,000 bytes: Python's zipfile stops at the
    declared size and the CRC check fails, so it is reported as damaged."""
    path = padded(tmp_path)
    data = bytearray(path.read_bytes())
    name = INDUSTRIES_XML.encode()
    for sig, size_at, name_len_at, header in ((b"PK\x03\x04", 22, 26, 30),
                                              (b"PK\x01\x02", 24, 28, 46)):
        k = data.index(sig)
        while True:
            n = struct.unpack_from("<H", data, k + name_len_at)[0]
            if bytes(data[k + header:k + header + n]) == name:
                struct.pack_into("<I", data, k + size_at, 1000)
                break
            k = data.index(sig, k + 4)
    path.write_bytes(bytes(data))
    text = only_problem(path)
    assert "damaged or truncated" in text


def test_row_limit_counts_before_loading(tmp_path, monkeypatch):
    park = tiny_park()
    park["Industries"] += [{"id": f"x{k}", "sector": "service", "value_added": 1}
                           for k in range(10)]
    path = write_input(tmp_path / "rows.xlsx", park)
    monkeypatch.setattr(read_module, "MAX_ROWS", 12)  # header + 13 data rows = 14 rows
    text = only_problem(path)
    assert "sheet Industries" in text and "more than 12 rows" in text


def test_file_size_limit(tmp_path, monkeypatch):
    path = write_input(tmp_path / "big.xlsx", tiny_park())
    monkeypatch.setattr(read_module, "MAX_FILE_BYTES", 1024)
    assert "limit for a park workbook" in only_problem(path)


# ------------------------------------------------------------------------------ formulas


def test_no_formula_is_evaluated(tmp_path):
    """Formulas that would do something if evaluated, saved with harmless values: the
    saved values are read and nothing else happens (the reader never evaluates)."""
    park = industry(name="NAME", category="CAT")
    path = write_input(tmp_path / "f.xlsx", park)
    patch_part(path, INDUSTRIES_XML, lambda d: d.replace(
        b'<c r="E2" t="inlineStr"><is><t>NAME</t></is></c>',
        b'<c r="E2" t="str"><f>WEBSERVICE("http://127.0.0.1:9/x")</f><v>plain name</v></c>')
        .replace(b'<c r="F2" t="inlineStr"><is><t>CAT</t></is></c>',
                 b'<c r="F2" t="str"><f>cmd|\' /C calc\'!A0</f><v>plain category</v></c>'))
    loaded = load(str(path))
    assert loaded.park.name[0] == "plain name"
    assert loaded.park.category[0] == "plain category"


# ------------------------------------------------- result text can never be a formula


INJECTIONS = ["=1+2", "+SUM(1,2)", "-3+4", "@SUM(1)", "=HYPERLINK(\"http://x\",\"y\")",
              "=cmd|' /C calc'!A0"]


def test_result_text_is_never_a_formula(tmp_path):
    """Names and categories that look like formulas come back as text cells."""
    park = tiny_park()
    for row in park["Industries"]:
        row["name"] = row["category"] = "placeholder"
    src = write_input(tmp_path / "inj.xlsx", park)
    wb = load_workbook(src)
    ws = wb["Industries"]
    for r, text in zip(range(2, 5), INJECTIONS):
        for col in (5, 6):  # name (E), category (F): stored as text, as Excel stores '=1+2
            ws.cell(r, col).value = text
            ws.cell(r, col).data_type = "s"
    wb.save(src)
    out = tmp_path / "inj_result.xlsx"
    run = solve(src, "-o", out)
    assert run.returncode == 0, run.stderr
    ws = load_workbook(out)["Industries"]  # not read_only: data_type is the stored type
    header = [c.value for c in ws[1]]
    cells = [ws.cell(r, header.index(col) + 1) for r in range(2, 5) for col in ("name",
                                                                                "category")]
    assert [c.value for c in cells] == [t for t in INJECTIONS[:3] for _ in range(2)]
    assert all(c.data_type == "s" for c in cells), [(c.value, c.data_type) for c in cells]


def test_writer_stores_every_injection_as_text(tmp_path):
    """Header cells too, and control characters XML cannot hold become U+FFFD."""
    out = tmp_path / "w.xlsx"
    rows = [[t] for t in INJECTIONS] + [["bell\x07 and tab\t"]]
    write_workbook(str(out), [("Sheet", ["=HEADER()"], rows)])
    ws = load_workbook(out)["Sheet"]
    cells = [ws.cell(r, 1) for r in range(1, len(rows) + 2)]
    assert [c.value for c in cells] == ["=HEADER()", *INJECTIONS, "bell\ufffd and tab\t"]
    assert all(c.data_type == "s" for c in cells)


def test_control_characters_in_input_text_still_give_a_result(tmp_path):
    """Excel escapes control characters as _x0001_ and the reader decodes them; openpyxl
    and python-docx then refused to write them (exit 1).  They are replaced when read,
    with a warning naming the first cell, and the workbook and report are written."""
    path = write_input(tmp_path / "ctl.xlsx", industry(name="NAME"))
    patch_part(path, INDUSTRIES_XML, replace(b"<t>NAME</t>", b"<t>a_x0001_b</t>"))
    out = tmp_path / "ctl_result.xlsx"
    report = tmp_path / "ctl_report.md"
    run = solve(path, "-o", out, "--report", report)
    assert run.returncode == 0, run.stderr
    assert "control characters" in run.stderr and "Industries!E2" in run.stderr
    ws = load_workbook(out)["Industries"]
    header = [c.value for c in ws[1]]
    assert ws.cell(2, header.index("name") + 1).value == "a\ufffdb"
    assert report.exists()
