"""Graph stage: links between records become profiles; ``cluster`` is the entry point."""

from ._cluster import Clustering, ClusterSettings, cannot_link_rules, cluster, guards_households
from ._components import components
from ._constraints import ENCODED_CANNOT_LINK, CannotLink, cannot_link_mask, default_cannot_link
from ._ids import profile_ids

__all__ = [
    "ENCODED_CANNOT_LINK",
    "CannotLink",
    "ClusterSettings",
    "Clustering",
    "cannot_link_mask",
    "cannot_link_rules",
    "cluster",
    "components",
    "default_cannot_link",
    "guards_households",
    "profile_ids",
]
