"""Step 2 of the pipeline: apply what-if changes to the raw tables, before validation.

Three sources, applied in this order (precedence: workbook < scenario < ``--set`` <
sweep value):

1. scenarios from the ``Scenarios`` sheet (``--scenario NAME``, repeatable to compose).
   A scenario may build on others (``base`` column: one name, or several joined with
   ``+``); its base's changes are applied first.  The composition is the ordered list
   of scenarios after expanding bases, each scenario once;
2. ``--set SHEET.ROW.COLUMN=VALUE`` from the command line;
3. the value of a sweep point (``--sweep``, see :mod:`model.whatif.sweep`).

A row is addressed by its key: the ``id`` in Industries / Projects, ``resource`` in
Resources, ``measure`` in Measures, ``threshold`` in Thresholds, ``chain`` in Chains,
``kpi`` in Objective, ``phase`` in Phases, the
``target`` name in Targets (``max_share[chemicals]`` when several rows share a name),
with ``@PARK`` in a regional plan's Resources and Targets (``land_ha@A``: park A's own
land), or ``#N`` for Excel row N of any sheet.  Key columns themselves cannot be changed.

Conflicts are checked on the resolved cell (so ``land_ha`` and ``#2`` are the same
row): two scenarios of one composition changing the same cell is an error, and so are
two ``--set`` (or a ``--set`` and a sweep parameter) on one cell; a ``--set`` or a
sweep value over a scenario's cell is the documented precedence, not a conflict.

Every change is logged with its old and new value; validation runs afterwards on the
changed tables, so a change cannot smuggle in a bad value.  Problems in a requested
scenario (or a base it builds on) are errors naming the Scenarios row, column and
cell; problems in scenarios that were not requested are warnings, so a typo in an
unused scenario does not stop the baseline run but is still shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..workbook import schema as S
from ..workbook.messages import Choices, Headers, msg
from ..workbook.problems import WARNING, Problem
from ..workbook.read import RawTable, RawWorkbook
from .validate.cells import MISSING, blank, convert
from .validate.sheets import contract_columns
from .validate.table import unknown_column

KEY_COLUMN = {"industries": "id", "projects": "id", "resources": "resource", "chains": "chain",
              "objective": "kpi", "phases": "phase", "targets": "target",
              "measures": "measure", "thresholds": "threshold"}

#: sheets whose rows a regional plan keys by park too (``land_ha@A``)
PARK_SHEETS = ("resources", "targets")

#: precedence layers: a later layer may override a cell changed by a scenario
LAYER_SCENARIO, LAYER_SET, LAYER_SWEEP = 1, 2, 3

#: separator of several scenario names in a ``base`` cell, a ``--scenario`` or a
#: ``--compare`` item.  **The rule** (:func:`composition`, used by every path that reads a
#: list of scenario names): a name of the Scenarios sheet is matched whole first, so a
#: scenario may be called ``land+10%``; ``+`` composes only where the text around it is
#: not a name.  A name that is also a composition of other names (``A+B`` beside ``A``
#: and ``B``) means itself, with a warning at its row.
COMPOSE = "+"


@dataclass(frozen=True)
class Change:
    source: str  # "scenario NAME", "--set" or "--sweep"
    sheet: str
    row: str
    column: str
    op: str
    value: object
    old: object = None
    new: object = None

    @property
    def layer(self) -> int:
        if self.source.startswith("scenario"):
            return LAYER_SCENARIO
        return LAYER_SWEEP if self.source == "--sweep" else LAYER_SET

    @property
    def address(self) -> str:
        return f"{self.sheet}.{self.row}.{self.column}"

    def describe(self) -> str:
        return (f"{self.source}: {self.sheet}.{self.row}.{self.column} {self.op} "
                f"{_show(self.value)} ({_show(self.old)} -> {_show(self.new)})")


def _argument(v) -> str:
    """A value as it is written on the command line: 8 not 8.0, text without quotes."""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "" if v is None else str(v)


def _show(v) -> str:
    """A cell value as a planner reads it: 8 not 8.0, 'force_in' quoted, blank for empty."""
    if v is None or v == "":
        return "blank"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return repr(v)


@dataclass(frozen=True)
class Origin:
    """Where a change was written: a row of the Scenarios sheet (None: the command line)."""

    sheet: str
    row: int  # Excel row
    cells: dict = field(default_factory=dict)  # part ("sheet", "row", ...) -> (value, cell)

    def problem(self, message: str, part: str, expected: str = "", severity="error") -> Problem:
        value, cell = self.cells.get(part, (None, ""))
        return Problem(message, sheet=self.sheet, row=self.row, column=part, value=value,
                       expected=expected, cell=cell, severity=severity)


def _who(source: str):
    """Who made a change, for a message: scenario 'NAME', --set or --sweep."""
    if source.startswith("scenario "):
        return msg("scen.who", name=source[len("scenario "):])
    return source


def parse_address(text: str) -> tuple[tuple[str, str, str] | None, str]:
    """``SHEET.ROW.COLUMN`` -> (sheet, row, column); the row may itself contain dots."""
    usage = msg("setarg.usage", syntax="SHEET.ROW.COLUMN", example="Resources.land_ha.capacity")
    parts = text.split(".")
    if len(parts) < 3 or not all(p.strip() for p in (parts[0], parts[-1])):
        return None, usage
    row = ".".join(parts[1:-1]).strip()
    if not row:
        return None, usage
    return (parts[0].strip(), row, parts[-1].strip()), ""


def parse_set(text: str) -> tuple[Change | None, str]:
    """``SHEET.ROW.COLUMN=VALUE`` -> Change (or None and the reason)."""
    usage = msg("setarg.usage", syntax="SHEET.ROW.COLUMN=VALUE",
                example="Resources.land_ha.capacity=800")
    if "=" not in text:
        return None, usage
    address, value = text.split("=", 1)
    parsed, _why = parse_address(address)
    if parsed is None:
        return None, usage
    sheet, row, column = parsed
    return Change("--set", sheet, row, column, "set", parse_value(value.strip())), ""


def parse_value(text: str):
    """Command-line text -> int, float or the text itself (``force_in``, a phase name...)."""
    try:
        return float(text) if any(c in text for c in ".eE") else int(text)
    except ValueError:
        return text


def _find_row(table: RawTable, sheet_key: str, row: str) -> tuple[int | None, str]:
    if row.startswith("#"):
        try:
            excel_row = int(row[1:])
        except ValueError:
            return None, msg("set.row_needs_number")
        if excel_row in table.excel_rows:
            return table.excel_rows.index(excel_row), ""
        return None, msg("set.row_no_data", row=excel_row)
    key_col = KEY_COLUMN.get(sheet_key)
    if key_col is None:
        return None, msg("set.rows_by_number", sheet=table.sheet)
    want, scope, park = row, None, None
    if sheet_key in PARK_SHEETS and "@" in want:  # regional plans: land_ha@A
        want, park = want.rsplit("@", 1)
    if sheet_key == "targets" and want.endswith("]") and "[" in want:
        want, scope = want[:-1].split("[", 1)
    hits = []
    for r in range(len(table)):
        v = table.get(r, key_col)
        if v is None or not _same_key(sheet_key, v, want):
            continue
        given_scope = str(table.get(r, "scope") or "").strip().lower()
        if scope is not None and given_scope != scope.strip().lower():
            continue
        if park is not None and _text(table.get(r, "park")).lower() != park.strip().lower():
            continue
        hits.append(r)
    if not hits:
        return None, msg("set.no_row_with", column=key_col, row=row)
    if len(hits) > 1:
        parks = sheet_key in PARK_SHEETS and "park" in table.columns and park is None
        hint = msg("set.name_one_as", park=msg("set.as_park") if parks else "",
                   how=msg("set.as_target" if sheet_key == "targets" else "set.as_row"))
        return None, msg("set.rows_with", n=len(hits), column=key_col, row=row, hint=hint)
    return hits[0], ""


def _same_key(sheet_key: str, written, wanted: str) -> bool:
    """A row's key against the one a change names: ignoring case and surrounding spaces,
    and for Targets in either language (``服务业占比下限`` is ``min_service_share``)."""
    a, b = _text(written).lower(), wanted.strip().lower()
    if sheet_key == "targets":
        a, b = S.value_key(a) or a, S.value_key(b) or b
    return a == b


def _op(text: str) -> str:
    """A scenario's op as written (blank = set), in English or Chinese (``乘以``)."""
    op = (text or "set").lower()
    return S.value_key(op) or op


#: rows a message lists at most when a change names a row that does not exist
MAX_ROWS_LISTED = 12


def _rows_of(table: RawTable, sheet_key: str) -> str:
    """The rows a change may name in ``table``, for a message: its keys (the first
    :data:`MAX_ROWS_LISTED`), or #N."""
    key_col = KEY_COLUMN[sheet_key]
    keys = list(dict.fromkeys(_text(table.get(r, key_col)) for r in range(len(table))))
    keys = [k for k in keys if k]
    if not keys:
        return msg("set.rows_none", sheet=table.sheet)
    shown = ", ".join(keys[:MAX_ROWS_LISTED])
    more = msg("set.rows_more", n=len(keys) - MAX_ROWS_LISTED) \
        if len(keys) > MAX_ROWS_LISTED else ""
    return msg("set.rows_of", rows=shown, more=more)


def _fits(sheet_key: str, column: str, value) -> str:
    """'' when ``value`` fits the column, else what the column expects: a ``--set`` is
    checked where it is written, so the message names the argument, not a cell that
    never held it."""
    spec = S.SHEET_BY_NAME[sheet_key].column(column)
    if spec is None:  # a resource use column, a capacity_<phase>: a number >= 0 or blank
        spec = S.Column(column, S.NUMBER, minimum=0)
    if spec.required and blank(value):
        return spec.expected()
    return spec.expected() if convert(value, spec) is MISSING else ""


def _text(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip() if v is not None else ""


def _known_column(book: RawWorkbook, sheet_key: str, column: str) -> bool:
    sheet = S.SHEET_BY_NAME[sheet_key]
    if sheet.column(column) is not None:
        return True
    col = S.normalise_name(column)
    if sheet.open_columns == "resources":
        return col in _open_columns(book)
    if sheet.open_columns == "phase_capacities" and col.startswith("capacity_"):
        return True  # validation checks the phase name
    return False


def _open_columns(book: RawWorkbook) -> list[str]:
    """The columns Industries and Projects may carry besides the contract's: one per row
    of Resources and of Measures."""
    names = []
    for sheet_key, key in (("resources", "resource"), ("measures", "measure")):
        table = book.tables.get(sheet_key)
        if table is not None and key in table.columns:
            names += [S.normalise_name(table.get(r, key)) for r in range(len(table))]
    return names


def _columns_of(book: RawWorkbook, sheet_key: str) -> Headers:
    sheet = S.SHEET_BY_NAME[sheet_key]
    names = [c.name for c in sheet.columns]
    if sheet.open_columns == "resources":
        names += _open_columns(book)
    if sheet.open_columns == "phase_capacities":
        names.append("capacity_<phase>")
    return Headers(n for n in names if n)


def resolve(book: RawWorkbook, sheet: str, row: str, column: str
            ) -> tuple[tuple[str, int, str] | None, str, str, str]:
    """The cell a change addresses: ((sheet key, table row, column key), '', '', '') or
    (None, the part at fault, the message, what was expected)."""
    sheet_key = S.sheet_key(sheet)
    if sheet_key not in S.SHEET_BY_NAME or sheet_key in ("scenarios", "futures"):
        return None, "sheet", msg("set.unknown_sheet", sheet=sheet), msg("set.sheets")
    table = book.tables.get(sheet_key)
    if table is None:
        return None, "sheet", msg("set.no_sheet", sheet=S.DISPLAY_NAME[sheet_key]), ""
    r, why = _find_row(table, sheet_key, row)
    if r is None:
        return None, "row", msg("set.row_not_found", sheet=table.sheet, why=why), (
            _rows_of(table, sheet_key) if why.key == "set.no_row_with" else "")
    col = S.column_key(sheet_key, column)
    if not _known_column(book, sheet_key, col):
        return None, "column", msg("set.unknown_column", column=column, sheet=table.sheet), (
            msg("set.columns_of", columns=_columns_of(book, sheet_key)))
    if col == KEY_COLUMN.get(sheet_key):
        return None, "column", msg("set.key_column", column=col, sheet=table.sheet), \
            msg("set.another_column")
    return (sheet_key, r, col), "", "", ""


def apply_changes(book: RawWorkbook, changes: list[Change],
                  locate: list[Origin | None] | None = None) -> tuple[list[Change], list[Problem]]:
    """Apply ``changes`` in order to ``book`` (in place). Returns (applied log, problems).

    ``locate`` gives, per change, the :class:`Origin` it was written at (a Scenarios
    row, or None for the command line), used to place error messages on the right cell.
    """
    contract_columns(book)
    applied: list[Change] = []
    problems: list[Problem] = []
    touched: dict[tuple, Change] = {}
    for k, ch in enumerate(changes):
        origin = locate[k] if locate else None

        def fail(message, part, expected="", origin=origin, ch=ch):
            if isinstance(origin, Origin):
                problems.append(origin.problem(message, part, expected))
            elif ch.source == "--set":  # the argument as given, not a cell that held it
                problems.append(Problem(msg("set.argument", message=message,
                                            arg=f"{ch.address}={_argument(ch.value)}"),
                                        expected=expected))
            else:
                problems.append(Problem(msg("setarg.source", source=ch.source, sheet=ch.sheet,
                                            row=ch.row, column=ch.column, message=message),
                                        value=ch.value, expected=expected))

        cell, part, message, expected = resolve(book, ch.sheet, ch.row, ch.column)
        if cell is None:
            fail(message, part, expected)
            continue
        sheet_key, r, column = cell
        table = book.tables[sheet_key]
        prev = touched.get(cell)
        if prev is not None and not (prev.layer == LAYER_SCENARIO and ch.layer > LAYER_SCENARIO):
            first, who = _who(prev.source), _who(ch.source)
            at = {"sheet": ch.sheet, "row": ch.row, "column": ch.column}
            fail(msg("scen.conflict_cell", who=who, first=first, prev=prev.address, **at)
                 if prev.address != ch.address else msg("scen.conflict", who=who, first=first, **at),
                 "row", msg("scen.once"))
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
                fail(msg("scen.needs_numbers", op=Choices((ch.op,)), old=repr(old),
                         value=repr(ch.value)), "value", msg("scen.numbers_both"))
                continue
            new = base_f * factor if ch.op == "multiply" else base_f + factor
        expected = _fits(sheet_key, column, new) if ch.source == "--set" else ""
        if expected:
            fail(msg("setarg.not_fit", value=repr(_argument(new)), column=column,
                     sheet=table.sheet), "value", expected)
            continue
        touched[cell] = ch
        table.set(r, column, new)
        applied.append(Change(ch.source, table.sheet, ch.row, column, ch.op, ch.value, old, new))
    return applied, problems


# --------------------------------------------------------------------------- Scenarios sheet
@dataclass
class ScenarioDef:
    name: str
    rows: list[int] = field(default_factory=list)  # table rows (0-based) with changes
    bases: list[str] = field(default_factory=list)
    base_row: int | None = None  # table row of the (first) base cell
    problems: list[Problem] = field(default_factory=list)
    base_text: str = ""  # the base cell as written
    first_row: int | None = None  # table row where the scenario first appears


@dataclass
class Composition:
    """Requested scenarios expanded through their bases, ready to apply."""

    names: list[str]  # application order, each scenario once
    changes: list[Change]
    origins: list[Origin]
    problems: list[Problem]  # errors for requested scenarios, warnings for the others


def split_names(text: str, known=(), sep: str = COMPOSE) -> list[str]:
    """The names in ``text``, separated by ``sep``: :func:`composition`."""
    return composition(text, known, sep)


def _key(name: str) -> str:
    """A scenario name as compared: case and spaces around ``+`` / ``,`` do not count."""
    parts = [p.strip() for p in str(name).strip().lower().split(COMPOSE)]
    return COMPOSE.join(",".join(q.strip() for q in p.split(",")) for p in parts)


def composition(text: str, known=(), sep: str = COMPOSE) -> list[str]:
    """The scenario names ``text`` lists, separated by ``sep`` (``+`` or ``,``).

    Longest match first against ``known`` (the names of the Scenarios sheet): ``land+10%``
    is one scenario when the sheet has it, ``land+10%+cut`` is it and ``cut``; a part
    that matches no name stays as written (and is reported unknown where it is used)."""
    names = {_key(k): str(k).strip() for k in known}
    parts = [t.strip() for t in str(text).split(sep)]
    out, i = [], 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            joined = sep.join(parts[i:j])
            if j - i > 1 and _key(joined) in names:
                out.append(names[_key(joined)])
                i = j
                break
        else:
            out.append(names.get(_key(parts[i]), parts[i]))
            i += 1
    return [name for name in out if name]


def _origin(table: RawTable, r: int) -> Origin:
    cells = {}
    for part in ("scenario", "sheet", "row", "column", "value", "op", "base"):
        if part in table.columns:
            cells[part] = (table.get(r, part), table.cell_name(r, part))
    return Origin(table.sheet, table.excel_rows[r], cells)


def read_scenarios(book: RawWorkbook) -> tuple[dict[str, ScenarioDef], list[Problem]]:
    """Every scenario of the sheet, keyed by lower-case name, with its own row problems.

    Returns (scenarios, sheet-level problems such as a missing required column).
    """
    table = contract_columns(book).tables.get("scenarios")
    if table is None:
        return {}, []
    sheet_problems = []
    for c in S.SCENARIOS.columns:
        if c.required and c.name not in table.columns:
            sheet_problems.append(Problem(msg("column.missing", column=c.name),
                                          sheet=table.sheet, row=table.header_row,
                                          column=c.name,
                                          expected=msg("expect.header_cell", column=c.name)))
    known = {c.name for c in S.SCENARIOS.columns}
    for key, j in table.columns.items():
        if key not in known:  # ignored with a warning, or an error when probably misspelt
            problem, _hint = unknown_column(table, S.SCENARIOS, key, j, known)
            sheet_problems.extend([problem] if problem is not None else [])
    scenarios: dict[str, ScenarioDef] = {}
    ops = S.SCENARIOS.column("op").allowed
    for r in range(len(table)):
        origin = _origin(table, r)
        name = _text(table.get(r, "scenario"))
        if not name:
            sheet_problems.append(origin.problem(msg("scen.name_blank"), "scenario",
                                                 msg("scen.its_name")))
            continue
        sc = scenarios.setdefault(name.lower(), ScenarioDef(name, first_row=r))
        base_text = _text(table.get(r, "base"))
        if base_text:
            if sc.base_row is not None and _key(base_text) != _key(sc.base_text):
                sc.problems.append(origin.problem(
                    msg("scen.two_bases", name=name, base=sc.base_text,
                        row=table.excel_rows[sc.base_row]), "base", msg("scen.same_base")))
            elif sc.base_row is None:
                sc.base_text, sc.base_row = base_text, r
        sheet_, row_, col_ = (_text(table.get(r, c)) for c in ("sheet", "row", "column"))
        op = _op(_text(table.get(r, "op")))
        if not (sheet_ or row_ or col_) and base_text and table.get(r, "value") in (None, ""):
            continue  # a row that only names the base
        if op not in ops:
            sc.problems.append(origin.problem(msg("scen.unknown_op"), "op", msg("scen.ops")))
            continue
        missing = [p for p, v in (("sheet", sheet_), ("row", row_), ("column", col_)) if not v]
        if missing:
            sc.problems.append(origin.problem(
                msg("scen.all_required", missing=Headers(missing)),
                missing[0], msg("scen.cell_parts")))
            continue
        if table.get(r, "value") in (None, "") and op != "set":
            sc.problems.append(origin.problem(msg("scen.needs_value", op=Choices((op,))), "value",
                                              msg("scen.a_number")))
            continue
        sc.rows.append(r)
    _resolve_names(table, scenarios)
    return scenarios, sheet_problems


def _resolve_names(table: RawTable, scenarios: dict[str, ScenarioDef]) -> None:
    """Bases read by :func:`composition` once every name is known, and a warning at a
    name that is also a composition of other names (it means itself)."""
    known = [sc.name for sc in scenarios.values()]
    keys = {_key(k) for k in known}
    for sc in scenarios.values():
        if sc.base_text:
            sc.bases = composition(sc.base_text, known)
        parts = split_names(sc.name, [k for k in known if _key(k) != _key(sc.name)])
        if len(parts) > 1 and all(_key(p) in keys for p in parts):
            r = sc.first_row if sc.first_row is not None else 0
            sc.problems.append(_origin(table, r).problem(
                msg("scen.name_is_composition", name=sc.name, parts=" + ".join(parts)),
                "scenario", msg("scen.no_plus"), severity=WARNING))


def _expand(name: str, scenarios: dict[str, ScenarioDef], table: RawTable,
            stack: list[str], out: list[str], problems: list[Problem]) -> None:
    sc = scenarios[name.lower()]
    if sc.name.lower() in (s.lower() for s in out):
        return
    for base in sc.bases:
        origin = _origin(table, sc.base_row)
        if base.lower() not in scenarios:
            problems.append(origin.problem(
                msg("scen.unknown_base", name=sc.name, base=base), "base",
                msg("expect.one_of", values=", ".join(sorted(s.name for s in scenarios.values())),
                    blank="")))
            continue
        if base.lower() in (s.lower() for s in stack + [sc.name]):
            cycle = " -> ".join(stack + [sc.name, scenarios[base.lower()].name])
            problems.append(origin.problem(msg("scen.cycle", cycle=cycle),
                                           "base", msg("scen.no_cycle")))
            continue
        _expand(base, scenarios, table, stack + [sc.name], out, problems)
    if sc.name.lower() not in (s.lower() for s in out):
        out.append(sc.name)


def compose(book: RawWorkbook, requested: list[str]) -> Composition:
    """The changes of the requested scenarios (bases first), and every problem found.

    Problems of the requested scenarios and their bases are errors; problems of the
    other scenarios of the sheet are warnings, their addresses checked against the
    workbook without applying anything.
    """
    table = book.tables.get("scenarios")
    if table is None:
        if requested:
            return Composition([], [], [], [Problem(
                msg("scen.no_sheet", name=requested[0]))])
        return Composition([], [], [], [])
    scenarios, sheet_problems = read_scenarios(book)
    problems: list[Problem] = []
    names: list[str] = []
    known = [sc.name for sc in scenarios.values()]
    for name in (n for item in requested for n in composition(item, known)):
        if name.strip().lower() not in scenarios:
            problems.append(Problem(msg("scenario.unknown", name=name), sheet=table.sheet,
                                    expected=msg("scenario.one_of", names=", ".join(
                                        sorted(s.name for s in scenarios.values())))))
            continue
        _expand(name.strip(), scenarios, table, [], names, problems)
    wanted = {n.lower() for n in names}
    if requested:
        problems.extend(sheet_problems)
    else:
        problems.extend(_as_warning(p) for p in sheet_problems)
    changes: list[Change] = []
    origins: list[Origin] = []
    for name in names:
        sc = scenarios[name.lower()]
        problems.extend(sc.problems)
        for r in sc.rows:
            changes.append(_row_change(table, r, sc.name))
            origins.append(_origin(table, r))
    # scenarios not requested: check them, but only warn
    for key, sc in scenarios.items():
        if key in wanted:
            continue
        problems.extend(_as_warning(p) for p in sc.problems)
        trial: list[str] = []
        more: list[Problem] = []
        _expand(sc.name, scenarios, table, [], trial, more)
        problems.extend(_as_warning(p) for p in more)
        for r in sc.rows:
            ch = _row_change(table, r, sc.name)
            cell, part, message, expected = resolve(book, ch.sheet, ch.row, ch.column)
            if cell is None:
                problems.append(_origin(table, r).problem(
                    msg("scenario.not_requested", message=message, name=sc.name), part,
                    expected, severity=WARNING))
    return Composition(names, changes, origins, _dedupe(problems))


def _row_change(table: RawTable, r: int, name: str) -> Change:
    sheet = _text(table.get(r, "sheet"))
    row = _text(table.get(r, "row"))
    column = _text(table.get(r, "column"))
    op = _op(_text(table.get(r, "op")))
    return Change(f"scenario {name}", sheet, row, column, op, table.get(r, "value"))


def _as_warning(p: Problem) -> Problem:
    return Problem(p.message, sheet=p.sheet, row=p.row, column=p.column, value=p.value,
                   expected=p.expected, severity=WARNING, cell=p.cell)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """Each problem once (an error listed before the same problem as a warning wins)."""
    seen, out = set(), []
    for p in sorted(problems, key=lambda p: not p.is_error):
        key = (p.message, p.sheet, p.row, p.column)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def scenario_names(book: RawWorkbook) -> list[str]:
    """Every scenario of the Scenarios sheet, in first-appearance order."""
    scenarios, _ = read_scenarios(book)
    return [sc.name for sc in scenarios.values()]
