"""Fonts that render Chinese in the report's images and in Word, offline.

**Images (matplotlib)** bake their glyphs into the PNG, so the font must be on the
machine that draws them.  The ``report`` extra installs ``pylopdf-fonts-zh-cn``, a
PyPI package that ships Noto Sans SC (SIL Open Font License) as a plain file; it is
registered with ``matplotlib.font_manager.addfont`` — nothing is downloaded at run time
and no system font is needed.  When that package is missing, a Chinese font already
installed on the machine is used (Noto Sans CJK, Source Han Sans, WenQuanYi, Microsoft
YaHei, SimHei, PingFang).  With ``--lang zh`` and no Chinese font at all the report
stops with a message naming the extra; with ``--lang en`` Latin text still renders.

**Word** does not embed fonts here: the text stays text.  Every style names
:data:`WORD_LATIN_FONT` for Latin text and :data:`WORD_EAST_ASIA_FONT` (微软雅黑,
present on every Chinese Windows and in Office for Mac) in ``w:eastAsia`` for Chinese,
so Word picks a Chinese font for Chinese characters; WPS and LibreOffice substitute
their own Chinese font when it is missing.
"""

from __future__ import annotations

WORD_LATIN_FONT = "Calibri"
WORD_EAST_ASIA_FONT = "Microsoft YaHei"

#: Chinese-capable families tried when the bundled font is not installed
SYSTEM_CJK_FAMILIES = (
    "Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN",
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC",
    "Heiti SC", "Noto Sans CJK JP", "Noto Sans CJK",
)


class FontMissing(Exception):
    """No font that can draw Chinese is available."""


def bundled_cjk_font() -> str | None:
    """Path of the Noto Sans SC file shipped by the ``report`` extra, if installed."""
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        return None
    try:
        path = pylopdf_fonts_zh_cn.sans_path()
    except Exception:  # noqa: BLE001 - a broken font package is the same as none
        return None
    return str(path) if path and path.is_file() else None


_CHOSEN: dict = {}


def matplotlib_cjk_family() -> str | None:
    """Register and return the family name of a Chinese font for matplotlib (cached)."""
    if "family" in _CHOSEN:
        return _CHOSEN["family"]
    from matplotlib import font_manager

    family = None
    path = bundled_cjk_font()
    if path:
        try:
            font_manager.fontManager.addfont(path)
            family = font_manager.FontProperties(fname=path).get_name()
        except (OSError, RuntimeError, ValueError):
            family = None
    if family is None:
        installed = {f.name for f in font_manager.fontManager.ttflist}
        family = next((f for f in SYSTEM_CJK_FAMILIES if f in installed), None)
    _CHOSEN["family"] = family
    return family


def matplotlib_fonts(lang: str) -> dict:
    """rcParams for the report's images: Latin text in DejaVu Sans (matplotlib's own),
    Chinese in the CJK family (matplotlib falls back glyph by glyph along the list)."""
    family = matplotlib_cjk_family()
    if family is None and lang == "zh":
        raise FontMissing("no font that can draw Chinese was found for the report's charts; "
                          "install the report extra: pip install \"park-portfolio[report]\"")
    order = ["DejaVu Sans"]
    if family:
        order = [family, "DejaVu Sans"] if lang == "zh" else ["DejaVu Sans", family]
    return {"font.family": "sans-serif", "font.sans-serif": order,
            "axes.unicode_minus": False}


def word_fonts(style_or_run, size_pt: float | None = None, bold: bool | None = None) -> None:
    """Latin and East Asian font names on a python-docx style or run (``w:rFonts``)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = style_or_run.font
    font.name = WORD_LATIN_FONT
    if size_pt is not None:
        font.size = Pt(size_pt)
    if bold is not None:
        font.bold = bold
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), WORD_EAST_ASIA_FONT)
    fonts.set(qn("w:ascii"), WORD_LATIN_FONT)
    fonts.set(qn("w:hAnsi"), WORD_LATIN_FONT)
