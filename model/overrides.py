"""Step 2 of the pipeline: apply what-if changes to the raw tables, before validation.

Two sources, applied in this order (later wins):

1. scenarios from the ``Scenarios`` sheet (``--scenario NAME``, repeatable to compose;
   two changes to the same cell within the composition are an error);
2. ``--set SHEET.ROW.COLUMN=VALUE`` from the command line.

A row is addressed by its key: the ``id`` in Industries / Projects, ``resource`` in
Resources, ``chain`` in Chains, ``kpi`` in Objective, ``phase`` in Phases, the
``target`` name in Targets (``max_share[chemicals]`` when several rows share a name),
or ``#N`` for Excel row N of any sheet.  Every change is logged with its old and new
value; validation runs afterwards on the changed tables, so a change cannot smuggle in
a bad value.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import schema as S
from .problems import Problem
from .read import RawTable, RawWorkbook

KEY_COLUMN = {"industries": "id", "projects": "id", "resources": "resource", "chains": "chain",
              "objective": "kpi", "phases": "phase", "targets": "target"}


@dataclass(frozen=True)
class Change:
    source: str  # "scenario NAME" or "--set"
    sheet: str
    row: str
    column: str
    op: str
    value: object
    old: object = None
    new: object = None

    def describe(self) -> str:
        return (f"{self.source}: {self.sheet}.{self.row}.{self.column} {self.op} {self.value!r}"
                f" ({self.old!r} -> {self.new!r})")


def parse_set(text: str) -> tuple[Change | None, str]:
    """``SHEET.ROW.COLUMN=VALUE`` -> Change (or None and the reason)."""
    if "=" not in text:
        return None, "expected SHEET.ROW.COLUMN=VALUE, e.g. Resources.land_ha.capacity=800"
    address, value = text.split("=", 1)
    parts = address.split(".")
    if len(parts) < 3:
        return None, "expected SHEET.ROW.COLUMN=VALUE, e.g. Resources.land_ha.capacity=800"
    sheet, column = parts[0].strip(), parts[-1].strip()
    row = ".".join(parts[1:-1]).strip()
    return Change("--set", sheet, row, column, "set", _parse_value(value.strip())), ""


def _parse_value(text: str):
    try:
        return float(text) if any(c in text for c in ".eE") else int(text)
    except ValueError:
        return text


def _find_row(table: RawTable, sheet_key: str, row: str) -> tuple[int | None, str]:
    if row.startswith("#"):
        try:
            excel_row = int(row[1:])
        except ValueError:
            return None, "a row given as #N needs an Excel row number"
        if excel_row in table.excel_rows:
            return table.excel_rows.index(excel_row), ""
        return None, f"Excel row {excel_row} has no data"
    key_col = KEY_COLUMN.get(sheet_key)
    if key_col is None:
        return None, f"rows of {table.sheet} are addressed as #N (Excel row number)"
    want, scope = row, None
    if sheet_key == "targets" and row.endswith("]") and "[" in row:
        want, scope = row[:-1].split("[", 1)
    hits = []
    for r in range(len(table)):
        v = table.get(r, key_col)
        if v is None or str(v).strip().lower() != want.strip().lower():
            continue
        if scope is not None and str(table.get(r, "scope") or "").strip().lower() != scope.strip().lower():
            continue
        hits.append(r)
    if not hits:
        return None, f"no row with {key_col} '{row}'"
    if len(hits) > 1:
        return None, (f"{len(hits)} rows have {key_col} '{row}'"
                      + ("; name one as target[scope]" if sheet_key == "targets" else
                         "; name one as #N (Excel row)"))
    return hits[0], ""


def _known_column(book: RawWorkbook, sheet_key: str, column: str) -> bool:
    sheet = S.SHEET_BY_NAME[sheet_key]
    if sheet.column(column) is not None:
        return True
    col = S.normalise_name(column)
    resources = book.tables.get("resources")
    if sheet.open_columns == "resources" and resources is not None:
        names = {S.normalise_name(resources.get(r, "resource")) for r in range(len(resources))}
        return col in names
    if sheet.open_columns == "phase_capacities" and col.startswith("capacity_"):
        return True  # validation checks the phase name
    return False


def apply_changes(book: RawWorkbook, changes: list[Change],
                  locate: list[Problem | None] | None = None) -> tuple[list[Change], list[Problem]]:
    """Apply ``changes`` in order to ``book`` (in place). Returns (applied log, problems).

    ``locate`` gives, per change, a Problem template naming where the change came from
    (the Scenarios row or the command line), used to place error messages.
    """
    applied: list[Change] = []
    problems: list[Problem] = []
    for k, ch in enumerate(changes):
        origin = locate[k] if locate else None

        def fail(message, expected=""):
            if origin is not None:
                problems.append(Problem(message, sheet=origin.sheet, row=origin.row,
                                        column=origin.column, value=origin.value,
                                        expected=expected))
            else:
                problems.append(Problem(f"{ch.source} {ch.sheet}.{ch.row}.{ch.column}: {message}",
                                        value=ch.value, expected=expected))

        sheet_key = S.normalise_name(ch.sheet)
        if sheet_key not in S.SHEET_BY_NAME or sheet_key == "scenarios":
            fail(f"unknown sheet '{ch.sheet}'", "Industries, Projects, Resources, Links, Chains, "
                 "Targets, Objective or Phases")
            continue
        table = book.tables.get(sheet_key)
        if table is None:
            fail(f"the workbook has no sheet {S.DISPLAY_NAME[sheet_key]}")
            continue
        r, why = _find_row(table, sheet_key, ch.row)
        if r is None:
            fail(f"row not found in {table.sheet}: {why}")
            continue
        column = S.normalise_name(ch.column)
        if not _known_column(book, sheet_key, column):
            fail(f"unknown column '{ch.column}' in {table.sheet}")
            continue
        table.add_column(column)
        old = table.get(r, column)
        new = ch.value
        if ch.op in ("multiply", "add"):
            base = old if old not in (None, "") else (0 if ch.op == "add" else None)
            try:
                base_f = float(base)
                factor = float(ch.value)
            except (TypeError, ValueError):
                fail(f"'{ch.op}' needs numbers: the cell holds {old!r}, the change gives "
                     f"{ch.value!r}", "numbers in both")
                continue
            new = base_f * factor if ch.op == "multiply" else base_f + factor
        table.set(r, column, new)
        applied.append(Change(ch.source, table.sheet, ch.row, column, ch.op, ch.value, old, new))
    return applied, problems


def scenario_changes(book: RawWorkbook, names: list[str]) -> tuple[list[Change], list[Problem], list[Problem]]:
    """Changes of the named scenarios, in order; conflicts (same cell twice) are errors."""
    problems: list[Problem] = []
    table = book.tables.get("scenarios")
    if table is None:
        return [], [Problem(f"scenario '{names[0]}' requested but the workbook has no Scenarios "
                            "sheet")], []
    cols = {c: S.SCENARIOS.column(c) for c in ("scenario", "sheet", "row", "column", "value", "op")}
    for c in ("scenario", "sheet", "row", "column", "value"):
        if c not in table.columns:
            problems.append(Problem(f"required column '{c}' is missing", sheet=table.sheet))
    if problems:
        return [], problems, []
    known = {}
    for r in range(len(table)):
        known.setdefault(str(table.get(r, "scenario") or "").strip().lower(), []).append(r)
    changes: list[Change] = []
    origins: list[Problem] = []
    seen: dict[tuple, str] = {}
    for name in names:
        rows = known.get(name.strip().lower())
        if not rows:
            problems.append(Problem(f"unknown scenario '{name}'", sheet=table.sheet,
                                    expected="one of " + ", ".join(
                                        sorted({str(table.get(r, 'scenario')) for r in
                                                range(len(table))}))))
            continue
        for r in rows:
            sheet = str(table.get(r, "sheet") or "").strip()
            row = table.get(r, "row")
            row = str(int(row)) if isinstance(row, float) and row.is_integer() else str(row or "").strip()
            column = str(table.get(r, "column") or "").strip()
            value = table.get(r, "value")
            op = str(table.get(r, "op") or "set").strip().lower() or "set"
            excel_row = table.excel_rows[r]
            if op not in cols["op"].allowed:
                problems.append(Problem("unknown op", sheet=table.sheet, row=excel_row,
                                        column="op", value=op, expected="set, multiply or add",
                                        cell=table.cell_name(r, "op")))
                continue
            if not sheet or not row or not column:
                problems.append(Problem("sheet, row and column are all required", sheet=table.sheet,
                                        row=excel_row))
                continue
            key = (sheet.lower(), row.lower(), column.lower())
            if key in seen:
                problems.append(Problem(
                    f"scenario '{name}' changes {sheet}.{row}.{column}, already changed by "
                    f"scenario '{seen[key]}'", sheet=table.sheet, row=excel_row, column="row",
                    value=row, expected="each cell changed once per composition"))
                continue
            seen[key] = name
            changes.append(Change(f"scenario {name}", sheet, row, column, op, value))
            origins.append(Problem("", sheet=table.sheet, row=excel_row, column="sheet/row/column",
                                   value=f"{sheet}.{row}.{column}"))
    return changes, problems, origins
