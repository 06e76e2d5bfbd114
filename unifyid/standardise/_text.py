"""Shared text helpers: unicode folding and the unique-value mapping helper.

Customer columns repeat values heavily (a million rows of first names hold a
few tens of thousands of distinct names), so every standardiser works on the
distinct values only. :func:`map_unique` factorizes a column, transforms each
distinct value once and takes the results back by code; all public
standardisers are built on it.

:func:`fold_text` folds Latin text to lower-case ASCII (José -> jose,
Müller -> muller, ß -> ss) so that spelling with and without accents compares
equal. Letters of other scripts (Cyrillic, Greek, CJK, ...) are kept
lower-cased rather than dropped: dropping them would turn every such name into
a missing value and lose the evidence altogether.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from numbers import Integral, Real
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "arrow_text",
    "as_text",
    "codes_and_values",
    "distinct_text",
    "fold_str",
    "fold_text",
    "map_unique",
    "unique_results",
]

# Letters that NFKD does not decompose into an ASCII base letter, and the
# typographic variants of the two punctuation marks that fold_text keeps.
_TRANSLATE = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "Ø": "o",
        "ø": "o",
        "Æ": "ae",
        "æ": "ae",
        "Œ": "oe",
        "œ": "oe",
        "Ł": "l",
        "ł": "l",
        "Đ": "d",
        "đ": "d",
        "Ð": "d",
        "ð": "d",
        "Þ": "th",
        "þ": "th",
        "ı": "i",
        "Ħ": "h",
        "ħ": "h",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "−": "-",
    }
)
# Anything that is not a letter, digit, whitespace, hyphen or apostrophe.
_DROP = re.compile(r"[^\w\s'-]|_")
# Tokens made only of hyphens and apostrophes (left over from "Ann - Lee").
_PUNCT_TOKEN = re.compile(r"^['-]+$")


def as_text(value: Any) -> str | None:
    """Return a raw scalar as stripped text, or None when it is missing or empty.

    Integral floats lose their ``.0`` (a CSV reader turns ``"2134"`` into
    ``2134.0`` when the column also holds blanks); booleans are treated as
    missing because no identity attribute is a boolean.

    Examples
    --------
    >>> as_text("  Ann "), as_text(2134.0), as_text(float("nan")), as_text("  ")
    ('Ann', '2134', None, None)
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        return text or None
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        number = float(value)
        if not math.isfinite(number):
            return None
        return str(int(number)) if number.is_integer() else repr(number)
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    text = str(value).strip()
    return text or None


def fold_str(text: str) -> str | None:
    """Fold one string: ASCII-fold Latin letters, lower-case, drop punctuation.

    Letters, digits, hyphens and apostrophes are kept; other punctuation
    becomes a space; whitespace is collapsed. Returns None when nothing is
    left.

    Examples
    --------
    >>> fold_str("  Müller-Lüdenscheidt,  José ")
    'muller-ludenscheidt jose'
    >>> fold_str("...") is None
    True
    """
    if "`" in text:
        text = text.replace("`", "'")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_TRANSLATE))
        if not text.isascii():
            # Drop combining marks (the accents split off by NFKD) and any
            # other non-ASCII symbol, but keep letters and digits of other
            # scripts.
            text = "".join(ch for ch in text if ch.isascii() or unicodedata.category(ch)[0] in "LN")
    text = _DROP.sub(" ", text.lower())
    if "-" in text or "'" in text:
        return " ".join(tok for tok in text.split() if not _PUNCT_TOKEN.match(tok)) or None
    return " ".join(text.split()) or None


def _fold_value(value: Any) -> str | None:
    text = as_text(value)
    return None if text is None else fold_str(text)


def map_unique(
    series: pd.Series | Sequence[Any],
    func: Callable[[Any], Any],
    *,
    batch: bool = False,
    missing: Any = None,
) -> pd.Series:
    """Apply ``func`` to each distinct non-missing value and broadcast back.

    The column is factorized, ``func`` runs once per distinct value and the
    results are taken back by code, so cost scales with the number of
    distinct values, not rows.

    Parameters
    ----------
    series : pandas.Series
        Raw values of any dtype; None, NaN, NaT and pd.NA count as missing.
    func : callable
        With ``batch=False``: maps one distinct raw value to its result.
        With ``batch=True``: maps the list of all distinct raw values to a
        sequence of results of the same length (for column-level decisions
        and vectorised parsing).
    batch : bool, default False
        See ``func``.
    missing : object, default None
        Result for missing values.

    Returns
    -------
    pandas.Series
        Object dtype, same index, length and name as ``series``.

    Notes
    -----
    ``func`` should not raise; if it does, the values are retried one by one
    and those that fail map to ``missing``, so that one bad value never fails
    a column. A ``MemoryError`` is raised, never swallowed: values must not
    silently go missing because the machine ran short of memory. Unhashable
    values (lists, dicts) count as missing.

    Examples
    --------
    >>> s = pd.Series(["a", None, "b", "a"], index=[10, 11, 12, 13])
    >>> map_unique(s, str.upper).tolist()
    ['A', None, 'B', 'A']
    """
    if not isinstance(series, pd.Series):
        series = pd.Series(series, dtype=object)
    codes, table = unique_results(series, func, batch=batch, missing=missing)
    # Code -1 (missing) picks the last slot of the table.
    result = table[codes] if len(codes) else np.empty(0, dtype=object)
    return pd.Series(result, index=series.index, name=series.name, dtype=object)


def unique_results(
    series: pd.Series, func: Callable[[Any], Any], *, batch: bool = False, missing: Any = None
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`map_unique` before the take: codes (-1 where missing) and the results.

    ``table[codes]`` is the mapped column; the last slot of ``table`` holds
    ``missing``. Callers that split tuple results into several columns split
    the table (one entry per distinct value) rather than the rows.
    """
    codes, values = codes_and_values(series)
    if batch:
        try:
            mapped = func(values) if values else []
            if not _is_object_vector(mapped, len(values)):
                mapped = list(mapped)
        except MemoryError:
            raise
        except Exception:
            mapped = [_call_or(lambda v: func([v])[0], v, missing) for v in values]
    else:
        try:
            mapped = [func(v) for v in values]
        except MemoryError:
            raise
        except Exception:
            mapped = [_call_or(func, v, missing) for v in values]
    table = np.empty(len(values) + 1, dtype=object)
    if _is_object_vector(mapped, len(values)):
        table[: len(values)] = mapped
    else:
        # fromiter keeps tuples whole (numpy would broadcast them into a 2-d array).
        table[: len(values)] = np.fromiter(mapped, dtype=object, count=len(values))
    table[len(values)] = missing
    return codes, table


def arrow_text(series: pd.Series) -> pa.Array | None:
    """The values as one Arrow string array when ``series`` holds Arrow-backed text.

    pandas 3 reads text into Arrow-backed string columns; ``None`` for any
    other dtype (object columns of pandas 2, numbers, ...).
    """
    dtype = series.dtype
    if isinstance(dtype, pd.StringDtype):
        if dtype.storage not in ("pyarrow", "pyarrow_numpy"):
            return None
    elif not (
        isinstance(dtype, pd.ArrowDtype)
        and (
            pa.types.is_string(dtype.pyarrow_dtype) or pa.types.is_large_string(dtype.pyarrow_dtype)
        )
    ):
        return None
    data = pa.array(series.array)
    return data.combine_chunks() if isinstance(data, pa.ChunkedArray) else data


def distinct_text(text: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Codes (-1 where missing) and the distinct values, in order of first appearance.

    Arrow hashes every byte, so (unlike pandas' object hash table) values that
    differ after a NUL character are never folded together.
    """
    encoded = pc.dictionary_encode(text)
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.intp)
    return codes, encoded.dictionary.to_numpy(zero_copy_only=False)


def codes_and_values(series: pd.Series) -> tuple[np.ndarray, list[Any]]:
    """Codes (-1 where missing) and the distinct non-missing values of a column.

    The factorization :func:`map_unique` uses: ``values[codes[i]]`` is row
    ``i``'s value, with distinct strings never folded together.
    """
    text = arrow_text(series)
    if text is not None:
        codes, uniques = distinct_text(text)
        return codes, uniques.tolist()
    try:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    except TypeError:
        # Unhashable values (lists, dicts) are not identity data: treat as missing.
        hashable = series.map(_hashable_or_none)
        codes, uniques = pd.factorize(hashable, use_na_sentinel=True)
    if _merged_apart_values(series, codes, uniques):
        return _factorize_exactly(series)
    return codes, list(uniques)


def _merged_apart_values(series: pd.Series, codes: np.ndarray, uniques: Any) -> bool:
    """True when factorize folded distinct strings together.

    pandas' string hash table stops at a NUL character, so ``"\\x00x"`` and
    ``""`` share a code; junk input can hold NULs, and one value must never
    take another's result.
    """
    if len(uniques) == 0:
        return False
    raw = series.to_numpy(dtype=object)
    known = codes >= 0
    back = np.asarray(uniques, dtype=object)[codes[known]]
    return bool((back != raw[known]).any())


def _factorize_exactly(series: pd.Series) -> tuple[np.ndarray, list[Any]]:
    """Codes and distinct values by Python equality (the slow, exact path)."""
    index: dict[Any, int] = {}
    codes = np.full(len(series), -1, dtype=np.int64)
    for k, v in enumerate(series.to_numpy(dtype=object)):
        try:
            if pd.isna(v):
                continue
            codes[k] = index.setdefault(v, len(index))
        except (TypeError, ValueError):
            continue  # unhashable or array-like: missing, as on the fast path
    return codes, list(index)


def _hashable_or_none(value: Any) -> Any:
    try:
        hash(value)
    except TypeError:
        return None
    return value


def _call_or(func: Callable[[Any], Any], value: Any, default: Any) -> Any:
    try:
        return func(value)
    except MemoryError:
        raise
    except Exception:
        return default


def _is_object_vector(mapped: Any, n: int) -> bool:
    """A one-dimensional object array of the right length: safe to copy as is."""
    return (
        isinstance(mapped, np.ndarray)
        and mapped.dtype == object
        and mapped.ndim == 1
        and len(mapped) == n
    )


def fold_text(s: pd.Series) -> pd.Series:
    """Fold text to comparable lower-case ASCII.

    Unicode NFKD folding (José -> jose, Müller -> muller, Zoë -> zoe,
    ß -> ss, Ø -> o), lower case, punctuation other than hyphens and
    apostrophes replaced by spaces, whitespace collapsed and stripped.
    Letters of non-Latin scripts are kept lower-cased (see module notes).

    Parameters
    ----------
    s : pandas.Series
        Raw text values.

    Returns
    -------
    pandas.Series
        Object dtype of str or None, same index.

    Examples
    --------
    >>> fold_text(pd.Series(["José", "MÜLLER", " Zoë  O'Neil ", "Straße", "Øst", None])).tolist()
    ['jose', 'muller', "zoe o'neil", 'strasse', 'ost', None]
    """
    return map_unique(s, _fold_value)
