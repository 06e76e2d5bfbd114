"""Reproducible benchmarks of unifyid against other identity-resolution tools.

Run ``python -m benchmarks run --suite quick --out DIR`` (see ``benchmarks/README.md``).
The package is kept out of the library: it imports unifyid and the peer tools
(installed by the ``bench`` extra) only inside the subprocess that runs each tool.
"""

__all__: list[str] = []
