"""The report's charts as PNG images (matplotlib, Agg canvas; no display needed).

The same four views as the workbook's native charts (:mod:`model.present.workbook.workbook`), drawn from
the same :class:`~model.present.digest.Digest` and with the same colours
(:data:`model.present.workbook.charts.GROUP_COLOURS`): resource use against capacity per phase, land
use by sector, land use by chain, each chain's share of the KPI totals, and what enters
in each phase.  Figures are built on a bare :class:`matplotlib.figure.Figure` with an
Agg canvas, so no pyplot state and no GUI backend are involved.  matplotlib is imported
only here, only when a report is asked for.
"""

from __future__ import annotations

import os

from .charts import GROUP_COLOURS, PALETTE
from .digest import GROUPS, NO_CHAIN, OTHER_CHAINS, Digest
from .fonts import matplotlib_fonts
from .words import COLUMN_UNITS, Texts

WIDTH_IN = 6.3  # fits a portrait A4 page with 2.2 cm margins
DPI = 150


def _weight(t: Texts) -> str:
    """Bold titles where the font has a bold face (the bundled Chinese font has one weight)."""
    return "normal" if t.zh else "bold"


def _hex(c: str) -> str:
    return "#" + c


def _figure(height_in: float = 3.0):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(axis="y", color="#d9d9d9", linewidth=0.6)
    ax.set_axisbelow(True)
    return fig, ax


def _group_label(t: Texts, g: str) -> str:
    if g == "project":
        return t.word("projects") if t.zh else "projects"
    return t.word(g) if g in (NO_CHAIN, OTHER_CHAINS) or g in GROUPS else g


def resource_use(d: Digest, t: Texts):
    import numpy as np

    periods = [""] + (list(d.phases) if d.has_phases else [])
    names = list(dict.fromkeys(r["resource"] for r in d.resources))
    fig, ax = _figure(2.8)
    width = 0.8 / len(periods)
    x = np.arange(len(names))
    colours = [PALETTE[6], PALETTE[4], PALETTE[5], PALETTE[3], PALETTE[7]]
    for k, p in enumerate(periods):
        vals = []
        for name in names:
            row = next((r for r in d.resources if r["resource"] == name and r["phase"] == p),
                       None)
            vals.append(row["use_share"] * 100 if row and row["use_share"] is not None
                        else np.nan)
        bars = ax.bar(x + (k - (len(periods) - 1) / 2) * width, vals, width,
                      label=t("phase.all") if p == "" else p,
                      color=_hex(colours[k % len(colours)]))
        for b, v in zip(bars, vals):
            if v == v:
                ax.annotate(f"{v:.0f}%", (b.get_x() + b.get_width() / 2, b.get_height()),
                            ha="center", va="bottom", fontsize=6.5, xytext=(0, 1),
                            textcoords="offset points")
    ax.axhline(100, color="#c00000", linewidth=0.8, linestyle="--")
    ax.set_xticks(x, [_resource_name(t, n) for n in names], fontsize=8)
    ax.set_ylim(0, 112)
    ax.set_ylabel(t("chart.use_of_capacity") + " (%)", fontsize=8)
    ax.tick_params(axis="y", labelsize=7)
    ax.set_title(t("chart.resource_use"), fontsize=10, fontweight=_weight(t))
    ax.legend(fontsize=7, frameon=False, ncol=len(periods), loc="upper center",
              bbox_to_anchor=(0.5, -0.12))
    return fig


def _resource_name(t: Texts, name: str) -> str:
    if t.zh and name in ("land_ha", "farmland_ha", "capital"):
        return t.header(name, "")
    return name


def _labelled_bars(ax, labels, vals, colours, horizontal: bool) -> None:
    """Bars of width 0.6, each labelled with its value at its end."""
    if horizontal:
        bars = ax.barh(labels, vals, 0.6, color=colours)
    else:
        bars = ax.bar(labels, vals, 0.6, color=colours)
    for b, v in zip(bars, vals):
        if horizontal:
            at, offset = (b.get_width(), b.get_y() + b.get_height() / 2), dict(va="center",
                                                                               xytext=(2, 0))
        else:
            at, offset = (b.get_x() + b.get_width() / 2, b.get_height()), dict(
                ha="center", va="bottom", xytext=(0, 1))
        ax.annotate(f"{v:,.1f}", at, fontsize=7, textcoords="offset points", **offset)


def land_by_sector(d: Digest, t: Texts):
    land = d.land
    rows = d.by_sector
    fig, ax = _figure(2.6)
    labels = [_group_label(t, r["group"]) for r in rows]
    vals = [r[land] for r in rows]
    colours = [_hex(GROUP_COLOURS.get(r["group"], PALETTE[0])) for r in rows]
    _labelled_bars(ax, labels, vals, colours, horizontal=False)
    ax.set_ylabel(t.unit(d.resource_units.get(land, "")), fontsize=8)
    ax.tick_params(labelsize=8)
    ax.set_title(t("chart.land_by_sector"), fontsize=10, fontweight=_weight(t))
    return fig


def land_by_chain(d: Digest, t: Texts):
    land = d.land
    rows = d.by_chain
    fig, ax = _figure(0.9 + 0.32 * len(rows))
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#d9d9d9", linewidth=0.6)
    labels = [_group_label(t, r["group"]) for r in rows]
    vals = [r[land] for r in rows]
    colours = [_hex(GROUP_COLOURS["project"] if r["group"] == "project" else
                    "BFBFBF" if r["group"] in (NO_CHAIN, OTHER_CHAINS) else PALETTE[4])
               for r in rows]
    _labelled_bars(ax, labels, vals, colours, horizontal=True)
    ax.invert_yaxis()
    ax.set_xlabel(t.unit(d.resource_units.get(land, "")), fontsize=8)
    ax.tick_params(labelsize=8)
    ax.set_title(t("chart.land_by_chain"), fontsize=10, fontweight=_weight(t))
    return fig


def kpi_by_chain(d: Digest, t: Texts):
    import numpy as np

    rows = d.by_chain
    kpis = ("value_added", "tax", "jobs")
    fig, ax = _figure(3.0)
    x = np.arange(len(rows))
    width = 0.26
    for k, kpi in enumerate(kpis):
        vals = [(r[f"{kpi}_share"] or 0) * 100 for r in rows]
        ax.bar(x + (k - 1) * width, vals, width, color=_hex(PALETTE[k]),
               label=t.header(kpi, "") if t.zh else kpi)
    ax.set_xticks(x, [_group_label(t, r["group"]) for r in rows], fontsize=7.5, rotation=20,
                  ha="right")
    ax.set_ylabel(t("chart.share_of_total") + " (%)", fontsize=8)
    ax.tick_params(axis="y", labelsize=7)
    ax.set_title(t("chart.kpi_by_chain"), fontsize=10, fontweight=_weight(t))
    ax.legend(fontsize=7, frameon=False, ncol=3)
    return fig


def timeline(d: Digest, t: Texts):
    fig, ax = _figure(2.6)
    bottom = [0.0] * len(d.phases)
    units = d.timeline_measure == "units"
    for g in GROUPS:
        if g not in d.timeline:
            continue
        vals = d.timeline[g]
        ax.bar(d.phases, vals, 0.55, bottom=bottom, color=_hex(GROUP_COLOURS[g]),
               label=_group_label(t, g))
        bottom = [b + v for b, v in zip(bottom, vals)]
    for k, total in enumerate(bottom):
        ax.annotate(f"{total:,.1f}" if not units else f"{total:,.0f}", (k, total), ha="center",
                    va="bottom", fontsize=7, xytext=(0, 1), textcoords="offset points")
    ax.set_ylabel(t.unit("units") if units else t.unit(d.resource_units.get(d.land, "")),
                  fontsize=8)
    ax.tick_params(labelsize=8)
    ax.set_title(t("chart.timeline_units") if units else t("chart.timeline"), fontsize=10,
                 fontweight=_weight(t))
    ax.legend(fontsize=7, frameon=False)
    return fig


def make_figures(d: Digest, t: Texts, folder: str) -> list[tuple[str, str, str]]:
    """Draw every chart that applies into ``folder``; returns (key, title, PNG path)."""
    import matplotlib


    if not d.has_solution:
        return []
    plan = [("resource_use", t("chart.resource_use"), resource_use)]
    if d.land:
        plan += [("land_by_sector", t("chart.land_by_sector"), land_by_sector),
                 ("land_by_chain", t("chart.land_by_chain"), land_by_chain)]
    plan.append(("kpi_by_chain", t("chart.kpi_by_chain"), kpi_by_chain))
    if d.has_phases:
        plan.append(("timeline", t("chart.timeline" if d.land else "chart.timeline_units"),
                     timeline))
    for k, h in enumerate(d.thresholds[:3]):
        plan.append((f"threshold_{k}", threshold_title(d, t, h),
                     lambda d, t, h=h: threshold(d, t, h)))
    out = []
    with matplotlib.rc_context(matplotlib_fonts(t.lang)):
        for key, title, draw in plan:
            fig = draw(d, t)
            fig.tight_layout()
            path = os.path.join(folder, f"{key}.png")
            fig.savefig(path, dpi=DPI, facecolor="white",
                        metadata={"Software": None})  # same inputs, same bytes
            out.append((key, title, path))
    return out


def threshold_title(d: Digest, t: Texts, h: dict) -> str:
    return t("chart.threshold", label=t.ratio(h["numerator"], h["basis"], d.land or ""),
             unit=t.ratio_unit(h["unit"]))


def threshold(d: Digest, t: Texts, h: dict):
    """Each industry's own ratio (highest first; chosen ones coloured) against a threshold."""
    ranked = sorted((c for c in h["candidates"] if c[1] is not None), key=lambda c: -c[1])
    fig, ax = _figure(2.8)
    labels = [c[0] for c in ranked]
    colours = [_hex(PALETTE[5] if c[2] else PALETTE[2]) for c in ranked]
    ax.bar(range(len(ranked)), [c[1] for c in ranked], 0.7, color=colours)
    ax.axhline(h["value"], color="#c00000", linewidth=1.0, linestyle="--")
    ax.annotate(f"{t('chart.threshold_line')} {h['value']:,.4g}", (len(ranked) - 0.5,
                h["value"]), ha="right", va="bottom", fontsize=7, color="#c00000")
    ax.set_xticks(range(len(ranked)), labels, fontsize=5.5 if len(ranked) > 25 else 7,
                  rotation=90)
    ax.set_ylabel(t.ratio_unit(h["unit"]), fontsize=8)
    ax.tick_params(axis="y", labelsize=7)
    ax.set_title(threshold_title(d, t, h), fontsize=10, fontweight=_weight(t))
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=_hex(PALETTE[5]), label=t("chart.chosen")),
                       Patch(color=_hex(PALETTE[2]), label=t("chart.not_chosen"))],
              fontsize=7, frameon=False)
    return fig


__all__ = ["make_figures", "COLUMN_UNITS"]
