"""Write ``inputs/example_park.xlsx``: the bundled example park.

The park is a fictional but credible Chinese national-level economic and technological
development zone of about 900 ha, planning two five-year phases (P1 2026-2030,
P2 2031-2035).  About 620 ha of it are still free for the candidates below; the
candidates ask for much more (land, farmland quota and public capital alike), so the
model has real choices to make.

Every number is a readable literal in this file so that the workbook can be reviewed
as text.  Industries are written as *per-mu* assumptions taken from the ranges of
``docs/magnitudes.md`` and turned into per-unit columns by
:func:`industry_rows` (1 ha = 15 mu):

* ``value_added`` = value added per mu x mu            (10k CNY / year)
* ``tax``         = tax per mu x mu                    (10k CNY / year)
* ``jobs``        = jobs per ha x ha                   (persons)
* ``capital``     = investment per mu x mu x public share, rounded to 100 (10k CNY):
  the part of the investment the park pays (land preparation, infrastructure,
  guidance-fund equity); the firm pays the rest, which no constraint limits
* ``farmland_ha`` = land_ha x the fraction of the plot that is converted farmland
* ``investment``  = investment per mu x mu (10k CNY): the whole fixed-asset investment,
  a declared measure (sheet Measures) that the investment-intensity threshold reads
* ``energy_tce``  = value added x the energy intensity of the category (tonnes of
  standard coal equivalent per year), a declared measure that the energy-intensity
  target reads

Run ``python inputs/make_example.py`` (from anywhere).  The output is byte-for-byte
the same on every run: no randomness, fixed document dates, fixed zip timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

OUT = Path(__file__).resolve().parent / "example_park.xlsx"
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)
MU_PER_HA = 15

# ---------------------------------------------------------------------------------------
# Industries, as per-mu assumptions.
#
# Columns of each tuple:
#   id, name, sector, category, chain, role, international, competitiveness,
#   ha (land per unit), VA/mu, tax/mu, jobs/ha, investment/mu, public share,
#   farmland fraction, max_units, earliest_phase, decision
#
# Ranges of docs/magnitudes.md (per mu unless stated; jobs per ha):
#   traditional manufacturing  3-10 ha,  invest 150-300,  tax 8-20,  VA 60-150,  jobs 150-300
#   advanced equipment/auto/el 5-30 ha,  invest 300-600,  tax 20-50, VA 150-300, jobs 100-250
#   ICs, biopharma, materials  5-50 ha,  invest 600-1500, tax 30-100, VA 200-600, jobs 80-200
#   chemicals, heavy industry  20-100 ha, invest 250-500, tax 20-40, VA 100-200, jobs 30-80
#   services (R&D, outsourcing, design, testing, HQ)
#                              1-5 ha,   invest 500-2000, tax 30-150, VA 200-800, jobs 800-2000
#   logistics                  7-70 ha,  invest 100-250,  tax 3-15,  VA -- (40-70 used), jobs 50-100
# Public share of the investment (what the park pays): 0.10 for traditional plants,
# chemicals and service offices, 0.12 advanced manufacturing, 0.15 high-tech plants
# (guidance-fund equity) and logistics yards, 0.30 the university research institute.
# Farmland fraction: most plots are already-converted construction land (0); the big
# greenfield plots (vehicle plant, battery lines, chemicals, logistics yards, some
# traditional plants) are 10-30 % converted farmland, so the 60 ha quota binds.
# International: foreign-invested or export-positioned firms (the article's
# "international core / supplementary enterprise"); competitiveness: the park's own
# 0-100 assessment of the candidate's position in its industry.
# ---------------------------------------------------------------------------------------
M, S = "manufacturing", "service"
TRAD, ADV, HIGH, CHEM = ("traditional manufacturing", "advanced manufacturing",
                         "high-tech manufacturing", "chemicals")
RND, INCUB, TTRANS, LOGI, OUTS, DESIGN, TEST, HQ = (
    "R&D", "incubation", "technology transfer", "logistics", "outsourcing", "design",
    "testing", "headquarters")
IC, BIO, NEV, EQP = "integrated circuits", "biopharma", "new-energy vehicles", "smart equipment"
SUPP = "supplementary"

INDUSTRIES = [
    # --- integrated circuits chain ------------------------------------------------------
    ("IC-FAB", "12-inch wafer fab", M, HIGH, IC, "core", "yes", 88,
     40, 600, 100, 90, 1500, 0.15, 0.10, 1, "", ""),
    ("IC-PKG", "Advanced packaging and test", M, HIGH, IC, "core", "yes", 80,
     15, 320, 45, 160, 900, 0.15, 0.00, 1, "", ""),
    ("IC-MAT", "Electronic materials (wafers, photoresists)", M, HIGH, IC, SUPP, "no", 76,
     10, 300, 40, 110, 800, 0.15, 0.00, 1, "", ""),
    ("IC-SIC", "Silicon-carbide substrates and epitaxy", M, HIGH, IC, SUPP, "no", 78,
     12, 340, 45, 100, 1100, 0.15, 0.00, 1, "P2", ""),
    ("IC-EQP", "Semiconductor equipment parts", M, ADV, IC, SUPP, "no", 72,
     8, 240, 35, 180, 500, 0.12, 0.00, 1, "", ""),
    ("IC-GAS", "Electronic specialty gases", M, HIGH, IC, SUPP, "no", 70,
     6, 260, 35, 80, 700, 0.15, 0.00, 1, "", ""),
    ("IC-DSN", "IC design house", S, DESIGN, IC, SUPP, "no", 84,
     3, 750, 130, 1600, 1500, 0.10, 0.00, 2, "", ""),
    # --- biopharma chain -----------------------------------------------------------------
    ("BIO-GMP", "Biologics GMP plant", M, HIGH, BIO, "core", "yes", 85,
     20, 520, 85, 120, 1300, 0.15, 0.00, 1, "", ""),
    ("BIO-DEV", "High-end medical devices", M, HIGH, BIO, "core", "no", 78,
     12, 380, 60, 180, 900, 0.15, 0.00, 1, "", ""),
    ("BIO-CDMO", "Contract development and manufacturing (CDMO)", M, HIGH, BIO, SUPP, "no", 77,
     10, 420, 55, 140, 1100, 0.15, 0.00, 1, "", ""),
    ("BIO-RGT", "Bio-reagents and lab consumables", M, HIGH, BIO, SUPP, "no", 68,
     6, 280, 40, 150, 700, 0.15, 0.00, 1, "", ""),
    ("BIO-CRO", "Contract research organisation (CRO)", S, RND, BIO, SUPP, "no", 80,
     3, 600, 90, 1200, 1200, 0.10, 0.00, 2, "", ""),
    ("BIO-CCL", "Pharmaceutical cold-chain distribution", S, LOGI, BIO, SUPP, "no", 60,
     8, 60, 12, 90, 220, 0.15, 0.20, 1, "", ""),
    # --- new-energy vehicles chain -------------------------------------------------------
    ("NEV-OEM", "New-energy vehicle assembly plant", M, ADV, NEV, "core", "no", 78,
     60, 260, 45, 160, 550, 0.12, 0.25, 1, "", ""),
    ("NEV-BAT", "Power battery cell line", M, HIGH, NEV, SUPP, "no", 74,
     30, 300, 40, 120, 750, 0.15, 0.20, 2, "", ""),
    ("NEV-MOT", "E-drive motors and controllers", M, ADV, NEV, SUPP, "no", 72,
     12, 240, 35, 180, 450, 0.12, 0.00, 1, "", ""),
    ("NEV-PRT", "Lightweight body and chassis parts", M, ADV, NEV, SUPP, "no", 64,
     10, 180, 25, 200, 350, 0.12, 0.00, 2, "", ""),
    ("NEV-CHG", "Charging and battery-swap equipment", M, ADV, NEV, SUPP, "no", 68,
     6, 200, 30, 150, 400, 0.12, 0.00, 1, "P2", ""),
    ("NEV-H2", "Hydrogen fuel-cell stacks", M, HIGH, NEV, SUPP, "no", 76,
     12, 320, 40, 100, 1000, 0.15, 0.00, 1, "P2", ""),
    ("NEV-SW", "Automotive software and smart-cockpit R&D", S, RND, NEV, SUPP, "no", 82,
     2, 700, 110, 1500, 1400, 0.10, 0.00, 1, "", ""),
    # --- smart equipment chain -----------------------------------------------------------
    # EQP-ROB is forced in: the municipality already signed its investment agreement.
    ("EQP-ROB", "Industrial robots", M, ADV, EQP, "core", "yes", 81,
     15, 280, 42, 200, 580, 0.12, 0.00, 1, "", "force_in"),
    ("EQP-CNC", "High-end CNC machine tools", M, ADV, EQP, SUPP, "no", 73,
     12, 230, 32, 170, 500, 0.12, 0.00, 1, "", ""),
    ("EQP-SEN", "Sensors and precision components", M, HIGH, EQP, SUPP, "no", 75,
     6, 320, 45, 170, 800, 0.15, 0.00, 1, "", ""),
    ("EQP-SYS", "System integration and industrial software", S, OUTS, EQP, SUPP, "no", 76,
     2, 550, 80, 1100, 1000, 0.10, 0.00, 1, "", ""),
    # --- other manufacturing (no chain) --------------------------------------------------
    ("EQP-ENG", "Construction machinery", M, ADV, "", "", "no", 64,
     30, 200, 28, 140, 420, 0.12, 0.20, 1, "", ""),
    ("EQP-RAIL", "Rail-transit equipment", M, ADV, "", "", "no", 70,
     20, 220, 30, 150, 480, 0.12, 0.00, 1, "", ""),
    ("EQP-AERO", "Aero-engine and gas-turbine components", M, HIGH, "", "", "no", 80,
     15, 380, 50, 110, 1200, 0.15, 0.00, 1, "P2", ""),
    ("ELE-PCB", "High-density printed circuit boards", M, ADV, "", "", "no", 66,
     12, 200, 30, 220, 450, 0.12, 0.00, 1, "", ""),
    ("ELE-DSP", "Display module assembly", M, ADV, "", "", "no", 68,
     30, 190, 28, 230, 520, 0.12, 0.20, 1, "", ""),
    ("ELE-SRV", "Servers and computing hardware", M, ADV, "", "", "no", 72,
     10, 280, 40, 180, 500, 0.12, 0.00, 1, "", ""),
    ("ELE-CON", "Consumer electronics assembly (export)", M, ADV, "", "", "yes", 60,
     20, 170, 22, 250, 400, 0.12, 0.00, 1, "", ""),
    ("PV-MOD", "Solar cell and module plant", M, ADV, "", "", "yes", 62,
     30, 180, 22, 110, 500, 0.12, 0.20, 1, "", ""),
    ("NMT-CF", "Carbon-fibre composites", M, HIGH, "", "", "no", 74,
     15, 300, 45, 100, 1000, 0.15, 0.00, 1, "P2", ""),
    ("NMT-ALU", "High-end aluminium alloy sheet", M, HIGH, "", "", "no", 66,
     25, 220, 32, 80, 650, 0.15, 0.20, 1, "", ""),
    ("TRD-TEX", "Textiles and apparel", M, TRAD, "", "", "no", 46,
     8, 90, 10, 280, 180, 0.10, 0.25, 2, "", ""),
    ("TRD-FUR", "Export furniture and home goods", M, TRAD, "", "", "yes", 48,
     6, 100, 12, 250, 200, 0.10, 0.00, 1, "", ""),
    ("TRD-FOOD", "Food and beverage processing", M, TRAD, "", "", "no", 53,
     10, 130, 18, 200, 260, 0.10, 0.00, 2, "", ""),
    ("TRD-MET", "Metal fabrication and fasteners", M, TRAD, "", "", "no", 50,
     7, 110, 14, 180, 220, 0.10, 0.00, 1, "", ""),
    ("TRD-PLA", "Plastics and packaging", M, TRAD, "", "", "no", 48,
     5, 100, 12, 160, 200, 0.10, 0.00, 1, "", ""),
    ("TRD-AGR", "Agricultural machinery", M, TRAD, "", "", "no", 48,
     10, 110, 12, 170, 220, 0.10, 0.30, 1, "", ""),
    ("TRD-BLD", "Prefabricated building components", M, TRAD, "", "", "no", 43,
     10, 80, 9, 150, 160, 0.10, 0.30, 1, "", ""),
    ("CHM-FINE", "Fine chemicals", M, CHEM, "", "", "no", 58,
     40, 180, 35, 50, 450, 0.10, 0.20, 1, "", ""),
    ("CHM-POLY", "Engineering plastics and resins", M, CHEM, "", "", "yes", 62,
     30, 170, 30, 60, 400, 0.10, 0.20, 1, "", ""),
    ("CHM-API", "Active pharmaceutical ingredients", M, CHEM, "", "", "no", 56,
     25, 160, 28, 60, 400, 0.10, 0.20, 1, "", ""),
    # CHM-PET is forced out: its environmental impact assessment was rejected.
    ("CHM-PET", "Petrochemical derivatives", M, CHEM, "", "", "no", 53,
     80, 130, 28, 35, 350, 0.10, 0.30, 1, "", "force_out"),
    # --- services ------------------------------------------------------------------------
    ("SVC-RDC", "Multinational R&D centre", S, RND, "", "", "yes", 86,
     3, 700, 120, 1200, 1600, 0.10, 0.00, 2, "", ""),
    ("SVC-LAB", "University joint research institute", S, RND, "", "", "no", 78,
     5, 400, 40, 900, 1500, 0.30, 0.00, 1, "", ""),
    ("SVC-INC", "Science-park incubation operator", S, INCUB, "", "", "no", 70,
     2, 300, 40, 1000, 800, 0.10, 0.00, 2, "", ""),
    ("SVC-ACC", "Hardware accelerator and maker space", S, INCUB, "", "", "no", 72,
     1.5, 350, 45, 1200, 900, 0.10, 0.00, 1, "", ""),
    ("SVC-TTC", "Technology transfer centre", S, TTRANS, "", "", "no", 74,
     1, 450, 60, 900, 800, 0.10, 0.00, 1, "", ""),
    ("SVC-IPX", "International technology and IP exchange", S, TTRANS, "", "", "yes", 76,
     1, 500, 80, 800, 900, 0.10, 0.00, 1, "", ""),
    ("SVC-BPO", "Business process outsourcing centre", S, OUTS, "", "", "yes", 64,
     4, 350, 50, 1800, 600, 0.10, 0.00, 3, "", ""),
    ("SVC-ITO", "IT outsourcing and software delivery centre", S, OUTS, "", "", "yes", 70,
     4, 450, 70, 1600, 700, 0.10, 0.00, 3, "", ""),
    ("SVC-SWP", "Software and digital services park", S, OUTS, "", "", "no", 68,
     5, 420, 60, 1400, 800, 0.10, 0.00, 3, "", ""),
    ("SVC-MKT", "E-commerce and digital marketing services", S, OUTS, "", "", "no", 63,
     2, 400, 60, 1400, 700, 0.10, 0.00, 1, "P2", ""),
    ("SVC-IDS", "Industrial design studios", S, DESIGN, "", "", "no", 72,
     3, 500, 70, 1000, 900, 0.10, 0.00, 1, "", ""),
    ("SVC-TST", "Third-party testing and inspection", S, TEST, "", "", "yes", 73,
     4, 400, 60, 900, 1000, 0.10, 0.00, 1, "", ""),
    ("SVC-HQ", "Regional headquarters", S, HQ, "", "", "yes", 83,
     3, 800, 150, 1000, 2000, 0.10, 0.00, 2, "", ""),
    ("SVC-FIN", "Supply-chain finance and settlement centre", S, HQ, "", "", "no", 68,
     1, 700, 140, 800, 1500, 0.10, 0.00, 1, "", ""),
    ("LOG-WH", "General warehousing and distribution", S, LOGI, "", "", "no", 53,
     20, 50, 8, 70, 150, 0.15, 0.15, 3, "", ""),
    ("LOG-XB", "Cross-border e-commerce logistics", S, LOGI, "", "", "yes", 63,
     30, 70, 12, 90, 220, 0.15, 0.20, 1, "P2", ""),
    ("LOG-CC", "Cold-chain logistics", S, LOGI, "", "", "no", 58,
     10, 60, 10, 80, 250, 0.15, 0.20, 1, "", ""),
    ("LOG-RAIL", "Rail-road intermodal freight yard", S, LOGI, "", "", "yes", 56,
     60, 40, 5, 50, 200, 0.15, 0.30, 1, "", ""),
]

# Energy use per 10k CNY of value added (tce), by category: the order of magnitude of
# China's industrial statistics (about 1 tce per 10k CNY for industry as a whole, under
# 0.3 for equipment and electronics, above 1 for chemicals, a few hundredths for offices;
# cold chains and freight yards run refrigeration and vehicles).
ENERGY_PER_VA = {TRAD: 0.35, ADV: 0.20, HIGH: 0.25, CHEM: 1.20, RND: 0.05, INCUB: 0.05,
                 TTRANS: 0.05, OUTS: 0.05, DESIGN: 0.05, TEST: 0.08, HQ: 0.04, LOGI: 0.30}

# ---------------------------------------------------------------------------------------
# Supplementary projects (built or not).  docs/magnitudes.md: 1,000-50,000 (10k CNY) and 0-10 ha each.
# Columns: id, name, type, value_added, tax, jobs, earliest_phase, decision,
#          land_ha, farmland_ha, capital
# Their own value added is small or nil: they are chosen because industries require
# them (Links) or for the synergies they bring.
# ---------------------------------------------------------------------------------------
PROJECTS = [
    ("PRJ-PTP", "Public technology platform (shared labs, pilot lines)", "platform",
     800, 100, 60, "", "", 2, 0, 15000),
    ("PRJ-PORTAL", "Shared service portal (one-stop online services)", "portal",
     0, 0, 20, "", "", 0, 0, 1500),
    ("PRJ-INC", "Incubator building", "incubator",
     300, 40, 80, "", "", 3, 0, 12000),
    ("PRJ-BLC", "Bonded logistics centre (type B)", "logistics hub",
     2500, 400, 300, "", "", 10, 3, 35000),
    ("PRJ-CUS", "Customs inspection station", "logistics hub",
     0, 0, 60, "", "", 2, 0, 6000),
    ("PRJ-TCC", "Testing and certification centre", "platform",
     600, 80, 120, "", "", 3, 0, 20000),
    ("PRJ-APT", "Talent apartments", "housing",
     0, 0, 40, "", "", 6, 1, 40000),
    ("PRJ-UTL", "Utilities upgrade (power, gas, water mains)", "utilities",
     0, 0, 30, "", "", 4, 1, 48000),
    ("PRJ-WWT", "Industrial wastewater treatment plant", "utilities",
     0, 0, 40, "", "", 3, 1.5, 22000),
    ("PRJ-SUB", "220 kV substation with dual power feed", "utilities",
     0, 0, 10, "", "", 2, 1, 30000),
    ("PRJ-CCH", "Cold-chain hub", "logistics hub",
     400, 60, 80, "", "", 5, 1.5, 18000),
    ("PRJ-EXH", "Exhibition and convention centre", "exhibition",
     1500, 200, 150, "P2", "", 8, 0, 45000),
    ("PRJ-TEX", "Technology exchange platform", "platform",
     200, 30, 25, "", "", 0.5, 0, 3000),
    ("PRJ-PIL", "R&D pilot base", "pilot base",
     500, 60, 120, "", "", 5, 1, 25000),
    ("PRJ-IIP", "Industrial internet platform", "platform",
     300, 40, 50, "", "", 0, 0, 8000),
    ("PRJ-SCH", "International school", "social",
     0, 0, 120, "P2", "", 4, 0, 28000),
]

# ---------------------------------------------------------------------------------------
# Resources.  stock = cumulative (land released by the end of the phase),
# flow = per phase (that phase's budget).  `capacity` limits the whole plan.
# ---------------------------------------------------------------------------------------
RESOURCES = [
    # resource, unit, kind, capacity, capacity_P1, capacity_P2
    ("land_ha", "ha", "stock", 620, 380, 620),
    ("farmland_ha", "ha", "stock", 60, 35, 60),
    ("capital", "10k CNY", "flow", 900000, 450000, 500000),
]

# ---------------------------------------------------------------------------------------
# Links.  requires: from chosen => to chosen (no later); excludes: not both;
# synergy: value (objective units, 10k CNY over the plan) when both are chosen.
# ---------------------------------------------------------------------------------------
LINKS = [
    # from, to, type, value
    ("IC-FAB", "PRJ-TCC", "requires", None),
    ("IC-FAB", "PRJ-SUB", "requires", None),
    ("IC-FAB", "PRJ-WWT", "requires", None),
    ("IC-PKG", "PRJ-TCC", "requires", None),
    ("BIO-GMP", "PRJ-PTP", "requires", None),
    ("BIO-GMP", "PRJ-WWT", "requires", None),
    ("BIO-CDMO", "PRJ-PTP", "requires", None),
    ("BIO-CCL", "PRJ-CCH", "requires", None),
    ("LOG-CC", "PRJ-CCH", "requires", None),
    ("LOG-XB", "PRJ-BLC", "requires", None),
    ("PRJ-BLC", "PRJ-CUS", "requires", None),
    ("NEV-OEM", "PRJ-UTL", "requires", None),
    ("NEV-BAT", "PRJ-UTL", "requires", None),
    ("CHM-FINE", "PRJ-WWT", "requires", None),
    ("CHM-POLY", "PRJ-WWT", "requires", None),
    ("CHM-API", "PRJ-WWT", "requires", None),
    ("SVC-INC", "PRJ-INC", "requires", None),
    ("SVC-ACC", "PRJ-INC", "requires", None),
    ("SVC-IPX", "PRJ-TEX", "requires", None),
    ("SVC-ITO", "PRJ-APT", "requires", None),
    ("SVC-HQ", "PRJ-SCH", "requires", None),
    ("EQP-SYS", "PRJ-IIP", "requires", None),
    # pollution and clean-air conflicts
    ("CHM-FINE", "BIO-GMP", "excludes", None),
    ("CHM-FINE", "IC-FAB", "excludes", None),
    ("CHM-API", "BIO-CDMO", "excludes", None),
    # two uses of the same plot
    ("LOG-RAIL", "PRJ-EXH", "excludes", None),
    ("ELE-DSP", "PV-MOD", "excludes", None),
    # synergies
    ("IC-FAB", "IC-PKG", "synergy", 30000),
    ("IC-FAB", "IC-DSN", "synergy", 25000),
    ("IC-FAB", "IC-MAT", "synergy", 15000),
    ("BIO-GMP", "BIO-CRO", "synergy", 20000),
    ("BIO-GMP", "PRJ-PIL", "synergy", 10000),
    ("NEV-OEM", "NEV-BAT", "synergy", 30000),
    ("NEV-OEM", "EQP-ROB", "synergy", 15000),
    ("EQP-ROB", "EQP-SYS", "synergy", 12000),
    ("SVC-RDC", "SVC-TTC", "synergy", 10000),
    ("SVC-INC", "PRJ-INC", "synergy", 8000),
    ("SVC-TTC", "PRJ-TEX", "synergy", 6000),
    ("SVC-TST", "PRJ-TCC", "synergy", 15000),
    ("SVC-IDS", "PRJ-PIL", "synergy", 8000),
    ("LOG-XB", "PRJ-PORTAL", "synergy", 5000),
    ("LOG-WH", "PRJ-PORTAL", "synergy", 5000),
]

# ---------------------------------------------------------------------------------------
# Chains: the bonus (objective units) is earned once a core member and at least
# min_supplementary supplementary members are chosen.
# ---------------------------------------------------------------------------------------
CHAINS = [
    # chain, min_supplementary, cluster_bonus
    (IC, 2, 60000),
    (BIO, 2, 50000),
    (NEV, 3, 80000),
    (EQP, 2, 40000),
]

# ---------------------------------------------------------------------------------------
# Targets.  Shares and averages are weighted by `basis` (blank = value_added).
# `service` is a sector; `category:chemicals` is prefixed to say explicitly which kind
# of scope it is.  The service share binds at the optimum (without it the best plan
# has ~17 % services); competitiveness is just met; the international share would bind
# if the competitiveness target did not already pull international firms in.
# ---------------------------------------------------------------------------------------
TARGETS = [
    # target, value, scope, basis[, numerator (ratio targets: numerator per basis)]
    ("min_avg_competitiveness", 75, "", ""),
    ("min_service_share", 0.30, "", ""),
    ("min_international_share", 0.40, "", ""),
    ("min_count", 8, "service", ""),
    ("max_count", 1, "category:chemicals", ""),
    ("max_share", 0.15, "category:chemicals", "land_ha"),
    # intensity targets for the chosen industries as a whole: tax per mu at least the
    # national-level zones' average of about 45; energy per value added at most 0.20 tce
    # per 10k CNY (the zone's share of the "dual control" of energy)
    ("min_ratio", 45, "", "mu", "tax"),
    ("max_ratio", 0.20, "", "value_added", "energy_tce"),
]

# ---------------------------------------------------------------------------------------
# Objective: value added plus tax, both in 10k CNY per year, so they add up without
# normalisation (normalise blank = no).  With Phases, a unit counts for the years from
# its entry phase to 2035 (10 years if it enters in P1, 5 in P2); synergies and cluster
# bonuses are added once.
# ---------------------------------------------------------------------------------------
# ---------------------------------------------------------------------------------------
# Measures: numeric columns of Industries that are neither resources nor KPIs, declared
# so that ratio targets and thresholds may name them (projects leave them blank = 0).
# ---------------------------------------------------------------------------------------
MEASURES = [
    # measure, unit, description
    ("investment", "10k CNY", "fixed-asset investment per unit (the firm's and the park's)"),
    ("energy_tce", "tce / year", "energy use per unit per year, tonnes of standard coal"),
]

# ---------------------------------------------------------------------------------------
# Admission thresholds (准入门槛): each manufacturing candidate on its own.
#   tax_per_mu         tax per mu of land at least 15 (10k CNY / mu): the "judge heroes by
#                      output per mu" evaluation; keeps out six traditional plants
#   investment_per_ha  fixed-asset investment per ha at least 3,000 (10k CNY / ha): the
#                      first control indicator of industrial land, at the level a
#                      national-level zone sets for general manufacturing
# ---------------------------------------------------------------------------------------
THRESHOLDS = [
    # threshold, numerator, basis, bound, value, scope
    ("tax_per_mu", "tax", "mu", "min", 15, "sector:manufacturing"),
    ("investment_per_ha", "investment", "land_ha", "min", 3000, "sector:manufacturing"),
]

OBJECTIVE = [
    # kpi, weight, normalise
    ("value_added", 1, ""),
    ("tax", 1, ""),
]

PHASES = [
    # phase, years
    ("P1", 5),  # 2026-2030
    ("P2", 5),  # 2031-2035
]

# Scenarios: named what-ifs, applied by `solve.py --scenario NAME` before validation
# (`solve.py --all-scenarios` solves them all and writes a comparison workbook).
#   land_cut_20     20 % less land released over the plan (P1 release unchanged)
#   service_45      a 45 % service share, as the article's "service-industry clustering"
#   no_chip_fab     the wafer fab investor withdraws
#   budget_plus_10  10 % more public capital in every phase
#   green_services  builds on service_45 (base column) and admits no chemical plant
#   tight_green     only a base: land_cut_20 and green_services together
#   strict_admission  a tax-per-mu threshold of 20 instead of 15 for manufacturing
SCENARIOS = [
    # scenario, sheet, row, column, value, op, base
    ("land_cut_20", "Resources", "land_ha", "capacity", 0.8, "multiply", ""),
    ("land_cut_20", "Resources", "land_ha", "capacity_P2", 0.8, "multiply", ""),
    ("service_45", "Targets", "min_service_share", "value", 0.45, "set", ""),
    ("no_chip_fab", "Industries", "IC-FAB", "decision", "force_out", "set", ""),
    ("budget_plus_10", "Resources", "capital", "capacity", 1.1, "multiply", ""),
    ("budget_plus_10", "Resources", "capital", "capacity_P1", 1.1, "multiply", ""),
    ("budget_plus_10", "Resources", "capital", "capacity_P2", 1.1, "multiply", ""),
    ("green_services", "Targets", "max_count", "value", 0, "set", "service_45"),
    ("tight_green", "", "", "", "", "", "land_cut_20 + green_services"),
    ("strict_admission", "Thresholds", "tax_per_mu", "value", 20, "set", ""),
]

# ---------------------------------------------------------------------------------------
# Sheets (headers exactly as in model/schema.py)
# ---------------------------------------------------------------------------------------
INDUSTRY_HEADER = ["id", "name", "sector", "category", "chain", "role", "international",
                   "competitiveness", "value_added", "tax", "jobs", "max_units",
                   "earliest_phase", "decision", "land_ha", "farmland_ha", "capital",
                   "investment", "energy_tce"]
PROJECT_HEADER = ["id", "name", "type", "value_added", "tax", "jobs", "earliest_phase",
                  "decision", "land_ha", "farmland_ha", "capital"]


def _num(x):
    """Whole numbers as int (so the sheet shows 12, not 12.0)."""
    x = round(float(x), 2)
    return int(x) if x.is_integer() else x


def industry_row(industry: tuple) -> list:
    """One row of Industries (columns of INDUSTRY_HEADER) from a tuple of per-mu
    assumptions (the columns of INDUSTRIES); inputs/make_example_region.py uses it too."""
    (cid, name, sector, category, chain, role, intl, comp, ha, va_mu, tax_mu, jobs_ha,
     inv_mu, public, farm_frac, max_units, earliest, decision) = industry
    mu = ha * MU_PER_HA
    return [
        cid, name, sector, category, chain, role, intl, comp,
        _num(va_mu * mu), _num(tax_mu * mu), _num(jobs_ha * ha), max_units,
        earliest, decision,
        _num(ha), _num(ha * farm_frac), _num(round(inv_mu * mu * public, -2)),
        _num(inv_mu * mu), _num(va_mu * mu * ENERGY_PER_VA[category]),
    ]


def industry_rows() -> list[list]:
    return [industry_row(industry) for industry in INDUSTRIES]


def sheets() -> list[tuple[str, list[str], list[list]]]:
    return [
        ("Industries", INDUSTRY_HEADER, industry_rows()),
        ("Projects", PROJECT_HEADER, [[*p[:3], *map(_num, p[3:6]), p[6], p[7],
                                       *map(_num, p[8:])] for p in PROJECTS]),
        ("Resources", ["resource", "unit", "kind", "capacity", "capacity_P1", "capacity_P2"],
         [list(r) for r in RESOURCES]),
        ("Links", ["from", "to", "type", "value"], [list(r) for r in LINKS]),
        ("Chains", ["chain", "min_supplementary", "cluster_bonus"], [list(r) for r in CHAINS]),
        ("Measures", ["measure", "unit", "description"], [list(r) for r in MEASURES]),
        ("Targets", ["target", "value", "scope", "basis", "numerator"],
         [list(r) + [""] * (5 - len(r)) for r in TARGETS]),
        ("Thresholds", ["threshold", "numerator", "basis", "bound", "value", "scope"],
         [list(r) for r in THRESHOLDS]),
        ("Objective", ["kpi", "weight", "normalise"], [list(r) for r in OBJECTIVE]),
        ("Phases", ["phase", "years"], [list(r) for r in PHASES]),
        ("Scenarios", ["scenario", "sheet", "row", "column", "value", "op", "base"],
         [list(r) for r in SCENARIOS]),
    ]


HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def build_workbook(tables=None, title: str = "Example park: national-level economic and "
                   "technological development zone", script: str = "make_example.py") -> Workbook:
    """The workbook of ``tables`` ((sheet, header, rows) each; default: this example's),
    with fixed document properties so that its bytes never depend on the clock."""
    wb = Workbook()
    wb.remove(wb.active)
    for title_, header, rows in sheets() if tables is None else tables:
        ws = wb.create_sheet(title_)
        ws.append(header)
        for row in rows:
            ws.append([None if v in ("", None) else v for v in row])
        for j, name in enumerate(header, start=1):
            cell = ws.cell(row=1, column=j)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(horizontal="center")
            values = [r[j - 1] for r in rows if r[j - 1] is not None]
            width = max([len(str(name))] + [len(str(v)) for v in values])
            ws.column_dimensions[get_column_letter(j)].width = min(max(width + 2, 8), 48)
        ws.freeze_panes = "A2"
    wb.properties.creator = f"park portfolio optimizer: inputs/{script}"
    wb.properties.title = title
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.lastModifiedBy = None
    return wb


class _FixedTimeZip(zipfile.ZipFile):
    """A ZipFile whose members all carry FIXED_TIME, so the bytes do not depend on the clock."""

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs):
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        return super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs):  # noqa: ARG002 - ZipFile's signature
        # openpyxl writes worksheets from a temporary file; keep its bytes, not its mtime
        with open(filename, "rb") as f:
            self.writestr(arcname or Path(filename).name, f.read())


def save(wb: Workbook, path: Path) -> None:
    """Save without openpyxl's save_workbook, which stamps the current time."""
    buffer = io.BytesIO()
    archive = _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()  # closes the archive
    path.write_bytes(buffer.getvalue())


def main() -> None:
    save(build_workbook(), OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
