"""Scoring: comparison vectors and an unsupervised Fellegi–Sunter model."""

from ._comparisons import compare_pairs, random_pairs, term_frequencies
from ._fellegi_sunter import FSParams, estimate, pattern_counts, weights_table
from ._weights import pair_weights

__all__ = [
    "FSParams",
    "compare_pairs",
    "estimate",
    "pair_weights",
    "pattern_counts",
    "random_pairs",
    "term_frequencies",
    "weights_table",
]
