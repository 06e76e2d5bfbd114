"""Match quality for people: the summary card, charts, the HTML report, the
recognition rate, evaluation with few labels and clerical review.

Charts need matplotlib (``pip install 'unifyid[report]'``); it is imported only
when a chart is drawn, so the rest of this package works on the core install.
"""

from ._card import card_html, card_text
from ._chart import Chart
from ._deps import MissingExtraError
from ._html import build_report, report_html
from ._labels import (
    estimate_from_records,
    pair_labels_from_truth,
    threshold_curves,
    wilson_interval,
)
from ._plots import ResolverPlots, ResultPlots, RunPlots
from ._recognition import recognition_rate, stitch_labels
from ._review import overrides_frame, read_review, review_labels, review_overrides, review_sample
from ._risk import profile_confidence, profiles_at_risk
from ._run import RunData, result_summary_extras

__all__ = [
    "Chart",
    "MissingExtraError",
    "ResolverPlots",
    "ResultPlots",
    "RunData",
    "RunPlots",
    "build_report",
    "card_html",
    "card_text",
    "estimate_from_records",
    "overrides_frame",
    "pair_labels_from_truth",
    "profile_confidence",
    "profiles_at_risk",
    "read_review",
    "recognition_rate",
    "report_html",
    "result_summary_extras",
    "review_labels",
    "review_overrides",
    "review_sample",
    "stitch_labels",
    "threshold_curves",
    "wilson_interval",
]
