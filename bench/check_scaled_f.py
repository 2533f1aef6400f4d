"""Cross-check discoursekit's scaled F-score against Scattertext's own on the same counts.

``discoursekit.scaled_f_score`` is written from the published description (Kessler
2017); this script, run in the benchmark virtualenv where Scattertext is installed
(``make bench-check``), compares it with Scattertext on

1. the 2012 convention speeches: Scattertext's own term counts per party (unigrams and
   bigrams, from ``CorpusFromPandas`` with ``whitespace_nlp``) and its
   ``get_scaled_f_scores(party)``;
2. 500 random count vectors (3–2,000 terms, skewed like word counts), against
   ``ScaledFScore.get_scores``.

It prints the largest absolute difference and exits non-zero above 1e-9.
"""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> int:
    warnings.filterwarnings("ignore")          # Scattertext's pandas deprecation warnings
    import scattertext as st
    from scattertext.termscoring.ScaledFScore import ScaledFScore

    from discoursekit import scaled_f_score
    from run_bench import convention_frame

    df = convention_frame()
    corpus = st.CorpusFromPandas(df, category_col="group", text_col="text",
                                 nlp=st.whitespace_nlp).build()
    freqs = corpus.get_term_freq_df()
    worst = {}
    for party in corpus.get_categories():
        mine = freqs[f"{party} freq"].to_numpy()
        rest = freqs.drop(columns=f"{party} freq").sum(axis=1).to_numpy()
        diff = np.abs(scaled_f_score(mine, rest) - corpus.get_scaled_f_scores(party))
        worst[f"convention, {party} ({len(mine):,} terms)"] = diff.max()
    rng = np.random.default_rng(20240601)
    diffs = []
    for _ in range(500):
        n = int(rng.integers(3, 2000))
        a, b = (rng.poisson(rng.gamma(0.5, 5, n)) for _ in range(2))
        keep = a + b > 0
        if keep.sum() >= 2:
            diffs.append(np.abs(scaled_f_score(a[keep], b[keep])
                                - ScaledFScore.get_scores(a[keep], b[keep])).max())
    worst[f"random count vectors ({len(diffs)})"] = max(diffs)
    for what, d in worst.items():
        print(f"{what}: largest |discoursekit - Scattertext| = {d:.2e}")
    return 0 if max(worst.values()) <= 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main())
