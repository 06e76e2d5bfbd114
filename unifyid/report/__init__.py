"""Match quality for people: the HTML report, the recognition rate, evaluation
with few labels and clerical review.

The summary card and the charts are reached through the results themselves
(``result.plot``, ``resolver.plot``, a ``Result``'s display); this module holds
the functions that take labels or a reviewer's verdicts, and ``build_report``
for a run's output folder. Charts need matplotlib (``pip install
'unifyid[report]'``); it is imported only when a chart is drawn, so the rest of
this package works on the core install.
"""

from ._chart import Chart
from ._deps import MissingExtraError
from ._html import build_report
from ._labels import estimate_from_records, threshold_curves
from ._recognition import recognition_rate, stitch_labels
from ._review import read_review, review_labels, review_overrides, review_sample

__all__ = [
    "Chart",
    "MissingExtraError",
    "build_report",
    "estimate_from_records",
    "read_review",
    "recognition_rate",
    "review_labels",
    "review_overrides",
    "review_sample",
    "stitch_labels",
    "threshold_curves",
]
