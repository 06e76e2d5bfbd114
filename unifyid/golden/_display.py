"""How a survived value is shown in the golden record.

Rules compare standardised values, but a golden record is read by people and
sent to other systems, so each column shows the form that serves best:

* identifiers (email, phone in E.164, device, loyalty and customer ids), date
  of birth, postcode and country show the **standardised** value: it is
  canonical, comparable across systems and free of the source's formatting;
* ``street`` and ``city`` show the chosen record's value **as written**
  (whitespace trimmed and collapsed): standardisation abbreviates and
  lower-cases them (``123 n main st apt 4b``), which is worse to read. A city
  written all in upper or lower case is title-cased ("DALLAS" -> "Dallas");
  a street line keeps its case ("1ST AVE" must not become "1St Ave");
* ``first_name`` and ``last_name`` show the chosen record's name **as
  written** where the record has it: the part of its first/last name column
  or of its full name that standardises to the chosen value (so "Dr. Ann"
  shows "Ann", "LEE, ANN" gives "ANN" and "LEE"), else the standardised value.
  A name written all in upper or all in lower case is title-cased
  ("ANN" -> "Ann", "o'brien" -> "O'Brien"); mixed case is kept ("McDonald").
  A value the source did not keep as written falls back to the standardised
  one (title-cased for names and cities).

Free (extra) columns show their value as text: stripped strings, integral
numbers without ``.0``, booleans as ``True``/``False``.

Golden records travel on to spreadsheets and other systems, so text shown as
written is made safe there: control characters and bidirectional overrides
(which can make "gpj.exe" read as "exe.jpg") are removed, and a value that a
spreadsheet would run as a formula (``=cmd|...``, ``+SUM(A1)``, ``@x``, ``-2+3``)
gets a leading apostrophe, as OWASP advises for CSV injection. Numbers such
as ``-5`` or ``+1 415`` are left alone.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..standardise._names import person_name_str
from ..standardise._text import as_text, map_unique

__all__ = ["clean_text", "extra_text", "name_display", "raw_display", "safe_text"]

#: C0/C1 control characters and the bidirectional marks, embeddings, overrides, isolates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: Starts a spreadsheet formula, unless the whole value is a number or phone number.
_FORMULA = re.compile(r"[=@+-]")
_NUMBER = re.compile(r"[+-]?[\d\s().,/-]*\Z")

#: Text that ``clean_text`` returns unchanged: printable ASCII, words
#: separated by single spaces, no leading or trailing space, not starting
#: with a formula character (the rest of the checks run in Python).
_PLAIN = r"^[!-*,.-<>-?A-~](?:[!-~]| [!-~])*$"

_QUICK = str.maketrans({"-": " ", "'": None, ".": None, ",": None, "’": None})
_SPLIT = re.compile(r"[\s,]+")


def clean_text(value: Any) -> str | None:
    """Raw scalar as text with whitespace trimmed and collapsed; None when empty.

    Examples
    --------
    >>> clean_text("  12  Oak   Rd "), clean_text(float("nan"))
    ('12 Oak Rd', None)
    """
    text = as_text(value)
    if text is None:
        return None
    return safe_text(" ".join(text.split())) or None


def safe_text(text: str) -> str:
    """Text without control characters or bidi overrides, formula-proof for spreadsheets.

    Examples
    --------
    >>> safe_text("=cmd|' /C calc'!A0"), safe_text("+SUM(A1)"), safe_text("+1 415 555 0134")
    ("'=cmd|' /C calc'!A0", "'+SUM(A1)", '+1 415 555 0134')
    >>> safe_text("Ann\u202eeeL"), safe_text("-5"), safe_text("-2+3")
    ('AnneeL', '-5', "'-2+3")
    """
    text = _UNSAFE.sub("", text)
    return "'" + text if _FORMULA.match(text) and not _NUMBER.match(text) else text


def extra_text(value: Any) -> str | None:
    """A free column's value as text (booleans kept, unlike identity values).

    Examples
    --------
    >>> extra_text(True), extra_text(3.0), extra_text(" Y "), extra_text(None)
    ('True', '3', 'Y', None)
    """
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    text = as_text(value)
    return None if text is None else safe_text(text)


def _fix_case(text: str) -> str:
    return text.title() if text.isupper() or text.islower() else text


def _quick(text: str) -> str:
    return " ".join(text.lower().translate(_QUICK).split())


def _matching_span(text: str, standard: str) -> str | None:
    """The shortest run of words of ``text`` that standardises to ``standard``."""
    tokens = [t.strip(".,") for t in _SPLIT.split(text)]
    tokens = [t for t in tokens if t]
    for size in range(1, len(tokens) + 1):
        for start in range(len(tokens) - size + 1):
            span = " ".join(tokens[start : start + size])
            if _quick(span) == standard:
                return span
    for size in range(1, len(tokens) + 1):  # accents, titles: the full standardiser
        for start in range(len(tokens) - size + 1):
            span = " ".join(tokens[start : start + size])
            if person_name_str(span) == standard:
                return span
    return None


def _one_name(part: str | None, full: str | None, standard: str) -> str:
    if part is not None:
        if part.lower().translate(_QUICK) == standard:
            return _fix_case(part)
        return _fix_case(_matching_span(part, standard) or part)
    if full is not None:
        if "," not in full:  # "Ann Lee": first word first, last word last
            words = full.split()
            for word in (words[0].strip(".,"), words[-1].strip(".,")):
                if word.lower().translate(_QUICK) == standard:
                    return _fix_case(word)
        span = _matching_span(full, standard)
        if span is not None:
            return _fix_case(span)
    return standard.title()


def name_display(
    standard: np.ndarray, part: np.ndarray | None, full: np.ndarray | None
) -> np.ndarray:
    """Display names for chosen records (see the module notes).

    Parameters
    ----------
    standard : numpy.ndarray
        Standardised first or last names (str) of the chosen records.
    part : numpy.ndarray or None
        The same records' raw first or last name column, if any source has one.
    full : numpy.ndarray or None
        The same records' raw full name, if any source has one.

    Returns
    -------
    numpy.ndarray
        Object array of str, aligned with ``standard``.

    Examples
    --------
    >>> std = np.array(["ann", "obrien", "lee"], dtype=object)
    >>> part = np.array(["ANN", None, None], dtype=object)
    >>> full = np.array([None, "Mary O'Brien", None], dtype=object)
    >>> name_display(std, part, full).tolist()
    ['Ann', "O'Brien", 'Lee']
    """
    n = len(standard)
    parts = _texts(part, n)
    fulls = np.full(n, None, dtype=object)
    if full is not None:
        need = pd.isna(parts)
        fulls[need] = _texts(full[need], int(need.sum()))
    # Names repeat: work once per distinct (written part, full name, standard).
    key = np.zeros(n, dtype=np.int64)
    for column in (parts, fulls, standard):
        codes, uniques = pd.factorize(column)
        key = pd.factorize(key * (len(uniques) + 1) + codes + 1)[0].astype(np.int64)
    combos, first = np.unique(key, return_index=True)
    shown = np.empty(len(combos), dtype=object)
    done = _written_as_standard(parts[first], standard[first], shown)
    _full_word_as_standard(parts[first], fulls[first], standard[first], shown, done)
    _full_token_as_standard(parts[first], fulls[first], standard[first], shown, done)
    for j in np.flatnonzero(~done):
        k = first[j]
        shown[j] = _one_name(parts[k], fulls[k], standard[k])
    return shown[np.searchsorted(combos, key)] if n else np.empty(0, dtype=object)


def _full_word_as_standard(
    part: np.ndarray, full: np.ndarray, standard: np.ndarray, shown: np.ndarray, done: np.ndarray
) -> None:
    """The full-name branch of ``_one_name`` for its first check, in Arrow.

    Where there is no written part and the full name is printable ASCII
    without a comma, its first word (else its last), stripped of ``.,``,
    that quick-folds to the standard name goes to ``shown`` (case fixed) and
    ``done`` is set; other rows are left to ``_one_name``.
    """
    found_rows = _full_names_in_arrow(part, full, standard, done)
    if found_rows is None:
        return
    todo, text, std = found_rows
    plain = pc.match_substring_regex(text, r"^[ -+\--~]*$")  # printable ASCII, no comma
    found = np.zeros(len(todo), dtype=bool)
    for pattern in (r"^(?P<w>[^ ]+)", r"(?P<w>[^ ]+)$"):  # first word, then last word
        word = pc.ascii_trim(pc.struct_field(pc.extract_regex(text, pattern), [0]), ".,")
        folded = pc.ascii_lower(word)
        folded = pc.replace_substring(pc.replace_substring_regex(folded, "['.,]", ""), "-", " ")
        hit = pc.and_(plain, pc.equal(folded, std)).fill_null(False).to_numpy(zero_copy_only=False)
        hit &= ~found
        if hit.any():
            rows = np.flatnonzero(hit)
            chosen = word.take(pa.array(rows))
            shown[todo[rows]] = np.asarray(_fix_case_arrow(chosen).to_pylist(), dtype=object)
            found |= hit
    done[todo[found]] = True


def _full_token_as_standard(
    part: np.ndarray, full: np.ndarray, standard: np.ndarray, shown: np.ndarray, done: np.ndarray
) -> None:
    """``_matching_span``'s one-word spans of the full name, in Arrow.

    For the rows ``_full_word_as_standard`` left, with a printable ASCII
    full name: the first token (split at spaces and commas, stripped of
    ``.,``) that quick-folds to the standard name goes to ``shown`` (ASCII
    case mapping and whitespace are exactly ``str``'s there); other rows are
    left to ``_one_name``.
    """
    found_rows = _full_names_in_arrow(part, full, standard, done)
    if found_rows is None:
        return
    todo, text, std = found_rows
    ok = pc.and_(
        pc.match_substring_regex(text, r"^[ -~]*$"),
        pc.match_substring_regex(std, r"^[^ ]+(?: [^ ]+)*$"),
    )
    tokens = pc.split_pattern_regex(text, "[ ,]+")
    owner = pc.list_parent_indices(tokens).to_numpy()
    word = pc.ascii_trim(pc.list_flatten(tokens), ".,")
    folded = pc.ascii_lower(word)
    folded = pc.replace_substring(pc.replace_substring_regex(folded, "['.,]", ""), "-", " ")
    folded = pc.replace_substring_regex(pc.ascii_trim(folded, " "), " +", " ")  # as split/join
    hit = pc.equal(folded, std.take(pa.array(owner))).fill_null(False)
    usable = ok.fill_null(False).to_numpy(zero_copy_only=False)
    hit = hit.to_numpy(zero_copy_only=False) & usable[owner]
    at = np.flatnonzero(hit)
    if len(at) == 0:
        return
    rows, first = np.unique(owner[at], return_index=True)  # first matching token per row
    chosen = word.take(pa.array(at[first]))
    shown[todo[rows]] = np.asarray(_fix_case_arrow(chosen).to_pylist(), dtype=object)
    done[todo[rows]] = True


def _fix_case_arrow(text: pa.Array) -> pa.Array:
    """``_fix_case`` of printable ASCII text (where ASCII rules are ``str``'s)."""
    lower, upper = pc.ascii_lower(text), pc.ascii_upper(text)
    one_case = pc.or_(
        pc.and_(pc.equal(text, upper), pc.not_equal(text, lower)),
        pc.and_(pc.equal(text, lower), pc.not_equal(text, upper)),
    )
    return pc.if_else(one_case, pc.ascii_title(text), text)


def _written_as_standard(part: np.ndarray, standard: np.ndarray, shown: np.ndarray) -> np.ndarray:
    """The first branch of ``_one_name`` in Arrow, for printable ASCII parts.

    Where the written part quick-folds to the standard name, ``shown`` gets
    it (title-cased if all upper or all lower case); returns where it did.
    ASCII case mapping, title case and the fold are exactly ``str``'s there.
    """
    done = np.zeros(len(part), dtype=bool)
    try:
        text = pa.array(part, type=pa.string(), from_pandas=True)
        std = pa.array(standard, type=pa.string(), from_pandas=True)
    except (pa.ArrowException, TypeError, ValueError):
        return done
    folded = pc.ascii_lower(text)
    folded = pc.replace_substring(pc.replace_substring_regex(folded, "['.,]", ""), "-", " ")
    match = pc.and_(pc.match_substring_regex(text, r"^[ -~]*$"), pc.equal(folded, std))
    done = match.fill_null(False).to_numpy(zero_copy_only=False)
    if not done.any():
        return done
    fixed = _fix_case_arrow(text)
    rows = np.flatnonzero(done)
    shown[rows] = np.asarray(fixed.take(pa.array(rows)).to_pylist(), dtype=object)
    return done


def raw_display(
    standard: np.ndarray, raw: np.ndarray | None, *, fix_case: bool = False
) -> np.ndarray:
    """Values as written (trimmed), else the standardised value title-cased.

    With ``fix_case``, values written all in upper or all in lower case are
    title-cased (for city names; street lines keep their case: "1ST AVE"
    would become "1St Ave").

    Examples
    --------
    >>> std = np.array(["st louis", "dallas", "ny"], dtype=object)
    >>> raw = np.array(["  St. Louis ", "DALLAS", None], dtype=object)
    >>> raw_display(std, raw).tolist()
    ['St. Louis', 'DALLAS', 'Ny']
    >>> raw_display(std, raw, fix_case=True).tolist()
    ['St. Louis', 'Dallas', 'Ny']
    """
    texts = _texts(raw, len(standard))
    if fix_case:
        texts = pd.Series(texts, dtype=object).map(_fix_case, na_action="ignore").to_numpy()
    fallback = pd.Series(standard, dtype=object).str.title().to_numpy(dtype=object)
    return np.where(pd.notna(texts), texts, fallback)


def _texts(values: np.ndarray | None, n: int) -> np.ndarray:
    if values is None:
        return np.full(n, None, dtype=object)
    return clean_texts(values)


def clean_texts(values: np.ndarray) -> np.ndarray:
    """``clean_text`` of each value of an object array (None where missing).

    Most values are already clean: printable ASCII with single spaces, not
    starting a formula. Those are found in Arrow, without a Python call, and
    kept as they are (``clean_text`` returns them unchanged); only the rest
    go through ``clean_text``, once per distinct value.
    """
    values = np.asarray(values, dtype=object)
    try:
        text = pa.array(values, from_pandas=True)
    except (pa.ArrowException, TypeError, ValueError):
        text = None
    if text is None or not (pa.types.is_string(text.type) or pa.types.is_large_string(text.type)):
        return map_unique(pd.Series(values, dtype=object), clean_text).to_numpy(dtype=object)
    plain = pc.match_substring_regex(text, _PLAIN).fill_null(False).to_numpy(zero_copy_only=False)
    out = np.where(plain, values, None)
    rest = np.flatnonzero(~plain & text.is_valid().to_numpy(zero_copy_only=False))
    if len(rest):
        cleaned = map_unique(pd.Series(values[rest], dtype=object), clean_text)
        out[rest] = cleaned.to_numpy(dtype=object)
    return out


def _full_names_in_arrow(
    part: np.ndarray, full: np.ndarray, standard: np.ndarray, done: np.ndarray
) -> tuple[np.ndarray, pa.Array, pa.Array] | None:
    """Rows with a full name but no written part, not done yet, and their full and
    standard names as Arrow strings; None when there are none or they are not text."""
    todo = np.flatnonzero(~done & pd.isna(part) & pd.notna(full))
    if len(todo) == 0:
        return None
    try:
        text = pa.array(full[todo], type=pa.string())
        std = pa.array(standard[todo], type=pa.string(), from_pandas=True)
    except (pa.ArrowException, TypeError, ValueError):
        return None
    return todo, text, std
