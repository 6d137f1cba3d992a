"""``RunInfo``: what a result workbook records so that the run can be repeated exactly.

One builder, :func:`run_info`, for single runs and batches alike: the input (path,
size, SHA-256), the scenario and every change with its old and new value, the command,
the start time, the versions of every library on the path from the workbook to the
result, the platform, the solver options, the model size, and an honest note on whether
the same command will give the same portfolio.  Each key appears once
(``tests/test_provenance.py``).

Runs are deterministic: HiGHS gets a fixed ``random_seed``, the model is built in input
order, and the portfolio does not depend on ``--threads`` (tests/test_reproducible.py).
A run stopped by the time limit or by Ctrl-C is the exception: where the search stood
when it stopped depends on the machine's speed and load.
"""

from __future__ import annotations

import os
import platform
import pyexpat
from importlib import metadata

from .. import __version__
from ..solve.highs import RESOLVE_TUNING, SolveOptions, highs_version
from ..solve.status import INTERRUPTED, TIME_LIMIT

#: libraries on the path from the workbook to the result, in RunInfo (key: '-' -> '_')
LIBRARIES = ("pyomo", "highspy", "numpy", "scipy", "openpyxl", "defusedxml")
#: and those a batch may run on
BATCH_LIBRARIES = ("dask", "distributed")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def reproducibility(terminations) -> str:
    """'yes' when the same command gives the same result; otherwise why not."""
    terminations = set(terminations)
    if TIME_LIMIT in terminations:
        return ("no: the time limit stopped the search, so the plan depends on the machine's "
                "speed; rerun without --time-limit (or with a --gap) for a repeatable plan")
    if INTERRUPTED in terminations:
        return "no: the run was interrupted (Ctrl-C); rerun it to the end for a repeatable plan"
    return "yes: same input, options and versions give the same result"


def run_info(*, path: str, sha256: str, argv, started, options: SolveOptions,
             terminations=(), scenarios=(), changes=(), model_size: dict | None = None,
             batch: dict | None = None) -> list[list]:
    """RunInfo rows ``[key, value]``; ``batch`` adds what a batch records (executor,
    chunk size, counts of statuses...)."""
    rows = [["input_path", path], ["input_sha256", sha256],
            ["input_bytes", os.path.getsize(path) if os.path.isfile(path) else None]]
    if batch is None:
        rows += [["scenario", " + ".join(scenarios)], ["changes_applied", len(changes)]]
        rows += [[f"change_{k}", ch.describe()] for k, ch in enumerate(changes, start=1)]
    rows += [["command", " ".join(argv) if argv else ""],
             ["started", started.isoformat(timespec="seconds")]]
    rows += [[k, v] for k, v in (batch or {}).items()]
    rows += [["package_version", __version__], ["python", platform.python_version()],
             ["platform", f"{platform.system()} {platform.release()} {platform.machine()}"],
             ["highs", highs_version()]]
    libraries = LIBRARIES + (BATCH_LIBRARIES if batch is not None else ())
    rows += [[name.replace("-", "_"), _version(name)] for name in libraries]
    rows.append(["expat", pyexpat.EXPAT_VERSION])  # the XML parser input workbooks are read with
    rows.append(["solver_options", ", ".join(f"{k}={v}" for k, v in options.as_highs().items())])
    if batch is not None:
        rows.append(["resolve_settings", f"{options.resolve} (warm re-solves: "
                     + ", ".join(f"{k}={v}" for k, v in RESOLVE_TUNING.items())
                     + {"auto": " while they pay", "tuned": " always",
                        "defaults": " never"}[options.resolve] + ")"])
    else:
        rows.append(["termination", next(iter(terminations), "")])
    rows.append(["reproducible", reproducibility(terminations)])
    rows += [[f"model_{k}", v] for k, v in (model_size or {}).items()]
    return rows
