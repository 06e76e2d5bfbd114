"""Matchers for person names: nicknames, initials, typos and swapped order."""

from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz.distance import DamerauLevenshtein

from .._errors import ConfigError
from ..standardise import nickname_keys
from ..standardise._census_names import known_given_names, known_surnames
from ..standardise._names import SEVERAL_GROUPS, nickname_relatives, without_middle_initial
from ..standardise._romanised import EAST_ASIAN_SURNAMES, same_syllables
from ..standardise._sex import name_sex
from ._base import Matcher, present
from ._levels import exact_first, first_true_level, take_rows
from ._similarity import (
    damerau_distance,
    factorize_values,
    jaro_winkler,
    map_distinct_values,
    pair_map,
)

__all__ = ["FirstNameMatch", "LastNameMatch"]


def _check_thresholds(owner: str, high: float, low: float) -> None:
    if not (0.0 < low < high <= 1.0):
        raise ConfigError(
            f"{owner}: thresholds must satisfy 0 < low < high <= 1, got high={high}, low={low}."
        )


def _has_initial(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """True where either side is a single letter: its agreement is an initial's, never exact."""
    return (map_distinct_values(a, len) == 1) | (map_distinct_values(b, len) == 1)


def _is_initial_of(a: np.ndarray, b: np.ndarray, initial: np.ndarray | None = None) -> np.ndarray:
    """True where one side is a single letter that starts the other side.

    ``initial`` is :func:`_has_initial` of the same pairs, when already known.
    """
    if initial is None:
        initial = _has_initial(a, b)
    return initial & (
        map_distinct_values(a, lambda v: v[:1]) == map_distinct_values(b, lambda v: v[:1])
    )


def _share_nickname_group(a: np.ndarray, b: np.ndarray, *, keyed: bool = True) -> np.ndarray:
    """True where two given names belong to one nickname group (Ted / Theodore).

    Nickname keys pick one group per name, so with ``keyed`` (the keys were
    compared already) only a diminutive of several groups (Ted: Edward and
    Theodore; Liam: its own and William) is checked, against all its groups,
    on the few distinct pairs where one side is such a name.
    """
    out = np.zeros(len(a), dtype=bool)
    check = pd.notna(a) & pd.notna(b)
    if keyed:
        several = pd.Series(a).isin(SEVERAL_GROUPS).to_numpy()
        check &= several | pd.Series(b).isin(SEVERAL_GROUPS).to_numpy()
    rows = np.flatnonzero(check)
    if len(rows):
        out[rows] = pair_map(
            a[rows], b[rows], lambda x, y: bool(nickname_keys(x) & nickname_keys(y))
        )
    return out


def _known(names: np.ndarray, table: frozenset[str]) -> np.ndarray:
    """Whether each name is in a reference table of real names (looked up per distinct name)."""
    codes, uniques = factorize_values(names)
    found = np.fromiter((u in table for u in uniques), dtype=bool, count=len(uniques))
    return np.append(found, False)[codes]  # code -1 (missing): not known


def _collapsed(names: np.ndarray) -> np.ndarray:
    """Names without their spaces: Young Bae, Young-Bae and Youngbae are one name."""
    return map_distinct_values(names, lambda v: v.replace(" ", ""))


def _syllable_verdict(
    left: dict[str, np.ndarray], right: dict[str, np.ndarray], rows: np.ndarray
) -> np.ndarray:
    """Per pair of ``rows``: 1 the same romanised syllables, -1 different ones, 0 no verdict.

    Read only where a surname is a Korean or Chinese one: many Western names
    and their typos also split into syllables (Tina / Tian, Jose / Joose) and
    keep their own levels.
    """
    out = np.zeros(len(rows), dtype=np.int8)
    if not len(rows) or "last_name" not in left or "last_name" not in right:
        return out
    gate = _known(left["last_name"][rows], EAST_ASIAN_SURNAMES) | _known(
        right["last_name"][rows], EAST_ASIAN_SURNAMES
    )
    at = np.flatnonzero(gate)
    if len(at):
        lv, rv = left["first_name"][rows[at]], right["first_name"][rows[at]]
        same = pair_map(lv, rv, lambda a, b: same_syllables(a, b) is True)
        differ = pair_map(lv, rv, lambda a, b: same_syllables(a, b) is False)
        out[at] = np.where(same, 1, np.where(differ, -1, 0))
    return out


def _one_transposition(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with two neighbouring letters swapped."""
    if len(a) != len(b) or a == b:
        return False
    diff = [k for k in range(len(a)) if a[k] != b[k]]
    if len(diff) != 2 or diff[1] != diff[0] + 1:
        return False
    i, j = diff
    return a[i] == b[j] and a[j] == b[i]


def _typo_of_relative(a: str, b: str) -> bool:
    """Whether one name is one typo away from a nickname relative of the other."""
    return any(
        DamerauLevenshtein.distance(x, r, score_cutoff=1) == 1
        for x, y in ((a, b), (b, a))
        for r in nickname_relatives(y)
        if r != y
    )


def _maybe_swapped(left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
    """True where one side's first name is the other's last name (or one typo from
    it) and the first side has no last name ("Milan" / "Brennan Milan"): the names
    may be swapped, so their difference says nothing."""
    n = len(left["first_name"])
    if "last_name" not in left or "last_name" not in right:
        return np.zeros(n, dtype=bool)
    out = np.zeros(n, dtype=bool)
    for one, other in ((left, right), (right, left)):
        rows = np.flatnonzero(~present(one["last_name"]) & present(other["last_name"]))
        x, y = one["first_name"][rows], other["last_name"][rows]
        out[rows] |= damerau_distance(x, y) <= 1
    return out


def _swapped(
    left: dict[str, np.ndarray], right: dict[str, np.ndarray], a: str, b: str
) -> np.ndarray:
    """True where left's ``a`` matches right's ``b`` and vice versa (first/last swapped).

    One side must agree closely (Jaro-Winkler >= 0.9, or one typo away:
    "Xerald Cronin" / "Cronin Jerald"); the other may also be a nickname or an
    initial ("Saari Janelle" / "Janelle S.", "Harris Dick" / "Richard Harris").
    """
    n = len(left[a])
    if b not in left or b not in right:
        return np.zeros(n, dtype=bool)
    out = np.zeros(n, dtype=bool)
    both = np.flatnonzero(present(left[b]) & present(right[b]))
    if len(both):
        la, lb, ra, rb = left[a][both], left[b][both], right[a][both], right[b][both]
        close_ab, close_ba = jaro_winkler(la, rb) >= 0.9, jaro_winkler(lb, ra) >= 0.9
        # A typo at the start of a short name escapes Jaro-Winkler (Xerald / Jerald).
        for close, other, x, y in ((close_ab, close_ba, la, rb), (close_ba, close_ab, lb, ra)):
            rows = np.flatnonzero(other & ~close)
            close[rows] = damerau_distance(x[rows], y[rows]) == 1
        hit = close_ab & close_ba
        for close, x, y in ((close_ab, lb, ra), (close_ba, la, rb)):
            rest = np.flatnonzero(close & ~hit)
            if len(rest):
                x, y = x[rest], y[rest]
                hit[rest] |= _share_nickname_group(x, y, keyed=False) | _is_initial_of(x, y)
        out[both] = hit
    return out


class FirstNameMatch(Matcher):
    """Compare first names, knowing nicknames, initials, typos and swapped order.

    Levels, strongest first: ``exact`` (frequency-adjusted), ``same nickname
    group`` (Bob / Robert; also a nickname with a typo that makes no known
    name, Dcik / Richard), ``two nicknames of one name`` (Jim / Jimmy: neither
    is the group's formal name, so family members who share a name's
    diminutives weaken it), ``two similar given names`` (Mason / Madison: both
    in the census tables, so more often two people than a typo; Jaro-Winkler
    at least ``low``), ``jaro-winkler >= high`` (or, in a short name where
    Jaro-Winkler falls short, two neighbouring letters swapped, Amy / Aym, or
    one letter wrong where one side is no known name, Ben / Bn), ``initial``
    (A. / Ann), ``one contains the other`` (a given name written with or
    without a second one: Son / Van Son Minh, Amina / Amina Fatima),
    ``swapped with last name``, ``jaro-winkler >= low``, ``else``.
    A name written in parts compares as one (Young-Bae, Young Bae, Youngbae:
    ``exact``), and a trailing middle initial is ignored (Robert J. / Robert).
    Romanised Korean and Chinese given names, where a surname is Korean or
    Chinese, compare syllable by syllable: a different syllable is ``else``
    (Yongsik / Yongho), or ``two similar given names`` where only one letter
    differs (Wonju / Wonjun); a syllable spelt differently is a typo (Yongsik
    / Youngsik; see ``unifyid.standardise._romanised``).
    A man's and a woman's name are never a typo of each other (Eric / Erica:
    ``else``). A record without a surname whose first name is the other's
    surname ("Milan" / "Brennan Milan") may be swapped: null, not ``else``.

    Parameters
    ----------
    high, low : float
        Jaro-Winkler thresholds of the two fuzzy levels.
    """

    def __init__(self, *, high: float = 0.92, low: float = 0.80, name: str = "first_name") -> None:
        _check_thresholds("FirstNameMatch", high, low)
        self.name = name
        self.high = high
        self.low = low
        self.columns = ("first_name",)
        self.optional_columns = ("first_key", "last_name")
        self.levels = (
            "exact",
            "same nickname group",
            "two nicknames of one name",
            "two similar given names",
            f"jaro-winkler >= {high}",
            "initial",
            "one contains the other",
            "swapped with last name",
            f"jaro-winkler >= {low}",
            "else",
        )
        self.tf_level = 1
        self.tf_column = "first_name"
        self._init_params = {"high": high, "low": low, "name": name}

    def _compare(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        left = {
            **left,
            "first_name": map_distinct_values(left["first_name"], without_middle_initial),
        }
        right = {
            **right,
            "first_name": map_distinct_values(right["first_name"], without_middle_initial),
        }
        lv, rv = left["first_name"], right["first_name"]
        initial = _has_initial(lv, rv)
        exact = (lv == rv) & ~initial
        spaced = np.flatnonzero(~exact & ~initial)
        exact[spaced] = _collapsed(lv[spaced]) == _collapsed(rv[spaced])
        return exact_first(left, right, exact, initial, self._inexact)

    def _inexact(
        self, left: dict[str, np.ndarray], right: dict[str, np.ndarray], initial: np.ndarray
    ) -> np.ndarray:
        """Levels of pairs whose given names (parts run together) are not an exact agreement."""
        lv, rv = left["first_name"], right["first_name"]
        n = len(lv)
        exact = np.zeros(n, dtype=bool)  # settled by the caller
        if "first_key" in left and "first_key" in right:
            nick = (left["first_key"] == right["first_key"]) & (left["first_key"] != None)  # noqa: E711
        else:
            nick = np.zeros(n, dtype=bool)
        other = np.flatnonzero(~exact & ~nick)
        nick[other] = _share_nickname_group(lv[other], rv[other])
        jw = np.where(initial, 0.0, jaro_winkler(lv, rv))
        known = _known(lv, known_given_names()) & _known(rv, known_given_names())
        # Jaro-Winkler misses a swap of two letters in a short name (its matching
        # window is zero below four letters): Amy / Aym is a typo all the same,
        # and so is one wrong letter that makes no known name (Ben / Bn); Kim /
        # Tim are two names.
        short = np.flatnonzero((jw < self.high) & ~initial & ~exact & ~nick)
        short = short[damerau_distance(lv[short], rv[short]) == 1]
        two_names = np.flatnonzero(known[short])
        typo = np.ones(len(short), dtype=bool)
        typo[two_names] = pair_map(lv[short[two_names]], rv[short[two_names]], _one_transposition)
        jw[short[typo]] = 1.0
        # Romanised Korean and Chinese names differ by whole syllables: Yongsik /
        # Yongho are two names, Yongsik / Youngsik one spelt two ways. Names a
        # syllable apart but one letter apart (Wonju / Wonjun, or a typo: Haemin /
        # Hyemin) are two similar real names, like Mason / Madison.
        fuzzy = np.flatnonzero((jw >= self.low) & ~exact & ~nick)
        verdict = _syllable_verdict(left, right, fuzzy)
        differ = fuzzy[verdict < 0]
        one_edit = differ[damerau_distance(_collapsed(lv[differ]), _collapsed(rv[differ])) == 1]
        jw[differ] = 0.0
        jw[fuzzy[verdict > 0]] = np.maximum(jw[fuzzy[verdict > 0]], self.high)
        fuzzy = fuzzy[verdict >= 0]
        # A man's and a woman's name are no typo of each other (twins, spouses);
        # only pairs that could reach a typo level need the lookup.
        sex_l, sex_r = name_sex(lv[fuzzy]), name_sex(rv[fuzzy])
        jw[fuzzy[(sex_l != "") & (sex_r != "") & (sex_l != sex_r)]] = 0.0
        # Two given names the census knows (Mason / Madison) are less often one
        # person's typo than a known name and an unknown spelling (Stephen /
        # Stephna): their own level, weighed from the data.
        both_known = np.zeros(n, dtype=bool)
        both_known[fuzzy] = known[fuzzy]
        both_known &= jw >= self.low
        both_known[one_edit] = True
        # A typo in a nickname (Dcik for Dick, so Richard) is read through the
        # group of the other name, when the misspelt side is no known name.
        far = np.flatnonzero((jw < self.low) & ~initial & ~exact & ~nick & ~known)
        nick[far] = pair_map(lv[far], rv[far], _typo_of_relative)
        if "first_key" in left and "first_key" in right:
            two = nick & (lv != left["first_key"]) & (rv != right["first_key"])
        else:
            two = np.zeros(n, dtype=bool)
        levels = first_true_level(
            [
                exact,
                nick & ~two,
                two,
                both_known,
                jw >= self.high,
                _is_initial_of(lv, rv, initial),
                names_nested(lv, rv),
                _swapped(left, right, "first_name", "last_name"),
                jw >= self.low,
            ],
            n,
        )
        levels[(levels == len(self.levels)) & _maybe_swapped(left, right)] = 0
        return levels


#: Columns that can give a reason to believe a surname changed.
_REASON_COLUMNS = ("email", "phone", "email__shared", "phone__shared")


class LastNameMatch(Matcher):
    """Compare last names, knowing typos and double-barrelled names.

    Levels: ``exact`` (frequency-adjusted), ``two similar surnames`` (Neil /
    Heil: both census surnames, Jaro-Winkler at least ``low``; more often two
    families than a typo), ``jaro-winkler >= high``, ``one contains the
    other`` (Smith / Smith Jones), ``initial``, ``swapped with
    first name``, ``jaro-winkler >= low``, ``else``. ``else`` is a different
    surname with no reason to believe a change of name; where the records give
    one (a personal email or phone on both, or one's surname in the other's
    email) the difference is null, no evidence either way, so that ``else``
    can weigh strongly against a match. A swapped pair agrees on
    both names, so both matchers count it; neither weighs more than an exact
    agreement on its name would (see ``unifyid.score.pair_weights``).
    """

    def __init__(self, *, high: float = 0.92, low: float = 0.80, name: str = "last_name") -> None:
        _check_thresholds("LastNameMatch", high, low)
        self.name = name
        self.high = high
        self.low = low
        self.columns = ("last_name",)
        self.optional_columns = ("first_name", *_REASON_COLUMNS)
        self.levels = (
            "exact",
            "two similar surnames",
            f"jaro-winkler >= {high}",
            "one contains the other",
            "initial",
            "swapped with first name",
            f"jaro-winkler >= {low}",
            "else",
        )
        self.tf_level = 1
        self.tf_column = "last_name"
        self._init_params = {"high": high, "low": low, "name": name}

    #: Read only where surnames differ: most pairs' levels need the names alone.
    else_columns = _REASON_COLUMNS

    def _compare(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        # The names' levels, then the reasons for a change of name where they
        # differ: the two passes the compare stage runs apart (else_columns).
        levels = self._name_levels(left, right)
        differ = np.flatnonzero(levels == len(self.levels))
        levels[differ] = self._settle_else(take_rows(left, differ), take_rows(right, differ))
        return levels

    def _settle_else(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        """A different surname is null where the records give a reason for it."""
        rows = np.arange(len(left["last_name"]))
        levels = np.full(len(rows), len(self.levels), dtype=np.int8)
        levels[_name_change_reason(left, right, rows)] = 0
        return levels

    def _name_levels(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        """Levels read from the names alone: a different surname is "else" here."""
        lv, rv = left["last_name"], right["last_name"]
        initial = _has_initial(lv, rv)
        return exact_first(left, right, (lv == rv) & ~initial, initial, self._inexact)

    def _inexact(
        self, left: dict[str, np.ndarray], right: dict[str, np.ndarray], initial: np.ndarray
    ) -> np.ndarray:
        """Levels of pairs whose surnames are not an exact agreement."""
        lv, rv = left["last_name"], right["last_name"]
        n = len(lv)
        jw = np.where(initial, 0.0, jaro_winkler(lv, rv))
        # Two census surnames (Neil / Heil) are more often two families than a typo.
        fuzzy = np.flatnonzero(jw >= self.low)
        both_known = np.zeros(n, dtype=bool)
        both_known[fuzzy] = _known(lv[fuzzy], known_surnames()) & _known(
            rv[fuzzy], known_surnames()
        )
        return first_true_level(
            [
                np.zeros(n, dtype=bool),  # exact: settled by the caller
                both_known,
                jw >= self.high,
                names_nested(lv, rv),
                _is_initial_of(lv, rv, initial),
                _swapped(left, right, "last_name", "first_name"),
                jw >= self.low,
            ],
            n,
        )


def _name_change_reason(
    left: dict[str, np.ndarray], right: dict[str, np.ndarray], rows: np.ndarray
) -> np.ndarray:
    """Per pair of ``rows`` with different surnames: do the records say why?

    A personal email or phone (not a value the data shows several people use)
    on both records, or one side's surname written in the other's email
    (Ann Lee with ``annsmith@`` and Ann Smith: a maiden name), make a married
    or maiden name believable; the difference then says nothing.
    """
    out = np.zeros(len(rows), dtype=bool)
    if not len(rows):
        return out
    for c in ("email", "phone"):
        if c not in left or c not in right:
            continue
        a, b = left[c][rows], right[c][rows]
        same = present(a) & present(b) & (a == b)
        flag = f"{c}__shared"
        if flag in left and flag in right:
            same &= ~(_flag(left[flag][rows]) | _flag(right[flag][rows]))
        out |= same
    if "email" in left and "email" in right:
        for one, other in ((left, right), (right, left)):
            surname, email = one["last_name"][rows], other["email"][rows]
            at = np.flatnonzero(~out & present(surname) & present(email))
            if len(at):
                out[at] = pair_map(surname[at], email[at], _surname_in_email)
    return out


def _flag(values: np.ndarray) -> np.ndarray:
    return np.asarray(values == True, dtype=bool)  # noqa: E712


def _surname_in_email(surname: str, email: str) -> bool:
    """Whether a surname of three letters or more is written in an email's local part."""
    name = surname.replace(" ", "")
    return isinstance(email, str) and len(name) >= 3 and name in email.split("@", 1)[0]


def names_nested(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """True where one name's words are all among the other's (Smith / Smith Jones)."""
    out = np.zeros(len(a), dtype=bool)
    multi = np.flatnonzero(
        (map_distinct_values(a, _n_tokens) > 1) | (map_distinct_values(b, _n_tokens) > 1)
    )
    if len(multi):
        out[multi] = pair_map(a[multi], b[multi], _tokens_nested)
    return out


def _n_tokens(v: str) -> int:
    return len(v.replace("-", " ").split())


def _tokens_nested(x: str, y: str) -> bool:
    tx, ty = set(x.replace("-", " ").split()), set(y.replace("-", " ").split())
    return bool(tx) and bool(ty) and tx != ty and (tx <= ty or ty <= tx)
