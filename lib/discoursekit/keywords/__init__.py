"""Word frequencies and keyness: which terms a group uses more (or less) than a reference.

Modules:

- :mod:`.counting` — counting is sparse throughout: :func:`count_terms` turns per-document
  (or per-sentence) lists of normalised forms into a scipy.sparse document-term matrix
  with scikit-learn's ``CountVectorizer``, :func:`merge_counts` adds chunks counted
  separately (the chunked and Dask paths), and :func:`frequencies` gives tidy counts and
  rates per group;
- :mod:`.measures` — the measures of one term, vectorised: G² (two- and four-term),
  Williams' correction, χ² with Yates' correction, the exact conditional test, Log Ratio,
  simple maths, the scaled F-score, Benjamini–Hochberg;
- :mod:`.keyness_tables` — :func:`keyness` compares one group with a reference (the other
  groups, one other group, or general English from ``wordfreq``), with Log Ratio's
  bootstrap interval over texts, %DIFF, BIC, document range and Gries' DP;
  :func:`keyness_all` runs every group, :func:`keyness_pairwise` compares chosen terms
  between every pair of groups.

Collocation, concordance and dispersion are the modules :mod:`discoursekit.collocation`,
:mod:`discoursekit.concordance` and :mod:`discoursekit.dispersion`; search terms are
:mod:`discoursekit.terms`.
"""
from .counting import PER_WORDS, count_terms, frequencies, merge_counts
from .keyness_tables import (ENGLISH_FLOOR, ENGLISH_SIZE, RANKING_MEASURES, keyness, keyness_all,
                      keyness_pairwise, rank_agreement, top_keywords)
from .measures import (KEYNESS_TESTS, benjamini_hochberg, chi2_yates, exact_p, log_likelihood,
                       log_ratio, scaled_f_score, simple_maths, williams_q)

__all__ = ["count_terms", "merge_counts", "frequencies", "keyness", "keyness_all",
           "keyness_pairwise", "top_keywords", "log_likelihood", "log_ratio", "simple_maths",
           "scaled_f_score", "rank_agreement", "benjamini_hochberg", "ENGLISH_SIZE",
           "ENGLISH_FLOOR", "chi2_yates", "exact_p", "williams_q", "KEYNESS_TESTS",
           "RANKING_MEASURES", "PER_WORDS"]
