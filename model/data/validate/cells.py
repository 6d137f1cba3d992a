"""One cell -> one typed value of a schema column, or :data:`MISSING` when it does not fit.

No problem is recorded here: the readers decide what to say (see :mod:`.table`).
"""

from __future__ import annotations

import datetime as _dt
import math
import re

from ...workbook import schema as S

#: numbers beyond this magnitude are refused (they break the solver's tolerances)
MAX_MAGNITUDE = 1e12

#: what :func:`convert` returns for a value that does not fit its column
MISSING = object()

_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?%?$")
_TIMES = (_dt.date, _dt.datetime, _dt.time, _dt.timedelta)
_YES = ("yes", "y", "true", "1", "是")
_NO = ("no", "n", "false", "0", "否")


def blank(v) -> bool:
    """None or whitespace only.  NaN is a value (and an error), not a blank."""
    if v is None:
        return True
    if isinstance(v, str):
        return v.strip() == ""
    return False


def _number_text(text: str) -> float | None:
    """'1,000.5', '40 %', ' 6 ' -> a float; '1,5' (a decimal comma) and words -> None."""
    text = text.strip()
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
    return x / 100.0 if percent else x


def number(v) -> float | None:
    """A finite, sane number from a cell, or None."""
    if isinstance(v, bool) or isinstance(v, _TIMES):
        return None
    if isinstance(v, (int, float)):
        x = float(v)
    elif isinstance(v, str):
        x = _number_text(v)
        if x is None:
            return None
    else:
        return None
    if not math.isfinite(x) or abs(x) > MAX_MAGNITUDE:
        return None
    return x


def text(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _as_text(value):
    if isinstance(value, (bool, *_TIMES)):
        return MISSING
    if isinstance(value, float) and not math.isfinite(value):
        return MISSING
    return text(value)


def _as_number(value, column: S.Column):
    x = number(value)
    if x is None:
        return MISSING
    if column.kind == S.INTEGER:
        if not x.is_integer():
            return MISSING
        x = int(x)
    if column.minimum is not None and x < column.minimum:
        return MISSING
    if column.maximum is not None and x > column.maximum:
        return MISSING
    return x


def _as_choice(value, column: S.Column):
    """One of the column's values, written in English (any case, spaces or hyphens for
    underscores) or in Chinese (:data:`~model.workbook.contract_zh.ZH_VALUES`)."""
    if not isinstance(value, str):
        return MISSING
    key = value.strip().lower().replace(" ", "_").replace("-", "_")
    if key not in column.allowed:
        key = S.value_key(value) or key
    return key if key in column.allowed else MISSING


def _as_yes_no(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        key = value.strip().lower()
        key = S.value_key(key) or key  # 是 / 否
        if key in _YES:
            return True
        if key in _NO:
            return False
    return MISSING


def convert(value, column: S.Column):
    """Typed value for one cell (the column's default when blank), or :data:`MISSING`
    when it does not fit the column."""
    if blank(value):
        return column.default
    kind = column.kind
    if kind == S.TEXT:
        return _as_text(value)
    if kind in (S.NUMBER, S.INTEGER):
        return _as_number(value, column)
    if kind == S.CHOICE:
        return _as_choice(value, column)
    if kind == S.YES_NO:
        return _as_yes_no(value)
    raise AssertionError(kind)
