"""Matchers for encoded sources (see ``unifyid.encode``): keyed digests and CLKs.

Digests only tell equal from different, so identifier matchers have an exact
level (and a shared-value level, as in plain data) and helper digests stand
in for the partial evidence plain matchers read from the text (the email's
local part, a birth date with day and month swapped, the nickname group of
a first name). Names and addresses are Bloom-filter encodings compared by
their Dice coefficient, with levels by thresholds.

Each matcher carries the name of its plain counterpart (``email``,
``first_name``, ``dob``, ``place``), so cannot-link rules and the household
check find them.
"""

from __future__ import annotations

import numpy as np

from .._errors import ConfigError
from ._base import Matcher
from ._identifier import IdentifierMatch
from ._levels import first_true_level

__all__ = [
    "DiceMatch",
    "DigestMatch",
    "EncodedDateMatch",
    "EncodedEmailMatch",
    "EncodedFirstNameMatch",
    "EncodedPlaceMatch",
]


def _dice(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    from ..encode._bloom import dice  # the encode package imports the matchers

    return dice(left, right)


#: A CLK with at most this many bits set encodes one letter (two bigrams of
#: ``HASHES_PER_BIGRAM`` bits each).
INITIAL_BITS = 40


def _initial_agrees(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """One side is an initial whose leading bigram's bits are all but set in the other.

    ``"j"`` sets the bits of ``_j`` and ``j_``; ``"john"`` sets those of ``_j``
    too, so about half of the initial's bits are shared, against a few by
    chance for another letter.
    """
    from ..encode._bloom import overlap

    common, n_left, n_right = overlap(left, right)
    short = np.minimum(n_left, n_right)
    return (short <= INITIAL_BITS) & (common >= 0.4 * short) & (left != right)


def _swapped(
    left: dict[str, np.ndarray], right: dict[str, np.ndarray], a: str, b: str, threshold: float
) -> np.ndarray:
    """Column ``a`` of each side agrees with column ``b`` of the other (fields swapped)."""
    out = np.zeros(len(left[a]), dtype=bool)
    if b not in left or b not in right:
        return out
    rows = np.flatnonzero(
        np.array([x is not None and y is not None for x, y in zip(left[b], right[b])], bool)
    )
    if len(rows):
        out[rows] = (_dice(left[a][rows], right[b][rows]) >= threshold) & (
            _dice(left[b][rows], right[a][rows]) >= threshold
        )
    return out


def _same_present(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Elementwise equality of two optional columns; a missing value never agrees."""
    present = np.array([v is not None for v in left], dtype=bool)
    present &= np.array([v is not None for v in right], dtype=bool)
    return present & (left == right)


def _check_thresholds(owner: str, thresholds: tuple[float, ...]) -> None:
    ok = all(0.0 < t <= 1.0 for t in thresholds) and list(thresholds) == sorted(
        thresholds, reverse=True
    )
    if not thresholds or not ok:
        raise ConfigError(
            f"{owner}: thresholds must be Dice values in (0, 1], strongest first, "
            f"got {list(thresholds)}."
        )


class DigestMatch(IdentifierMatch):
    """Exact agreement of keyed identifier digests (``phone_hmac``, ``loyalty_id_hmac``, ...).

    Levels: ``exact``, ``exact, shared value`` (the digest is flagged as used
    by two people), ``else``. Named after the plain column by default.

    Examples
    --------
    >>> import pandas as pd
    >>> m = DigestMatch("phone_hmac")
    >>> m.name, m.compare(pd.DataFrame({"phone_hmac": ["a1", "a1", None]}),
    ...                   pd.DataFrame({"phone_hmac": ["a1", "b2", "a1"]})).tolist()
    ('phone', [1, 3, 0])
    """

    def __init__(self, column: str, *, name: str | None = None) -> None:
        super().__init__(column, name=name or column.removesuffix("_hmac"))
        self._init_params = {"column": column, "name": name}


class EncodedEmailMatch(DigestMatch):
    """Email digests: exact, shared exact, same distinctive local part, else.

    ``email_local_hmac`` is the digest of the local part, written only for
    handles of 5+ characters with a digit (``annlee84``), which strangers
    rarely share: ``annlee84@gmail.com`` and ``annlee84@yahoo.com`` agree there.
    """

    def __init__(self, column: str = "email_hmac", *, name: str | None = None) -> None:
        super().__init__(column, name=name or "email")
        self.levels = ("exact", "exact, shared value", "same local part", "else")
        self.optional_columns = ("email_local_hmac",)
        self._init_params = {"column": column, "name": name}

    def _compare(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        lv, rv = left[self._column], right[self._column]
        local = np.zeros(len(lv), dtype=bool)
        if "email_local_hmac" in left and "email_local_hmac" in right:
            local = _same_present(left["email_local_hmac"], right["email_local_hmac"])
        return first_true_level([lv == rv, np.zeros(len(lv), bool), local], len(lv))


class EncodedDateMatch(Matcher):
    """Birth-date digests: exact, day and month swapped, else.

    ``dob_swap_hmac`` is the digest, under the birth date's own subkey, of the
    date with day and month exchanged (where that is a date), so a record's
    swapped digest equals the other's digest when one of them was keyed the
    other way round.
    """

    def __init__(self, column: str = "dob_hmac", *, name: str = "dob") -> None:
        self.name = name
        self.columns = (column,)
        self.optional_columns = ("dob_swap_hmac",)
        self.levels = ("exact", "day and month swapped", "else")
        self.tf_level = 1
        self.tf_column = column
        self._init_params = {"column": column, "name": name}

    def _compare(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        c = self.columns[0]
        lv, rv = left[c], right[c]
        swapped = np.zeros(len(lv), dtype=bool)
        if "dob_swap_hmac" in left and "dob_swap_hmac" in right:
            swapped = _same_present(left["dob_swap_hmac"], rv) | _same_present(
                lv, right["dob_swap_hmac"]
            )
        return first_true_level([lv == rv, swapped], len(lv))


class DiceMatch(Matcher):
    """CLK agreement by Dice coefficient: exact, then one level per threshold, else.

    Equal CLKs are equal standardised values (level ``exact``, adjusted by how
    rare the value is); otherwise the first threshold the Dice coefficient
    reaches gives the level.

    Examples
    --------
    >>> m = DiceMatch("last_name_clk", thresholds=(0.8, 0.6))
    >>> m.name, m.levels
    ('last_name', ('exact', 'dice >= 0.8', 'dice >= 0.6', 'else'))
    """

    def __init__(
        self,
        column: str,
        *,
        thresholds: tuple[float, ...] = (0.85, 0.7),
        name: str | None = None,
        swapped_with: str | None = None,
    ) -> None:
        if not isinstance(column, str) or not column:
            raise ConfigError(f"DiceMatch: column must be a column name, got {column!r}.")
        self.swapped_with = swapped_with
        if swapped_with:
            self.optional_columns = (swapped_with,)
        thresholds = tuple(float(t) for t in thresholds)
        _check_thresholds(f"DiceMatch {name or column!r}", thresholds)
        self.name = name or column.removesuffix("_clk")
        self.columns = (column,)
        self.thresholds = thresholds
        self.levels = ("exact", *(f"dice >= {t:g}" for t in thresholds), "else")
        self.tf_level = 1
        self.tf_column = column
        self._init_params = {
            "column": column,
            "thresholds": thresholds,
            "name": name,
            "swapped_with": swapped_with,
        }

    def _compare(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        c = self.columns[0]
        lv, rv = left[c], right[c]
        d = _dice(lv, rv)
        levels = first_true_level([lv == rv, *(d >= t for t in self.thresholds)], len(lv))
        if self.swapped_with:
            # Swapped name fields: the first-name matcher counts the agreement.
            at = np.flatnonzero(levels == len(self.levels))
            sub_l = {k: v[at] for k, v in left.items()}
            sub_r = {k: v[at] for k, v in right.items()}
            swapped = _swapped(sub_l, sub_r, c, self.swapped_with, self.thresholds[0])
            levels[at[swapped]] = 0
        return levels


class EncodedFirstNameMatch(DiceMatch):
    """First-name CLKs: exact, same nickname group, Dice levels, initial, swapped with
    last name, else.

    ``first_key_hmac`` is the digest of the name's nickname group
    (``bob`` and ``robert`` share it), which Dice on bigrams cannot see. An
    initial (``j``) agrees with a name it begins (``john``); names written in
    each other's fields (first ``lee``, last ``ann`` against first ``ann``,
    last ``lee``) agree through the last-name CLK.
    """

    def __init__(
        self,
        column: str = "first_name_clk",
        *,
        thresholds: tuple[float, ...] = (0.8, 0.65, 0.5),
        name: str = "first_name",
    ) -> None:
        super().__init__(column, thresholds=thresholds, name=name)
        dice_levels = self.levels[1:-1]
        self.levels = (
            "exact",
            "same nickname group",
            *dice_levels[:-1],
            "initial",
            "swapped with last name",
            dice_levels[-1],
            "else",
        )
        self.optional_columns = ("first_key_hmac", "last_name_clk")
        self._init_params = {"column": column, "thresholds": self.thresholds, "name": name}

    def _compare(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        c = self.columns[0]
        lv, rv = left[c], right[c]
        group = np.zeros(len(lv), dtype=bool)
        if "first_key_hmac" in left and "first_key_hmac" in right:
            group = _same_present(left["first_key_hmac"], right["first_key_hmac"])
        d = _dice(lv, rv)
        close = [d >= t for t in self.thresholds]
        initial = _initial_agrees(lv, rv)
        swapped = _swapped(left, right, c, "last_name_clk", self.thresholds[0])
        return first_true_level(
            [lv == rv, group, *close[:-1], initial, swapped, close[-1]], len(lv)
        )


class EncodedPlaceMatch(Matcher):
    """Where two records live, from the street CLK and the postcode and town encodings.

    One fact, one matcher (a shared address is not counted three times).
    Levels: ``same street and postcode``, ``same street`` (Dice at least
    ``street_threshold``, postcode different or missing), ``same postcode, no
    street to compare``, ``same postcode, different street``, ``same town``
    (Dice at least ``city_threshold``), ``else``; null when the two records
    have no place part in common.
    """

    handles_missing = True

    def __init__(
        self,
        *,
        street_threshold: float = 0.8,
        city_threshold: float = 0.85,
        name: str = "place",
    ) -> None:
        _check_thresholds(f"EncodedPlaceMatch {name!r}", (street_threshold,))
        _check_thresholds(f"EncodedPlaceMatch {name!r}", (city_threshold,))
        self.name = name
        self.columns = ("street_clk", "postcode_hmac", "city_clk")
        self.street_threshold = street_threshold
        self.city_threshold = city_threshold
        self.levels = (
            "same street and postcode",
            "same street",
            "same postcode, no street to compare",
            "same postcode, different street",
            "same town",
            "else",
        )
        self._init_params = {
            "street_threshold": street_threshold,
            "city_threshold": city_threshold,
            "name": name,
        }

    def _similar(self, lv: np.ndarray, rv: np.ndarray, threshold: float) -> tuple[np.ndarray, ...]:
        """Where both sides are present, and where they reach the threshold."""
        both = np.array([a is not None and b is not None for a, b in zip(lv, rv)], dtype=bool)
        close = np.zeros(len(lv), dtype=bool)
        at = np.flatnonzero(both)
        if len(at):
            close[at] = (lv[at] == rv[at]) | (_dice(lv[at], rv[at]) >= threshold)
        return both, close

    def _compare(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        n = len(left["street_clk"])
        has_street, same_street = self._similar(
            left["street_clk"], right["street_clk"], self.street_threshold
        )
        has_city, same_city = self._similar(
            left["city_clk"], right["city_clk"], self.city_threshold
        )
        has_post = _same_present(left["postcode_hmac"], left["postcode_hmac"]) & _same_present(
            right["postcode_hmac"], right["postcode_hmac"]
        )
        same_post = _same_present(left["postcode_hmac"], right["postcode_hmac"])
        levels = first_true_level(
            [
                same_street & same_post,
                same_street,
                same_post & ~has_street,
                same_post,
                same_city,
            ],
            n,
        )
        levels[~(has_street | has_city | has_post)] = 0
        return levels
