"""Stance: stance markers, sentence sentiment, the evaluation of actors, and who is quoted.

* :func:`stance_markers` counts Hyland's (2005) stance and engagement markers and Biber et
  al.'s (1999) epistemic/deontic modality in strings, from the editable lexicon
  ``lexicons/stance.yaml`` plus the disambiguation rules named there;
  :func:`sentence_stance` and :func:`stance_rates` apply it to a corpus and give rates per
  1,000 words with bootstrap intervals over texts.
* :func:`sentiment` is VADER (Hutto & Gilbert 2014) on each string;
  :func:`sentence_sentiment` scores a corpus sentence by sentence.
* :func:`actor_evaluation` crosses the actor mentions of :mod:`discoursekit.actors` with
  sentence sentiment.
* :func:`obligation_targets` finds whom each deontic marker obliges.
* :func:`quotations` and :func:`voice` find direct quotations, their speakers and words.
* :func:`coding_samples` draws the hand-coding samples; :func:`stance_agreement`,
  :func:`tone_agreement`, :func:`agency_agreement` and :func:`quotation_agreement`
  compare hand codes with the output.

The package's parts: :mod:`.common` (categories, seeds, checks), :mod:`.lexicon` (the
lexicon and its rules), :mod:`.markers`, :mod:`.sentiment` (VADER and the evaluation of
actors), :mod:`.obligations`, :mod:`.quotations`, :mod:`.voices` (whose voice a
marker is: the author's, quoted, reported) and :mod:`.agreement`.
"""
from .agreement import (agency_agreement, coding_samples, stance_agreement,
                        tone_agreement)
from .common import BOOT_SEED, SAMPLE_SEED, STANCE_CATEGORIES  # noqa: F401 (seeds)
from .lexicon import stance_lexicon
from .markers import (block_bootstrap, borrowed_stance, corpus_markers, sentence_stance,
                      stance_markers, stance_matches, stance_rates)
from .obligations import obligation_targets
from .quotations import REPORTING_VERBS, quotation_agreement, quotations, voice
from .sentiment import actor_evaluation, sentence_sentiment, sentiment
from .voices import VOICES, quote_regions, reported_regions, voice_regions

__all__ = ["STANCE_CATEGORIES", "REPORTING_VERBS", "stance_lexicon", "stance_markers",
           "stance_matches", "sentence_stance", "stance_rates", "block_bootstrap",
           "obligation_targets", "sentiment", "sentence_sentiment", "actor_evaluation",
           "quotations", "voice", "quotation_agreement", "coding_samples",
           "stance_agreement", "tone_agreement", "agency_agreement", "VOICES",
           "corpus_markers", "borrowed_stance", "voice_regions", "quote_regions",
           "reported_regions"]

