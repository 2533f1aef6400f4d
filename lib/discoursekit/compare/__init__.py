"""Comparing authors: similarity on three bases, clustering, correspondence analysis, stylometry.

* **Similarity.** :func:`content_similarity` (cosine of TF-IDF vectors over normalised
  terms), :func:`frame_similarity` (cosine of standardised frame profiles) and
  :func:`stance_similarity` (cosine of standardised stance-marker rates) each return a
  square group × group matrix; :func:`similarity_pairs` lists its pairs, ranked;
  :func:`cluster_groups` clusters it hierarchically (scipy, average linkage) and
  :func:`mantel` correlates the matrices of two bases with a permutation test (Mantel 1967).
* **Map.** :func:`group_term_counts` gives the group × term table and
  :func:`correspondence_analysis` its correspondence analysis (Benzécri 1973; Greenacre
  2007), computed with numpy's SVD.
* **Stylometry.** :func:`mfw_table` (relative frequencies of the most frequent words per
  document), :func:`delta_distances` (Burrows' Delta, Burrows 2002; Cosine Delta, Smith &
  Aldridge 2011, Evert et al. 2017), :func:`delta_sweep` over several MFW counts,
  :func:`nearest_neighbours` and :func:`neighbour_stability`, and :func:`attribution_check`,
  which asks how often a block of text of a given length is attributed back to its own
  text (Eder 2015).
* **Synthesis.** :func:`author_summary`: one row of headline measures per group;
  :func:`author_profile_table`: the numbers of the author-profile figure.

Every function takes and returns pandas DataFrames; rows and columns are sorted so that
the output is the same on every run.

Modules: :mod:`.similarity`, :mod:`.scaling`, :mod:`.stylometry`, :mod:`.summary`, and
:mod:`.common` for what they share.
"""
from .common import DELTA_MEASURES, MFW_SWEEP
from .scaling import correspondence_analysis, group_term_counts
from .similarity import (cluster_groups, content_similarity, frame_similarity, mantel,
                         mantel_resolution, similarity_pairs, stance_similarity)
from .stylometry import (attribution_check, attribution_summary, delta_distances, delta_sweep,
                         mfw_table, nearest_neighbours, neighbour_stability, sample_documents,
                         shortest_block)
from .summary import PROFILE_ACTORS, author_profile_table, author_summary, profile_actors

__all__ = ["content_similarity", "frame_similarity", "stance_similarity", "similarity_pairs",
           "cluster_groups", "mantel", "mantel_resolution", "group_term_counts",
           "correspondence_analysis", "mfw_table", "delta_distances", "sample_documents",
           "delta_sweep", "nearest_neighbours", "neighbour_stability", "attribution_check",
           "attribution_summary", "shortest_block",
           "author_summary", "author_profile_table", "profile_actors", "DELTA_MEASURES",
           "MFW_SWEEP", "PROFILE_ACTORS"]
