"""discoursekit: comparative discourse analysis of a small corpus, traceable to sentences.

The public API is re-exported here; each module owns one idea (see its docstring).
"""
from . import paths
from ._validate import CorpusError, CorpusWarning
from .corpus import Corpus, load_corpus
from .text import fold, normalize, split_sentences, stopwords, tokenize
from .keywords import (benjamini_hochberg, count_terms, frequencies, keyness, keyness_all,
                       keyness_pairwise, log_likelihood, log_ratio, merge_counts, scaled_f_score,
                       simple_maths, top_keywords)
from .collocation import association, collocate_differences, collocates
from .concordance import kwic
from .explore import copy_lexicon, highlight_frames, kwic_view
from .chunked import (DocumentCounts, count_chunks, count_dask, keyness_all_counts,
                      keyness_counts)
from .dispersion import gries_dp, juilland_d, term_positions
from .framing import (CATEGORY_IDS, FRAME_IDS, FUNCTION_IDS, GENERIC_FRAMES, ISSUE_FRAMES,
                      code_corpus_frames, code_frames, code_functions, code_remedies,
                      frame_cooccurrence, frame_evidence, frame_flow, frame_profile)
from .framing import (Codebook, CodebookError, FrameClassifier, adjudicate, coder_scores,
                      coding_guide, coding_sheet, corpus_codebook, corrected_profile,
                      cross_validated_codes, default_codebook, learning_curve, load_codebook,
                      read_codes, recommend_coders, reliability, take_sample,
                      write_coding_sheets)
from .validation import validate_coding
from .stance import (STANCE_CATEGORIES, actor_evaluation, borrowed_stance, corpus_markers,
                     obligation_targets, quotations, sentence_sentiment, sentence_stance,
                     sentiment, stance_markers, stance_rates, voice, voice_regions)
from .compare import (DELTA_MEASURES, MFW_SWEEP, attribution_check, author_profile_table,
                      author_summary, cluster_groups, content_similarity,
                      correspondence_analysis, delta_distances, delta_sweep, frame_similarity,
                      group_term_counts, mantel, mfw_table, nearest_neighbours,
                      neighbour_stability, similarity_pairs, stance_similarity)
from .furniture import furniture_report, leftover_furniture
from .actor_suggestions import actors_note, suggest_actors, write_actor_table
from . import seed_checks
from .actors import (actor_agency, actor_mentions, actor_naming, actor_table, actor_verbs,
                     agency_shares)

__all__ = [
    "paths",
    "seed_checks",
    "Corpus",
    "CorpusError",
    "CorpusWarning",
    "load_corpus",
    "fold",
    "normalize",
    "split_sentences",
    "stopwords",
    "tokenize",
    # keywords
    "association",
    "benjamini_hochberg",
    "collocate_differences",
    "collocates",
    "count_terms",
    "frequencies",
    "gries_dp",
    "juilland_d",
    "keyness",
    "keyness_all",
    "keyness_pairwise",
    "kwic",
    "log_likelihood",
    "log_ratio",
    "simple_maths",
    "scaled_f_score",
    "merge_counts",
    "term_positions",
    "top_keywords",
    # classroom explorers (plain functions behind the widgets)
    "copy_lexicon",
    "highlight_frames",
    "kwic_view",
    # counting in chunks / on Dask
    "DocumentCounts",
    "count_chunks",
    "count_dask",
    "keyness_all_counts",
    "keyness_counts",
    # framing
    "CATEGORY_IDS",
    "FRAME_IDS",
    "FUNCTION_IDS",
    "GENERIC_FRAMES",
    "ISSUE_FRAMES",
    "code_corpus_frames",
    "code_frames",
    "code_functions",
    "code_remedies",
    "frame_cooccurrence",
    "frame_evidence",
    "frame_flow",
    "frame_profile",
    "validate_coding",
    # own frames: codebook, hand coding, reliability, classifier, corrected shares
    "Codebook",
    "CodebookError",
    "FrameClassifier",
    "adjudicate",
    "coder_scores",
    "coding_guide",
    "coding_sheet",
    "corpus_codebook",
    "corrected_profile",
    "cross_validated_codes",
    "default_codebook",
    "learning_curve",
    "load_codebook",
    "read_codes",
    "recommend_coders",
    "reliability",
    "take_sample",
    "write_coding_sheets",
    # stance and actors
    "STANCE_CATEGORIES",
    "actor_agency",
    "actor_evaluation",
    "actor_mentions",
    "actor_naming",
    "actor_table",
    "actor_verbs",
    "agency_shares",
    "obligation_targets",
    "quotations",
    "sentence_sentiment",
    "sentence_stance",
    "sentiment",
    "stance_markers",
    "stance_rates",
    "voice",
    "voice_regions",
    "corpus_markers",
    "borrowed_stance",
    "furniture_report",
    "leftover_furniture",
    "suggest_actors",
    "write_actor_table",
    "actors_note",
    # author comparison
    "DELTA_MEASURES",
    "MFW_SWEEP",
    "attribution_check",
    "author_profile_table",
    "author_summary",
    "cluster_groups",
    "content_similarity",
    "correspondence_analysis",
    "delta_distances",
    "delta_sweep",
    "frame_similarity",
    "group_term_counts",
    "mantel",
    "mfw_table",
    "nearest_neighbours",
    "neighbour_stability",
    "similarity_pairs",
    "stance_similarity",
]
__version__ = "0.1.0"
