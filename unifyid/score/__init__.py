"""Scoring: comparison vectors and an unsupervised Fellegi–Sunter model."""

from ..compare import compare_pairs, random_pairs  # the compare stage; kept importable here
from ._fellegi_sunter import (
    FSParams,
    estimate,
    level_weights,
    pattern_counts,
    u_from_counts,
    weights_table,
)
from ._fit import U_REFINE_PASSES, fit_model
from ._model import FittedModel
from ._training import estimate_prior, train_m
from ._weights import pair_bits, pair_weights, record_term_frequencies

__all__ = [
    "U_REFINE_PASSES",
    "FSParams",
    "FittedModel",
    "compare_pairs",
    "estimate",
    "estimate_prior",
    "fit_model",
    "level_weights",
    "pair_bits",
    "pair_weights",
    "pattern_counts",
    "random_pairs",
    "record_term_frequencies",
    "train_m",
    "u_from_counts",
    "weights_table",
]
