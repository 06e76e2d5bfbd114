"""E-mail addresses: canonical form for exact matching, and placeholder detection.

An e-mail address is one of the strongest identity keys, so the canonical
form folds every spelling that delivers to the same mailbox onto one string:

* surrounding whitespace, a ``mailto:`` prefix and angle brackets are removed
  and the address is lower-cased (local parts are case-insensitive at every
  major provider even though RFC 5321 allows otherwise);
* ``googlemail.com`` becomes ``gmail.com``; Gmail ignores dots in the local
  part, so they are removed there;
* a ``+tag`` sub-address is removed for every domain. Gmail, Outlook, iCloud,
  Fastmail, Proton and most corporate servers deliver ``ann+shop@`` to
  ``ann@``; the few providers that do not are rare enough that treating the
  tag as noise is the better trade-off for matching.

Values that are not plausible addresses (no ``@`` or more than one, spaces,
a domain without a dot) become None.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ._text import as_text, map_unique

__all__ = ["email", "email_str", "is_junk_email"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_DOMAIN = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\.(?:[^\W\d_]{{2,}}|xn--[a-z0-9-]+)")
_LOCAL_BAD = re.compile(r"[\s<>()\[\],;:\\\"@]")

#: Local parts (before and after tag removal) that mean "no address given".
_JUNK_LOCAL = _words(
    """
    noemail no-email no_email nomail no-mail none no na n/a nil null nothing
    noreply no-reply no_reply donotreply do-not-reply do_not_reply dontreply
    unknown unk test tester testing test1 test123 asdf asdfasdf qwerty qwertyuiop
    xxx xxxx xxxxx abc abcd abc123 fake dummy sample example email mail
    noaddress notprovided not-provided declined refused noname nobody nope
    invalid blank empty customer user someone anonymous
    """
)
#: Domains reserved for documentation, placeholders and throwaway inboxes.
_JUNK_DOMAINS = _words(
    """
    example.com example.org example.net test.com test.org testing.com
    noemail.com nomail.com none.com noreply.com no-reply.com invalid.com fake.com
    email.test domain.com mailinator.com mailinator.net guerrillamail.com
    guerrillamail.net sharklasers.com 10minutemail.com tempmail.com temp-mail.org
    throwawaymail.com yopmail.com trashmail.com maildrop.cc dispostable.com
    getnada.com mintemail.com fakeinbox.com spamgourmet.com
    """
)
_JUNK_TLDS = (".test", ".example", ".invalid", ".localhost")
#: Raw values without an "@" that are placeholders rather than typos.
_JUNK_RAW = _JUNK_LOCAL | frozenset({"-", "--", "n.a.", "no email", "not provided", "none given"})


def email_str(value: Any) -> str | None:
    """Canonical form of one raw e-mail value (see :func:`email`).

    Examples
    --------
    >>> email_str(" Ann.Lee+shop@GoogleMail.com ")
    'annlee@gmail.com'
    >>> email_str("ann lee@example.com") is None
    True
    """
    text = as_text(value)
    if text is None:
        return None
    text = text.lower()
    if text.startswith("mailto:"):
        text = text[7:].strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    if text.count("@") != 1:
        return None
    local, domain = text.split("@")
    domain = domain.rstrip(".")
    if not _DOMAIN.fullmatch(domain):
        return None
    if domain == "googlemail.com":
        domain = "gmail.com"
    local = local.split("+", 1)[0]
    if domain in _GMAIL_DOMAINS:
        local = local.replace(".", "")
    if not local or _LOCAL_BAD.search(local) or local.startswith(".") or local.endswith("."):
        return None
    return f"{local}@{domain}"


def email(s: pd.Series) -> pd.Series:
    """Standardise e-mail addresses for exact matching.

    Trim, lower-case, require exactly one ``@`` and a plausible domain (a dot,
    no spaces), map googlemail.com to gmail.com, drop dots in Gmail local
    parts, drop ``+tag`` sub-addresses for every domain (see module notes).

    Parameters
    ----------
    s : pandas.Series
        Raw e-mail values.

    Returns
    -------
    pandas.Series
        Object dtype of str or None (missing or not an address), same index.

    Examples
    --------
    >>> raw = pd.Series(["A.Lee+x@Gmail.com", "bob+news@work.co.uk", "no at sign", None])
    >>> email(raw).tolist()
    ['alee@gmail.com', 'bob@work.co.uk', None, None]
    """
    return map_unique(s, email_str)


def _is_junk(value: Any) -> bool:
    text = as_text(value)
    if text is None:
        return False
    std = email_str(text)
    if std is None:
        return text.lower() in _JUNK_RAW
    return _junk_address(std)


def _junk_address(std: str) -> bool:
    """Junk verdict for an address already in canonical form."""
    local, domain = std.split("@")
    if local in _JUNK_LOCAL or domain in _JUNK_DOMAINS or domain.endswith(_JUNK_TLDS):
        return True
    if local == domain.split(".", 1)[0]:
        return True  # "x@x.com", "asdf@asdf.com", "na@na.com"
    core = local.replace(".", "").replace("-", "").replace("_", "")
    # "aaaa@", "xx@", "111@": one repeated character.
    return len(local) >= 2 and len(set(core)) <= 1


def is_junk_email(s: pd.Series, *, standardised: bool = False) -> pd.Series:
    """Flag placeholder e-mail values that must not link customers.

    A value is junk when, after :func:`email` standardisation, its local part
    is a placeholder word (``noemail``, ``none``, ``na``, ``noreply``,
    ``donotreply``, ``unknown``, ``null``, ``test``, ``asdf``, ``xxx``, ...),
    one repeated character, or the name of its own domain (``x@x.com``), or
    its domain is a documentation or throwaway domain (``example.com``,
    ``test.com``, ``mailinator.com``, ...). Raw
    placeholders without an ``@`` (``"n/a"``, ``"none"``) are junk too.

    Parameters
    ----------
    s : pandas.Series
        Raw or standardised e-mail values.
    standardised : bool, default False
        True when ``s`` is the output of :func:`email` (canonical or None):
        each value is then not standardised a second time.

    Returns
    -------
    pandas.Series
        Bool dtype, same index; missing values are False.

    Examples
    --------
    >>> raw = pd.Series(["test@test.com", "noemail@shop.com", "aaa@x.com", "n/a", "ann@x.com"])
    >>> is_junk_email(raw).tolist()
    [True, True, True, True, False]
    """
    check = _junk_address if standardised else _is_junk
    return map_unique(s, check, missing=False).astype(bool)
