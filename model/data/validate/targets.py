"""Sheet Targets: policy targets on the chosen industries (needs the candidates, for the
scopes, and the resource and measure names, for the basis and a ratio's numerator)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...workbook import schema as S
from ...workbook.contract_zh import ZH_SCOPE_PREFIXES
from ...workbook.messages import Choices, Headers, Message, msg
from ...workbook.problems import Problem
from ...workbook.read import RawTable
from ...workbook.schema import TargetKind
from ..park import Target
from .candidates import Candidates
from .parks import Parks, park_code
from .table import Collector, check_columns, sheet_values

#: what a scope may name, by prefix (``sector:service``), in the order tried
SCOPE_FIELDS = ("sector", "chain", "category")


@dataclass(frozen=True)
class Targets:
    targets: tuple[Target, ...]
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Columns:
    """The per-unit columns a basis or a ratio may name: ``count``, ``mu`` (when the park
    has a land resource), the KPIs, the declared measures and the resources."""

    resources: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    land: str = ""  # the land resource ('' = none: mu cannot be used)
    known: bool = True  # False: Resources is missing (reported once), names not checked

    def __contains__(self, name: str) -> bool:
        return name in {"count", *S.KPIS, *self.measures, *self.resources} or (
            name == S.MU and bool(self.land))

    def expected(self) -> Message:
        return msg("targets.columns",
                   mu=msg("targets.columns.mu", mu=S.MU, land=self.land) if self.land else "",
                   measures=msg("targets.columns.measures", measures=", ".join(self.measures))
                   if self.measures else "",
                   resources=", ".join(self.resources))


def column_name(out: Collector, table: RawTable, r: int, col: str, written,
                columns: Columns, what: str, default: str = "") -> str | None:
    """The column a cell names (``units`` = ``count``; Chinese KPI names such as 增加值
    accepted), or None with a located problem (none when Resources is missing)."""
    name = S.normalise_name(written) or default
    if name not in columns:
        name = S.value_key(name) or name  # 增加值, 个数 ...
    if name == "units":
        name = "count"
    if name == S.MU and not columns.land:
        out.add(msg("targets.mu_no_land", what=Headers([what])), table, r, col, value=written,
                expected=msg("targets.expect_land"))
        return None
    if name not in columns:
        if columns.known:
            out.add(msg("targets.unknown", what=Headers([what])), table, r, col, value=written,
                    expected=columns.expected())
        return None
    return name


def _basis(out: Collector, table: RawTable, r: int, written, columns: Columns):
    """The basis a row names (``value_added`` when blank, ``units`` = ``count``), or None."""
    return column_name(out, table, r, "basis", written, columns, "basis", "value_added")


def _ratio(out: Collector, table: RawTable, r: int, kind: TargetKind, vals: dict,
           columns: Columns) -> str | None:
    """The numerator of a ratio target ('' for the other kinds), or None with a problem."""
    written = vals["numerator"][r]
    if not kind.is_ratio:
        if written:
            out.add(msg("targets.numerator_not_ratio", kind=Choices([kind.value])), table, r,
                    "numerator", value=written, expected=msg("targets.expect_blank"))
            return None
        return ""
    if not written or not vals["basis"][r]:
        missing = "numerator" if not written else "basis"
        out.add(msg("targets.ratio_needs", missing=Headers([missing])), table, r, missing,
                expected=msg("targets.expect_ratio"))
        return None
    numerator = column_name(out, table, r, "numerator", written, columns, "numerator")
    if numerator is not None and numerator == S.normalise_name(vals["basis"][r]):
        out.add(msg("ratio.itself"), table, r, "numerator",
                value=written, expected=msg("expect.other_column"))
        return None
    return numerator


def _value_fits(out: Collector, table: RawTable, r: int, kind: TargetKind, value: float) -> bool:
    """The value lies in the kind's domain; else a problem that says what the domain is."""
    if value in kind.domain:
        return True
    if kind.is_share:
        out.add(msg("targets.share_range"), table, r, "value",
                value=value, expected=msg("targets.expect_share"))
    elif kind.is_ratio:
        out.add(msg("targets.ratio_range"), table, r, "value", value=value,
                expected=msg("targets.expect_ratio_value"))
    elif kind.is_average:
        out.add(msg("targets.score_range"), table, r, "value", value=value,
                expected=msg("expect.number", range=msg("expect.from_to", low="0", high="100")))
    else:
        out.add(msg("targets.count_range"), table, r, "value", value=value,
                expected=msg("expect.integer", range=msg("expect.at_least", low="0")))
    return False


def _matching(candidates: Candidates, field: str, name: str) -> list[int]:
    values = getattr(candidates, field)
    if field == "sector" and S.value_key(name) in ("manufacturing", "service"):
        name = S.value_key(name)  # 制造业, 服务业
    return [i for i in range(candidates.n_industries)
            if (values[i] or "").lower() == name.lower()]


def _prefix(text: str) -> str | None:
    """The field a scope's prefix names (``sector``, or ``门类`` in Chinese), or None."""
    if ":" not in text:
        return None
    written = text.split(":", 1)[0].strip().lower()
    field = ZH_SCOPE_PREFIXES.get(written, written)
    return field if field in SCOPE_FIELDS else None


def _prefixed_scope(out: Collector, table: RawTable, r: int, scope: str,
                    candidates: Candidates) -> list[int] | None:
    field, name = _prefix(scope), scope.split(":", 1)[1].strip()
    members = _matching(candidates, field, name)
    if not members:
        out.add(msg("targets.no_match_in", field=Headers([field]), name=name), table, r, "scope",
                value=scope, expected=msg("targets.expect_existing", field=Headers([field])))
        return None
    return members


def scope_members(out: Collector, table: RawTable, r: int, scope: str,
                  candidates: Candidates) -> list[int] | None:
    """Industries a scope names: ``sector:X``, ``chain:X``, ``category:X`` or a bare name
    (which must match exactly one of the three); None, with a problem, when it matches
    nothing or is ambiguous."""
    text = scope.strip().replace("：", ":")  # a full-width colon, as a Chinese keyboard types it
    if _prefix(text):
        return _prefixed_scope(out, table, r, text, candidates)
    hits = {}
    for field in SCOPE_FIELDS:
        members = _matching(candidates, field, text)
        if members:
            hits[field] = members
    if not hits:
        out.add(msg("targets.no_match"), table, r, "scope", value=scope,
                expected=msg("targets.expect_scope"))
        return None
    if len(hits) > 1:
        first, *rest = hits
        fields = Headers([first])
        for f in rest:
            fields = msg("targets.and_a", first=fields, rest=Headers([f]))
        out.add(msg("targets.ambiguous", fields=fields), table, r, "scope",
                value=scope, expected=msg("targets.expect_prefixed", scopes=Choices(
                    f"{f}:{text}" for f in hits)))
        return None
    return next(iter(hits.values()))


def _park(out: Collector, table: RawTable, r: int, kind: TargetKind, vals: dict,
          parks: Parks) -> tuple[str, str] | None:
    """(the park a target is about, '' for the region; the scope without ``park:X``), or
    None with a located problem."""
    scope = (vals["scope"][r] or "").strip().replace("：", ":")
    written = vals["park"][r]
    col = "park"
    if scope.lower().startswith(("park:", "园区:")):
        prefixed = scope.split(":", 1)[1].strip()
        if written and str(written).strip().lower() != prefixed.lower():
            out.add(msg("targets.two_parks", scope_park=prefixed, park=written), table, r,
                    "scope", value=scope, expected=msg("targets.expect_one_park"))
            return None
        written, scope, col = prefixed, "", "scope"
    code = park_code(out, table, r, col, written, parks)
    if code is None:
        return None
    if kind.is_spread and not parks.given:
        out.add(msg("targets.needs_parks", kind=Choices([kind.value])), table, r, "target",
                value=vals["target"][r], expected=msg("targets.expect_parks"))
        return None
    if code and kind in (TargetKind.MAX_CHAIN_PARKS, TargetKind.MAX_INDUSTRY_PARKS):
        out.add(msg("targets.region_wide", kind=Choices([kind.value])),
                table, r, col, value=written, expected=msg("targets.expect_blank"))
        return None
    return code, scope


def _target(out: Collector, table: RawTable, r: int, vals: dict[str, list],
            candidates: Candidates, columns: Columns, industries_known: bool = True,
            parks: Parks | None = None) -> Target | None:
    """One target; ``industries_known`` False: Industries is missing (reported once), so
    scopes are not checked against it."""
    written, value = vals["target"][r], vals["value"][r]
    if not written or value is None:  # (a blank or wrong kind or value is reported already)
        return None
    kind = TargetKind(written)
    where = _park(out, table, r, kind, vals, parks or Parks())
    if where is None:
        return None
    park, scope = where
    numerator = _ratio(out, table, r, kind, vals, columns)
    if numerator is None:
        return None
    basis = _basis(out, table, r, vals["basis"][r], columns)
    if basis is None or not _value_fits(out, table, r, kind, value):
        return None
    if kind.measures_scope and not scope:
        out.add(msg("targets.share_scope"), table, r,
                "scope", expected=msg("targets.expect_group"))
        return None
    if scope and not industries_known:
        return None
    if scope:
        members = scope_members(out, table, r, scope, candidates)
        if members is None:
            return None
    else:
        members = range(candidates.n_industries)
    return Target(kind, float(value), scope, basis, tuple(members), table.excel_rows[r],
                  numerator, park)


def read_targets(table: RawTable | None, candidates: Candidates,
                 resource_names: Sequence[str], measure_names: Sequence[str] = (),
                 land: str = "", industries_known: bool = True,
                 resources_known: bool = True, parks: Parks | None = None) -> Targets:
    """``resource_names`` and ``measure_names``: the columns a basis or a ratio may name
    besides count and the KPIs; ``land``: the land resource, which ``mu`` counts in mu;
    ``*_known`` False: that sheet is missing (reported), so scopes or bases are not
    checked against it."""
    if table is None:
        return Targets(())
    out = Collector()
    check_columns(out, table, S.TARGETS, set())
    vals = sheet_values(out, table, S.TARGETS)
    columns = Columns(tuple(resource_names), tuple(measure_names), land, resources_known)
    targets = [_target(out, table, r, vals, candidates, columns, industries_known, parks)
               for r in range(len(table))]
    return Targets(tuple(t for t in targets if t is not None), out.result())
