"""How often strangers share a full name: the joint name frequency.

The separate term-frequency adjustments price an agreement on Maria and on
Garcia as if the two names were drawn independently. People's given names
and surnames come together by family and origin, so strangers share a full
name far more often than that product says. This module estimates, per
record, the ``u`` of its full name: counted where the data holds enough of
the name's people (:func:`shared_by_strangers`), else inferred from how
strongly each of its two names goes with the other
(:func:`with_name_association`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .._arrays import column_codes
from ..block._pairs import combine_codes

__all__ = [
    "JOINT_COLUMNS",
    "JOINT_KEY",
    "LIFT_PRIOR_COMBINATIONS",
    "SEPARATING_COLUMNS",
    "people_per_cell",
    "shared_by_strangers",
    "with_name_association",
]

#: Columns whose values are drawn together (Maria with Garcia), so the product of
#: their separate frequencies understates how often strangers share both.
JOINT_COLUMNS = ("first_name", "last_name")
JOINT_KEY = "first_name+last_name"


def shared_by_strangers(
    frame: pd.DataFrame, columns: tuple[str, ...], codes: dict[str, np.ndarray]
) -> np.ndarray | None:
    """Per record, how often another person holds its combination of ``columns``
    (however written, see :func:`joint_cells`).

    Per source, the people holding the combination are counted with
    :func:`people_per_cell`, so a frequent customer's 30 receipts count once
    rather than as 30 strangers sharing the name; the second-highest count over
    sources ignores one person's accounts that nothing joins. Minus the
    record's own person, divided by that source's size, it estimates the
    combination's ``u``.
    NaN where a column is missing or no second source holds the combination.
    ``codes`` holds each column's value codes (-1 missing), as factorised for
    the single-column frequencies.
    """
    if "source" not in frame.columns or any(c not in codes for c in columns):
        return None
    present = np.logical_and.reduce([codes[c] >= 0 for c in columns])
    if not present.any():
        return None
    combo = joint_cells(frame, columns, present, codes)
    src_codes, src_names = pd.factorize(frame["source"].to_numpy(dtype=object)[present])
    n_src = len(src_names)
    cell, where = np.unique(combo * n_src + src_codes, return_inverse=True)
    cell_combo, cell_src = cell // n_src, cell % n_src
    separators = [
        frame[c].to_numpy(dtype=object)[present] for c in SEPARATING_COLUMNS if c in frame.columns
    ]
    n = people_per_cell(where, len(cell), separators)
    others = n - 1.0
    others[others < 1] = np.nan
    u = others / np.bincount(src_codes, minlength=n_src)[cell_src]
    # Per combination, cells by count then u, both descending; the second is wanted.
    order = np.lexsort((-np.nan_to_num(u, nan=-1.0), -n, cell_combo))
    cell_combo, u = cell_combo[order], u[order]
    first_of = np.r_[True, cell_combo[1:] != cell_combo[:-1]]
    second = np.flatnonzero(np.r_[False, first_of[:-1]] & ~first_of)
    u_combo = np.full(int(combo.max()) + 1, np.nan)
    u_combo[cell_combo[second]] = u[second]
    out = np.full(len(frame), np.nan)
    out[present] = u_combo[combo]
    return out


def joint_cells(
    frame: pd.DataFrame,
    columns: Sequence[str],
    present: np.ndarray,
    codes: Mapping[str, np.ndarray] | None = None,
) -> np.ndarray:
    """Per ``present`` record, a code of its combination of ``columns``, however written.

    The parts share one vocabulary, are run together (Young Bae, Youngbae:
    one given name, as the name matchers compare them) and are sorted, so a
    name written surname first in both fields ("Miller", "Richard") falls in
    Richard Miller's cell. Counted apart, the swapped spelling looks rare as a
    full name and its holders' agreement like strong evidence: at a million
    records of unseen data, such links were 66% right where the model said 98%.
    ``codes`` may hold the columns' value codes (``column_codes``), so that
    only their distinct values are read.

    >>> first = ["richard", "miller", "young bae", "youngbae"]
    >>> frame = pd.DataFrame({"first": first, "last": ["miller", "richard", "kim", "kim"]})
    >>> joint_cells(frame, ["first", "last"], np.ones(4, dtype=bool)).tolist()
    [0, 0, 1, 1]
    """
    rows = np.flatnonzero(present)
    if not len(rows):
        return np.zeros(0, dtype=np.int64)
    written: list[np.ndarray] = []
    inverse: list[np.ndarray] = []
    for c in columns:
        column = codes[c] if codes is not None and c in codes else column_codes(frame[c])
        at, distinct = pd.factorize(column[rows], sort=False)
        holder = np.empty(len(distinct), dtype=np.int64)
        holder[at] = rows  # a record holding each distinct value
        written.append(frame[c].iloc[holder].to_numpy(dtype=object))
        inverse.append(at)
    run_together = pd.Series(np.concatenate(written), dtype=object).str.replace(" ", "")
    vocabulary = pd.factorize(run_together, sort=False)[0].astype(np.int64)
    offsets = np.cumsum([0] + [len(w) for w in written])
    by_part = np.sort([vocabulary[off + at] for off, at in zip(offsets, inverse)], axis=0)
    return combine_codes(*by_part)


#: Fields that tell people of one name apart, and join one person's records.
#: Not device ids or loyalty cards: a family tablet or a household's card would
#: join two people (with them, F1 on unseen data at 100k was 0.943, not 0.947).
SEPARATING_COLUMNS = ("dob", "email", "phone", "postcode")


def people_per_cell(
    where: np.ndarray, n_cells: int, separators: Sequence[np.ndarray]
) -> np.ndarray:
    """Per cell (``where`` labels each record ``0 .. n_cells - 1``), how many people it holds.

    Records of a cell that share a value of a separating field (one array per
    field, None or NaN where missing) are one person: connected components.
    Records carrying none of those fields are not counted, and every cell
    holds at least one person. A frequent customer's 30 receipts under one
    name, bound by their email or postcode, are one person; two Thomas
    Robinsons with nothing in common are two. Without separating fields (an
    empty list), every record counts. The answer for a cell depends on its
    own records only, so any grouping of whole cells gives the same counts.
    """
    where = where.astype(np.int64)
    if not separators:
        return np.bincount(where, minlength=n_cells).astype(float)
    n = len(where)
    starts: list[np.ndarray] = []
    ends: list[np.ndarray] = []
    carries = np.zeros(n, dtype=bool)
    offset = n
    for values in separators:
        code = pd.factorize(values)[0]
        known = np.flatnonzero(code >= 0)
        if not len(known):
            continue
        carries[known] = True
        node = pd.factorize(where[known] * (int(code.max()) + 1) + code[known])[0]
        starts.append(known)
        ends.append(node + offset)
        offset += int(node.max()) + 1
    if not starts:  # the fields exist but these records carry none: one person per cell
        return np.ones(n_cells)
    left, right = np.concatenate(starts), np.concatenate(ends)
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(offset, offset))
    label = connected_components(graph, directed=False)[1]
    rows = np.flatnonzero(carries)
    person = np.unique(where[rows] * offset + label[rows])
    return np.maximum(np.bincount(person // offset, minlength=n_cells), 1).astype(float)


#: Counted combinations' worth of belief, per name, that the name's holders
#: choose their other name by chance: a name seen in one counted combination
#: is trusted a third, one seen in ten five sixths.
LIFT_PRIOR_COMBINATIONS = 2.0


def with_name_association(
    joint: np.ndarray,
    first_freq: np.ndarray,
    last_freq: np.ndarray,
    first_codes: np.ndarray,
    last_codes: np.ndarray,
) -> np.ndarray:
    """``joint`` with its gaps filled from how strongly each name goes with the other.

    Most full names have too few people in any second source to count their
    namesakes (NaN), and the bare product of the two names' frequencies
    prices an uncounted "Pooja Agarwal" as two independent rare names. Holders
    of Nguyen or Patel draw their given names from a narrower set than
    holders of Smith, and the counted full names show by how much: per given
    name and per surname, the mean of ``log2(joint / (first_freq * last_freq))``
    over its counted full names, shrunk toward 0 by
    :data:`LIFT_PRIOR_COMBINATIONS`. A gap holding both names gets the
    product raised by the mean of its two names' values, where that is
    positive; other gaps stay NaN. Every array is per record; codes are -1
    where missing.

    Two full names under surname 0 were counted at 3-4 times the product of
    their names' frequencies; an uncounted one under that surname is raised,
    one whose names were never counted is left as it is:

    >>> joint = np.array([4e-4, 3e-4, np.nan, np.nan])
    >>> freq = np.full(4, 0.01)  # every name held by 1% of records
    >>> first, last = np.array([0, 1, 2, 3]), np.array([0, 0, 0, 1])
    >>> filled = with_name_association(joint, freq, freq, first, last)
    >>> round(float(filled[2] / 1e-4), 2), bool(np.isnan(filled[3]))
    (1.36, True)
    """
    independent = first_freq * last_freq
    with np.errstate(divide="ignore", invalid="ignore"):
        lift = np.log2(joint / independent)
    counted = np.flatnonzero(np.isfinite(lift))
    # One row per counted full name: all its records carry the same lift.
    full = first_codes[counted].astype(np.int64) * (int(last_codes.max()) + 1)
    rows = counted[np.unique(full + last_codes[counted], return_index=True)[1]]
    association = np.zeros(len(joint))
    for codes in (first_codes, last_codes):
        size = int(codes.max()) + 1
        if size <= 0:
            continue
        n = np.bincount(codes[rows], minlength=size)
        total = np.bincount(codes[rows], weights=lift[rows], minlength=size)
        per_name = total / (n + LIFT_PRIOR_COMBINATIONS)
        known = codes >= 0
        association[known] += per_name[codes[known]] / 2.0
    fill = np.isnan(joint) & (first_codes >= 0) & (last_codes >= 0) & (association > 0)
    out = joint.copy()
    out[fill] = independent[fill] * np.exp2(association[fill])
    return out
