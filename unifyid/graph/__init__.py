"""Graph stage: links between records become profiles; ``cluster`` is the entry point."""

from ._cluster import Clustering, ClusterSettings, cannot_link_rules, cluster
from ._components import components
from ._constraints import DEFAULT_CANNOT_LINK, ENCODED_CANNOT_LINK, CannotLink, cannot_link_mask
from ._ids import profile_ids

__all__ = [
    "DEFAULT_CANNOT_LINK",
    "ENCODED_CANNOT_LINK",
    "CannotLink",
    "ClusterSettings",
    "Clustering",
    "cannot_link_mask",
    "cannot_link_rules",
    "cluster",
    "components",
    "profile_ids",
]
