"""Privacy-preserving record linkage: encode sources so they can be resolved without
revealing who is in them.

``unifyid.encode_sources`` (and ``unifyid encode CONFIG --key-file KEY --out DIR``)
standardises the sources exactly as plain resolution does, then writes
identifiers (email, phone, device, loyalty and customer ids, birth date,
postcode) as keyed HMAC-SHA256 digests and names and street and town as keyed
Bloom-filter encodings (CLKs). ``Resolver`` resolves encoded sources with
its own matchers (``matchers._defaults.encoded_matchers``) and blocking
(``ENCODED_RULES``): exact digests, and LSH bands over the CLK bits.

Internal: the public entry point is ``unifyid.encode_sources``; the names
below serve the package, its command line and its benchmarks and may change.

One module per concept: ``_key`` (key file, subkeys), ``_hmac`` (digests),
``_bloom`` (CLKs, Dice), ``_columns`` (which column becomes what),
``_lsh`` (blocking keys), ``_sources`` (the API), ``_cli`` (the command).
"""

from ._key import MIN_KEY_BYTES, EncodingKey, load_key
from ._lsh import ENCODED_RULES, encoded_rules
from ._sources import encode_sources

__all__ = [
    "ENCODED_RULES",
    "MIN_KEY_BYTES",
    "EncodingKey",
    "encode_sources",
    "encoded_rules",
    "load_key",
]
