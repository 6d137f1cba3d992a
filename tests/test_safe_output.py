"""Safe output: atomic writes, never over the input, clear messages when the result
cannot be written, and the previous result left exactly as it was.

Tests run as root in CI, where file permissions do not stop a write; the obstacles used
here stop root too (a parent that is a file, a folder in the way).  A file locked by Excel
cannot be produced on Linux, so that one fault is simulated by making the final rename
fail with the error Windows gives (PermissionError), in-process.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

import model.workbook.write as write_module
from model.workbook.write import OutputError, check_output, write_workbook
from tests.readback import solve
from tests.workbooks import tiny_park, write_input

ROOT = Path(__file__).resolve().parent.parent
SHEETS = [("Summary", ["metric", "value"], [["status", "optimal"]])]



def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def previous(tmp_path):
    """A previous result workbook at tmp_path/result.xlsx, and its digest."""
    path = tmp_path / "result.xlsx"
    write_workbook(str(path), [("Summary", ["metric", "value"], [["status", "previous"]])])
    return path, digest(path)


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".result-")]


def test_output_under_a_file_is_refused_before_solving(tmp_path):
    src = write_input(tmp_path / "tiny.xlsx", tiny_park())
    blocker = tmp_path / "reports"
    blocker.write_text("a file where a folder is expected")
    run = solve(src, "-o", blocker / "2026" / "result.xlsx")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert f"{blocker} is a file, not a folder" in run.stderr
    assert "Solving" not in run.stderr, "the solve ran although nothing could be written"
    assert blocker.read_text() == "a file where a folder is expected"


def test_output_that_is_a_folder(tmp_path):
    src = write_input(tmp_path / "tiny.xlsx", tiny_park())
    (tmp_path / "result.xlsx").mkdir()
    run = solve(src, "-o", tmp_path / "result.xlsx")
    assert run.returncode == 1 and "is a folder" in run.stderr
    assert "Traceback" not in run.stderr
    assert not leftovers(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="permissions do not stop root")
def test_read_only_folder(tmp_path, previous):
    path, before = previous
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="cannot write in the folder"):
            check_output(str(path))
    finally:
        tmp_path.chmod(0o755)
    assert digest(path) == before


def test_locked_result_keeps_the_previous_one(tmp_path, previous, monkeypatch):
    """Excel holds the old result open: the rename fails as on Windows; the message says
    so, the previous result is byte-identical and no temporary file is left."""
    path, before = previous

    def locked(_src, dst):
        raise PermissionError(13, "The process cannot access the file because it is being "
                                  "used by another process", str(dst))

    monkeypatch.setattr(write_module.os, "replace", locked)
    with pytest.raises(OutputError) as info:
        write_workbook(str(path), SHEETS)
    assert "open in Excel" in str(info.value) and "unchanged" in str(info.value)
    assert digest(path) == before
    assert not leftovers(tmp_path)


def test_interrupted_write_keeps_the_previous_one(tmp_path, previous, monkeypatch):
    """Ctrl-C while the workbook is being saved: the temporary file goes, the old stays."""
    path, before = previous

    def interrupted(_src, _dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(write_module.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_workbook(str(path), SHEETS)
    assert digest(path) == before
    assert not leftovers(tmp_path)


def test_successful_write_replaces_atomically(tmp_path, previous):
    path, before = previous
    inode = path.stat().st_ino
    write_workbook(str(path), SHEETS)
    assert digest(path) != before
    assert path.stat().st_ino != inode, "written in place instead of renamed over"
    assert not leftovers(tmp_path)


def test_failed_run_leaves_the_previous_result_alone(tmp_path, previous):
    """A planner breaks the workbook and reruns to the same -o: exit 3, old result intact."""
    path, before = previous
    park = tiny_park()
    park["Industries"][0]["value_added"] = "lots"
    src = write_input(tmp_path / "broken.xlsx", park)
    run = solve(src, "-o", path)
    assert run.returncode == 3
    assert digest(path) == before
    assert not leftovers(tmp_path)


def test_never_over_the_input_even_through_a_link(tmp_path):
    src = write_input(tmp_path / "tiny.xlsx", tiny_park())
    before = digest(src)
    link = tmp_path / "result.xlsx"
    link.symlink_to(src)
    run = solve(src, "-o", link)
    assert run.returncode != 0 and "input" in run.stderr
    assert digest(src) == before and link.is_symlink()
