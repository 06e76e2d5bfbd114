"""Data-entry noise for the synthetic generator: typos, case, spacing, formats.

Every function takes an object array of strings (``None`` for missing) and a
``numpy.random.Generator``, draws all its random numbers as whole arrays up
front (so the output depends only on the generator state), and touches only
the selected elements in Python. Helpers return new arrays; inputs are never
modified in place.
"""

from __future__ import annotations

import unicodedata

import numpy as np

__all__ = [
    "bernoulli",
    "case_noise",
    "email_typo",
    "fold_ascii",
    "format_phones",
    "gmail_variant",
    "pick",
    "space_noise",
    "typo",
]

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Letters that do not decompose into base + combining accent under NFKD.
_EXTRA_FOLD = str.maketrans({"ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "ł": "l"})
_FOLD_CACHE: dict[str, str] = {}


def bernoulli(rng: np.random.Generator, n: int, p: float | np.ndarray) -> np.ndarray:
    """Boolean array of ``n`` independent draws with success probability ``p``."""
    return rng.random(n) < p


def pick(
    rng: np.random.Generator, values: tuple | list, n: int, weights: np.ndarray | None = None
) -> np.ndarray:
    """Draw ``n`` items of ``values`` (optionally weighted) as an object array."""
    arr = np.empty(len(values), dtype=object)
    arr[:] = list(values)
    if weights is None:
        return arr[rng.integers(0, len(values), n)]
    w = np.asarray(weights, dtype=float)
    return arr[rng.choice(len(values), size=n, p=w / w.sum())]


def fold_ascii(text: str) -> str:
    """Drop accents: ``"José Müller"`` -> ``"Jose Muller"`` (cached per string)."""
    out = _FOLD_CACHE.get(text)
    if out is None:
        decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLD))
        out = "".join(c for c in decomposed if not unicodedata.combining(c))
        _FOLD_CACHE[text] = out
    return out


def _edit(text: str, op: int, u: float, letter: str) -> str:
    """Apply one keystroke error to ``text`` at relative position ``u``."""
    n = len(text)
    if n < 3:
        return text + letter if op == 3 else text
    i = min(int(u * (n - 1)), n - 2) if n > 3 else 1
    if op == 0:  # substitution, keeping the case of the replaced letter
        ch = letter.upper() if text[i].isupper() else letter
        return text[:i] + ch + text[i + 1 :]
    if op == 1:  # transposition of two neighbours
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if op == 2:  # deletion
        return text[:i] + text[i + 1 :]
    return text[: i + 1] + text[i] + text[i + 1 :]  # doubled letter


def typo(values: np.ndarray, mask: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One random substitution, transposition, deletion or doubling where ``mask``.

    Returns the new array and leaves missing values alone.
    """
    out = values.copy()
    idx = np.flatnonzero(mask)
    ops = rng.integers(0, 4, idx.size)
    pos = rng.random(idx.size)
    letters = rng.integers(0, 26, idx.size)
    for k, i in enumerate(idx):
        v = out[i]
        if v:
            out[i] = _edit(v, int(ops[k]), float(pos[k]), _LETTERS[letters[k]])
    return out


def case_noise(
    values: np.ndarray, rng: np.random.Generator, upper: float, lower: float
) -> np.ndarray:
    """Upper-case a share ``upper`` and lower-case a share ``lower`` of the values."""
    out = values.copy()
    u = rng.random(values.size)
    for i in np.flatnonzero(u < upper):
        if out[i]:
            out[i] = out[i].upper()
    for i in np.flatnonzero((u >= upper) & (u < upper + lower)):
        if out[i]:
            out[i] = out[i].lower()
    return out


def space_noise(values: np.ndarray, rng: np.random.Generator, rate: float) -> np.ndarray:
    """Add a stray leading/trailing space or double an inner space for ``rate`` of values."""
    out = values.copy()
    idx = np.flatnonzero(rng.random(values.size) < rate)
    kind = rng.integers(0, 3, idx.size)
    for k, i in enumerate(idx):
        v = out[i]
        if not v:
            continue
        if kind[k] == 0:
            out[i] = " " + v
        elif kind[k] == 1:
            out[i] = v + "  "
        else:
            out[i] = v.replace(" ", "  ", 1) if " " in v else v + " "
    return out


def gmail_variant(email: str, u: float, tag: str) -> str:
    """Rewrite a gmail address the way gmail still delivers it (dots, +tag, case)."""
    local, _, domain = email.partition("@")
    if u < 0.4:
        if "." in local:
            local = local.replace(".", "")
        else:
            cut = max(1, len(local) // 2)
            local = local[:cut] + "." + local[cut:]
    elif u < 0.85:
        local = f"{local}+{tag}"
    else:
        local = local.capitalize()
        domain = "Gmail.com"
    return f"{local}@{domain}"


_DOMAIN_TYPOS = {
    "gmail.com": ("gmial.com", "gmail.con", "gmai.com", "gamil.com", "gmail.co"),
    "yahoo.com": ("yaho.com", "yahoo.con", "yahooo.com"),
    "hotmail.com": ("hotmial.com", "hotmail.co", "hotmal.com"),
    "outlook.com": ("outlok.com", "outlook.con"),
    "icloud.com": ("icoud.com", "icloud.con"),
}


def email_typo(email: str, op: int, u: float, letter: str) -> str:
    """Misspell an address: a mistyped domain or one edit in the local part."""
    local, _, domain = email.partition("@")
    options = _DOMAIN_TYPOS.get(domain.lower())
    if options and u < 0.5:
        return f"{local}@{options[int(u * 2 * len(options)) % len(options)]}"
    return f"{_edit(local, op, u, letter)}@{domain}"


# Phone styles: index -> template over (area code, exchange, line).
PHONE_STYLES: tuple[str, ...] = (
    "+1{a}{e}{n}",  # 0 E.164
    "{a}{e}{n}",  # 1 bare digits
    "({a}) {e}-{n}",  # 2 US classic
    "{a}-{e}-{n}",  # 3 dashes
    "+1 {a} {e} {n}",  # 4 international with spaces
    "{a}.{e}.{n}",  # 5 dots
    "00 1 {a} {e} {n}",  # 6 international dialling prefix
    "1-{a}-{e}-{n}",  # 7 trunk prefix
    "{a} {e} {n}",  # 8 spaces
)


def format_phones(digits: np.ndarray, styles: np.ndarray) -> np.ndarray:
    """Render 10-digit US numbers (int64) in the given style indices (see ``PHONE_STYLES``)."""
    out = np.empty(digits.size, dtype=object)
    area = digits // 10_000_000
    exch = (digits // 10_000) % 1000
    line = digits % 10_000
    for s, template in enumerate(PHONE_STYLES):
        idx = np.flatnonzero(styles == s)
        out[idx] = [
            template.format(a=a, e=e, n=f"{n:04d}")
            for a, e, n in zip(
                area[idx].tolist(), exch[idx].tolist(), line[idx].tolist(), strict=True
            )
        ]
    return out
