"""Step 3 of the pipeline: raw tables -> a frozen :class:`~model.data.park.Park`.

Every problem is collected into one list (never raised, never printed), each naming
the sheet, Excel row, column and value found.  The park is returned only when there
is no error; warnings (a candidate that can never fit, a chain without a core
member...) travel with it.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import re

import numpy as np

from ..workbook import schema as S
from ..workbook.problems import ERROR, WARNING, Problem, clip, column_letter
from ..workbook.read import RawTable, RawWorkbook
from .park import (
    INDUSTRY,
    PROJECT,
    Chain,
    Link,
    ObjectiveTerm,
    Park,
    Phase,
    Resource,
    Target,
)

#: numbers beyond this magnitude are refused (they break the solver's tolerances)
MAX_MAGNITUDE = 1e12

_MISSING = object()
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?%?$")


#: problems kept at most; more are counted.  Every cell may be wrong, and a workbook
#: within the reader's limits has 10 million: their messages alone would need gigabytes
#: (800,000 took 0.8 GiB), more than the read itself (docs/reliability.md)
MAX_PROBLEMS = 10_000


class _Collector:
    def __init__(self):
        self.problems: list[Problem] = []
        self.unlisted = {ERROR: 0, WARNING: 0}  # beyond MAX_PROBLEMS, counted only

    def add(self, message, table: RawTable | None = None, r: int | None = None, col: str = "",
            value=None, expected: str = "", severity: str = ERROR, sheet: str = ""):
        if len(self.problems) >= MAX_PROBLEMS:
            self.unlisted[severity] += 1
            return
        row = None
        cell = ""
        column = col
        if table is not None:
            sheet = table.sheet
            if r is not None:
                row = table.excel_rows[r]
                cell = table.cell_name(r, col) if col else ""
            if col:
                column = table.header_name(col)
        self.problems.append(Problem(message, sheet=sheet, row=row, column=column, value=value,
                                     expected=expected, severity=severity, cell=cell))

    def warn(self, message, table=None, r=None, col="", value=None, expected="", sheet=""):
        self.add(message, table, r, col, value, expected, severity=WARNING, sheet=sheet)

    @property
    def has_errors(self) -> bool:
        return self.unlisted[ERROR] > 0 or any(p.is_error for p in self.problems)

    def listed(self) -> list[Problem]:
        """The problems kept, and one more saying how many were only counted."""
        n = sum(self.unlisted.values())
        if not n:
            return self.problems
        return self.problems + [Problem(
            f"and {n:,} more problems not listed (only the first {MAX_PROBLEMS:,} are); fix "
            "those and check the workbook again",
            severity=ERROR if self.unlisted[ERROR] else WARNING)]


def _blank(v) -> bool:
    if v is None:
        return True
    if isinstance(v, str):
        return v.strip() == ""
    if isinstance(v, float) and math.isnan(v):
        return False  # NaN is a value (and an error), not a blank
    return False


def _number(v) -> float | None:
    """A finite, sane number from a cell, or None."""
    if isinstance(v, bool) or isinstance(v, (_dt.date, _dt.datetime, _dt.time, _dt.timedelta)):
        return None
    if isinstance(v, (int, float)):
        x = float(v)
    elif isinstance(v, str):
        text = v.strip()
        if "," in text:  # thousands separators only: '1,000.5' yes, '1,5' (decimal comma) no
            if not _GROUPED.match(text):
                return None
            text = text.replace(",", "")
        percent = text.endswith("%")
        if percent:
            text = text[:-1].strip()
        try:
            x = float(text)
        except ValueError:
            return None
        if percent:
            x /= 100.0
    else:
        return None
    if not math.isfinite(x) or abs(x) > MAX_MAGNITUDE:
        return None
    return x


def _text(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def convert(value, column: S.Column):
    """Typed value for one cell, or ``_MISSING`` when it does not fit the column."""
    if _blank(value):
        return column.default
    kind = column.kind
    if kind == S.TEXT:
        if isinstance(value, (bool, _dt.date, _dt.datetime, _dt.time, _dt.timedelta)):
            return _MISSING
        if isinstance(value, float) and not math.isfinite(value):
            return _MISSING
        return _text(value)
    if kind in (S.NUMBER, S.INTEGER):
        x = _number(value)
        if x is None:
            return _MISSING
        if kind == S.INTEGER:
            if not x.is_integer():
                return _MISSING
            x = int(x)
        if column.minimum is not None and x < column.minimum:
            return _MISSING
        if column.maximum is not None and x > column.maximum:
            return _MISSING
        return x
    if kind == S.CHOICE:
        if not isinstance(value, str):
            return _MISSING
        key = value.strip().lower().replace(" ", "_").replace("-", "_")
        return key if key in column.allowed else _MISSING
    if kind == S.YES_NO:
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        if isinstance(value, str):
            key = value.strip().lower()
            if key in ("yes", "y", "true", "1", "是"):
                return True
            if key in ("no", "n", "false", "0", "否"):
                return False
        return _MISSING
    raise AssertionError(kind)


def _column_values(out: _Collector, table: RawTable, column: S.Column) -> list:
    """Typed values of one schema column (defaults where blank); problems recorded."""
    values = []
    present = column.name in table.columns
    for r in range(len(table)):
        raw = table.get(r, column.name) if present else None
        if column.required and _blank(raw):
            if not present:  # reported once as a missing column
                values.append(column.default)
                continue
            out.add("required value is blank", table, r, column.name,
                    expected=column.expected())
            values.append(column.default)
            continue
        typed = convert(raw, column)
        if typed is _MISSING:
            out.add("value does not fit the column", table, r, column.name, value=raw,
                    expected=column.expected())
            typed = column.default
        elif isinstance(typed, str) and len(typed) > (column.max_length or S.MAX_TEXT_LENGTH):
            limit = column.max_length or S.MAX_TEXT_LENGTH
            out.add(f"text is {len(typed)} characters long, at most {limit} are allowed"
                    + (" for an id or key" if column.max_length else " (Excel's cell limit)"),
                    table, r, column.name, value=clip(typed, 80),
                    expected=f"at most {limit} characters")
            typed = column.default
        values.append(typed)
    return values


def _check_columns(out: _Collector, table: RawTable, sheet: S.Sheet, extra: set[str]) -> None:
    for column in sheet.columns:
        if column.required and column.name not in table.columns:
            out.problems.append(Problem(
                f"required column '{column.name}' is missing", sheet=table.sheet,
                row=table.header_row, column=column.name,
                expected="a header cell '" + column.name + "' in row 1"))
    known = {c.name for c in sheet.columns} | extra
    for key, j in table.columns.items():
        if key in known or key.startswith("_") or key in ("note", "notes", "comment"):
            continue
        if sheet.open_columns == "resources":
            why = "it has no row in Resources (each resource column needs one)"
        elif sheet.open_columns == "phase_capacities" and key.startswith("capacity_"):
            why = "its phase is not a row of Phases"
        else:
            why = "it is not part of the workbook contract"
        name = table.header[j].strip()
        hint = difflib.get_close_matches(key.replace(" ", "_").replace("-", "_"), sorted(known),
                                         n=1, cutoff=0.8)
        if hint:
            why += f"; did you mean '{hint[0]}'?"
        out.problems.append(Problem(
            f"unknown column '{name}': {why}", sheet=table.sheet, row=table.header_row,
            column=name, cell=f"{column_letter(j)}{table.header_row}",
            expected="one of " + ", ".join(sorted(known))))


def _keys(out: _Collector, table: RawTable, values: list, label: str,
          seen: dict[str, tuple[str, int]] | None = None) -> None:
    """Report duplicated keys (case-insensitive)."""
    seen = {} if seen is None else seen
    for r, v in enumerate(values):
        if v in (None, ""):
            continue
        key = str(v).lower()
        if key in seen:
            sheet, row = seen[key]
            out.add(f"{label} '{v}' is used twice (first in sheet {sheet} row {row})",
                    table, r, label, value=v, expected=f"a unique {label}")
        else:
            seen[key] = (table.sheet, table.excel_rows[r])


def validate(book: RawWorkbook) -> tuple[Park | None, list[Problem]]:
    """Check every sheet; return the park (None when any error) and all problems."""
    out = _Collector()
    t = book.tables
    missing = set()
    # an optional sheet left completely empty (no header, no rows) counts as absent
    t = {k: v for k, v in t.items()
         if S.SHEET_BY_NAME[k].required or any(h.strip() for h in v.header) or len(v)}
    for sheet in S.SHEETS:
        if sheet.required and sheet.name not in t:
            if sheet.name not in book.unreadable:  # (else its own problem is reported)
                out.add(f"required sheet '{S.DISPLAY_NAME[sheet.name]}' is missing",
                        expected="sheets " + ", ".join(
                            S.DISPLAY_NAME[s.name] for s in S.SHEETS if s.required))
            missing.add(sheet.name)
            # an empty stand-in, so that the other sheets are still checked
            header = [c.name for c in sheet.columns]
            t[sheet.name] = RawTable(S.DISPLAY_NAME[sheet.name], header,
                                     {h: j for j, h in enumerate(header)}, [], [])

    # ---- Phases -----------------------------------------------------------------
    phases: list[Phase] = []
    has_phases = "phases" in t and len(t["phases"]) > 0
    if has_phases:
        pt = t["phases"]
        _check_columns(out, pt, S.PHASES, set())
        names = _column_values(out, pt, S.PHASES.column("phase"))
        years = _column_values(out, pt, S.PHASES.column("years"))
        _keys(out, pt, names, "phase")
        phases = [Phase(str(n), float(y)) for n, y in zip(names, years)]
    else:
        phases = [Phase("plan", 1.0)]
    phase_index = {p.name.lower(): k for k, p in enumerate(phases)}

    # ---- Resources ----------------------------------------------------------------
    rt = t["resources"]
    phase_cols = {f"capacity_{p.name.lower()}": k for k, p in enumerate(phases)} if has_phases else {}
    _check_columns(out, rt, S.RESOURCES, set(phase_cols))
    rnames = _column_values(out, rt, S.RESOURCES.column("resource"))
    for r, name in enumerate(rnames):
        if name and S.normalise_name(name) in {c.name for c in S.INDUSTRIES.columns}:
            out.add(f"resource '{name}' clashes with a standard Industries column", rt, r,
                    "resource", value=name, expected="another name, e.g. land_ha, water_t")
    _keys(out, rt, [S.normalise_name(n) for n in rnames], "resource")
    units = _column_values(out, rt, S.RESOURCES.column("unit"))
    kinds = _column_values(out, rt, S.RESOURCES.column("kind"))
    caps = _column_values(out, rt, S.RESOURCES.column("capacity"))
    cap_col = S.Column("capacity_<phase>", S.NUMBER, minimum=0)
    per_phase: list[list[float | None]] = [[None] * len(phases) for _ in rnames]
    for col, k in phase_cols.items():
        if col not in rt.columns:
            continue
        for r in range(len(rt)):
            raw = rt.get(r, col)
            typed = convert(raw, cap_col)
            if typed is _MISSING:
                out.add("value does not fit the column", rt, r, col, value=raw,
                        expected="a number ≥ 0 or blank (no limit of its own in that phase)")
            elif typed is not None:
                per_phase[r][k] = float(typed)
    resources = [
        Resource(S.normalise_name(n), str(u or ""), k or "stock", float(c or 0.0), tuple(pp))
        for n, u, k, c, pp in zip(rnames, units, kinds, caps, per_phase)
    ]
    rindex = {res.name: j for j, res in enumerate(resources)}
    if len(rt) == 0 and "resources" not in missing:
        out.warn("sheet Resources has no rows: nothing limits the portfolio", sheet=rt.sheet)

    # ---- Industries and projects ------------------------------------------------------
    id_seen: dict[str, tuple[str, int]] = {}
    cand: dict[str, list] = {k: [] for k in (
        "ids", "kind", "name", "sector", "category", "chain", "role", "international",
        "competitiveness", "max_units", "earliest", "decision", "rows")}
    kpi_cols: dict[str, list] = {k: [] for k in S.KPIS}
    use_rows: list[np.ndarray] = []
    use_column = S.Column("resource use", S.NUMBER, default=0.0, minimum=0)

    def read_candidates(table: RawTable, sheet: S.Sheet, kind: str):
        # without a Resources sheet any extra column may be a resource: not reported twice
        _check_columns(out, table, sheet,
                       set(table.columns) if "resources" in missing else set(rindex))
        vals = {c.name: _column_values(out, table, c) for c in sheet.columns}
        _keys(out, table, vals["id"], "id", id_seen)
        n = len(table)
        cand["ids"].extend(vals["id"])
        cand["kind"].extend([kind] * n)
        cand["name"].extend(vals["name"])
        cand["rows"].extend(table.excel_rows)
        if kind == INDUSTRY:
            cand["sector"].extend(vals["sector"])
            cand["category"].extend(vals["category"])
            cand["chain"].extend(vals["chain"])
            cand["role"].extend(vals["role"])
            cand["international"].extend(vals["international"])
            cand["competitiveness"].extend(vals["competitiveness"])
            cand["max_units"].extend(vals["max_units"])
        else:
            cand["sector"].extend([""] * n)
            cand["category"].extend(vals["type"])
            cand["chain"].extend([""] * n)
            cand["role"].extend([""] * n)
            cand["international"].extend([False] * n)
            cand["competitiveness"].extend([0.0] * n)
            cand["max_units"].extend([1] * n)
        for k in S.KPIS:
            kpi_cols[k].extend(vals[k])
        cand["decision"].extend(vals["decision"])
        for r, ph in enumerate(vals["earliest_phase"]):
            if not ph:
                cand["earliest"].append(0)
            elif not has_phases:
                out.add("earliest_phase is given but the workbook has no Phases sheet", table, r,
                        "earliest_phase", value=ph, expected="blank, or add a Phases sheet")
                cand["earliest"].append(0)
            elif ph.lower() not in phase_index:
                out.add("unknown phase", table, r, "earliest_phase", value=ph,
                        expected="one of " + ", ".join(p.name for p in phases))
                cand["earliest"].append(0)
            else:
                cand["earliest"].append(phase_index[ph.lower()])
        block = np.zeros((n, len(resources)))
        for name, j in rindex.items():
            if name not in table.columns:
                continue
            for r in range(n):
                raw = table.get(r, name)
                typed = convert(raw, use_column)
                if typed is _MISSING:
                    out.add("resource use must be a number ≥ 0", table, r, name, value=raw,
                            expected="a number ≥ 0 (blank = 0)")
                else:
                    block[r, j] = typed
        use_rows.append(block)

    read_candidates(t["industries"], S.INDUSTRIES, INDUSTRY)
    if "projects" in t:
        read_candidates(t["projects"], S.PROJECTS, PROJECT)
    if not cand["ids"] and "industries" not in missing:
        out.add("no candidates: Industries (and Projects) have no data rows",
                sheet=t["industries"].sheet, expected="at least one industry from row 2")
    ids = tuple(cand["ids"])
    id_index = {}
    for i, v in enumerate(ids):
        id_index.setdefault(str(v).lower(), i)
    n = len(ids)
    use = np.vstack(use_rows) if use_rows else np.zeros((0, len(resources)))
    kpi = {k: np.asarray(v, dtype=float) for k, v in kpi_cols.items()}

    # ---- Chains -------------------------------------------------------------------------
    chains: list[Chain] = []
    chain_rows: dict[str, int] = {}
    chain_params: list[tuple[str, int, float]] = []
    if "chains" in t:
        ct = t["chains"]
        _check_columns(out, ct, S.CHAINS, set())
        cnames = _column_values(out, ct, S.CHAINS.column("chain"))
        mins = _column_values(out, ct, S.CHAINS.column("min_supplementary"))
        bonus = _column_values(out, ct, S.CHAINS.column("cluster_bonus"))
        _keys(out, ct, cnames, "chain")
        for r, (c, m, b) in enumerate(zip(cnames, mins, bonus)):
            if c and c.lower() not in chain_rows:
                chain_rows[c.lower()] = r
                chain_params.append((c, int(m), float(b)))
    it = t["industries"]
    n_ind = len(it)
    for i in range(n_ind):
        c, role = cand["chain"][i], cand["role"][i]
        if c and c.lower() not in chain_rows:
            out.add(f"chain '{c}' has no row in Chains", it, i, "chain", value=c,
                    expected="a chain listed in sheet Chains")
        if role and not c:
            out.add("a role is given but no chain", it, i, "role", value=role,
                    expected="a chain name in column chain, or a blank role")
    by_chain: dict[str, list[int]] = {}
    for i in range(n_ind):
        if cand["chain"][i]:
            by_chain.setdefault(cand["chain"][i].lower(), []).append(i)
    for c, m, b in chain_params:
        members = by_chain.get(c.lower(), [])
        core = tuple(i for i in members if cand["role"][i] == "core")
        supp = tuple(i for i in members if cand["role"][i] == "supplementary")
        r = chain_rows[c.lower()]
        if not members:
            out.warn(f"chain '{c}' has no member in Industries", t["chains"], r, "chain", value=c)
        elif supp and not core:
            out.warn(f"chain '{c}' has supplementary members but no core member: they can never "
                     "be chosen", t["chains"], r, "chain", value=c)
        if b > 0 and (not core or len(supp) < m):
            out.warn(f"chain '{c}' can never earn its cluster bonus (needs a core member and "
                     f"{m} supplementary members; has {len(core)} and {len(supp)})",
                     t["chains"], r, "cluster_bonus", value=b)
        chains.append(Chain(c, m, b, core, supp))

    # ---- Links ----------------------------------------------------------------------------
    links: list[Link] = []
    if "links" in t:
        lt = t["links"]
        _check_columns(out, lt, S.LINKS, set())
        src = _column_values(out, lt, S.LINKS.column("from"))
        dst = _column_values(out, lt, S.LINKS.column("to"))
        typ = _column_values(out, lt, S.LINKS.column("type"))
        val = _column_values(out, lt, S.LINKS.column("value"))
        for r in range(len(lt)):
            ends = []
            for col, v in (("from", src[r]), ("to", dst[r])):
                if v and str(v).lower() not in id_index:
                    out.add("link to an id that does not exist", lt, r, col, value=v,
                            expected="an id from Industries or Projects")
                ends.append(id_index.get(str(v).lower()) if v else None)
            a, b = ends
            if a is not None and a == b:
                out.add("a link from an id to itself", lt, r, "to", value=dst[r],
                        expected="two different ids")
                continue
            if a is None or b is None or not typ[r]:
                continue
            if typ[r] == "synergy" and (lt.get(r, "value") is None or _blank(lt.get(r, "value"))):
                out.warn("synergy link without a value adds nothing", lt, r, "value")
            links.append(Link(a, b, typ[r], float(val[r] or 0.0), lt.excel_rows[r]))

    # ---- Targets --------------------------------------------------------------------------
    targets: list[Target] = []
    industry_idx = list(range(n_ind))
    if "targets" in t:
        tt = t["targets"]
        _check_columns(out, tt, S.TARGETS, set())
        kinds_t = _column_values(out, tt, S.TARGETS.column("target"))
        values = _column_values(out, tt, S.TARGETS.column("value"))
        scopes = _column_values(out, tt, S.TARGETS.column("scope"))
        bases = _column_values(out, tt, S.TARGETS.column("basis"))
        basis_ok = {"count", "units", *S.KPIS, *rindex}
        for r in range(len(tt)):
            kind_t, value, scope, basis = kinds_t[r], values[r], scopes[r], bases[r]
            if not kind_t or value is None:
                continue
            basis = S.normalise_name(basis) or "value_added"
            if basis == "units":
                basis = "count"
            if basis not in basis_ok:
                out.add("unknown basis", tt, r, "basis", value=bases[r],
                        expected="count, value_added, tax, jobs or a resource column ("
                        + ", ".join(rindex) + ")")
                continue
            if kind_t in S.SHARE_TARGETS and not (0 <= value <= 1):
                out.add("a share must be a fraction between 0 and 1", tt, r, "value",
                        value=values[r], expected="e.g. 0.4 for 40 %")
                continue
            if kind_t == "min_avg_competitiveness" and not (0 <= value <= 100):
                out.add("competitiveness targets are scores from 0 to 100", tt, r, "value",
                        value=values[r], expected="a number from 0 to 100")
                continue
            if kind_t in S.COUNT_TARGETS and (value < 0 or not float(value).is_integer()):
                out.add("a count must be a whole number ≥ 0", tt, r, "value", value=values[r],
                        expected="a whole number ≥ 0")
                continue
            if kind_t == "max_share" and not scope:
                out.add("max_share needs a scope (the group whose share is capped)", tt, r,
                        "scope", expected="a sector, chain or category")
                continue
            members = _scope_members(out, tt, r, scope, cand, n_ind) if scope else industry_idx
            if members is None:
                continue
            targets.append(Target(kind_t, float(value), scope, basis, tuple(members),
                                  tt.excel_rows[r]))

    # ---- Objective ------------------------------------------------------------------------
    objective: list[ObjectiveTerm] = []
    ot = t["objective"]
    _check_columns(out, ot, S.OBJECTIVE, set())
    okpis = _column_values(out, ot, S.OBJECTIVE.column("kpi"))
    weights = _column_values(out, ot, S.OBJECTIVE.column("weight"))
    norms = _column_values(out, ot, S.OBJECTIVE.column("normalise"))
    _keys(out, ot, [S.normalise_name(k) for k in okpis], "kpi")
    if len(ot) == 0 and "objective" not in missing:
        out.add("the objective has no rows", sheet=ot.sheet,
                expected="at least one row, e.g. kpi value_added, weight 1")
    max_units = np.asarray(cand["max_units"], dtype=int)
    years_total = sum(p.years for p in phases) if has_phases else 1.0
    for r, (k, w, nz) in enumerate(zip(okpis, weights, norms)):
        key = S.normalise_name(k)
        if not key:
            continue
        if key not in S.KPIS and key not in rindex:
            out.add("unknown KPI", ot, r, "kpi", value=k,
                    expected="value_added, tax, jobs or a resource column ("
                    + ", ".join(rindex) + ")")
            continue
        scale = 1.0
        if nz:
            values_k = kpi[key] if key in kpi else use[:, rindex[key]]
            scale = float(np.abs(values_k) @ max_units) * years_total
            if scale == 0:
                out.warn(f"KPI {key} is 0 for every candidate; it is not normalised", ot, r, "kpi")
                scale = 1.0
        objective.append(ObjectiveTerm(key, float(w or 0.0), scale))

    # ---- Warnings that do not stop the run ------------------------------------------------
    if not out.has_errors and n:
        caps_arr = np.array([res.capacity for res in resources])
        for i in range(n):
            for j, res in enumerate(resources):
                if use[i, j] > caps_arr[j] + 1e-9:
                    table = it if i < n_ind else t["projects"]
                    r = i if i < n_ind else i - n_ind
                    out.warn(f"{ids[i]} can never fit: one unit needs {use[i, j]:g} "
                             f"{res.unit or res.name}, capacity is {res.capacity:g}",
                             table, r, res.name, value=use[i, j])

    if out.has_errors:
        return None, out.listed()
    park = Park(
        ids=tuple(str(v) for v in ids),
        kind=tuple(cand["kind"]),
        name=tuple(cand["name"]),
        sector=tuple(cand["sector"]),
        category=tuple(cand["category"]),
        chain=tuple(cand["chain"]),
        role=tuple(cand["role"]),
        international=np.asarray(cand["international"], dtype=bool),
        competitiveness=np.asarray(cand["competitiveness"], dtype=float),
        kpi=kpi,
        use=use,
        max_units=max_units,
        earliest=np.asarray(cand["earliest"], dtype=int),
        decision=tuple(cand["decision"]),
        resources=tuple(resources),
        phases=tuple(phases),
        links=tuple(links),
        chains=tuple(chains),
        targets=tuple(targets),
        objective=tuple(objective),
        has_phases=has_phases,
        source_rows=tuple(cand["rows"]),
    )
    return park, out.listed()


def _scope_members(out: _Collector, tt: RawTable, r: int, scope: str, cand: dict,
                   n_ind: int) -> list[int] | None:
    """Industries a scope names: ``sector:X``, ``chain:X``, ``category:X`` or a bare name."""
    fields = {"sector": cand["sector"], "chain": cand["chain"], "category": cand["category"]}
    text = scope.strip()
    if ":" in text and text.split(":", 1)[0].strip().lower() in fields:
        field, name = (s.strip() for s in text.split(":", 1))
        field = field.lower()
        members = [i for i in range(n_ind) if (fields[field][i] or "").lower() == name.lower()]
        if not members:
            out.add(f"scope matches no industry with {field} '{name}'", tt, r, "scope",
                    value=scope, expected=f"an existing {field}")
            return None
        return members
    hits = {}
    for field, values in fields.items():
        members = [i for i in range(n_ind) if (values[i] or "").lower() == text.lower()]
        if members:
            hits[field] = members
    if not hits:
        out.add("scope matches no sector, chain or category", tt, r, "scope", value=scope,
                expected="a sector (manufacturing / service), a chain or a category of Industries")
        return None
    if len(hits) > 1:
        out.add("scope is ambiguous: it names a " + " and a ".join(hits), tt, r, "scope",
                value=scope, expected="a prefixed scope such as " + ", ".join(
                    f"{f}:{text}" for f in hits))
        return None
    return next(iter(hits.values()))
