"""Splink 5 on DuckDB, set up the way an experienced Splink user would.

Febrl3 and Febrl4 (recognised by their original columns) follow Splink's own
tutorials for those data sets: the same columns, blocking rules, comparisons,
deterministic rules with their assumed recall, u by random sampling, m by EM
on date of birth and postcode, prediction at 0.2; clusters at 0.99 for Febrl4
(as in its tutorial) and 0.9 for Febrl3 (its tutorial stops before clustering).

Other data (the cross-channel generator, a user's own) use the stacked layout
of :func:`benchmarks.data.union_frame` and a model written from the semantic
types: name comparisons, date of birth, e-mail, phone and postcode with typo
levels, Jaro-Winkler street, exact city and identifiers; term-frequency
adjustments on every column but date and street, so that common names and
shared or junk identifiers weigh little. Blocking rules are the
usual identifier and name/date/postcode pairs; a rule whose blocks would yield
more than ``max(2e6, 20 n)`` comparisons is dropped, as a blocking analysis
would tell an expert to (the dropped rules are reported). u from 1e7 random
pairs (seeded), m by EM on names and on date of birth/e-mail, prediction at
0.5, connected components at 0.9.
"""

from __future__ import annotations

import logging
from typing import Any

import pandas as pd

from benchmarks.data import Materialised, load, union_frame
from benchmarks.tools._common import EXPERT_BLOCKS, main, note

CONFIG = (
    "Febrl: Splink's Febrl tutorial models (cluster at 0.99 Febrl4, 0.9 Febrl3); "
    "other data: names (NameComparison), DateOfBirthComparison, EmailComparison, "
    "phone/postcode Damerau-Levenshtein, JW street, exact city/ids, TF but on dob/street; "
    "blocking on ids and name/dob/postcode pairs "
    "(rules over max(2e6, 20n) pairs dropped); u random sampling 1e7 pairs; m by EM; "
    "predict >= 0.5, cluster >= 0.9"
)

FEBRL_COLUMNS = ("given_name", "surname", "date_of_birth", "soc_sec_id", "street_number")


def _febrl_frames(m: Materialised) -> list[pd.DataFrame] | None:
    """The raw Febrl tables with the tutorial's clean-up, or None if this is not Febrl."""
    frames = []
    for src, df in m.sources.items():
        if not set(FEBRL_COLUMNS) <= set(df.columns):
            return None
        f = df.copy()
        f.columns = [c.strip() for c in f.columns]
        for c in f.columns:
            s = f[c].astype("string").str.strip()
            f[c] = s.mask(s == "").astype(object).where(s.notna() & (s != ""), None)
        f["unique_id"] = src + "|" + f[m.schemas[src]["id"]].astype(str)
        frames.append(f)
    return frames


def _febrl_model(m: Materialised) -> tuple[Any, ...]:
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    if m.task == "link":  # tutorial: docs/demos/examples/duckdb/febrl4 (detailed model)
        rules = [
            block_on("given_name", "surname"),
            "l.given_name = r.surname and l.surname = r.given_name",
            block_on("date_of_birth"),
            block_on("soc_sec_id"),
            block_on("state", "address_1"),
            block_on("street_number", "address_1"),
            block_on("postcode"),
        ]
        comparisons = [
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison(
                "date_of_birth",
                input_is_string=True,
                datetime_format="%Y%m%d",
                invalid_dates_as_null=True,
            ),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(
                term_frequency_adjustments=True
            ),
        ]
        deterministic = [block_on("soc_sec_id"), block_on("given_name", "surname", "date_of_birth")]
        recall, link_type, cluster_at = 0.8, "link_only", 0.99
    else:  # tutorial: docs/demos/examples/duckdb/febrl3
        rules = [
            block_on("soc_sec_id"),
            block_on("given_name"),
            block_on("surname"),
            block_on("date_of_birth"),
            block_on("postcode"),
        ]
        comparisons = [
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison(
                "date_of_birth", input_is_string=True, datetime_format="%Y%m%d"
            ),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ]
        deterministic = [
            block_on("soc_sec_id"),
            block_on("given_name", "surname", "date_of_birth"),
            "l.given_name = r.surname and l.surname = r.given_name "
            "and l.date_of_birth = r.date_of_birth",
        ]
        recall, link_type, cluster_at = 0.9, "dedupe_only", 0.9
    settings = SettingsCreator(
        unique_id_column_name="unique_id",
        link_type=link_type,
        blocking_rules_to_generate_predictions=rules,
        comparisons=comparisons,
    )
    em_rules = [block_on("date_of_birth"), block_on("postcode")]
    return settings, deterministic, recall, em_rules, 1e6, 0.2, cluster_at


def _pairs_in_blocks(u: pd.DataFrame, cols: tuple[str, ...]) -> int:
    sizes = u.dropna(subset=list(cols)).groupby(list(cols), sort=False).size()
    return int((sizes * (sizes - 1) // 2).sum())


def _generic_model(u: pd.DataFrame, task: str) -> tuple[Any, ...]:
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    present = {c for c in u.columns if u[c].notna().mean() > 0.01}
    comparisons = []
    if "first_name" in present:
        comparisons.append(
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True)
        )
    if "last_name" in present:
        comparisons.append(
            cl.NameComparison("last_name").configure(term_frequency_adjustments=True)
        )
    if "dob" in present:
        comparisons.append(
            cl.DateOfBirthComparison("dob", input_is_string=True, datetime_format="%Y-%m-%d")
        )
    if "email" in present:  # TF: shared and junk addresses weigh little
        comparisons.append(cl.EmailComparison("email").configure(term_frequency_adjustments=True))
    if "phone" in present:
        comparisons.append(
            cl.DamerauLevenshteinAtThresholds("phone", [1, 2]).configure(
                term_frequency_adjustments=True
            )
        )
    if "postcode" in present:
        comparisons.append(
            cl.DamerauLevenshteinAtThresholds("postcode", [1]).configure(
                term_frequency_adjustments=True
            )
        )
    if "street" in present:
        comparisons.append(cl.JaroWinklerAtThresholds("street", [0.95, 0.88]))
    if "city" in present:
        comparisons.append(cl.ExactMatch("city").configure(term_frequency_adjustments=True))
    for ident in ("loyalty_id", "device_id", "customer_id"):
        if ident in present:
            comparisons.append(cl.ExactMatch(ident).configure(term_frequency_adjustments=True))

    candidates = [*EXPERT_BLOCKS, ("first_name", "postcode"), ("dob", "postcode")]
    budget = max(2_000_000, 20 * len(u))
    rules = []
    for cols in candidates:
        if not set(cols) <= present:
            continue
        n_pairs = _pairs_in_blocks(u, cols)
        if n_pairs > budget:
            note(f"blocking rule {'+'.join(cols)} dropped: {n_pairs:,} pairs > {budget:,}")
            continue
        rules.append(block_on(*cols))
    # A link task (two files, no duplicates within either) is link_only, as in
    # Splink's tutorials; otherwise one stacked table, links within and across channels.
    link_type = "link_only" if task == "link" else "dedupe_only"
    settings = SettingsCreator(
        unique_id_column_name="unique_id",
        link_type=link_type,
        blocking_rules_to_generate_predictions=rules,
        comparisons=comparisons,
    )
    # Deterministic rules must be precise: an identifier alone is not (shared and
    # junk values), an identifier together with a name is.
    deterministic = [
        block_on(*cols)
        for cols in (
            ("first_name", "last_name", "dob"),
            ("email", "first_name"),
            ("phone", "last_name"),
            ("loyalty_id", "last_name"),
        )
        if set(cols) <= present
    ]
    em_rules = []
    if {"first_name", "last_name"} <= present:
        em_rules.append(block_on("first_name", "last_name"))
    for col in ("dob", "email", "phone"):
        if col in present:
            em_rules.append(block_on(col))
    return settings, deterministic, 0.6, em_rules[:3], 1e7, 0.5, 0.9


def run(data_dir: str) -> pd.DataFrame:
    """Train and apply the Splink model for the data set in ``data_dir``."""
    from splink import DuckDBAPI, Linker

    m = load(data_dir)
    febrl = _febrl_frames(m)
    db_api = DuckDBAPI()
    if febrl is not None:
        settings, deterministic, recall, em_rules, u_pairs, predict_at, cluster_at = _febrl_model(m)
        tables = (
            [db_api.register(f) for f in febrl]
            if m.task == "link"
            else [db_api.register(pd.concat(febrl, ignore_index=True))]
        )
        uids = pd.concat([f["unique_id"] for f in febrl], ignore_index=True)
        note("Febrl tutorial configuration")
    else:
        u = union_frame(m).rename(columns={"uid": "unique_id"})
        settings, deterministic, recall, em_rules, u_pairs, predict_at, cluster_at = _generic_model(
            u, m.task
        )
        frame = u.drop(columns=["record_id"])
        if m.task == "link":
            tables = [db_api.register(g.drop(columns="source")) for _, g in frame.groupby("source")]
        else:
            tables = [db_api.register(frame.drop(columns="source"))]
        uids = u["unique_id"]
    linker = Linker(tables if len(tables) > 1 else tables[0], settings, log_level=logging.WARNING)
    if deterministic:
        linker.training.estimate_probability_two_random_records_match(deterministic, recall=recall)
    linker.training.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=2)
    for rule in em_rules:
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True
        )
    predictions = linker.inference.predict(threshold_match_probability=predict_at)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=cluster_at
    )
    got = clusters.as_pandas_dataframe()[["unique_id", "cluster_id"]]
    got = got.set_index("unique_id")["cluster_id"].reindex(uids.to_numpy())
    parts = uids.str.split("|", n=1, expand=True)
    return pd.DataFrame(
        {"source": parts[0], "record_id": parts[1], "cluster_id": got.astype(str).to_numpy()}
    )


if __name__ == "__main__":
    main(run, CONFIG)
