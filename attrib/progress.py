"""Progress of long runs on stderr: work done out of a known total, with rate and time left.

A run says nothing for its first :data:`DELAY` seconds (a short run stays quiet); after that
a terminal gets one line redrawn in place, and a log (stderr not a terminal) a line every
:data:`EVERY` seconds, plus a last line when the run ends. The loops that do the work only
call a callback (:meth:`Progress.advance` or :meth:`Progress.update`), so this module is
the only place that knows how progress looks::

    annotating: 1,234/5,000 documents (25%), 3.1/s, 6:38 elapsed, about 20:15 left
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator

DELAY = 10.0   # seconds of quiet before the first report
REDRAW = 0.5   # seconds between redraws on a terminal
EVERY = 30.0   # seconds between lines in a log


def duration(seconds: float) -> str:
    """``6:38`` or ``1:02:05``."""
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Progress:
    """Counts units of work done out of ``total`` and shows it on a stream.

    Args:
        total: units the run will do (None when unknown: the count is shown alone).
        unit: what is counted, singular (``document``, ``sentence``).
        label: what the run does (``annotating``, ``evaluating``).
        enabled: False shows nothing (``--quiet``).
        stream: where to write (default: ``sys.stderr``).
        clock: seconds, monotonic (for tests).
        delay: seconds of quiet before the first report (default :data:`DELAY`).
    """

    def __init__(self, total: int | None, *, unit: str = "document", label: str = "annotating",
                 enabled: bool = True, stream=None, clock: Callable[[], float] = time.monotonic,
                 delay: float | None = None):
        self.total, self.unit, self.label, self.enabled = total, unit, label, enabled
        self.stream = stream if stream is not None else sys.stderr
        self.clock, self.delay = clock, DELAY if delay is None else delay
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start, self.done, self.shown, self._width = clock(), 0, None, 0

    def advance(self, count: int = 1) -> None:
        """``count`` more units are done."""
        self.update(self.done + count)

    def update(self, done: int) -> None:
        """``done`` units are done in all; shown if a report is due."""
        self.done = done
        now = self.clock()
        if self._due(now):
            self._show(now)

    def _due(self, now: float) -> bool:
        """Enabled, past the quiet start, and the last report old enough."""
        if not self.enabled or now - self.start < self.delay:
            return False
        return self.shown is None or now - self.shown >= (REDRAW if self.tty else EVERY)

    def line(self, now: float) -> str:
        """The report: count, share of the total, rate and time left where known."""
        units = self.unit if self.done == 1 and not self.total else self.unit + "s"
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        if not self.total:
            return f"{self.label}: {self.done:,} {units}, {self._rate(rate)}{duration(elapsed)} elapsed"
        share = f"{100 * self.done / self.total:.0f}%"
        left = f", about {duration((self.total - self.done) / rate)} left" if 0 < self.done < self.total else ""
        return (f"{self.label}: {self.done:,}/{self.total:,} {units} ({share}), {self._rate(rate)}"
                f"{duration(elapsed)} elapsed{left}")

    def _rate(self, rate: float) -> str:
        """``3.1/s``, or for slow work ``12.5 s/document``; nothing before the first unit."""
        if rate >= 1:
            return f"{rate:.1f}/s, "
        return f"{1 / rate:.1f} s/{self.unit}, " if rate > 0 else ""

    def _show(self, now: float) -> None:
        """Write the report: over the last one on a terminal, as a new line in a log."""
        text = self.line(now)
        if self.tty:
            self.stream.write("\r" + text.ljust(self._width))
            self._width = len(text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
        self.shown = now

    def close(self) -> None:
        """End the report: a last line with the final count if anything was shown."""
        if self.shown is None:
            return
        self._show(self.clock())
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def counted(chunks: Iterable[list], advance: Callable[[int], None] | None) -> Iterator[list]:
    """Yield each chunk, then report its length done (``advance``; None reports nothing)."""
    for chunk in chunks:
        yield chunk
        if advance is not None:
            advance(len(chunk))
