"""Sheet Chains, and the chain and role of each industry (needs the candidates)."""

from __future__ import annotations

from dataclasses import dataclass

from ...workbook import schema as S
from ...workbook.messages import msg
from ...workbook.problems import Problem
from ...workbook.read import RawTable
from ..park import Chain
from .candidates import Candidates
from .table import Collector, check_columns, check_keys, column_values


@dataclass(frozen=True)
class Chains:
    chains: tuple[Chain, ...]
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class _Row:
    r: int  # data row in Chains
    name: str
    min_supplementary: int
    cluster_bonus: float
    scope: str = "park"


def _rows(out: Collector, table: RawTable, regional: bool = False) -> list[_Row]:
    """The chains of the sheet, each name once (the first row of a repeated name)."""
    check_columns(out, table, S.CHAINS, set())
    names = column_values(out, table, S.CHAINS.column("chain"))
    mins = column_values(out, table, S.CHAINS.column("min_supplementary"))
    bonus = column_values(out, table, S.CHAINS.column("cluster_bonus"))
    scopes = column_values(out, table, S.CHAINS.column("scope"))
    for r, sc in enumerate(scopes):
        if sc == "region" and not regional:
            out.add(msg("chain.region_no_parks"),
                    table, r, "scope", value=table.get(r, "scope"),
                    expected=msg("chain.blank_or_parks"))
    check_keys(out, table, names, "chain")
    rows: dict[str, _Row] = {}
    for r, (c, m, b, sc) in enumerate(zip(names, mins, bonus, scopes)):
        if c and c.lower() not in rows:
            rows[c.lower()] = _Row(r, c, int(m), float(b), sc or "park")
    return list(rows.values())


def _check_members(out: Collector, candidates: Candidates, known: set[str]) -> None:
    """Each industry's chain has a row in Chains; a role comes with a chain."""
    table = candidates.industries
    for i in range(candidates.n_industries):
        c, role = candidates.chain[i], candidates.role[i]
        if c and c.lower() not in known:
            out.add(msg("chain.no_row", chain=c), table, i, "chain", value=c,
                    expected=msg("chain.listed"))
        if role and not c:
            out.add(msg("chain.role_no_chain"), table, i, "role", value=role,
                    expected=msg("chain.name_or_no_role"))


def _chain(out: Collector, table: RawTable, row: _Row, members: list[int],
           candidates: Candidates) -> Chain:
    """The chain with its core and supplementary members; warnings when it is of no use."""
    c, m, b, r = row.name, row.min_supplementary, row.cluster_bonus, row.r
    core = tuple(i for i in members if candidates.role[i] == "core")
    supp = tuple(i for i in members if candidates.role[i] == "supplementary")
    if not members:
        out.warn(msg("chain.no_member", chain=c), table, r, "chain", value=c)
    elif supp and not core:
        out.warn(msg("chain.no_core", chain=c), table, r, "chain", value=c)
    if b > 0 and (not core or len(supp) < m):
        out.warn(msg("chain.no_bonus", chain=c, m=m, core=len(core), supp=len(supp)),
                 table, r, "cluster_bonus", value=b)
    return Chain(c, m, b, core, supp, scope=row.scope)


def read_chains(table: RawTable | None, candidates: Candidates,
                members_known: bool = True, regional: bool = False) -> Chains:
    """``table``: the Chains sheet, None when the workbook has none (then no industry
    may name a chain).  ``members_known`` False: Industries is missing (reported), so a
    chain without members is not worth a warning."""
    out = Collector()
    rows = _rows(out, table, regional) if table is not None else []
    _check_members(out, candidates, {row.name.lower() for row in rows})
    by_chain: dict[str, list[int]] = {}
    for i in range(candidates.n_industries):
        if candidates.chain[i]:
            by_chain.setdefault(candidates.chain[i].lower(), []).append(i)
    said = Collector()  # the chains' own warnings: kept only when the members are known
    chains = tuple(_chain(said, table, row, by_chain.get(row.name.lower(), []), candidates)
                   for row in rows)
    if members_known:
        out.problems.extend(said.problems)
    return Chains(chains, out.result())
