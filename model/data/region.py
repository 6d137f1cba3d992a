"""Regional plans (one zone, many parks): every candidate becomes one *site* per park it
may settle in, and the rules of the workbook are indexed by park (docs/regional.md).

:func:`expand` is the last step of validation for a workbook with a Parks sheet: it
turns the validated park of *firms* (one row per candidate of Industries and Projects)
into the park of *sites* the formulation receives.  Every existing constraint family
then works unchanged on sites, which is what "the existing families indexed by park"
means here:

* a site's data is its firm's, overridden by the firm's row of Sites in that park;
* a park's own resource (a Resources row with ``park``) counts its sites only
  (:meth:`~model.data.park.Park.row_use`); a region-wide one counts every site;
* links hold between sites of one park: a synergy is earned, an exclusion applies, a
  requirement is met in the same park (a site whose required partner may not settle in
  its park is kept out);
* a chain of scope ``park`` (the default) is copied per park (a supplementary member
  needs a core member in its own park; the bonus is earned per park), a chain of scope
  ``region`` holds every site once;
* a target with a park counts that park's sites; without one, every site;
* the firm-level rules (how many parks a firm opens units in, its total units, a
  force_in for a firm with several sites) and the specialisation rules are the
  placement and spread families (:mod:`model.formulation.placement`,
  :mod:`model.formulation.spreads`).

With one park, the sites are the candidates themselves (same ids, same order, same
rows), so a one-park region is exactly the single-park model of the same data.

:func:`alone` is the view of one park planning on its own (the Coordination sheet and
the fairness floors): its sites, its own resources and its share of the region-wide
ones, its own targets and rules, and nothing of the region's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..workbook.messages import msg
from ..workbook.problems import Problem
from ..workbook.schema import TargetKind
from .park import INDUSTRY, Chain, Link, Park, ParkInfo, Spread, Target


@dataclass(frozen=True, eq=False)
class Region:
    """What validation read about the parks, for :func:`expand`."""

    parks: tuple[ParkInfo, ...]
    allowed: tuple[tuple[int, ...], ...]  # park indices, per firm
    max_parks: tuple[int, ...]  # per firm
    #: (firm, park) -> {field or use column: value} (rows of Sites)
    overrides: Mapping[tuple[int, int], Mapping[str, object]] = field(default_factory=dict)


def site_id(firm_id: str, code: str, regional: bool = True) -> str:
    """``IC_FAB@A``: the id of a firm's site in park A (the firm's own id with one park)."""
    return f"{firm_id}@{code}" if regional else firm_id


def expand(firms: Park, region: Region) -> tuple[Park, list[Problem]]:
    """The park of sites of a regional workbook (see the module's docstring)."""
    parks = region.parks
    multi = len(parks) > 1
    sites = [(i, k) for i in range(firms.n) for k in region.allowed[i]]
    of = np.array([i for i, _ in sites], dtype=int)
    at = np.array([k for _, k in sites], dtype=int)
    where = {s: n for n, s in enumerate(sites)}
    n_sites_of = np.bincount(of, minlength=firms.n)

    def put(values, name):
        out = np.array(values)[of].copy() if len(sites) else np.array(values)[:0].copy()
        for n, s in enumerate(sites):
            v = region.overrides.get(s, {}).get(name)
            if v is not None:
                out[n] = v
        return out

    use = firms.use[of].astype(float) if len(sites) else firms.use[:0]
    use = use.copy()
    for j, name in enumerate(firms.use_names):
        use[:, j] = put(firms.use[:, j], name)
    measures = tuple(dataclasses.replace(m, values=put(m.values, m.name).astype(float))
                     for m in firms.measures)
    decision = _decisions(firms, sites, region, n_sites_of, where)
    fields = dict(
        ids=tuple(site_id(firms.ids[i], parks[k].code, multi) for i, k in sites),
        kind=tuple(firms.kind[i] for i in of), name=tuple(firms.name[i] for i in of),
        sector=tuple(firms.sector[i] for i in of),
        category=tuple(firms.category[i] for i in of),
        chain=tuple(firms.chain[i] for i in of), role=tuple(firms.role[i] for i in of),
        international=put(firms.international, "international").astype(bool),
        competitiveness=put(firms.competitiveness, "competitiveness").astype(float),
        kpi={k: put(v, k).astype(float) for k, v in firms.kpi.items()},
        use=use, max_units=put(firms.max_units, "max_units").astype(int),
        earliest=put(firms.earliest, "earliest_phase").astype(int),
        decision=decision,
        source_rows=tuple(firms.source_rows[i] for i in of) if firms.source_rows else (),
        measures=measures,
        links=_links(firms, region, where),
        chains=_chains(firms, parks, sites, multi),
        targets=tuple(_target(t, sites, parks) for t in firms.targets if not t.kind.is_spread),
        thresholds=tuple(dataclasses.replace(h, members=_sites_of(h.members, sites))
                         for h in firms.thresholds),
        spreads=tuple(_spread(firms, t, sites) for t in firms.targets
                      if t.kind.is_spread),
        parks=parks, site_park=at, site_of=of, firm_ids=firms.ids,
        firm_max_parks=np.asarray(region.max_parks, dtype=int),
        # a project is one building per park: over its parks, at most max_parks of them
        firm_max_units=np.asarray([u if kind == INDUSTRY else p for u, kind, p in
                                   zip(firms.max_units, firms.kind, region.max_parks)],
                                  dtype=int),
        firm_decision=tuple("force_in" if d == "force_in" and n_sites_of[i] > 1 else ""
                            for i, d in enumerate(firms.decision)),
        use_names=firms.use_names,
    )
    park = dataclasses.replace(firms, **fields)
    return park, _unreachable(park)


def _unreachable(park: Park) -> list[Problem]:
    """A minimum number of chains per park that a park can never carry (no industry of
    enough chains may settle there) is an input error: the rule would have no row."""
    out = []
    for s in park.spreads:
        if s.kind is not TargetKind.MIN_PARK_CHAINS:
            continue
        for k in ([park.park_codes.index(s.park)] if s.park else range(len(park.parks))):
            can = [name for name, members in s.groups
                   if any(park.site_park[m] == k for m in members)]
            if len(can) < s.value:
                code = park.parks[k].code
                out.append(Problem(
                    msg("region.park_chains", value=f"{s.value:g}", park=code, n=len(can),
                        which=", ".join(can) if can else msg("region.no_chain_industry")),
                    sheet="Targets", row=s.row, column="value", value=s.value,
                    expected=msg("region.expect_park_chains", n=len(can), park=code)))
    return out


def _decisions(firms: Park, sites, region: Region, n_sites_of, where) -> tuple[str, ...]:
    """A site's decision: its row of Sites, else its firm's (force_out keeps every site
    out; force_in is the site's only when the firm has one site, else a firm-level row);
    a site whose required partner may not settle in its park is kept out."""
    out = []
    for i, k in sites:
        own = region.overrides.get((i, k), {}).get("decision")
        firm = firms.decision[i]
        if own:
            out.append(own)
        elif firm == "force_out" or (firm == "force_in" and n_sites_of[i] == 1):
            out.append(firm)
        else:
            out.append("")
    for link in firms.links:
        if link.type != "requires":
            continue
        for k in region.allowed[link.source]:
            if (link.target, k) not in where:
                out[where[link.source, k]] = "force_out"
    return tuple(out)


def _links(firms: Park, region: Region, where) -> tuple[Link, ...]:
    out = []
    for link in firms.links:
        for k in region.allowed[link.source]:
            if (link.target, k) in where:
                out.append(dataclasses.replace(link, source=where[link.source, k],
                                               target=where[link.target, k]))
    return tuple(out)


def _sites_of(members: Sequence[int], sites, park: int | None = None) -> tuple[int, ...]:
    """The sites of firms ``members`` (in park ``park`` only, unless None)."""
    chosen = set(members)
    return tuple(n for n, (i, k) in enumerate(sites)
                 if i in chosen and (park is None or k == park))


def _chains(firms: Park, parks, sites, multi: bool) -> tuple[Chain, ...]:
    out = []
    for ch in firms.chains:
        if ch.scope == "region" or not multi:
            out.append(dataclasses.replace(ch, core=_sites_of(ch.core, sites),
                                           supplementary=_sites_of(ch.supplementary, sites),
                                           park=""))
            continue
        for k, p in enumerate(parks):
            core, supp = _sites_of(ch.core, sites, k), _sites_of(ch.supplementary, sites, k)
            if core or supp:
                out.append(dataclasses.replace(ch, core=core, supplementary=supp, park=p.code))
    return tuple(out)


def _park_index(parks, code: str) -> int | None:
    return None if not code else [p.code for p in parks].index(code)


def _target(t: Target, sites, parks) -> Target:
    return dataclasses.replace(t, members=_sites_of(t.members, sites, _park_index(parks, t.park)))


def _spread(firms: Park, t: Target, sites) -> Spread:
    """A specialisation rule: its groups (chains, or categories of industries) as sites."""
    by = "category" if t.kind is TargetKind.MAX_INDUSTRY_PARKS else "chain"
    names: dict[str, list[int]] = {}
    for i in t.members:
        name = getattr(firms, by)[i]
        if name:
            names.setdefault(name, []).append(i)
    groups = tuple((name, _sites_of(members, sites)) for name, members in names.items())
    return Spread(t.kind, t.value, groups, t.park, t.scope, t.row)


# --------------------------------------------------------------------------- one park alone
@dataclass(frozen=True)
class ParkView:
    """One park of a regional workbook planning alone, without the firms ``exclude``: a
    point of a what-if batch may carry one (the stand-alone plans of the Coordination
    sheet run through the batch engine, ``--workers`` and ``--dask`` included)."""

    park: str
    exclude: tuple[str, ...] = ()

    def apply(self, park: Park) -> Park:
        return alone(park, self.park, self.exclude)


def alone(park: Park, code: str, exclude: Sequence[str] = ()) -> Park:
    """Park ``code`` planning on its own: its sites (but the firms in ``exclude``), its own
    resources and its ``alone_share`` of each region-wide one, its own targets and
    rules; the region's targets, rules, fairness floors and firm-level rows are not its
    concern.  Ids stay the sites' (``IC_FAB@A``)."""
    k = park.park_codes.index(code)
    info = park.parks[k]
    out = {e.lower() for e in exclude}
    keep = [n for n in range(park.n) if park.site_park[n] == k
            and park.firm_ids[park.site_of[n]].lower() not in out]
    new = {old: pos for pos, old in enumerate(keep)}

    def remap(members) -> tuple[int, ...]:
        return tuple(new[m] for m in members if m in new)

    share = info.alone_share if info.alone_share is not None else 1.0
    resources = tuple(
        r if r.park else dataclasses.replace(
            r, capacity=r.capacity * share,
            phase_capacity=tuple(None if c is None else c * share for c in r.phase_capacity))
        for r in park.resources if r.park in ("", code))
    links = tuple(dataclasses.replace(lk, source=new[lk.source], target=new[lk.target])
                  for lk in park.links if lk.source in new and lk.target in new)
    # a site whose required partner is a firm the park lost is kept out (as expand keeps
    # out a site whose partner may not settle in its park), not freed of the requirement
    orphans = {lk.source for lk in park.links
               if lk.type == "requires" and lk.source in new and lk.target not in new}
    chains = tuple(dataclasses.replace(ch, core=remap(ch.core),
                                       supplementary=remap(ch.supplementary))
                   for ch in park.chains if ch.park in ("", code)
                   and (remap(ch.core) or remap(ch.supplementary)))
    targets = tuple(dataclasses.replace(t, members=remap(t.members))
                    for t in park.targets if t.park == code)
    spreads = tuple(dataclasses.replace(s, groups=tuple((g, remap(m)) for g, m in s.groups),
                                        park=code)
                    for s in park.spreads if s.kind in (TargetKind.MIN_PARK_CHAINS,
                                                        TargetKind.MAX_PARK_CHAINS)
                    and s.park in ("", code))
    idx = np.array(keep, dtype=int)
    return Park(
        ids=tuple(park.ids[n] for n in keep), kind=tuple(park.kind[n] for n in keep),
        name=tuple(park.name[n] for n in keep), sector=tuple(park.sector[n] for n in keep),
        category=tuple(park.category[n] for n in keep),
        chain=tuple(park.chain[n] for n in keep), role=tuple(park.role[n] for n in keep),
        international=park.international[idx], competitiveness=park.competitiveness[idx],
        kpi={key: v[idx] for key, v in park.kpi.items()}, use=park.use[idx],
        max_units=park.max_units[idx], earliest=park.earliest[idx],
        decision=tuple("force_out" if n in orphans else park.decision[n] for n in keep),
        resources=resources,
        phases=park.phases, links=links, chains=chains, targets=targets,
        objective=park.objective, has_phases=park.has_phases,
        source_rows=tuple(park.source_rows[n] for n in keep) if park.source_rows else (),
        measures=tuple(dataclasses.replace(m, values=m.values[idx]) for m in park.measures),
        thresholds=tuple(dataclasses.replace(h, members=remap(h.members))
                         for h in park.thresholds),
        land=park.land, use_names=park.use_names,
        parks=(dataclasses.replace(info, floor=None),), spreads=spreads,
    )
