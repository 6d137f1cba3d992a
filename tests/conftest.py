from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: the user's folders: results they may keep, and the bundled example (never written by tests)
USER_FOLDERS = ("outputs", "inputs")


def pytest_addoption(parser):
    parser.addoption("--update-regression", action="store_true", default=False,
                     help="rewrite tests/regression/*.json from the current results "
                          "(then add a line to its 'history' saying why it changed)")


@pytest.fixture
def update_regression(request):
    return request.config.getoption("--update-regression")


def snapshot(root: Path, folders=USER_FOLDERS) -> dict[str, tuple[int, int]]:
    """Every file under ``folders`` of ``root`` (Python caches aside): its size and
    modification time, which any rewrite changes."""
    state = {}
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                st = path.stat()
                state[path.relative_to(root).as_posix()] = (st.st_size, st.st_mtime_ns)
    return state


def changes(before: dict, after: dict) -> list[str]:
    """What differs between two snapshots, in words."""
    return ([f"created {p}" for p in sorted(after.keys() - before.keys())]
            + [f"deleted {p}" for p in sorted(before.keys() - after.keys())]
            + [f"rewrote {p}" for p in sorted(before.keys() & after.keys())
               if before[p] != after[p]])


@pytest.fixture(scope="session", autouse=True)
def user_folders_untouched():
    """No test may write into the user's outputs/ or inputs/: every test writes under a
    temporary folder (a test once rewrote outputs/example_park_result.xlsx).  Checked
    once, after the whole session; a change fails it."""
    before = snapshot(ROOT)
    yield
    changed = changes(before, snapshot(ROOT))
    assert not changed, ("tests wrote into the user's folders (write under tmp_path "
                         "instead): " + "; ".join(changed))
