"""Framing: a codebook of categories, coding sentences for them (a lexicon and a learned
classifier), hand coding and its reliability, validation of the automatic coders on the
user's own sentences, and frame shares corrected for coding error.

Modules:

- :mod:`.codebook` — the categories as data (``codebook.yaml``), the coding guide;
- :mod:`.lexicon` — cue lists as data, parsed and matched (shared by the modules below);
- :mod:`.coding` — coding sentences with the lexicon or a codebook;
- :mod:`.common` — what every analysis of the codes shares (categories, kinds, checks);
- :mod:`.profiles`, :mod:`.evidence`, :mod:`.remedies`, :mod:`.topics` — what is
  computed from the codes: profiles with intervals, co-occurrence, flow, the sentences
  behind a frame, remedies by addressee, an NMF topic cross-check;
- :mod:`.validation` — the seeds' hand-coded sample and the lexicon scored on it;
- :mod:`.sheets` — hand-coding sheets: drawing the sample, reading coders' codes back;
- :mod:`.reliability` — agreement between coders (Krippendorff's α, Cohen's κ);
- :mod:`.classifier` — :class:`FrameClassifier`, a supervised coder;
- :mod:`.evaluation` — lexicon, classifier and their combination, cross-validated by
  document, and the learning curve;
- :mod:`.corrected` — design-based shares corrected for coding error (Egami et al. 2023).
"""
from .codebook import (Category, Codebook, CodebookError, coding_guide, corpus_codebook,
                       default_codebook, load_codebook)
from .coding import (category_labels, code_corpus_frames, code_frames, code_functions,
                     lexicon_table)
from .evidence import cue_voices, frame_evidence, style_evidence
from .lexicon import CATEGORY_IDS, FRAME_IDS, FUNCTION_IDS, GENERIC_FRAMES, ISSUE_FRAMES
from .profiles import (categories_not_carried, frame_cooccurrence, frame_flow, frame_profile,
                       frames_in, frames_to_show)
from .remedies import actor_aliases, code_remedies, count_remedies, find_actors
from .topics import sentence_topics, topic_frame_overlap, topic_terms
from .validation import coder_agreement, hand_coded_sample, lexicon_errors, validate_lexicon
from .classifier import FrameClassifier, cue_features
from .corrected import (corrected_profile, interval_coverage, largest_corrections,
                        pseudo_outcomes)
from .evaluation import (CODERS, coder_scores, cross_validated_codes, document_folds,
                         learning_curve, recommend_coders)
from .reliability import ALPHA_RELIABLE, ALPHA_TENTATIVE, alpha_interval, reliability
from .sheets import (SHEET_COLUMNS, adjudicate, coding_sheet, read_codes, take_sample,
                     write_coding_sheets)

__all__ = [
    "cue_voices",
    "ISSUE_FRAMES", "GENERIC_FRAMES", "FRAME_IDS", "FUNCTION_IDS", "CATEGORY_IDS",
    "code_frames", "code_functions", "code_corpus_frames", "lexicon_table", "category_labels",
    "frame_profile", "frames_to_show", "frames_in", "categories_not_carried",
    "frame_cooccurrence", "frame_flow", "frame_evidence", "style_evidence", "actor_aliases",
    "find_actors", "code_remedies", "count_remedies", "sentence_topics", "topic_terms",
    "topic_frame_overlap", "hand_coded_sample", "validate_lexicon", "coder_agreement",
    "lexicon_errors",
    "Category", "Codebook", "CodebookError", "coding_guide", "corpus_codebook",
    "default_codebook", "load_codebook", "FrameClassifier", "cue_features",
    "corrected_profile", "pseudo_outcomes", "largest_corrections", "interval_coverage",
    "CODERS", "coder_scores", "cross_validated_codes",
    "document_folds", "learning_curve", "recommend_coders", "ALPHA_RELIABLE",
    "ALPHA_TENTATIVE", "alpha_interval", "reliability", "SHEET_COLUMNS", "adjudicate",
    "coding_sheet", "read_codes", "take_sample", "write_coding_sheets"]
