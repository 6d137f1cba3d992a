"""Hostile files: entity expansion, external entities, zip bombs, formulas, formula injection,
and the routes by which a pre-scan and a separate reader once saw different workbooks.

The corpus (tests/corpus.py) already runs the billion-laughs, external-entity and
declared-zip-bomb workbooks through the command line; this file shows *how* they are
refused: before any expansion, at the document type declaration, and with openpyxl
(which writes the results) checked too.  The second half holds one test per route by
which valid XML read one way by the old pre-scan and another by python-calamine passed
the scan and aborted the process (exit 134) or read a formula as a blank: the workbook
is now read by one parse, which enforces the limits on the cells it makes.
"""

from __future__ import annotations

import resource
import struct
import subprocess
import sys
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
    BY_NAME,
    INDUSTRIES_XML,
    built,
    hostile,
    industry,
    padded,
    patch_part,
    replace,
    shared_strings,
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


def test_dtd_refused_at_the_doctype_before_any_entity(tmp_path):
    """The reader's expat parser refuses at the document type declaration itself, with
    defusedxml's exception, before a single entity is declared."""
    from model.workbook import xlsx

    path = hostile(BILLION_LAUGHS, b"&lol9;")(tmp_path)
    with zipfile.ZipFile(path) as zf, pytest.raises(xlsx.Refused) as info:
        xlsx._run(zf, INDUSTRIES_XML, xlsx._parser())
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


def test_entity_without_a_dtd_is_an_error_not_an_expansion(tmp_path):
    """Without a DTD an entity is undeclared: the part is not well-formed XML."""
    path = hostile(b'<?xml version="1.0"?>\n', b"&lol9;")(tmp_path)
    text = only_problem(path)
    assert "sheet1.xml is not well-formed XML" in text and "undefined entity" in text


# --------------------------------------------------------------------- zip bombs, limits


def test_compressible_workbook_refused_by_the_expansion_limit(tmp_path, monkeypatch):
    """A 2 MB sheet of blank cells compresses ~100:1; with the limit lowered to 1 MiB it is
    refused from the zip directory, before any part is opened."""
    path = padded(tmp_path)
    assert path.stat().st_size < 100_000
    opened = []
    real = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open",  # a spy: records, then opens for real
                        lambda self, name, *a, **k: opened.append(name) or real(self, name, *a, **k))
    monkeypatch.setattr(read_module, "MAX_UNCOMPRESSED_BYTES", 1 << 20)
    book, problems = read_workbook(str(path))
    assert book is None and "refused before expanding" in str(problems[0])
    assert opened == [], "a part was opened in a refused file"
    monkeypatch.setattr(read_module, "MAX_UNCOMPRESSED_BYTES", 1 << 30)
    book, problems = read_workbook(str(path))  # the same file within the default limit
    assert book is not None and INDUSTRIES_XML in opened


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


# ------------------------------------- one parse: the routes where two parsers disagreed
#
# Each workbook below is valid XML (or a valid zip) that the old pre-scan
# (model/workbook/guard.py) read one way and python-calamine another: the scan passed
# it, then the reader asked for 512 GiB and aborted the process (exit 134), or read a
# formula or an error as a blank and the run said "optimal".  Each test fails on that
# code (but for four spellings marked below, which it caught too); the cases are in
# tests/corpus.py.


def case_file(name: str, folder: Path) -> Path:
    folder = folder / name
    folder.mkdir()
    return BY_NAME[name].build(folder)


def problems_of(path: Path, **limits) -> list[str]:
    saved = {k: getattr(read_module, k) for k in limits}
    try:
        for k, v in limits.items():
            setattr(read_module, k, v)
        with pytest.raises(InputError) as info:
            load(str(path))
    finally:
        for k, v in saved.items():
            setattr(read_module, k, v)
    return [str(p) for p in info.value.problems]


def exits_cleanly(run, *words: str) -> None:
    """exit 3, the words printed, and no sign of a crash (Rust's allocation abort)."""
    assert run.returncode == 3, (run.returncode, run.stderr[-2000:])
    assert "memory allocation" not in run.stderr and "Traceback" not in run.stderr
    for w in words:
        assert w in run.stderr, (w, run.stderr)


def test_cell_reference_in_single_quotes_cannot_hide_a_far_cell(tmp_path):
    """``<row r='1048576'><c r='XFD1048576'>``: the scan looked for ``r="``."""
    path = case_file("far_cell_in_single_quotes", tmp_path)
    run = solve(path, "-o", tmp_path / "r.xlsx")
    exits_cleanly(run, "sheet Industries, row 1048576", "a cell in row 1,048,576")
    assert not (tmp_path / "r.xlsx").exists()


def test_reference_spelt_with_spaces_prefixes_or_character_references(tmp_path):
    """Whatever XML allows around and inside an attribute, the parse sees the value."""
    spaced = problems_of(case_file("far_cell_spaced_and_prefixed", tmp_path))
    assert any("A1:ZZ150000" in p and "105,300,000 cells" in p for p in spaced), spaced
    escaped = problems_of(case_file("far_cell_by_character_reference", tmp_path))
    assert any("a cell in row 1,048,576" in p for p in escaped), escaped


def test_duplicate_sheet_names_the_first_is_read_and_both_reported(tmp_path):
    """Two <sheet> entries named Industries: the scan kept the last (harmless) one, the
    reader read the first (a value in XFD1048576).  Now the first is the one read, and
    the second is reported; nothing is read twice or skipped."""
    path = case_file("duplicate_sheet_name_hides_a_far_cell", tmp_path)
    run = solve(path, "-o", tmp_path / "r.xlsx")
    exits_cleanly(run, "a cell in row 1,048,576", "two sheets are both named 'Industries'")


def test_cells_and_rows_without_r_are_placed_and_counted(tmp_path):
    """Implied positions count like written ones: 1,001 cells without r in a row stop at
    column AAA (before, all 1,001 columns were loaded); rows without r continue the
    numbering past the row limit; 702 implied columns at row 100,000 break the cell
    limit when the 10,000,001st cell is reached."""
    wide = problems_of(case_file("implied_columns_past_the_limit", tmp_path))
    assert any("row 5" in p and "(cell Industries!AAA5)" in p and "column AAA" in p
               for p in wide), wide
    long = problems_of(case_file("implied_rows_past_the_limit", tmp_path))
    assert any("a cell in row 200,001" in p for p in long), long
    area = problems_of(case_file("implied_cells_span_too_much", tmp_path))
    assert any("A1:CW100000, 10,100,000 cells" in p for p in area), area


@pytest.mark.parametrize("name, words", [
    ("formula_newline_in_tag", "formula without a saved value"),  # <f\n>: the scan wanted <f>
    ("formula_prefixed", "formula without a saved value"),  # <x:f>: likewise
    ("error_spaces_around_equals", "Excel error #DIV/0!"),  # t= "e": the scan wanted t="e"
    ("error_type_by_character_reference", "Excel error #REF!"),  # t="&#101;": 'damaged'
    # spellings the scan caught too, kept so that no spelling is left untested
    ("formula_self_closing", "formula without a saved value"),  # <f t="shared" si="0"/>
    ("formula_empty_value", "formula without a saved value"),  # <f>..</f><v></v>
    ("error_and_formula_spaced", "Excel error #DIV/0!"),  # r = "C3" t ="e"
    ("error_single_quotes", "Excel error #N/A"),  # t='e'
])
def test_formula_and_error_cells_whatever_their_spelling(tmp_path, name, words):
    """The cell that holds b's value_added (Industries C3) is never read as a blank."""
    problems = problems_of(case_file(name, tmp_path))
    assert len(problems) == 1, problems
    assert "sheet Industries, row 3, column value_added (cell Industries!C3)" in problems[0]
    assert words in problems[0]


def test_newline_in_formula_tag_through_the_command_line(tmp_path):
    """Before: exit 0, 'optimal', with b's value added read as 0."""
    run = solve(case_file("formula_newline_in_tag", tmp_path), "-o", tmp_path / "r.xlsx")
    exits_cleanly(run, "cell Industries!C3", "formula without a saved value", "'=2*7'")


def test_empty_shared_strings_are_counted_not_stored(tmp_path):
    """1,000,001 empty <si/> (5 MB of XML, 20 KB zipped) are refused at the count limit,
    and the peak memory of the run stays small (before: the table was built whole; a
    1.5 MB workbook of them peaked at 1.4 GB)."""
    path = case_file("empty_shared_strings", tmp_path)
    assert path.stat().st_size < 100_000
    # the peak of this process's own memory (ru_maxrss would start from this big parent's)
    code = ("import sys\nfrom model.workbook.read import read_workbook\n"
            "book, problems = read_workbook(sys.argv[1])\nprint(problems[0])\n"
            "print(next(int(x.split()[1]) // 1024 for x in open('/proc/self/status')\n"
            "           if x.startswith('VmHWM')))")
    out = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    message, peak_mib = out.stdout.strip().splitlines()
    assert "more than 1,000,000 strings" in message
    assert int(peak_mib) < 150, f"peak {peak_mib} MiB"


def test_text_is_counted_as_it_is_read(tmp_path, monkeypatch):
    """A shared string longer than the text budget is refused while it streams in."""
    monkeypatch.setattr(read_module, "MAX_TEXT_CHARS", 100_000)
    path = built(shared_strings(lambda: iter([b"<si><t>", b"y" * 150_000, b"</t></si>"])))(tmp_path)
    text = only_problem(path)
    assert "more than 100,000 characters of text" in text and "sharedStrings.xml" in text


def test_dimension_is_never_trusted(tmp_path):
    """<dimension> claiming the whole sheet changes nothing (the park solves); one
    claiming A1:A1 hides nothing (the far row is met and counted)."""
    loaded = load(str(case_file("dimension_claims_the_whole_sheet", tmp_path)))
    assert loaded.park.n == 3
    hidden = problems_of(case_file("dimension_hides_far_cells", tmp_path), MAX_ROWS=8)
    assert any("row 9, beyond the limit of 8 rows" in p for p in hidden), hidden


def test_worksheet_part_referenced_twice(tmp_path):
    """Resources uses Industries' part: read once, for Industries; Resources is refused as
    damaged (before: Industries' cells were read again as Resources, and the messages
    were about missing columns)."""
    problems = problems_of(case_file("same_part_for_two_sheets", tmp_path))
    assert any("sheet Resources: it uses the same part (xl/worksheets/sheet1.xml) as sheet "
               "'Industries'" in p for p in problems), problems


def test_relationship_outside_xl_folder(tmp_path):
    """A sheet whose part is /docProps/app.xml (before: read as an empty Industries sheet),
    or above the archive's root."""
    inside = problems_of(case_file("sheet_part_outside_xl", tmp_path))
    assert any("sheet Industries: its part is '/docProps/app.xml', outside the workbook's xl/"
               in p for p in inside), inside
    above = problems_of(case_file("sheet_part_above_the_archive", tmp_path))
    assert any("'../../../../etc/passwd', outside" in p for p in above), above


def test_sheet_part_missing_or_spelt_in_another_case(tmp_path):
    """A missing part is named (before: 'WorksheetNotFound'); a part named in another
    case is the same part (names ignore case in the package format) and is read and
    checked: before, the scan skipped it and the reader read it, far cell and all."""
    missing = problems_of(case_file("sheet_part_missing", tmp_path))
    assert any("sheet Industries: its part xl/worksheets/sheet99.xml is missing" in p
               for p in missing), missing
    run = solve(case_file("far_cell_in_part_named_in_other_case", tmp_path), "-o",
                tmp_path / "r.xlsx")
    exits_cleanly(run, "a cell in row 1,048,576")


def test_part_listed_twice_in_the_archive(tmp_path):
    """zipfile reads the last of two same-named entries, another reader may read the
    first: such an archive is refused."""
    assert "lists the part xl/worksheets/sheet1.xml twice" in only_problem(
        case_file("part_listed_twice_in_archive", tmp_path))


# ------------------------------------------------------- memory: bounded, then a ceiling


BIG_TEXT = ("from tests.corpus import built, shared_strings\nfrom pathlib import Path\n"
            "built(shared_strings(lambda: iter([b'<si><t>'] + [b'x' * (1 << 20)] * 40 + "
            "[b'</t></si>'])))(Path({folder!r}))\n")


def test_memory_ceiling_turns_exhaustion_into_an_input_problem(tmp_path):
    """With the ceiling lowered to 16 MiB, a 40 MB text cannot be read: MemoryError in the
    reader becomes exit 3 with a located message, through the real command line, in a
    process that has numpy's thread pool running; after the read, the limit is back and
    that pool still works."""
    subprocess.run([sys.executable, "-c", BIG_TEXT.format(folder=str(tmp_path))], cwd=ROOT,
                   check=True, timeout=120)
    code = (
        "import sys, resource, numpy\n"
        "import model.workbook.read as r\n"
        "r.READ_MEMORY_BYTES = 16 << 20\n"
        "before = resource.getrlimit(resource.RLIMIT_AS)\n"
        "from model.cli.main import main\n"
        "code = main([sys.argv[1], '-o', sys.argv[2]])\n"
        "assert resource.getrlimit(resource.RLIMIT_AS) == before\n"
        "a = numpy.ones((300, 300)); print('matmul', float((a @ a).sum()), file=sys.stderr)\n"
        "sys.exit(code)\n")
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path / "park.xlsx"),
                          str(tmp_path / "r.xlsx")], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    exits_cleanly(run, "needs more memory to read than the 16 MiB allowed for reading a workbook "
                  "(it ran out in xl/sharedStrings.xml)")
    assert "matmul 27000000.0" in run.stderr
    assert not (tmp_path / "r.xlsx").exists()
