"""Graph stage: links between records become profiles."""

from ._components import components
from ._constraints import DEFAULT_CANNOT_LINK, ENCODED_CANNOT_LINK, CannotLink, cannot_link_mask
from ._ids import profile_ids

__all__ = [
    "DEFAULT_CANNOT_LINK",
    "ENCODED_CANNOT_LINK",
    "CannotLink",
    "cannot_link_mask",
    "components",
    "profile_ids",
]
