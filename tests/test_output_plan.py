"""Output paths and failed writes (docs/reliability.md, "Safe output"): one plan of the
files a run writes, checked before anything is solved; only regular files replaced;
signals and failed writes said truthfully, with nothing but the message; a broken
console never changes the exit code; an unreadable input is an input problem.

CI runs these tests as root, where permissions refuse nothing: the obstacles here stop
root too (FIFOs, clashing paths, a file-size limit, a closed pipe, /dev/full), and an
unreadable file is simulated in-process.  Every test writes only under ``tmp_path``.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from model.cli.main import main
from model.workbook.write import OutputError, check_output, write_workbook
from tests.readback import key_values, refuse_open, sha256, solve
from tests.workbooks import tiny_park, write_input

ROOT = Path(__file__).resolve().parent.parent
POSIX = os.name == "posix"


@pytest.fixture
def src(tmp_path):
    return Path(write_input(tmp_path / "tiny.xlsx", tiny_park()))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith((".part", ".probe")))


# ------------------------------------------------------------ only regular files replaced


@pytest.mark.skipif(not POSIX, reason="FIFOs and /dev/null are POSIX")
def test_a_device_is_never_an_output():
    """/dev/null as -o would be replaced by a regular file (as root): refused when checked."""
    with pytest.raises(OutputError, match="character device, not a regular file"):
        check_output("/dev/null")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(not POSIX, reason="FIFOs are POSIX")
@pytest.mark.parametrize("flag,name", [("-o", "out.xlsx"), ("--template", "blank.xlsx"),
                                       ("--report", "report.md"), ("--write-model", "m.lp"),
                                       ("--problems", "problems.csv")])
def test_a_fifo_is_never_replaced(tmp_path, src, flag, name, capsys):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    args = [flag, str(fifo)] if flag == "--template" else \
        [str(src), "-o", str(tmp_path / "r.xlsx"), flag, str(fifo)] if flag != "-o" else \
        [str(src), "-o", str(fifo)]
    code = main(args)
    assert code == 1, capsys.readouterr()
    assert "FIFO (named pipe), not a regular file" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode), "the FIFO was replaced"
    assert not (tmp_path / "r.xlsx").exists(), "written although an output was refused"


def test_a_write_refuses_a_fifo_even_after_the_check(tmp_path):
    """The writer checks again just before the rename (a FIFO made after the plan)."""
    if not POSIX:
        pytest.skip("FIFOs are POSIX")
    target = tmp_path / "r.xlsx"
    os.mkfifo(target)
    with pytest.raises(OutputError):
        write_workbook(str(target), [("Summary", ["metric"], [["x"]])])
    assert stat.S_ISFIFO(os.stat(target).st_mode)
    assert not leftovers(tmp_path)


# ------------------------------------------------------------ one plan: distinct paths


def test_report_and_result_cannot_be_one_file(tmp_path, src, capsys):
    both = tmp_path / "both.md"
    assert main([str(src), "-o", str(both), "--report", str(both)]) == 2
    assert "the same file" in capsys.readouterr().err
    assert not both.exists()


def test_problems_file_cannot_be_the_input(src, capsys):
    before = sha256(src)
    assert main([str(src), "--problems", str(src)]) == 2
    assert "same file" in capsys.readouterr().err
    assert sha256(src) == before


def test_report_images_folder_never_holds_the_input(tmp_path, capsys):
    """A Markdown report replaces its <stem>_files folder as a whole: with the input
    inside it, the input would be deleted."""
    images = tmp_path / "plan_files"
    images.mkdir()
    src = Path(write_input(images / "park.xlsx", tiny_park()))
    before = sha256(src)
    code = main([str(src), "-o", str(tmp_path / "r.xlsx"), "--report", str(tmp_path / "plan.md")])
    assert code == 2, capsys.readouterr()
    assert "holds the input workbook" in capsys.readouterr().err
    assert sha256(src) == before


def test_report_images_folder_never_holds_the_result(tmp_path, src, capsys):
    out = tmp_path / "plan_files" / "r.xlsx"
    assert main([str(src), "-o", str(out), "--report", str(tmp_path / "plan.md")]) == 2
    assert "holds the result" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("args", [["-o", ""], ["--report", ""], ["--write-model", " "],
                                  ["--problems", ""]])
def test_empty_output_paths_are_usage_errors(src, args, capsys):
    with pytest.raises(SystemExit) as info:
        main([str(src), *args])
    assert info.value.code == 2
    assert "empty path" in capsys.readouterr().err


def test_empty_input_and_template_paths_are_usage_errors(capsys):
    for args in ([""], ["--template", ""]):
        with pytest.raises(SystemExit) as info:
            main(args)
        assert info.value.code == 2
    assert "empty path" in capsys.readouterr().err


# ------------------------------------------------------------ failed and interrupted writes

DRIVER = textwrap.dedent("""
    import os, signal, sys, time
    import openpyxl.workbook.workbook as wbmod
    import model.workbook.write as write
    from model.cli.main import main

    how, out = sys.argv[1], sys.argv[2]
    real_save, real_replace = wbmod.Workbook.save, os.replace

    def save(self, filename):
        real_save(self, filename)
        if how in ("INT", "TERM"):  # the signal arrives while the workbook is written
            os.kill(os.getpid(), getattr(signal, "SIG" + how))
            time.sleep(2)

    def replace(src, dst):
        real_replace(src, dst)
        if how == "AFTER" and dst.endswith(".xlsx"):  # ... just after the rename
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.5)

    wbmod.Workbook.save = save
    os.replace = replace
    sys.exit(main(sys.argv[3:]))
""")


def drive(how: str, out: Path, *args, preexec=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", DRIVER, how, str(out), *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                          timeout=180, preexec_fn=preexec)


@pytest.fixture
def previous(tmp_path):
    path = tmp_path / "result.xlsx"
    write_workbook(str(path), [("Summary", ["metric", "value"], [["status", "previous"]])])
    return path, sha256(path)


@pytest.mark.skipif(not POSIX, reason="POSIX signals")
@pytest.mark.parametrize("how,code", [("INT", 130), ("TERM", 143)])
def test_signal_during_the_write(tmp_path, src, previous, how, code):
    """Ctrl-C or SIGTERM while the result is saved: the exit code says which, the message
    says nothing was written, the previous result is byte-identical, no .part is left,
    and nothing else is printed (no clean-up tracebacks)."""
    path, before = previous
    run = drive(how, path, src, "-o", path, "-q")
    assert run.returncode == code, run.stderr
    assert run.stderr.strip().splitlines() == [
        "Interrupted; nothing was written (any previous result is unchanged)."], run.stderr
    assert sha256(path) == before
    assert not leftovers(tmp_path)


@pytest.mark.skipif(not POSIX, reason="POSIX signals")
def test_ctrl_c_just_after_the_rename_says_the_result_is_in_place(src, previous):
    path, before = previous
    run = drive("AFTER", path, src, "-o", path, "-q")
    assert run.returncode == 130, run.stderr
    assert f"Interrupted after writing {path}" in run.stderr, run.stderr
    assert "nothing was written" not in run.stderr
    assert sha256(path) != before and key_values(path, "Summary")["status"] == "optimal"


@pytest.mark.skipif(not POSIX, reason="resource limits are POSIX")
def test_a_failed_write_prints_the_message_only(tmp_path, src, previous):
    """A file-size limit (what a full disk does to a write): one line, exit 1, the
    previous result kept; no traceback blocks from the abandoned zip archive or XML
    writers."""
    import resource

    path, before = previous

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (6000, 6000))

    run = drive("NONE", path, src, "-o", path, "-q", preexec=limit)
    assert run.returncode == 1, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: cannot write {path}"), run.stderr
    assert "previous result, if any, is unchanged" in lines[0]
    assert sha256(path) == before
    assert not leftovers(tmp_path)


# ------------------------------------------------------------ the console after the result


@pytest.mark.skipif(not POSIX, reason="pipes")
def test_closed_stdout_does_not_change_the_exit_code(tmp_path, src):
    """``| head -1``: the reader has gone; the result is written and the exit code is the
    run's (0), not "unexpected error"."""
    out = tmp_path / "r.xlsx"
    proc = subprocess.Popen([sys.executable, "solve.py", str(src), "-o", str(out)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # nobody reads stdout
    _, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err
    assert b"Unexpected" not in err and b"Traceback" not in err and b"Exception" not in err
    assert key_values(out, "Summary")["status"] == "optimal"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_full_stdout_does_not_change_the_exit_code(tmp_path, src, extra):
    out = tmp_path / "r.xlsx"
    with open("/dev/full", "w") as full:
        run = subprocess.run([sys.executable, "solve.py", str(src), "-o", str(out), *extra],
                             cwd=ROOT, stdout=full, stderr=subprocess.PIPE, text=True,
                             timeout=180)
    assert run.returncode == 0, run.stderr
    assert "Unexpected" not in run.stderr and "Exception" not in run.stderr
    assert out.exists()


# ------------------------------------------------------------ an unreadable input


def test_unreadable_input_is_an_input_problem(tmp_path, src, monkeypatch, capsys):
    """Permission denied on the input (simulated: root reads anything): exit 3, located,
    not "unexpected"."""
    refuse_open(monkeypatch, src, PermissionError(13, "Permission denied", str(src)))
    code = main([str(src), "-o", str(tmp_path / "r.xlsx")])
    err = capsys.readouterr().err
    assert code == 3, err
    assert "cannot read input file" in err and "permission denied" in err
    assert "Unexpected" not in err


@pytest.mark.skipif(not POSIX or os.geteuid() == 0, reason="permissions do not stop root")
def test_unreadable_input_for_real(tmp_path, src):
    src.chmod(0)
    try:
        run = solve(src, "-o", tmp_path / "r.xlsx")
    finally:
        src.chmod(0o644)
    assert run.returncode == 3, run.stderr
