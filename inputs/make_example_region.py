"""Write ``inputs/example_region.xlsx``: the bundled example of a regional plan.

A fictional but credible Chinese national high-tech industrial development zone (国家高新区)
of four sub-parks (一区多园), planning two five-year phases (P1 2026-2030, P2 2031-2035):

* ``MFG`` Advanced Manufacturing Park: plenty of land (420 ha still free), the zone's
  utilities and wastewater plants, the natural home of fabs, vehicle and equipment plants;
* ``SCI`` Science City: little land (45 ha) but the universities and labs: R&D centres,
  incubators and technology exchange platforms need less land, pay more and cost the zone
  less there (rows of Sites);
* ``BND`` Bonded Logistics Area (综合保税区): the customs-supervised area, the only place for
  bonded warehouses and the bonded logistics centre; firms settling there are
  internationally positioned (rows of Sites);
* ``NEW`` New Town: cheap land (320 ha) and its own farmland-conversion quota (45 ha), but
  weaker competitiveness: every firm settling there scores 6 points lower and costs the
  zone a quarter less public capital (land is cheap) (:data:`NEW_TOWN`).

The candidates are one pool for the whole zone: a firm settles in one park unless its
``max_parks`` says more, and its ``parks`` column lists where it may go (blank: any park).
Land is each park's own; the public capital budget and the energy quota are shared by the
zone.  Planning alone, the parks chase the same firms (R&D centres, headquarters, the
wafer fab, the vehicle plant ...): the Coordination sheet of a run shows what that
costs and what the coordinated plan gains.

Industries are written as per-mu assumptions from the ranges of ``docs/magnitudes.md``
and turned into per-unit columns by ``make_example.industry_row`` (the single-park
example's conversion: value added and tax per mu x mu, jobs per ha x ha, capital = the
zone's public share of the investment, farmland = land x the converted fraction,
investment, energy = value added x the category's energy intensity).  ``farmland_ha`` is
counted only in the New Town, the one park with a conversion quota (elsewhere the plots
are already construction land).

Run ``python inputs/make_example_region.py`` (from anywhere).  The output is byte-for-byte
the same on every run: no randomness, fixed document dates, fixed zip timestamps.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_example import (  # noqa: E402 - the single-park example's helpers, next to this file
    ADV,
    BIO,
    CHEM,
    DESIGN,
    ENERGY_PER_VA,
    EQP,
    HIGH,
    HQ,
    IC,
    INCUB,
    INDUSTRY_HEADER,
    LOGI,
    NEV,
    OUTS,
    PROJECT_HEADER,
    RND,
    SUPP,
    TEST,
    TRAD,
    TTRANS,
    M,
    S,
    _num,
    build_workbook,
    industry_row,
    save,
)

OUT = Path(__file__).resolve().parent / "example_region.xlsx"

MFG, SCI, BND, NEW = "MFG", "SCI", "BND", "NEW"
ANY = ""  # a blank parks cell: any park
XBEC = "cross-border e-commerce"

# ---------------------------------------------------------------------------------------
# Parks.  max_sacrifice: the coordinated plan may give the park no less than 80 % of what
# it reaches planning alone (the two parks that fear being stripped for the others);
# alone_share: its share of the zone's capital and energy when planning alone (the New
# Town's is blank: what the others leave, 0.2).
# ---------------------------------------------------------------------------------------
PARKS = [
    # park, name, level, district, max_sacrifice, alone_share
    (MFG, "Advanced Manufacturing Park", "national", "Eastern district", None, 0.40),
    (SCI, "Science City", "national", "University district", None, 0.20),
    (BND, "Bonded Logistics Area", "national (comprehensive bonded zone)", "Airport district",
     0.2, 0.20),
    (NEW, "New Town Industrial Park", "provincial", "Northern new town", 0.2, None),
]

# ---------------------------------------------------------------------------------------
# Industries, as per-mu assumptions (the columns of make_example.INDUSTRIES) and then
# parks (blank = any) and max_parks (blank = 1):
#   id, name, sector, category, chain, role, international, competitiveness,
#   ha, VA/mu, tax/mu, jobs/ha, investment/mu, public share, farmland fraction,
#   max_units, earliest_phase, decision, parks, max_parks
# ---------------------------------------------------------------------------------------
INDUSTRIES = [
    # --- integrated circuits chain (per park) -------------------------------------------
    ("IC-FAB", "12-inch wafer fab", M, HIGH, IC, "core", "yes", 88,
     40, 600, 100, 90, 1500, 0.15, 0.10, 1, "", "", "MFG,NEW", 1),
    ("IC-PKG", "Advanced packaging and test", M, HIGH, IC, "core", "yes", 80,
     15, 320, 45, 160, 900, 0.15, 0.00, 1, "", "", "MFG,BND,NEW", 1),
    ("IC-MAT", "Electronic materials (wafers, photoresists)", M, HIGH, IC, SUPP, "no", 76,
     10, 300, 40, 110, 800, 0.15, 0.10, 1, "", "", "MFG,NEW", 1),
    ("IC-EQP", "Semiconductor equipment parts", M, ADV, IC, SUPP, "no", 72,
     8, 240, 35, 180, 500, 0.12, 0.00, 1, "", "", "MFG,NEW", 1),
    ("IC-GAS", "Electronic specialty gases", M, HIGH, IC, SUPP, "no", 70,
     6, 260, 35, 80, 700, 0.15, 0.10, 1, "", "", "MFG,NEW", 1),
    ("IC-DSN", "IC design house", S, DESIGN, IC, SUPP, "no", 84,
     3, 750, 130, 1600, 1500, 0.10, 0.00, 2, "", "", "SCI,MFG", 1),
    # --- biopharma chain (per park) -----------------------------------------------------
    ("BIO-GMP", "Biologics GMP plant", M, HIGH, BIO, "core", "yes", 85,
     20, 520, 85, 120, 1300, 0.15, 0.00, 1, "", "", "MFG,NEW", 1),
    ("BIO-DEV", "High-end medical devices", M, HIGH, BIO, "core", "no", 78,
     12, 380, 60, 180, 900, 0.15, 0.00, 1, "", "", "MFG,BND", 1),
    ("BIO-INN", "Innovative-drug R&D centre", S, RND, BIO, "core", "yes", 84,
     3, 650, 100, 1200, 1400, 0.10, 0.00, 1, "", "", "SCI,MFG", 1),
    ("BIO-CDMO", "Contract development and manufacturing (CDMO)", M, HIGH, BIO, SUPP, "no",
     77, 10, 420, 55, 140, 1100, 0.15, 0.00, 1, "", "", "MFG,NEW", 1),
    ("BIO-RGT", "Bio-reagents and lab consumables", M, HIGH, BIO, SUPP, "no", 68,
     6, 280, 40, 150, 700, 0.15, 0.00, 1, "", "", "MFG,SCI", 1),
    ("BIO-CRO", "Contract research organisation (CRO)", S, RND, BIO, SUPP, "no", 80,
     3, 600, 90, 1200, 1200, 0.10, 0.00, 2, "", "", "SCI,MFG", 2),
    ("BIO-CCL", "Pharmaceutical cold-chain distribution", S, LOGI, BIO, SUPP, "no", 60,
     8, 60, 12, 90, 220, 0.15, 0.20, 1, "", "", "BND,NEW", 1),
    # --- new-energy vehicles chain (per park) -------------------------------------------
    ("NEV-OEM", "New-energy vehicle assembly plant", M, ADV, NEV, "core", "no", 78,
     60, 260, 45, 160, 550, 0.12, 0.25, 1, "", "", "MFG,NEW", 1),
    ("NEV-BAT", "Power battery cell line", M, HIGH, NEV, SUPP, "no", 74,
     30, 300, 40, 120, 750, 0.15, 0.20, 2, "", "", "MFG,NEW", 2),
    ("NEV-MOT", "E-drive motors and controllers", M, ADV, NEV, SUPP, "no", 72,
     12, 240, 35, 180, 450, 0.12, 0.00, 1, "", "", "MFG,NEW", 1),
    ("NEV-PRT", "Lightweight body and chassis parts", M, ADV, NEV, SUPP, "no", 64,
     10, 180, 25, 200, 350, 0.12, 0.10, 2, "", "", "MFG,NEW", 1),
    ("NEV-CHG", "Charging and battery-swap equipment", M, ADV, NEV, SUPP, "no", 68,
     6, 200, 30, 150, 400, 0.12, 0.00, 1, "P2", "", "MFG,NEW", 1),
    ("NEV-SW", "Automotive software and smart-cockpit R&D", S, RND, NEV, SUPP, "no", 82,
     2, 700, 110, 1500, 1400, 0.10, 0.00, 1, "", "", "MFG,NEW", 1),
    # --- smart equipment chain (per park) -----------------------------------------------
    ("EQP-ROB", "Industrial robots", M, ADV, EQP, "core", "yes", 81,
     15, 280, 42, 200, 580, 0.12, 0.00, 1, "", "", "MFG,NEW", 1),
    ("EQP-CNC", "High-end CNC machine tools", M, ADV, EQP, SUPP, "no", 73,
     12, 230, 32, 170, 500, 0.12, 0.10, 1, "", "", "MFG,NEW", 1),
    ("EQP-SEN", "Sensors and precision components", M, HIGH, EQP, SUPP, "no", 75,
     6, 320, 45, 170, 800, 0.15, 0.00, 1, "", "", "MFG,SCI", 1),
    ("EQP-SYS", "System integration and industrial software", S, OUTS, EQP, SUPP, "no", 76,
     2, 550, 80, 1100, 1000, 0.10, 0.00, 1, "", "", ANY, 1),
    # --- cross-border e-commerce chain (scope region: its members may sit in any park) --
    ("XB-PLT", "Cross-border e-commerce platform operator", S, OUTS, XBEC, "core", "yes", 74,
     2, 450, 70, 1400, 800, 0.10, 0.00, 1, "", "", "BND,SCI", 1),
    ("XB-BWH", "Bonded warehousing and fulfilment", S, LOGI, XBEC, SUPP, "yes", 62,
     15, 80, 12, 90, 220, 0.15, 0.00, 2, "", "", BND, 1),
    ("XB-PAY", "Cross-border payment and settlement", S, HQ, XBEC, SUPP, "yes", 70,
     1, 700, 140, 800, 1500, 0.10, 0.00, 1, "", "", "SCI,BND", 1),
    ("XB-EXP", "Export consumer-brand manufacturer", M, ADV, XBEC, SUPP, "yes", 62,
     12, 180, 25, 250, 420, 0.12, 0.10, 1, "", "", "NEW,MFG,BND", 1),
    ("XB-MKT", "E-commerce and digital marketing services", S, OUTS, XBEC, SUPP, "no", 63,
     2, 400, 60, 1400, 700, 0.10, 0.00, 1, "P2", "", ANY, 1),
    # --- other manufacturing (no chain) -------------------------------------------------
    ("EQP-RAIL", "Rail-transit equipment", M, ADV, "", "", "no", 70,
     20, 220, 30, 150, 480, 0.12, 0.10, 1, "", "", "MFG,NEW", 1),
    ("EQP-AERO", "Aero-engine and gas-turbine components", M, HIGH, "", "", "no", 80,
     15, 380, 50, 110, 1200, 0.15, 0.00, 1, "P2", "", MFG, 1),
    ("EQP-MRO", "Bonded maintenance and remanufacturing", M, ADV, "", "", "yes", 72,
     8, 260, 40, 150, 500, 0.12, 0.00, 1, "", "", BND, 1),
    ("ELE-PCB", "High-density printed circuit boards", M, ADV, "", "", "no", 66,
     12, 200, 30, 220, 450, 0.12, 0.10, 1, "", "", "MFG,NEW", 1),
    ("ELE-SRV", "Servers and computing hardware", M, ADV, "", "", "no", 72,
     10, 280, 40, 180, 500, 0.12, 0.00, 1, "", "", "MFG,BND", 1),
    ("ELE-CON", "Consumer electronics assembly (export)", M, ADV, "", "", "yes", 60,
     20, 170, 22, 250, 400, 0.12, 0.10, 1, "", "", "BND,NEW,MFG", 1),
    ("PV-MOD", "Solar cell and module plant", M, ADV, "", "", "yes", 62,
     30, 180, 22, 110, 500, 0.12, 0.20, 1, "", "", "NEW,MFG", 1),
    ("NMT-CF", "Carbon-fibre composites", M, HIGH, "", "", "no", 74,
     15, 300, 45, 100, 1000, 0.15, 0.10, 1, "P2", "", "MFG,NEW", 1),
    ("TRD-FOOD", "Food and beverage processing", M, TRAD, "", "", "no", 53,
     10, 130, 18, 200, 260, 0.10, 0.30, 2, "", "", NEW, 1),
    ("TRD-AGR", "Agricultural machinery", M, TRAD, "", "", "no", 50,
     10, 120, 16, 170, 240, 0.10, 0.30, 1, "", "", NEW, 1),
    ("TRD-BLD", "Prefabricated building components", M, TRAD, "", "", "no", 48,
     10, 110, 15, 150, 220, 0.10, 0.30, 1, "", "", NEW, 1),
    ("CHM-FINE", "Fine chemicals", M, CHEM, "", "", "no", 58,
     40, 180, 35, 50, 450, 0.10, 0.20, 1, "", "", "NEW,MFG", 1),
    ("CHM-POLY", "Engineering plastics and resins", M, CHEM, "", "", "yes", 62,
     30, 170, 30, 60, 400, 0.10, 0.20, 1, "", "", "NEW,MFG", 1),
    ("CHM-API", "Active pharmaceutical ingredients", M, CHEM, "", "", "no", 56,
     25, 160, 28, 60, 400, 0.10, 0.20, 1, "", "", "NEW,MFG", 1),
    # --- services -----------------------------------------------------------------------
    ("SVC-RDC", "Multinational R&D centre", S, RND, "", "", "yes", 86,
     3, 700, 120, 1200, 1600, 0.10, 0.00, 2, "", "", ANY, 1),
    ("SVC-LAB", "University joint research institute", S, RND, "", "", "no", 78,
     5, 400, 40, 900, 1500, 0.30, 0.00, 1, "", "", "SCI,MFG", 1),
    ("SVC-INC", "Science-park incubation operator", S, INCUB, "", "", "no", 70,
     2, 300, 40, 1000, 800, 0.10, 0.00, 2, "", "", "SCI,NEW,MFG", 2),
    ("SVC-ACC", "Hardware accelerator and maker space", S, INCUB, "", "", "no", 72,
     1.5, 350, 45, 1200, 900, 0.10, 0.00, 1, "", "", "SCI,MFG", 1),
    ("SVC-TTC", "Technology transfer centre", S, TTRANS, "", "", "no", 74,
     1, 450, 60, 900, 800, 0.10, 0.00, 1, "", "", "SCI,MFG", 1),
    ("SVC-IPX", "International technology and IP exchange", S, TTRANS, "", "", "yes", 76,
     1, 500, 80, 800, 900, 0.10, 0.00, 1, "", "", "SCI,BND", 1),
    ("SVC-BPO", "Business process outsourcing centre", S, OUTS, "", "", "yes", 64,
     4, 350, 50, 1800, 600, 0.10, 0.00, 3, "", "", "NEW,BND,MFG", 1),
    ("SVC-ITO", "IT outsourcing and software delivery centre", S, OUTS, "", "", "yes", 70,
     4, 450, 70, 1600, 700, 0.10, 0.00, 3, "", "", "SCI,NEW,BND", 1),
    ("SVC-IDS", "Industrial design studios", S, DESIGN, "", "", "no", 72,
     3, 500, 70, 1000, 900, 0.10, 0.00, 1, "", "", "SCI,MFG", 1),
    ("SVC-TST", "Third-party testing and inspection", S, TEST, "", "", "yes", 73,
     4, 400, 60, 900, 1000, 0.10, 0.00, 1, "", "", ANY, 1),
    ("SVC-HQ", "Regional headquarters", S, HQ, "", "", "yes", 83,
     3, 800, 150, 1000, 2000, 0.10, 0.00, 2, "", "", "SCI,BND,MFG", 1),
    ("SVC-FIN", "Supply-chain finance and settlement centre", S, HQ, "", "", "no", 68,
     1, 700, 140, 800, 1500, 0.10, 0.00, 1, "", "", "BND,SCI", 1),
    ("SVC-TRD", "Imported-goods trading and exhibition services", S, OUTS, "", "", "yes", 66,
     3, 350, 60, 900, 600, 0.10, 0.00, 1, "", "", BND, 1),
    # logistics: a general warehousing firm may run depots in two parks
    ("LOG-WH", "General warehousing and distribution", S, LOGI, "", "", "no", 53,
     20, 50, 8, 70, 150, 0.15, 0.15, 3, "", "", ANY, 2),
    ("LOG-CC", "Cold-chain logistics", S, LOGI, "", "", "no", 58,
     10, 60, 10, 80, 250, 0.15, 0.20, 1, "", "", "BND,NEW", 1),
    ("LOG-RAIL", "Rail-road intermodal freight yard", S, LOGI, "", "", "yes", 56,
     60, 40, 5, 50, 200, 0.15, 0.30, 1, "", "", "NEW,BND", 1),
]

# ---------------------------------------------------------------------------------------
# Supplementary projects.  Columns of make_example.PROJECTS (id, name, type, value_added,
# tax, jobs, earliest_phase, decision, land_ha, farmland_ha, capital) and then parks and
# max_parks.  Infrastructure that each park builds for itself (utilities, wastewater,
# substations, incubator buildings, talent apartments) may be built in several parks;
# the one-per-zone facilities (exhibition centre, international school, the exchange
# platform) in one.
# ---------------------------------------------------------------------------------------
PROJECTS = [
    ("PRJ-PTP", "Public technology platform (shared labs, pilot lines)", "platform",
     800, 100, 60, "", "", 2, 0, 15000, "MFG,SCI,NEW", 2),
    ("PRJ-INC", "Incubator building", "incubator",
     300, 40, 80, "", "", 3, 0, 12000, "SCI,NEW,MFG", 3),
    ("PRJ-TEX", "Technology exchange platform", "platform",
     200, 30, 25, "", "", 0.5, 0, 3000, "SCI,MFG,BND", 1),
    ("PRJ-BLC", "Bonded logistics centre (type B)", "logistics hub",
     2500, 400, 300, "", "", 10, 0, 35000, BND, 1),
    ("PRJ-CUS", "Customs inspection station", "logistics hub",
     0, 0, 60, "", "", 2, 0, 6000, BND, 1),
    ("PRJ-TCC", "Testing and certification centre", "platform",
     600, 80, 120, "", "", 3, 0, 20000, ANY, 2),
    ("PRJ-APT", "Talent apartments", "housing",
     0, 0, 40, "", "", 6, 1, 40000, ANY, 4),
    ("PRJ-UTL", "Utilities upgrade (power, gas, water mains)", "utilities",
     0, 0, 30, "", "", 4, 1, 48000, "MFG,NEW", 2),
    ("PRJ-WWT", "Industrial wastewater treatment plant", "utilities",
     0, 0, 40, "", "", 3, 1.5, 22000, "MFG,NEW", 2),
    ("PRJ-SUB", "220 kV substation with dual power feed", "utilities",
     0, 0, 10, "", "", 2, 1, 30000, "MFG,NEW", 2),
    ("PRJ-CCH", "Cold-chain hub", "logistics hub",
     400, 60, 80, "", "", 5, 1.5, 18000, "BND,NEW", 1),
    ("PRJ-EXH", "Exhibition and convention centre", "exhibition",
     1500, 200, 150, "P2", "", 8, 0, 45000, "SCI,BND,NEW", 1),
    ("PRJ-PIL", "R&D pilot base", "pilot base",
     500, 60, 120, "", "", 5, 1, 25000, "SCI,MFG", 1),
    ("PRJ-IIP", "Industrial internet platform", "platform",
     300, 40, 50, "", "", 0, 0, 8000, "MFG,NEW", 1),
    ("PRJ-SCH", "International school", "social",
     0, 0, 120, "P2", "", 4, 0, 28000, "SCI,BND", 1),
    ("PRJ-XBS", "Cross-border e-commerce public service platform", "platform",
     300, 50, 40, "", "", 0.5, 0, 5000, BND, 1),
]

# ---------------------------------------------------------------------------------------
# Sites: a firm's numbers where a park's character changes them (blank = the firm's own).
#   ha: land per unit there; va, tax, capital: factors on the firm's per-unit value added,
#   tax and public capital; comp: competitiveness there; intl: international there;
#   earliest: first phase there; decision: force_in / force_out there.
# ---------------------------------------------------------------------------------------
SITES = [
    # Science City: the R&D base.  Denser plots, the universities' talent and labs: R&D,
    # incubation and technology-transfer firms need less land, earn more and cost the
    # zone less there (the labs exist already).
    ("SVC-RDC", SCI, dict(ha=2, va=1.25, tax=1.2, capital=0.6, comp=90)),
    ("SVC-LAB", SCI, dict(ha=3, va=1.3, capital=0.5, comp=84)),
    ("SVC-INC", SCI, dict(ha=1, va=1.3, tax=1.2, capital=0.5, comp=76)),
    ("SVC-ACC", SCI, dict(ha=1, va=1.25, tax=1.2, capital=0.5, comp=77)),
    ("SVC-TTC", SCI, dict(va=1.3, tax=1.2, capital=0.6, comp=80)),
    ("SVC-IDS", SCI, dict(ha=2, va=1.2, capital=0.7, comp=76)),
    ("IC-DSN", SCI, dict(ha=2, va=1.2, tax=1.1, capital=0.7, comp=88)),
    ("BIO-CRO", SCI, dict(ha=2, va=1.2, tax=1.1, capital=0.7, comp=84)),
    ("BIO-INN", SCI, dict(ha=2, va=1.2, tax=1.1, capital=0.7, comp=88)),
    ("PRJ-INC", SCI, dict(ha=1.5, va=1.5, capital=0.5)),
    ("PRJ-TEX", SCI, dict(va=2.0, tax=2.0, capital=0.5)),
    ("PRJ-PIL", SCI, dict(ha=3, capital=0.7)),
    # Bonded Logistics Area: bonded processing and trade.  Firms there are internationally
    # positioned; export assembly and testing earn more with bonded status; a bonded
    # service centre needs customs-cleared premises first (its earliest phase).
    ("ELE-CON", BND, dict(va=1.2, tax=1.2, comp=66)),
    ("IC-PKG", BND, dict(va=1.1, comp=82)),
    ("SVC-TST", BND, dict(va=1.15, comp=76)),
    ("XB-EXP", BND, dict(va=1.2, tax=1.2, comp=66)),
    ("ELE-SRV", BND, dict(intl="yes", comp=74)),
    ("BIO-DEV", BND, dict(intl="yes", earliest="P2")),
    ("SVC-ITO", BND, dict(va=1.1, comp=72)),
    ("SVC-BPO", BND, dict(va=1.1, comp=66)),
    ("LOG-WH", BND, dict(va=1.4, tax=1.3, intl="yes")),
    ("LOG-CC", BND, dict(intl="yes")),
    ("SVC-RDC", BND, dict(comp=82)),
    ("SVC-HQ", BND, dict(comp=80)),
    # Advanced Manufacturing Park: the robot maker's investment agreement is signed there.
    ("EQP-ROB", MFG, dict(decision="force_in")),
    # New Town: the site for the wafer fab is not serviced before 2031.
    ("IC-FAB", NEW, dict(earliest="P2")),
]

#: New Town rule, applied to every firm that may settle there on top of its SITES row:
#: land is cheap (the zone pays a quarter less public capital) but the location is weaker
#: (6 points less competitiveness: thinner supplier base, longer commute from the city).
NEW_TOWN = dict(va=0.95, tax=0.95, capital=0.75, comp=-6)

# ---------------------------------------------------------------------------------------
# Resources.  Land and the farmland quota are each park's own (column park); the public
# capital budget (flow: per phase) and the energy-use quota (stock: per year, by the end
# of each phase) are shared by the zone.
# ---------------------------------------------------------------------------------------
RESOURCES = [
    # resource, unit, kind, capacity, capacity_P1, capacity_P2, park
    ("land_ha", "ha", "stock", 420, 260, 420, MFG),
    ("land_ha", "ha", "stock", 45, 30, 45, SCI),
    ("land_ha", "ha", "stock", 160, 100, 160, BND),
    ("land_ha", "ha", "stock", 320, 160, 320, NEW),
    ("farmland_ha", "ha", "stock", 45, 20, 45, NEW),
    ("capital", "10k CNY", "flow", 1300000, 650000, 700000, ""),
    ("energy_tce", "tce / year", "stock", 800000, 480000, 800000, ""),
]

# ---------------------------------------------------------------------------------------
# Links: between the sites of one park (a requirement is met in the same park).
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
    ("XB-BWH", "PRJ-BLC", "requires", None),
    ("PRJ-BLC", "PRJ-CUS", "requires", None),
    ("SVC-TRD", "PRJ-CUS", "requires", None),
    ("XB-PLT", "PRJ-XBS", "requires", None),
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
    # synergies (earned in a park with both)
    ("IC-FAB", "IC-PKG", "synergy", 30000),
    ("IC-FAB", "IC-DSN", "synergy", 25000),
    ("IC-FAB", "IC-MAT", "synergy", 15000),
    ("BIO-GMP", "BIO-CRO", "synergy", 20000),
    ("BIO-INN", "BIO-CRO", "synergy", 15000),
    ("BIO-INN", "PRJ-PIL", "synergy", 10000),
    ("NEV-OEM", "NEV-BAT", "synergy", 30000),
    ("NEV-OEM", "EQP-ROB", "synergy", 15000),
    ("EQP-ROB", "EQP-SYS", "synergy", 12000),
    ("SVC-RDC", "SVC-TTC", "synergy", 10000),
    ("SVC-INC", "PRJ-INC", "synergy", 8000),
    ("SVC-TTC", "PRJ-TEX", "synergy", 6000),
    ("SVC-TST", "PRJ-TCC", "synergy", 15000),
    ("SVC-IDS", "PRJ-PIL", "synergy", 8000),
    ("XB-PLT", "PRJ-XBS", "synergy", 10000),
    ("XB-BWH", "PRJ-BLC", "synergy", 10000),
    ("SVC-TRD", "PRJ-EXH", "synergy", 10000),
]

# ---------------------------------------------------------------------------------------
# Chains.  scope park (the default): a supplementary member needs a core member in its own
# park, and the bonus is earned in each park that completes the chain; scope region:
# anywhere in the zone, once (cross-border e-commerce: the platform in one park, the
# bonded warehouses in another, the export makers in a third).
# ---------------------------------------------------------------------------------------
CHAINS = [
    # chain, min_supplementary, cluster_bonus, scope
    (IC, 2, 60000, "park"),
    (BIO, 2, 50000, "park"),
    (NEV, 3, 80000, "park"),
    (EQP, 2, 40000, "park"),
    (XBEC, 2, 40000, "region"),
]

# ---------------------------------------------------------------------------------------
# Targets.  Blank park: the zone as a whole (a park planning alone ignores them);
# a park: that park's industries.  The specialisation rules keep the parks from all
# chasing the same chains: a chain in at most 2 parks, each park carrying at least one
# chain, chemicals in one park only, logistics in at most two.
# ---------------------------------------------------------------------------------------
TARGETS = [
    # target, value, scope, basis, park
    ("min_avg_competitiveness", 74, "", "", ""),
    ("min_service_share", 0.30, "", "", ""),
    ("min_international_share", 0.35, "", "", ""),
    ("min_count", 5, "service", "", SCI),
    ("min_international_share", 0.50, "", "", BND),
    ("max_count", 1, "category:chemicals", "", NEW),
    ("max_chain_parks", 2, "", "", ""),
    ("min_park_chains", 1, "", "", ""),
    ("max_industry_parks", 1, "category:chemicals", "", ""),
    ("max_industry_parks", 2, "category:logistics", "", ""),
]

MEASURES = [
    # measure, unit, description
    ("investment", "10k CNY", "fixed-asset investment per unit (the firm's and the zone's)"),
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

# ---------------------------------------------------------------------------------------
# Sheets
# ---------------------------------------------------------------------------------------
REGION_INDUSTRY_HEADER = [*INDUSTRY_HEADER, "parks", "max_parks"]
#: projects use no energy of the quota worth counting: their energy_tce column is blank (0)
REGION_PROJECT_HEADER = [*PROJECT_HEADER, "energy_tce", "parks", "max_parks"]
#: the Sites columns this example writes (a blank cell keeps the firm's own value)
SITE_HEADER = ["id", "park", "land_ha", "value_added", "tax", "capital", "competitiveness",
               "international", "earliest_phase", "decision"]


def industry_rows() -> list[list]:
    return [industry_row(t[:18]) + [t[18], t[19]] for t in INDUSTRIES]


def project_rows() -> list[list]:
    return [[*p[:3], *map(_num, p[3:6]), p[6], p[7], *map(_num, p[8:11]), "", p[11], p[12]]
            for p in PROJECTS]


def _allowed(parks_cell: str) -> list[str]:
    return [p.strip() for p in parks_cell.split(",")] if parks_cell else [p[0] for p in PARKS]


def site_rows() -> list[list]:
    """SITES and the New Town rule, as per-unit cells (firm order, then park order)."""
    own = {row[0]: dict(zip(INDUSTRY_HEADER, row)) for row in industry_rows()}
    own |= {row[0]: dict(zip(PROJECT_HEADER, row)) for row in project_rows()}
    comp = {t[0]: t[7] for t in INDUSTRIES}
    pools = {t[0]: _allowed(t[18]) for t in INDUSTRIES} | {p[0]: _allowed(p[11])
                                                          for p in PROJECTS}
    given = {(cid, park): change for cid, park, change in SITES}
    order = [t[0] for t in INDUSTRIES] + [p[0] for p in PROJECTS]
    parks = [p[0] for p in PARKS]
    rows = []
    for cid in order:
        for park in parks:
            change = dict(given.get((cid, park), {}))
            if park == NEW and park in pools[cid]:
                for key in ("va", "tax", "capital"):
                    change[key] = change.get(key, 1) * NEW_TOWN[key]
                if cid in comp:
                    change.setdefault("comp", comp[cid] + NEW_TOWN["comp"])
            if not change:
                continue
            assert park in pools[cid], f"{cid} may not settle in {park}"
            base = own[cid]
            rows.append([
                cid, park,
                _num(change["ha"]) if "ha" in change else "",
                _num(round(base["value_added"] * change["va"])) if "va" in change else "",
                _num(round(base["tax"] * change["tax"])) if "tax" in change else "",
                _num(round(base["capital"] * change["capital"], -2)) if "capital" in change
                else "",
                change.get("comp", ""), change.get("intl", ""), change.get("earliest", ""),
                change.get("decision", ""),
            ])
    return rows


def sheets() -> list[tuple[str, list[str], list[list]]]:
    return [
        ("Parks", ["park", "name", "level", "district", "max_sacrifice", "alone_share"],
         [list(p) for p in PARKS]),
        ("Industries", REGION_INDUSTRY_HEADER, industry_rows()),
        ("Projects", REGION_PROJECT_HEADER, project_rows()),
        ("Sites", SITE_HEADER, site_rows()),
        ("Resources", ["resource", "unit", "kind", "capacity", "capacity_P1", "capacity_P2",
                       "park"], [list(r) for r in RESOURCES]),
        ("Links", ["from", "to", "type", "value"], [list(r) for r in LINKS]),
        ("Chains", ["chain", "min_supplementary", "cluster_bonus", "scope"],
         [list(r) for r in CHAINS]),
        ("Measures", ["measure", "unit", "description"], [list(r) for r in MEASURES]),
        ("Targets", ["target", "value", "scope", "basis", "park"], [list(r) for r in TARGETS]),
        ("Objective", ["kpi", "weight", "normalise"], [list(r) for r in OBJECTIVE]),
        ("Phases", ["phase", "years"], [list(r) for r in PHASES]),
    ]


def write(path: Path = OUT) -> None:
    """The example workbook at ``path`` (the tests rebuild it into a temporary folder)."""
    assert set(ENERGY_PER_VA) >= {t[3] for t in INDUSTRIES}
    save(build_workbook(sheets(), "Example region: national high-tech zone of four parks",
                        "make_example_region.py"), path)


def main() -> None:
    write(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
