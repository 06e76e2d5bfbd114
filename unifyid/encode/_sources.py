"""``encode_sources``: standardise the sources as plain resolution does, then encode them."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .._errors import ConfigError
from .._schema import ENCODED_TYPES
from .._source import Source
from ..standardise._stage import standardise_sources
from ._columns import encode_frame
from ._key import EncodingKey, load_key

__all__ = ["encode_sources"]

log = logging.getLogger("unifyid")


def encode_sources(
    sources: Sequence[Source],
    key: EncodingKey | bytes | str | os.PathLike[str],
    *,
    region: str = "US",
) -> list[Source]:
    """Encoded copies of the sources, ready for ``Resolver.resolve`` or for sharing.

    Every source is validated and standardised exactly as ``resolve`` would
    (so the two sides of an exchange agree on ``"Ann.Lee+shop@Gmail.com"``),
    then identifiers become keyed digests and names and places keyed
    Bloom-filter encodings (see ``unifyid.encode``). Record ids are kept as
    they are: use surrogate keys that mean nothing outside the exchange.

    Parameters
    ----------
    sources : list of Source
        Plain sources.
    key : EncodingKey, bytes or path
        The shared secret, or the path of its key file (see ``load_key``).
    region : str
        Default phone region, as for ``Resolver``.

    Returns
    -------
    list of Source
        One per input source, same name and id column, holding the record ids
        and the encoded columns (each mapped to its encoded semantic type).

    Raises
    ------
    ConfigError
        The key is missing or too short, or a source has no column to encode.
    SchemaError
        A source fails validation (as in ``resolve``).

    Examples
    --------
    >>> import pandas as pd, unifyid as uid
    >>> web = pd.DataFrame({"id": ["w1"], "mail": ["Ann.Lee@Gmail.com"], "name": ["Ann Lee"]})
    >>> [src] = uid.encode_sources(
    ...     [uid.Source("web", web, id="id", columns={"mail": "email", "name": "full_name"})],
    ...     b"an example secret of 32+ bytes, not for real use",
    ... )
    >>> sorted(src.columns.values())
    ['email_hmac', 'first_key_hmac', 'first_name_clk', 'last_name_clk']
    >>> "ann" in src.read().to_csv()
    False
    """
    if isinstance(key, (bytes, bytearray)):
        key = EncodingKey(bytes(key))
    elif not isinstance(key, EncodingKey):
        key = load_key(key)
    plain = [s for s in sources if isinstance(s, Source)]
    encoded_in = sorted(s.name for s in plain if set(s.columns.values()) & set(ENCODED_TYPES))
    if encoded_in:
        raise ConfigError(f"source(s) {encoded_in} are encoded already; encode plain sources.")
    prepared = standardise_sources(sources, region=region)
    frame = prepared.frame
    encoded = encode_frame(frame, key)
    names = frame["source"].astype(str).to_numpy()
    out = []
    for src in sources:
        rows = np.flatnonzero(names == src.name)
        part = encoded.iloc[rows]
        keep = [c for c in part.columns if part[c].notna().any()]
        if not keep:
            raise ConfigError(
                f"source {src.name!r}: no column to encode (map emails, phones, ids, "
                "birth dates, names or addresses)."
            )
        table = pd.DataFrame({src.id: frame["record_id"].to_numpy(dtype=object)[rows]})
        for c in keep:
            table[c] = part[c].to_numpy(dtype=object)
        out.append(Source(src.name, table, id=src.id, columns={c: c for c in keep}))
        log.info("encoded source %r: %d records, %d columns", src.name, len(table), len(keep))
    return out
