"""``Resolver``: sources in, unified customer profiles out.

A short orchestrator: each stage lives in its own folder and is called here
through its one entry point, in order and timed once: standardise
(``unifyid.standardise.standardise_sources``), profile the values
(``unifyid.values.profile_values``), block (``unifyid.block.block_records``),
compare (``unifyid.compare.compare_pairs``), fit (``unifyid.score.fit_model``,
returning a ``FittedModel``), cluster (``unifyid.graph.cluster``). Runs on top
of an earlier one go through ``unifyid.incremental``; golden records are built
by ``Result`` when asked for.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from ._errors import ConfigError, NotFittedError
from ._processes import processes
from ._resolver_params import PARAM_RULES, check_params, check_source_names
from ._result import Result, run_result
from ._source import Source
from .block import BlockingRule, block_records
from .compare import RecordCodes, Scored, compare_pairs
from .golden import SurvivorshipRule
from .graph import CannotLink, ClusterSettings, cluster
from .graph._overrides import Overrides, override_rows
from .incremental import Removed, State, resolve_incremental
from .io._model import load_model, save_model
from .matchers import Matcher, default_matchers
from .score import FittedModel, fit_model
from .standardise import standardise_sources
from .values import distinct_term_frequencies, profile_values

if TYPE_CHECKING:
    from .engines._spark._pipeline import SparkResult
    from .report._plots import ResolverPlots

__all__ = ["Resolver"]

log = logging.getLogger("unifyid")


class Resolver:
    """Resolve customer records from several sources into unified profiles.

    Works with no labels and no tuning: m/u probabilities are learned from the
    data being resolved. Parameters are stored untouched and checked in ``fit``.

    Parameters
    ----------
    matchers : list of Matcher, optional
        Comparisons to use; default: one built-in matcher per column present.
    blocking : list of BlockingRule, optional
        Candidate-pair rules; default: the built-in rules, one per blocking key.
    cannot_link : list of CannotLink, optional
        Comparison outcomes that veto a link. Default: keep household members
        and twins apart (the built-in household rules) when the data
        shows households (see ``households_``), and keep a record without a
        first name from a household it cannot be placed in. ``[]`` disables.
    overrides : Overrides, optional
        Record pairs the user pinned together (must-link) or apart
        (cannot-link); they always win, and are kept in every later run.
    identifier_limits : mapping of str to int, optional
        At most this many distinct values of an identifier per profile, e.g.
        ``{"loyalty_id": 1, "email": 3}``; listed in priority order. A profile
        over a limit is split at its weakest links.
    hub_blocklist, hub_allowlist : mapping of str to list of str, optional
        Identifier values always treated as hubs (never link), or never.
    golden_rules : mapping of str to SurvivorshipRule, optional
        Survivorship rule per golden field (``"email"``, ``"name"``,
        ``"address"``, ...), overriding ``unifyid.golden.DEFAULT_SURVIVORSHIP_RULES``.
    threshold : float
        Match probability above which two records are linked. Above 0.5 on
        purpose: a false link merges two whole profiles and chains further,
        while a missed link is often bridged by another record of the
        person. Lower it to favour recall.
    max_block_size : int
        Blocks with more records (exact duplicates counted once) are not paired
        in full but split by the records' other keys; ``Result.blocking``
        counts the pairs left uncompared.
    hub_people, hub_records : int
        An identifier value used by this many different first names, or by
        more distinct identities (first name and birth date) than
        ``hub_records``, is a hub and never links records.
    region : str
        Default phone region for numbers written without a country code.
    n_random_pairs : int
        Random pairs drawn to estimate how often strangers agree (u).
    max_iter : int
        Maximum EM iterations.
    random_state : int
        Seed of the random pair sample; results are deterministic given it.
    engine : {"local", "spark"}
        Where the stages run. ``"local"``: in this process (numpy, pandas,
        Arrow). ``"spark"``: on the active Spark session, or a local one
        (needs ``pip install "unifyid[spark]"`` and Java 17+); the same
        profiles and ids, and ``resolve`` returns lazy Spark tables (a
        ``SparkResult``). The Spark engine runs full runs without overrides;
        incremental runs and ``predict`` with a saved model run locally.
    n_jobs : int or None
        Processes the local engine may use. ``None`` (default): a large
        stage (standardising several sources, blocking tens of thousands of
        records, comparing or weighing a few hundred thousand pairs, building
        the golden records of more than one chunk of profiles) forks a
        second process when a core is idle, on Linux; ``1``: never fork;
        ``k``: up to ``k`` processes where forking is available. Results are
        the same whatever it is; only time and memory differ (a second
        process adds its working memory).

    Attributes
    ----------
    matchers_ : list of Matcher
        The matchers in use after ``fit``.
    m_ : dict of str to numpy.ndarray
        Per matcher, P(level | match), learned by EM per blocking rule.
    u_ : dict of str to numpy.ndarray
        Per matcher, P(level | non-match), measured on random pairs.
    lambda_ : float
        Prior: share of matches among all record pairs.
    source_shifts_ : dict of (str, str) to float
        Per pair of sources (names in sorted order) with enough candidate
        pairs, how far its own prior lies from ``lambda_``, in bits (log2
        odds): records of one support desk are likelier to be one customer
        than a support record and a web account. Empty with one source.
    n_iter_ : int
        EM iterations run, over all training sessions.
    households_ : HouseholdEvidence
        How often first names differ among records sharing surname and
        postcode versus records sharing a personal identifier; when the
        first is much higher, the data holds households and the default
        cannot-link rules apply.

    Examples
    --------
    >>> import pandas as pd, unifyid as uid
    >>> web = pd.DataFrame({"id": ["w1", "w2"], "email": ["Ann.Lee@gmail.com", "bob@x.org"],
    ...                     "name": ["Ann Lee", "Bob Stone"]})
    >>> shop = pd.DataFrame({"id": ["s1"], "mail": ["annlee+shop@gmail.com"],
    ...                      "first": ["Ann"], "last": ["Lee"]})
    >>> result = uid.Resolver().resolve([
    ...     uid.Source("web", web, id="id", columns={"email": "email", "name": "full_name"}),
    ...     uid.Source("shop", shop, id="id",
    ...                columns={"mail": "email", "first": "first_name", "last": "last_name"}),
    ... ])
    >>> result.profiles.groupby("profile_id").size().sort_values().tolist()
    [1, 2]
    """

    def __init__(
        self,
        *,
        matchers: Sequence[Matcher] | None = None,
        blocking: Sequence[BlockingRule] | None = None,
        cannot_link: Sequence[CannotLink] | None = None,
        overrides: Overrides | None = None,
        identifier_limits: Mapping[str, int] | None = None,
        hub_blocklist: Mapping[str, Sequence[str]] | None = None,
        hub_allowlist: Mapping[str, Sequence[str]] | None = None,
        golden_rules: Mapping[str, SurvivorshipRule] | None = None,
        threshold: float = 0.7,
        max_block_size: int = 50,
        hub_people: int = 3,
        hub_records: int = 50,
        region: str = "US",
        n_random_pairs: int = 200_000,
        max_iter: int = 100,
        random_state: int = 0,
        engine: str = "local",
        n_jobs: int | None = None,
    ) -> None:
        self.matchers = matchers
        self.blocking = blocking
        self.cannot_link = cannot_link
        self.overrides = overrides
        self.identifier_limits = identifier_limits
        self.hub_blocklist = hub_blocklist
        self.hub_allowlist = hub_allowlist
        self.golden_rules = golden_rules
        self.threshold = threshold
        self.max_block_size = max_block_size
        self.hub_people = hub_people
        self.hub_records = hub_records
        self.region = region
        self.n_random_pairs = n_random_pairs
        self.max_iter = max_iter
        self.random_state = random_state
        self.engine = engine
        self.n_jobs = n_jobs

    # -- sklearn-style plumbing -------------------------------------------
    def get_params(self) -> dict[str, Any]:
        """The constructor parameters."""
        return {k: getattr(self, k) for k in PARAM_RULES}

    def __repr__(self) -> str:
        changed = {k: v for k, v in self.get_params().items() if v != type(self)().get_params()[k]}
        return f"Resolver({', '.join(f'{k}={v!r}' for k, v in changed.items())})"

    def _check_params(self) -> None:
        check_params(self.get_params())

    def _check_fitted(self) -> None:
        if not hasattr(self, "m_"):
            raise NotFittedError.for_object(self)

    # -- public API --------------------------------------------------------
    def fit(self, sources: Sequence[Source]) -> Resolver:
        """Learn match probabilities from the sources, without labels. Returns self."""
        self._check_params()
        if self.engine == "spark":
            self._resolve_on_spark(sources)
            return self
        t0 = time.perf_counter()
        with processes(self.n_jobs):
            scored, _ = self._score_inputs(sources, matchers=self.matchers)
            self._fit_scored(scored)
        log.info(
            "fit: %d candidate pairs, %d EM iterations, %.1fs",
            len(scored.left),
            self.n_iter_,
            time.perf_counter() - t0,
        )
        return self

    def predict(self, sources: Sequence[Source]) -> Result:
        """Cluster the sources into profiles with the fitted model."""
        self._check_fitted()
        self._check_params()
        self._refuse_on_spark("predict() with a fitted model")
        with processes(self.n_jobs):
            scored, timings = self._score_inputs(sources, matchers=self.matchers_)
            return self._cluster(scored, timings)

    def resolve(
        self,
        sources: Sequence[Source],
        *,
        previous: State | None = None,
        removed: Removed | None = None,
    ) -> Result | SparkResult:
        """Fit on the sources and cluster them: the one call most users need.

        With ``previous`` (the :class:`State` of an earlier run), ``sources``
        hold only new or changed records: they are added to that run with its
        fitted model, only pairs involving them are compared, only the
        profiles they touch are re-checked, and profile ids are kept where a
        profile is unchanged or only grew. ``Result.changes`` logs new, grown,
        shrunk, merged, split and removed profiles.

        ``removed`` (with ``previous`` only) names earlier records that no
        longer exist: a DataFrame with ``source`` and ``record_id`` columns or
        ``(source, record_id)`` pairs. They leave their profiles, which are
        re-clustered from the links that remain; ``sources`` may then be empty.

        With ``engine="spark"`` the stages run on Spark and the result is a
        ``SparkResult`` of lazy Spark tables (``profiles``, ``golden``,
        ``lineage``, ``edges``; ``write(folder)``).
        """
        self._check_params()
        if self.engine == "spark":
            if previous is not None or removed is not None:
                self._refuse_on_spark("previous= and removed= (incremental runs)")
            return self._resolve_on_spark(sources)
        if removed is not None and previous is None:
            raise ConfigError(
                "removed= needs previous=: records can only be removed from an earlier run."
            )
        with processes(self.n_jobs):
            if previous is not None:
                result, model = resolve_incremental(self, sources, previous, removed)
                self._set_fitted(model)
                return result
            scored, timings = self._score_inputs(sources, matchers=self.matchers)
            with _timed(timings, "fit"):
                contrib = self._fit_scored(scored)
            # The rules' pair keys serve the fit only (at 1M records, 0.19 GB):
            # they are let go before the graph stage, where the run peaks.
            scored = replace(scored, rule_keys=[])
            return self._cluster(scored, timings, contrib)

    # -- persistence -------------------------------------------------------
    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the fitted model as human-readable JSON (see ``unifyid.io.save_model``)."""
        self._check_fitted()
        save_model(self, path)

    @classmethod
    def load(
        cls, path: str | os.PathLike[str], *, matchers: Sequence[Matcher] | None = None
    ) -> Resolver:
        """Read a model written by :meth:`save`.

        Built-in matchers are rebuilt from their saved parameters; user-defined
        ones must be passed again as ``matchers`` (matched by name).
        """
        params, model = load_model(path, matchers=matchers)
        resolver = cls(**params)
        resolver._set_fitted(model)
        return resolver

    @property
    def plot(self) -> ResolverPlots:
        """Charts of the fitted model: ``resolver.plot.m_u()`` (needs ``unifyid[report]``)."""
        from .report._plots import ResolverPlots

        return ResolverPlots(self)

    # -- the Spark engine ----------------------------------------------------
    def _refuse_on_spark(self, what: str) -> None:
        if self.engine == "spark":
            raise ConfigError(
                f"the Spark engine does not run {what} yet: use Resolver(engine='local') for it."
            )

    def _resolve_on_spark(self, sources: Sequence[Source]) -> SparkResult:
        """The whole pipeline on Spark; the learned attributes are set as by a local fit."""
        if self.overrides is not None:
            self._refuse_on_spark("overrides (pinned pairs)")
        from .engines._spark._pipeline import SparkSettings, resolve_on_spark

        check_source_names(self.golden_rules, [getattr(s, "name", None) for s in sources])
        params = self.get_params()
        settings = SparkSettings(**{k: params[k] for k in SparkSettings.__dataclass_fields__})
        result, model = resolve_on_spark(sources, settings)
        self._set_fitted(model)
        return result

    # -- stages: standardise -> values -> block -> compare -> fit -> cluster --
    def _score_inputs(
        self, sources: Sequence[Source], *, matchers: Sequence[Matcher] | None
    ) -> tuple[Scored, dict[str, float]]:
        """Standardise, profile the values, block and compare: the pairs to score."""
        check_source_names(self.golden_rules, [getattr(s, "name", None) for s in sources])
        timings: dict[str, float] = {}
        with _timed(timings, "standardise"):
            prepared = standardise_sources(sources, region=self.region)
        frame = prepared.frame
        chosen = list(matchers) if matchers else default_matchers(prepared.columns_present)
        with _timed(timings, "hubs"):
            hubs = profile_values(
                frame,
                hub_people=self.hub_people,
                hub_records=self.hub_records,
                blocklist=self.hub_blocklist,
                allowlist=self.hub_allowlist,
            )
        with _timed(timings, "block"):
            left, right, stats = block_records(
                frame,
                self.blocking,
                max_block_size=self.max_block_size,
                pinned=override_rows(frame, self.overrides),
            )
        with _timed(timings, "compare"):
            codes = RecordCodes(frame)
            gamma = compare_pairs(frame, left, right, chosen, codes=codes)
        # The values' frequencies are the fit's (as on Spark, where the fit counts them).
        with _timed(timings, "fit"):
            tf = distinct_term_frequencies(frame, chosen, stats.representative)
        scored = Scored(
            prepared, chosen, hubs, left, right, gamma, stats.per_rule, stats.rule_keys, tf, codes
        )
        return scored, timings

    def _fit_scored(self, scored: Scored) -> np.ndarray:
        """Learn m, u and the prior; return the candidates' contributions under them."""
        model, contrib = fit_model(
            scored,
            n_random_pairs=self.n_random_pairs,
            max_iter=self.max_iter,
            random_state=self.random_state,
        )
        self._set_fitted(model)
        return contrib

    def _set_fitted(self, model: FittedModel) -> None:
        """The one place the learned attributes are set: from a fit, a saved model or a run."""
        self.matchers_ = list(model.matchers)
        self.m_ = model.m
        self.u_ = model.u
        self.lambda_ = model.lambda_
        self.source_shifts_ = dict(model.source_shifts)
        self.n_iter_ = model.n_iter
        if model.households is not None:
            self.households_ = model.households

    def _cluster(
        self, scored: Scored, timings: dict[str, float], contrib: np.ndarray | None = None
    ) -> Result:
        """Graph stage with the fitted model, then the result (golden records are built lazily)."""
        model = FittedModel.of(self)
        found = cluster(scored, model, ClusterSettings.of(self), timings, contrib=contrib)
        return run_result(scored, found, model, golden_rules=self.golden_rules, timings=timings)


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    """Add the wall time of the block to ``stage`` (a stage may run in several blocks)."""
    start = time.perf_counter()
    yield
    timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start
