"""A one-line progress indication on stderr for long CLI runs.

While a run lasts, the line shows the elapsed time and the latest INFO
message of the ``unifyid`` loggers (the stage that finished last), redrawn
twice a second. It is drawn only when stderr is a terminal, so logs and
pipes stay clean; messages never hold customer values.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from types import TracebackType
from typing import TextIO

__all__ = ["Progress"]

_TICK = 0.5


class Progress(logging.Handler):
    """Context manager drawing the progress line (a no-op when disabled)."""

    def __init__(self, *, enabled: bool, stream: TextIO | None = None) -> None:
        super().__init__(level=logging.INFO)
        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self._message = "starting"
        self._start = time.perf_counter()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._logger = logging.getLogger("unifyid")
        self._saved: tuple[int, list[tuple[logging.Handler, int]]] | None = None

    def __enter__(self) -> Progress:
        if not self.enabled:
            return self
        root = logging.getLogger()
        # Hear the INFO messages even when they are not shown (no -v): the
        # handlers already installed keep their own threshold.
        self._saved = (self._logger.level, [(h, h.level) for h in root.handlers])
        for handler in root.handlers:
            if handler.level == logging.NOTSET:
                handler.setLevel(root.getEffectiveLevel())
        if self._logger.getEffectiveLevel() > logging.INFO:
            self._logger.setLevel(logging.INFO)
        self._logger.addHandler(self)
        self._start = time.perf_counter()
        self._thread = threading.Thread(target=self._run, name="unifyid-progress", daemon=True)
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self.enabled or self._thread is None:
            return
        self._stop.set()
        self._thread.join()
        self._logger.removeHandler(self)
        if self._saved is not None:
            level, handlers = self._saved
            self._logger.setLevel(level)
            for handler, handler_level in handlers:
                handler.setLevel(handler_level)
        self._clear()

    def emit(self, record: logging.LogRecord) -> None:
        """Remember the message, and clear the line so a shown log starts clean."""
        self._message = record.getMessage().splitlines()[0][:70]
        self._clear()

    def _run(self) -> None:
        while not self._stop.wait(_TICK):
            self._run_once()

    def _run_once(self) -> None:
        elapsed = time.perf_counter() - self._start
        self._write(f"\runifyid: {elapsed:6.1f}s  {self._message}\033[K")

    def _clear(self) -> None:
        self._write("\r\033[K")

    def _write(self, text: str) -> None:
        with self._lock:
            try:
                self.stream.write(text)
                self.stream.flush()
            except (OSError, ValueError):
                pass  # a closed or broken stream must never fail the run
