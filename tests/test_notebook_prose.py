"""Prose that restates a computed result must match the output it restates.

Two kinds of check:

- a guard over every notebook: a decimal number in the Markdown (a correlation, a
  p-value, a share written as 0.44) must be printed, to the precision written, by some
  code cell of the same notebook, unless it names a figure or section ("Figure 2.1",
  "§4.2") or is a conventional threshold; the numbers a paragraph restates from tables
  the notebook does not print in full are checked below, each by a test that recomputes
  them with the library;
- checks of the seed-specific sentences an audit found contradicting their own output.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

import discoursekit as dk

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
_NUMBER = re.compile(r"(?<![\w.§])[−-]?\d+\.\d+")
_REFERENCE = re.compile(r"(?:Figures?|§|Table|^#+)\s*[\d.–-]+|\d+\.\d+–\d+\.\d+")
#: thresholds and conventions written as numbers, not results
_CONVENTIONS = {"0.05", "0.2", "0.667", "0.80", "0.800", "0.5", "0.01", "0.001"}
#: paragraphs whose numbers come from tables the notebook does not print in full, each
#: checked by the test named beside it
_CHECKED_BY_TEST = {
    ("01_keywords.ipynb", "Rank correlations over all terms are nonetheless high"):
        "test_keyword_measure_correlations_are_as_notebook_01_says",
    ("04_authors.ipynb", "where Ruehl edges ahead at 200 MFW by a margin of"):
        "test_notebook_04_states_the_margin_of_ruehl_over_bugajski",
}


def _cells(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _printed_numbers(cells) -> list[float]:
    text = []
    for c in cells:
        if c["cell_type"] == "code":
            for o in c.get("outputs", []):
                t = o.get("text") or o.get("data", {}).get("text/plain") or ""
                text.append("".join(t))
    return [float(x) for x in re.findall(r"-?\d+\.\d+", "\n".join(text))]


def _matches(written: str, printed: list[float]) -> bool:
    value = float(written.replace("−", "-"))
    places = len(written.split(".")[1])
    return any(abs(round(x, places) - value) < 10 ** -(places + 3) for x in printed)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_decimal_numbers_in_prose_are_printed_by_the_notebook(path):
    cells = _cells(path)
    printed = _printed_numbers(cells)
    unmatched = []
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "markdown":
            continue
        for para in "".join(cell["source"]).split("\n"):
            if any(path.name == nb and snippet in para for nb, snippet in _CHECKED_BY_TEST):
                continue
            clean = re.sub(r"`[^`]*`", "", _REFERENCE.sub("", para))
            for written in _NUMBER.findall(clean):
                if written not in _CONVENTIONS and not _matches(written, printed):
                    unmatched.append((i, written, para[:70]))
    assert not unmatched, f"{path.name}: numbers in prose that no output prints: {unmatched}"


def test_the_guard_catches_a_number_no_output_prints():
    assert not _matches("0.03", [0.115, -0.176, -0.442])       # the audit's §4.6 case
    assert _matches("0.12", [0.115]) and _matches("−0.44", [-0.442])


# --- the seed-specific sentences the audit found contradicting their output ------------------
@pytest.fixture(scope="module")
def seeds():
    return dk.load_corpus(dk.paths.SEEDS)


def _markdown(name: str) -> str:
    return "\n".join("".join(c["source"]) for c in _cells(ROOT / "notebooks" / name)
                     if c["cell_type"] == "markdown")


def test_keyword_measure_correlations_are_as_notebook_01_says(seeds):
    from discoursekit import keywords

    kw = keywords.keyness_all(seeds, stopwords=True, n_boot=0)
    agree = keywords.rank_agreement(kw, n=10)
    m = re.search(r"ρ from (\d\.\d+) to (\d\.\d+), except %DIFF and Log Ratio for the "
                  r"318-word excerpt", _markdown("01_keywords.ipynb"))
    assert m, "the sentence on rank correlations changed: update this test"
    rest = agree[~(agree["group"].str.startswith("unknown")
                   & agree["measure"].isin(["pct_diff", "log_ratio"]))]
    assert round(rest["spearman"].min(), 2) == float(m.group(1))
    assert round(rest["spearman"].max(), 2) == float(m.group(2))


def test_keywords_that_survive_are_those_notebook_01_names(seeds):
    from discoursekit import keywords

    kw = keywords.keyness_all(seeds, stopwords=True, n_boot=0)
    survive = set(map(tuple, kw.loc[kw["p_adjusted"] < 0.05, ["group", "term"]].to_numpy()))
    assert survive == {("David L. Phillips & Lulzim Peci", "putin"),
                       ("David L. Phillips & Lulzim Peci", "ukraine"),
                       ("David R. Shedd & Ivana Stradner", "vucic")}
    text = _markdown("01_keywords.ipynb")
    assert "three keywords survive the exact test" in text
    # Figure 1.1's caption: a term seen three times in one text and never elsewhere fails
    assert "a term seen three times in one text and never elsewhere" in text
    three = kw[(kw["freq_target"] == 3) & (kw["freq_reference"] == 0)]
    assert len(three) and (three["p_adjusted"] >= 0.05).all()


def test_notebook_04_states_the_mantel_table_it_prints():
    cells = _cells(ROOT / "notebooks" / "04_authors.ipynb")
    table = next("".join(o["data"]["text/plain"]) for c in cells if c["cell_type"] == "code"
                 and "compare.mantel(" in "".join(c["source"]) for o in c["outputs"]
                 if "data" in o)
    rows = [line.split() for line in table.splitlines()[1:]]
    r = [float(row[5]) for row in rows]
    p = [float(row[6]) for row in rows]
    m = re.search(r"Spearman ρ from ([−-]?\d\.\d+) to ([−-]?\d\.\d+); Mantel p ≥ (\d\.\d+)",
                  _markdown("04_authors.ipynb"))
    assert m
    low, high, pmin = (float(g.replace("−", "-")) for g in m.groups())
    assert low == round(min(r), 2) and high == round(max(r), 2)
    assert pmin <= min(p) and pmin == np.floor(min(p) * 100) / 100


def test_notebook_04_counts_the_blocks_given_to_the_excerpt(seeds):
    from discoursekit import compare

    block = max(int(seeds.tokens.groupby("doc_id").size().min()), 50)
    check = compare.attribution_check(seeds, block)
    high = check[check["n_mfw"].isin([200, 300])]
    to_excerpt = (high["nearest"] == "excerpt004").groupby(
        [high["measure"], high["n_mfw"]]).sum()
    wrong = check[(check["n_mfw"] == 100) & ~check["correct"]]
    text = _markdown("04_authors.ipynb")
    assert (f"({to_excerpt.min()} to {to_excerpt.max()} of the 20 blocks in each of those four "
            f"settings, {to_excerpt.sum()} of {len(high)} in all") in text
    assert f"shortest full article ({(wrong['nearest'] == 'bugajski2021').sum()} of " \
           f"{len(wrong)})" in text


def test_notebook_02_says_where_conflict_is_not_the_leading_generic_frame(seeds):
    from discoursekit import framing

    profile = framing.frame_profile(framing.code_corpus_frames(seeds), n_boot=10)
    generic = profile[profile["kind"] == "generic"]
    lead = generic.loc[generic.groupby("group")["share"].idxmax(), ["group", "category"]]
    not_conflict = lead[lead["category"] != "conflict"]
    assert not_conflict["group"].tolist() == ["unknown [excerpt004]"]
    ex = generic[generic["group"] == "unknown [excerpt004]"].set_index("category")["share"]
    text = _markdown("02_framing.ipynb")
    assert (f"where responsibility ({ex['responsibility']:.0%}) leads conflict "
            f"({ex['conflict']:.0%})") in text


def test_notebook_04_states_the_margin_of_ruehl_over_bugajski(seeds):
    from discoursekit import compare

    sweep = compare.delta_sweep(seeds, compare.MFW_SWEEP)
    d = sweep.query("doc_id == 'excerpt004' and measure == 'cosine' and n_mfw == 200")
    d = d.set_index("other")["delta"]
    assert d.idxmin() == "ruehl2023"
    m = re.search(r"Ruehl edges ahead at 200 MFW by a margin of (\d\.\d+)",
                  _markdown("04_authors.ipynb"))
    assert m and round(d["bugajski2021"] / d["ruehl2023"], 4) == float(m.group(1))
