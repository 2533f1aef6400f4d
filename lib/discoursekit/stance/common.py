"""Names every part of the stance package shares: the categories, the seeds, the check of
a list of texts."""
from __future__ import annotations



from ..text import fold, tokenize



STANCE_CATEGORIES = ("hedge", "booster", "attitude", "self_mention", "reader_engagement",
                     "epistemic", "deontic")
SAMPLE_SEED = 3031
BOOT_SEED = 20261122


def tok_key(s: str) -> tuple[str, ...]:
    return tuple(fold(t) for _, _, t in tokenize(s))




def check_texts(texts, func: str) -> list[str]:
    if isinstance(texts, str):
        raise TypeError(f"{func}: texts must be a list of strings, not a single string; "
                        f"wrap it: {func}([text]).")
    try:
        texts = list(texts)
    except TypeError:
        raise TypeError(f"{func}: texts must be a list of strings; got "
                        f"{type(texts).__name__}.") from None
    bad = [i for i, t in enumerate(texts) if not isinstance(t, str)]
    if bad:
        raise TypeError(f"{func}: texts[{bad[0]}] is {type(texts[bad[0]]).__name__}, not str; "
                        "pass strings (e.g. corpus.sentences['text'].tolist()).")
    return texts
