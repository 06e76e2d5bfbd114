"""Contact details and identifiers of people: emails, devices, cookies, loyalty cards.

Emails follow a person's own pattern (``jane.doe``, ``jdoe``, ``jane_doe85``...)
at a weighted domain; family members often follow the head's convention, so
their addresses are one edit apart, and some households share one address,
a tablet, a browser or a loyalty card.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchmarks.independent.conditions import T0, T1, Conditions
from benchmarks.independent.noise import inverse_cdf, text, uuids

__all__ = ["draw_emails", "draw_ids"]

_DOMAINS = np.array(
    [
        "gmail.com",
        "yahoo.com",
        "hotmail.com",
        "outlook.com",
        "aol.com",
        "icloud.com",
        "comcast.net",
        "msn.com",
        "live.com",
        "att.net",
        "verizon.net",
        "me.com",
        "protonmail.com",
        "sbcglobal.net",
    ],
    dtype=object,
)
_DOMAIN_P = np.array([38, 14, 9, 7, 4, 6, 3, 2, 2, 2, 1, 2, 1, 1], dtype=float)
_PATTERN_P = np.array([0.2, 0.15, 0.14, 0.06, 0.1, 0.05, 0.05, 0.12, 0.05, 0.08])
_WORK = np.array(
    [
        "acmecorp.com",
        "northwind.com",
        "contoso.com",
        "globex.com",
        "initech.com",
        "umbrella-inc.com",
        "stateuniv.edu",
        "cityhospital.org",
    ],
    dtype=object,
)


def _email_stem(
    first: pd.Series, last: pd.Series, pattern: np.ndarray, yy: np.ndarray, rnd: np.ndarray
) -> pd.Series:
    f = text(first).str.lower().str.replace(r"[^a-z]", "", regex=True)
    s = text(last).str.lower().str.replace(r"[^a-z]", "", regex=True)
    fi = f.str[:1]
    si = s.str[:1]
    yys = text(pd.Series(yy).astype(str)).str.zfill(2)
    rnds = text(pd.Series(rnd).astype(str))
    forms = [
        f + "." + s,
        fi + s,
        f + s,
        f + "_" + s,
        f + "." + s + yys,
        f + si,
        s + f,
        f + rnds,
        s + "." + f,
        fi + s + yys,
    ]
    out = forms[0].copy()
    for k, form in enumerate(forms[1:], start=1):
        out = out.where(pattern != k, form)
    return out


def _unique_emails(rng: np.random.Generator, email: pd.Series) -> pd.Series:
    """Different people never share an address by accident: add digits to repeats."""
    for _ in range(6):
        rep = email.groupby(email).cumcount().to_numpy() > 0
        if not rep.any():
            break
        local, _, dom = email[rep].str.partition("@").T.to_numpy()
        digits = pd.Series(rng.integers(1, 999, int(rep.sum()))).astype(str).to_numpy()
        email[rep] = local + digits + "@" + dom
    return email


def draw_emails(
    rng: np.random.Generator,
    cond: Conditions,
    *,
    first: np.ndarray,
    last: np.ndarray,
    dob: np.ndarray,
    head_of: np.ndarray,
    multi: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each person's email, second email (or None) and household email (or None)."""
    n = len(first)
    u = rng.random((6, n))
    pattern = inverse_cdf(_PATTERN_P, u[0])
    domain = inverse_cdf(_DOMAIN_P, u[1])
    follow = multi & (u[2] < 0.5)
    pattern = np.where(follow, pattern[head_of], pattern)
    domain = np.where(follow, domain[head_of], domain)
    first_s, last_s = text(first), text(last)
    yy = (dob.astype("datetime64[Y]").astype(int) + 1970) % 100
    stem = _email_stem(first_s, last_s, pattern, yy, rng.integers(1, 9999, n))
    email = _unique_emails(rng, stem + "@" + text(_DOMAINS[domain]))
    pattern2 = (pattern + 1 + (u[3] * 9).astype(np.int64)) % 10
    work = u[4] < 0.35
    dom2 = np.where(work, rng.choice(_WORK, n), _DOMAINS[rng.choice(len(_DOMAINS), n)])
    stem2 = _email_stem(first_s, last_s, pattern2, yy, rng.integers(1, 9999, n))
    email2 = _unique_emails(rng, stem2 + "@" + text(dom2))
    email2 = email2.where((u[5] < cond.second_email_share) & (email2 != email))
    # A household address ("thesmiths12@...") for three in ten families.
    fam = multi & (rng.random(n) < 0.3)[head_of]
    fam_addr = (
        "the"
        + last_s.str.lower().str.replace(r"[^a-z]", "", regex=True)
        + "s"
        + text(pd.Series(rng.integers(1, 99, n)).astype(str))
        + "@"
        + text(_DOMAINS[rng.choice(len(_DOMAINS), n)])
    ).to_numpy(dtype=object)
    family_email = np.where(fam, fam_addr[head_of], None)
    return (
        email.to_numpy(dtype=object),
        email2.astype(object).where(email2.notna(), None).to_numpy(dtype=object),
        family_email,
    )


def draw_ids(
    rng: np.random.Generator, head_of: np.ndarray, multi: np.ndarray
) -> dict[str, np.ndarray]:
    """Phone advertising ids (one change for some), tablets, cookies and loyalty cards."""
    n = len(head_of)
    u = rng.random((5, n))
    changes = u[0] < 0.3
    tablet = np.where(multi & (u[1] < 0.4)[head_of], uuids(rng, n, upper=True)[head_of], None)
    cookie = uuids(rng, n, upper=False, dashes=False)
    fam_pc = multi & (u[2] < 0.3)[head_of]
    loyal = u[3] < 0.65
    card = "6" + text(pd.Series(rng.integers(10**10, 10**11 - 1, n)).astype(str))
    card = card.to_numpy(dtype=object)
    fam_card = multi & (u[4] < 0.25)[head_of] & loyal[head_of]
    return {
        "device": uuids(rng, n, upper=True),
        "new_device": np.where(changes, uuids(rng, n, upper=True), None),
        "device_at": np.where(changes, rng.integers(T0, T1, n), T1 + 1),
        "tablet": tablet,
        "cookie": cookie,
        "family_cookie": np.where(fam_pc, cookie[head_of], None),
        "loyalty": np.where(fam_card, card[head_of], np.where(loyal, card, None)),
    }
