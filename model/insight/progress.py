"""Progress of the insight steps, on stderr: a bar in a terminal, a line per step in a file.

Every step that re-solves the model once per item (the ±Δ re-solves, the why / why-not
probes, the frontier's points, the alternatives) reports each item as it is settled,
with the time so far and an estimate of the time left (items left times the mean time
of an item so far).  In a terminal that is a ``tqdm`` bar; when stderr is a file or a
pipe (a log, a test), one line per item.  Never on stdout, which ``--json`` keeps for its
line; nothing at all with ``--quiet``.  With ``lang="zh"`` (``--lang zh``) the lines
and the step announcements (:class:`~model.present.words.Phrase`) read in Chinese.
"""

from __future__ import annotations

import sys
import time

from ..present.words import TEXT, phrase
from ..workbook.messages import render


class Progress:
    """Makes one :class:`Bar` per step: ``progress("Decisions", 79)``."""

    def __init__(self, enabled: bool = True, stream=None, terminal: bool | None = None,
                 lang: str = "en"):
        self.enabled = enabled
        self.lang = lang
        self.stream = stream if stream is not None else sys.stderr
        self.terminal = _isatty(self.stream) if terminal is None else terminal

    def __call__(self, label: str, total: int | None, unit: str = "probe"):
        if not self.enabled:
            return _Silent()
        if f"progress.label.{label}" in TEXT:
            label = phrase(f"progress.label.{label}")
        if self.terminal:
            bar = _tqdm_bar(render(label, self.lang), total, unit, self.stream)
            if bar is not None:
                return bar
        return Lines(label, total, unit, self.stream, self.lang)

    def note(self, text: str) -> None:
        """A line announcing a step (what it does, how many items)."""
        if self.enabled:
            print(render(text, self.lang), file=self.stream, flush=True)


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class _Silent:
    def advance(self, n: int = 1, what: str = "") -> None:
        pass

    def close(self) -> None:
        pass


class Lines:
    """One line per settled item: ``Decisions 12/79 (IC-FAB): 14 s, about 78 s left``."""

    def __init__(self, label: str, total: int | None, unit: str, stream, lang: str = "en"):
        self.label, self.total, self.unit, self.stream = label, total, unit, stream
        self.lang = lang
        self.done = 0
        self.t0 = time.perf_counter()

    def advance(self, n: int = 1, what: str = "") -> None:
        self.done += n
        elapsed = time.perf_counter() - self.t0
        items = f"progress.items.{self.unit}"
        count = f"{self.done}/{self.total}" if self.total else \
            phrase(items, n=self.done) if items in TEXT else f"{self.done} {self.unit}s"
        text = phrase("progress.line", label=self.label, count=count,
                      what=phrase("progress.what", what=what) if what else "",
                      elapsed=_seconds(elapsed))
        left = estimate(elapsed, self.done, self.total)
        if left is not None:
            text = phrase("cat", a=text, b=phrase("progress.left", left=_seconds(left)))
        print(render(text, self.lang), file=self.stream, flush=True)

    def close(self) -> None:
        pass


def estimate(elapsed: float, done: int, total: int | None) -> float | None:
    """Seconds left: the items left times the mean time of an item so far."""
    if not total or done <= 0:
        return None
    return max(0, total - done) * elapsed / done


def _seconds(s: float) -> str:
    if s < 60:
        return phrase("progress.seconds", s=s)
    return phrase("progress.minutes", m=int(s // 60), s=int(s % 60))


class _Bar:
    def __init__(self, bar):
        self.bar = bar

    def advance(self, n: int = 1, what: str = "") -> None:
        if what:
            self.bar.set_postfix_str(what, refresh=False)
        self.bar.update(n)

    def close(self) -> None:
        self.bar.close()


def _tqdm_bar(label: str, total: int | None, unit: str, stream):
    try:
        from tqdm import tqdm
    except ImportError:  # the bar is a comfort, never a reason to fail
        return None
    return _Bar(tqdm(total=total, desc=label, unit=unit, file=stream, dynamic_ncols=True,
                     mininterval=0.5, leave=False))
