"""discoursekit: comparative discourse analysis of a small corpus, traceable to sentences.

The public API is re-exported here; each module owns one idea (see its docstring).
"""
from ._validate import CorpusError, CorpusWarning
from .corpus import Corpus, load_corpus
from .text import fold, normalize, split_sentences, stopwords, tokenize

__all__ = [
    "Corpus",
    "CorpusError",
    "CorpusWarning",
    "load_corpus",
    "fold",
    "normalize",
    "split_sentences",
    "stopwords",
    "tokenize",
]
__version__ = "0.1.0"
