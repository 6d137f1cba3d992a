"""What a result workbook's ``RunInfo`` adds so that the run can be repeated exactly.

:func:`model.solve.run.run_info` writes the input (path, SHA-256), the scenario and
every change with its old and new value, the command, the solver options and the main
package versions.  This module adds the rest: the input's size, the solver route, the
versions of every library on the path from the workbook to the result (expat, the XML
parser the workbook is read with; defusedxml; numerics), the platform, and an honest
note on whether the same command will give the same portfolio.

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

PACKAGES = ("numpy", "scipy", "highspy", "defusedxml")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def rows(path: str, options, outcome) -> list[list]:
    """Extra RunInfo rows: input size, route, library versions, platform, reproducibility."""
    size = os.path.getsize(path) if os.path.isfile(path) else None
    out = [["input_bytes", size], ["solver_route", options.route]]
    out += [[name.replace("-", "_"), _version(name)] for name in PACKAGES]
    out.append(["expat", pyexpat.EXPAT_VERSION])  # the XML parser the workbook was read with
    out.append(["platform", f"{platform.system()} {platform.release()} {platform.machine()}"])
    out.append(["reproducible", reproducibility(outcome)])
    return out


def reproducibility(outcome) -> str:
    """'yes' when the same command gives the same result; otherwise why not."""
    term = getattr(outcome, "termination", "")
    if term == "maxTimeLimit":
        return ("no: the time limit stopped the search, so the plan depends on the machine's "
                "speed; rerun without --time-limit (or with a --gap) for a repeatable plan")
    if term == "interrupted":
        return "no: the run was interrupted (Ctrl-C); rerun it to the end for a repeatable plan"
    return "yes: same input, options and versions give the same result"
