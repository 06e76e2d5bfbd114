"""An independent generator of cross-channel customer data, written apart from unifyid.

unifyid's own generator (``unifyid.datasets``) is what its matchers were developed
against; scores on it run above scores on data the library has never seen. This
package draws customers from its own name lists, places and habits, and writes
four channels in their own schemas and formats, so that quality can be measured
on data the matchers were not tuned to. It neither reads nor imports unifyid.

>>> m = make_independent(2_000, seed=1)
>>> sorted(m.sources), m.records
(['app', 'store', 'support', 'web'], 2000)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from benchmarks.data import Materialised
from benchmarks.independent.conditions import DEFAULT_ORIGIN_MIX, Conditions
from benchmarks.independent.people import draw_people
from benchmarks.independent.records import lay_out
from benchmarks.independent.sources import SCHEMAS, render

__all__ = ["DEFAULT_ORIGIN_MIX", "Conditions", "make_independent"]


def make_independent(n_records: int, *, seed: int = 0, **conditions: Any) -> Materialised:
    """Draw ``n_records`` customer records over four channels, with the truth.

    Parameters
    ----------
    n_records : int
        Total records over all sources (exact).
    seed : int
        Everything follows from it: one seed, one data set.
    **conditions
        Knobs of :class:`Conditions` (``household_share``, ``contact_share``,
        ``origin_mix``, ``frequent_share``, ...); the rest keep their defaults.

    Returns
    -------
    Materialised
        Sources ``web``, ``app``, ``support``, ``store`` as string columns in
        their own schemas; truth ``source, record_id, entity_id``; task
        ``link_and_dedupe``.

    Raises
    ------
    TypeError
        An unknown condition.
    ValueError
        A condition out of its range, or ``n_records`` below 1.

    Notes
    -----
    Vectorised over people and records: one million records (350k people) in
    17-37 s (by the load of the shared 2-core machine) and 1.3 GB.
    """
    if n_records < 1:
        raise ValueError(f"n_records must be at least 1, got {n_records}.")
    cond = Conditions.from_kwargs(**conditions)
    rng = np.random.default_rng(seed)
    people = draw_people(rng, n_records, cond)
    records = lay_out(rng, people, cond)
    sources, truth = render(rng, records, people, cond.missing_rate)
    schemas = {k: {"id": v["id"], "columns": dict(v["columns"])} for k, v in SCHEMAS.items()}
    name = f"independent_{n_records}"
    return Materialised(name, "link_and_dedupe", sources, schemas, truth)
