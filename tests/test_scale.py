"""Scale: fast and parallel tokenisation, counting per document, chunked and Dask counting.

Every fast path is checked against a slow, obvious definition: tokens tokenised sentence
by sentence (as the library first did), keyness counted per sentence, and the whole
corpus counted in memory.
"""
from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd
import pytest

import discoursekit as dk
from discoursekit import cleaning as cleaning_module
from discoursekit import corpus as corpus_module
from discoursekit import paths
from discoursekit.keywords import counting as keywords_module
from discoursekit import text as text_module
from discoursekit.chunked import DocumentCounts, count_chunks, keyness_all_counts, keyness_counts
from discoursekit.keywords.counting import count_codes as _count_codes
from discoursekit.text import fold, join_multiword, normalize, split_sentences, tokenize


def tokens_sentence_by_sentence(docs: pd.DataFrame) -> pd.DataFrame:
    """The original definition of Corpus.tokens: tokenise each Punkt sentence on its own."""
    rows = []
    for doc, text in zip(docs["doc_id"], docs["text"]):
        position = 0
        for sent_id, (start, end) in enumerate(split_sentences(text)):
            toks = tokenize(text[start:end])
            for first, last, norm in join_multiword([normalize(t) for _, _, t in toks]):
                s, e = start + toks[first][0], start + toks[last - 1][1]
                rows.append((doc, sent_id, position, s, e, text[s:e], norm))
                position += 1
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "position", "start", "end",
                                       "token", "norm"])


TRICKY = [
    'He said "Stop." Then the Western Balkans. Western. Balkans rose',
    "The U.S. Western Balkans policy.\n\nUnited\n\nStates of the U.S.",
    "It's Serbia’s MiG-29s (1,100 km).Then 1.5 more?!“Quoted.” Kosova’s Vučić don't",
    "Bosnia and. Herzegovina; Bosnia and Herzegovina! North Atlantic Treaty Organization.",
    "Gen. Smith met Richard C. Holbrooke… “Then.” (A note.)Next the EU.",
]


@pytest.fixture(scope="module")
def paragraphs(seed_corpus):
    """The seed articles cut into paragraphs: several documents per author."""
    rows = [{"doc_id": f"{d}-p{i:03d}", "author": g, "text": para}
            for d, g, text in zip(seed_corpus.docs["doc_id"], seed_corpus.docs["group"],
                                  seed_corpus.docs["text"])
            for i, para in enumerate(text.split("\n\n"))]
    return pd.DataFrame(rows)


# --- tokens ------------------------------------------------------------------------------
def test_tokens_equal_the_sentence_by_sentence_definition_on_the_seeds(seed_corpus):
    expected = tokens_sentence_by_sentence(seed_corpus.docs)
    pd.testing.assert_frame_equal(seed_corpus.tokens, expected, check_dtype=False)


def test_tokens_equal_the_sentence_by_sentence_definition_at_tricky_sentence_edges():
    corpus = dk.Corpus.from_frame(pd.DataFrame({"text": TRICKY, "author": list("ABABA")}),
                                  clean=False)
    pd.testing.assert_frame_equal(corpus.tokens, tokens_sentence_by_sentence(corpus.docs),
                                  check_dtype=False)


def test_a_multiword_name_is_not_joined_across_a_sentence_end():
    corpus = dk.Corpus.from_frame(pd.DataFrame({"text": ["We saw the Western. Balkans rose."],
                                                "author": ["A"]}), clean=False)
    assert "western balkans" not in set(corpus.tokens["norm"])
    assert {"western", "balkans"} <= set(corpus.tokens["norm"])


def test_tokens_store_offsets_as_int32_and_keep_the_documented_columns(seed_corpus):
    tok = seed_corpus.tokens
    assert list(tok.columns) == ["doc_id", "sent_id", "position", "start", "end", "token",
                                 "norm"]
    assert all(tok[c].dtype == np.int32 for c in ("sent_id", "position", "start", "end"))


def test_parallel_and_serial_analysis_give_identical_tables(monkeypatch, seed_corpus):
    def tables(workers):
        monkeypatch.setattr(corpus_module, "WORKERS", workers)
        monkeypatch.setattr(corpus_module, "PARALLEL_MIN_CHARS", 1)
        monkeypatch.setattr(corpus_module, "TASK_CHARS", 5_000)   # several tasks per worker
        c = dk.load_corpus(paths.SEEDS)
        return c.docs, c.removed, c.sentences, c.tokens

    for serial, parallel in zip(tables(1), tables(2)):
        pd.testing.assert_frame_equal(serial, parallel)


def test_frames_stance_and_actors_in_parallel_equal_serial(monkeypatch, seed_corpus):
    """Frame coding, stance markers, actor mentions, quotations, voices and topic terms of
    a large corpus run on every core: the tables are those of one process (forked
    workers, and workers sent the sentences where processes are not forked)."""
    from discoursekit import actors, framing, stance

    texts = seed_corpus.sentences["text"].tolist()

    def tables(workers):
        monkeypatch.setattr(corpus_module, "WORKERS", workers)
        monkeypatch.setattr(corpus_module, "PARALLEL_MIN_CHARS", 1)
        monkeypatch.setattr(corpus_module, "TASK_CHARS", 5_000)   # several tasks per worker
        fresh = dk.load_corpus(paths.SEEDS)       # quotations and voices are kept per corpus
        coded = framing.code_corpus_frames(fresh)
        return (coded, stance.stance_markers(texts),
                actors.find_actors(texts), stance.quotations(fresh), stance.voice_regions(fresh),
                framing.sentence_topics(coded, n_topics=4))

    serial = tables(1)
    assert len(serial[2]) > 100 and serial[1]["hedge"].sum() > 10
    for parallel in (tables(2), None):
        if parallel is None:
            monkeypatch.setattr(corpus_module.multiprocessing, "get_start_method",
                                lambda: "spawn")
            parallel = tables(2)
        for a, b in zip(serial, parallel):
            pd.testing.assert_frame_equal(a, b)
        assert list(serial[0]["cues"]) == list(parallel[0]["cues"])
        assert list(serial[1]["matches"]) == list(parallel[1]["matches"])


def test_fold_fast_path_for_ascii_equals_the_unicode_definition():
    def slow(text):
        decomposed = unicodedata.normalize("NFKD", text.translate(
            str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                           "\u2010": "-", "\u2011": "-"})))
        return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()

    for text in ["NATO", "Vučić’s", "“Quoted”", "Kosovo-Serbia", "straße", "ﬁnal", "U.S."]:
        assert fold(text) == slow(text)


# --- counting per document, without sentences ----------------------------------------------
def test_keyness_counts_per_document_without_splitting_sentences(paragraphs):
    corpus = dk.Corpus.from_frame(paragraphs, clean=False)
    table = dk.keyness_all(corpus, n_boot=200)
    assert "sentences" not in corpus.__dict__ and "_units" not in corpus.__dict__
    assert table.attrs["per_group"]["John P. Ruehl"]["resampled_target"] == "documents"


def test_counting_per_document_gives_the_same_tables_as_counting_per_sentence(
        monkeypatch, paragraphs):
    fast = dk.Corpus.from_frame(paragraphs, clean=False)
    slow = dk.Corpus.from_frame(paragraphs, clean=False)
    a = dk.keyness_all(fast, n_boot=300, stopwords=True)
    b = dk.frequencies(fast)
    monkeypatch.setattr(keywords_module, "_PER_DOCUMENT", False)
    pd.testing.assert_frame_equal(a, dk.keyness_all(slow, n_boot=300, stopwords=True))
    pd.testing.assert_frame_equal(b, dk.frequencies(slow))
    assert a.attrs == dk.keyness_all(slow, n_boot=300, stopwords=True).attrs


def test_single_document_groups_still_resample_blocks_of_sentences(seed_corpus):
    table = dk.keyness_all(seed_corpus, n_boot=50)
    kinds = {v["resampled_target"] for v in table.attrs["per_group"].values()}
    assert kinds == {"blocks of 5 consecutive sentences"}


def test_count_codes_equals_count_terms_with_and_without_stopwords():
    docs = [["the", "west", "and", "russia"], ["russia", "the"], []]
    vocab = np.array(sorted({w for d in docs for w in d}), dtype=object)[::-1]
    index = {w: i for i, w in enumerate(vocab)}
    rows = np.repeat(np.arange(len(docs)), [len(d) for d in docs])
    codes = np.array([index[w] for d in docs for w in d], dtype=np.int32)
    for stop in (False, True):
        X, v = _count_codes(rows, codes, vocab, len(docs), keywords_module.stop_set(stop))
        Y, w = dk.count_terms(docs, stopwords=stop)
        assert list(v) == list(w) and (X != Y).nnz == 0


# --- chunked and Dask counting -------------------------------------------------------------
def test_count_chunks_gives_the_same_keyness_as_the_corpus_in_memory(paragraphs):
    corpus = dk.Corpus.from_frame(paragraphs, clean=False)
    expected = dk.keyness_all(corpus, n_boot=200)
    chunks = (paragraphs.iloc[i:i + 7] for i in range(0, len(paragraphs), 7))
    counts = count_chunks(chunks, clean=False)
    got = keyness_all_counts(counts, n_boot=200)
    pd.testing.assert_frame_equal(got, expected)
    assert got.attrs == expected.attrs
    one = keyness_counts(counts, "John P. Ruehl", n_boot=200)
    pd.testing.assert_frame_equal(one, dk.keyness(corpus, "John P. Ruehl", n_boot=200))


def test_count_chunks_counts_are_the_sum_of_the_corpus_tokens(paragraphs):
    corpus = dk.Corpus.from_frame(paragraphs, clean=False)
    counts = count_chunks([paragraphs.iloc[:10], paragraphs.iloc[10:]], clean=False)
    per_doc = corpus.tokens.groupby(["doc_id", "norm"]).size()
    col = {t: j for j, t in enumerate(counts.vocabulary)}
    row = {d: i for i, d in enumerate(counts.doc_ids)}
    X = counts.counts.tocsr()
    assert all(X[row[d], col[t]] == n for (d, t), n in per_doc.items())
    assert X.sum() == len(corpus.tokens) == counts.sizes.sum()


def test_count_chunks_numbers_rows_across_chunks_as_from_frame_does():
    df = pd.DataFrame({"text": ["Russia and Serbia.", "Kosovo.", "Russia again.", "NATO."],
                       "author": ["A", "unknown", "A", None]})
    counts = count_chunks([df[:2], df[2:]])
    assert counts.doc_ids.tolist() == ["doc00000", "doc00001", "doc00002", "doc00003"]
    assert counts.groups.tolist() == dk.Corpus.from_frame(df).docs["group"].tolist()


def test_a_group_with_one_document_is_refused_with_advice():
    df = pd.DataFrame({"text": ["Russia.", "Russia again.", "Kosovo."],
                       "author": ["A", "A", "B"]})
    with pytest.raises(ValueError, match=r"'B' have a single document.*Load such a corpus"):
        keyness_all_counts(count_chunks([df]))


def test_a_doc_id_repeated_across_chunks_is_refused():
    df = pd.DataFrame({"doc_id": ["x", "y"], "text": ["Russia.", "Kosovo."]})
    with pytest.raises(ValueError, match="doc_id 'x' appears in more than one chunk"):
        count_chunks([df, df])


def test_count_chunks_accepts_plain_lists_of_texts():
    counts = count_chunks([["Russia and Serbia."], ["Russia."]])
    assert isinstance(counts, DocumentCounts)
    assert counts.counts.toarray().tolist() == [[1, 1, 1], [0, 1, 0]]


# --- counting without a token table (text._count_texts) ------------------------------------
def counts_of_tokens(tokens: pd.DataFrame, doc_ids) -> dict:
    """Per-document norm counts from a token table: the slow, obvious definition."""
    per_doc = tokens.groupby(["doc_id", "norm"]).size()
    return {d: per_doc[d].to_dict() if d in per_doc.index.get_level_values(0) else {}
            for d in doc_ids}


def counts_of_matrix(dc, doc_ids) -> dict:
    X = dc.counts.tocsr()
    out = {}
    for i, d in enumerate(doc_ids):
        row = X.getrow(i)
        out[d] = {dc.norm_vocab[j]: int(v) for j, v in zip(row.indices, row.data) if v}
    return out


MESSY_WORDS = ["United", "States", "STATES", "Western", "Balkans", "UN", "Security", "Council",
               "Serbian", "Orthodox", "Church", "Bosnia", "and", "Herzegovina", "Kosova", "U.S.",
               "US", "us", "Vučić’s", "Dayton", "Peace", "Agreement", "don't", "MiG-29",
               "1,100", "3.5", "the", "Open", "Balkan", "Niš", "a.", "’s", "(Kosovo),"]
MESSY_GAPS = [" ", " ", " ", "\n", "\n\n", ". ", "? ", "! ", ", ", " — ", "/", "-", " (", ") ",
              "’s ", "\n \n", ".\n\n", " . ", " … ", "\t", ' "', '" ', "'", "\u00a0"]


def messy_texts(rng, n_docs, n_words):
    return ["".join(rng.choice(MESSY_WORDS) + rng.choice(MESSY_GAPS)
                    for _ in range(rng.integers(1, n_words)))
            for _ in range(n_docs)]


def test_counting_without_tokens_equals_the_sentence_by_sentence_tokens():
    rng = np.random.default_rng(7)
    texts = TRICKY + [t for _ in range(60) for t in messy_texts(rng, 3, 40)]
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    expected = counts_of_tokens(tokens_sentence_by_sentence(docs), docs["doc_id"])
    dc = corpus_module.DocTermCounts.merge([text_module._count_texts(texts)])
    assert counts_of_matrix(dc, docs["doc_id"]) == expected
    sizes = {d: sum(c.values()) for d, c in expected.items()}
    assert dc.n_unit.tolist() == [sizes[d] for d in docs["doc_id"]]


def test_a_name_is_joined_only_where_no_sentence_can_end_inside_it():
    texts = ["the Western Balkans now", "the Western/Balkans", "the Western. Balkans",
             "Western\n\nBalkans", "Western — Balkans", "Western . Balkans", "U.S. States",
             "UN Security Council and the Security Council", "Serbian Orthodox Church"]
    dc = corpus_module.DocTermCounts.merge([text_module._count_texts(texts)])
    got = counts_of_matrix(dc, range(len(texts)))
    assert got[0]["western balkans"] == 1 and "western" not in got[0]
    assert got[1]["western balkans"] == 1                  # tokens next to each other
    assert "western balkans" not in got[2] and got[2]["western"] == 1
    assert "western balkans" not in got[3]                 # a blank line between
    assert got[4]["western balkans"] == 1                  # a dash cannot end a sentence
    assert "western balkans" not in got[5]
    assert got[7] == {"un security council": 1, "and": 1, "the": 1, "security council": 1}
    assert got[8] == {"serbian orthodox church": 1}


def test_the_counts_made_while_cleaning_equal_the_token_table(seed_corpus):
    corpus = dk.load_corpus(paths.SEEDS)
    assert "_doc_counts" in corpus.__dict__                # counted in the cleaning pass
    ids = corpus.docs["doc_id"]
    assert counts_of_matrix(corpus._doc_counts, ids) == counts_of_tokens(seed_corpus.tokens, ids)


def test_counting_while_cleaning_in_parallel_equals_serial(monkeypatch):
    rng = np.random.default_rng(3)
    lines = ["\n".join(messy_texts(rng, 6, 30)) for _ in range(40)]
    df = pd.DataFrame({"text": lines, "author": ["A", "B"] * 20})

    def counts(workers):
        monkeypatch.setattr(corpus_module, "WORKERS", workers)
        monkeypatch.setattr(corpus_module, "PARALLEL_MIN_CHARS", 1)
        monkeypatch.setattr(corpus_module, "TASK_CHARS", 2_000)   # several tasks per worker
        c = dk.Corpus.from_frame(df)
        return c, counts_of_matrix(c._doc_counts, c.docs["doc_id"])

    (serial, a), (forked, b) = counts(1), counts(2)
    assert a == b == counts_of_tokens(serial.tokens, serial.docs["doc_id"])
    # where workers are not forked (spawn, forkserver) the texts are sent to them instead
    monkeypatch.setattr(corpus_module.multiprocessing, "get_start_method", lambda: "spawn")
    sent, c = counts(2)
    assert c == a and sent.docs["text"].tolist() == forked.docs["text"].tolist()
    assert sent.removed.equals(forked.removed) and corpus_module._FORKED is None


def test_a_plain_word_with_punctuation_around_it_is_what_the_token_pattern_finds():
    rng = np.random.default_rng(11)
    letters = list("abcXYZšćžЖαß")
    for _ in range(3000):
        core = "".join(rng.choice(letters, rng.integers(1, 6)))
        chunk = "".join(rng.choice(list(text_module._EDGE), rng.integers(0, 3))) + core + \
            "".join(rng.choice(list(text_module._EDGE), rng.integers(0, 3)))
        before, word, after = text_module._plain_word(chunk)
        assert text_module._TOKEN_SPLIT.split(chunk) == [before, word, after]
    for chunk in ["U.S.", "don't", "Serbia’s", "MiG-29", "1,100", "n't", "—", "a.b.", "x_y"]:
        assert text_module._plain_word(chunk) is None


# --- cleaning shortcuts ------------------------------------------------------------------------
def test_pooled_pull_quote_search_finds_what_the_pairwise_test_finds():
    rng = np.random.default_rng(5)
    vocab = ["russia", "serbia", "kosovo", "the", "of", "nato", "war", "peace"]
    for _ in range(300):
        lines = [list(rng.choice(vocab, rng.integers(0, 50))) for _ in range(rng.integers(1, 9))]
        if rng.random() < 0.5 and any(len(w) > 12 for w in lines):  # plant a pull quote
            body = max(lines, key=len)
            start = int(rng.integers(0, len(body) - 8))
            lines.append(body[start:start + int(rng.integers(5, 9))])
        brute = {i for i, w in enumerate(lines) if cleaning_module._is_pull_quote(
            w, [cleaning_module._shingles(o) for o in lines if len(o) > len(w)])}
        assert cleaning_module._pull_quotes(lines) == brute


def test_the_folded_start_of_a_line_is_the_start_of_the_folded_line():
    for line in ["Vučić’s party", "Ivana Stradner is", "ﬁnal ﬁnal", "Straße und", "ǅemal X",
                 "e\u0301\u0301\u0301\u0301\u0301\u0301tude", "Janusz"]:
        for n in range(0, 12):
            head, whole = cleaning_module._folded_head(line, n)
            assert fold(line).startswith(head)
            assert head == fold(line) if whole else len(head) > n


def random_documents(rng, n_docs):
    """Documents as lines of words, some with a pull quote planted, repeated shingles,
    and lines of every length around the pull-quote limits (4, 5, 40, 41 words)."""
    vocab = ["russia", "serbia", "kosovo", "the", "of", "nato", "war", "peace"]
    docs = []
    for _ in range(n_docs):
        lines = [list(rng.choice(vocab, rng.choice([0, 3, 4, 5, 12, 40, 41, 60])))
                 for _ in range(rng.integers(1, 9))]
        if rng.random() < 0.5 and any(len(w) > 12 for w in lines):
            body = max(lines, key=len)
            start = int(rng.integers(0, len(body) - 8))
            lines.insert(int(rng.integers(0, len(lines))),
                         body[start:start + int(rng.integers(5, 9))])
        docs.append([w for w in lines if w])
    return docs


@pytest.mark.parametrize("mix", [None, 0])
def test_pull_quotes_found_for_many_documents_at_once_equal_those_found_one_by_one(
        monkeypatch, mix):
    """The array version (codes of document + 4 words, sorted) against _pull_quotes per
    document; with a multiplier of 0 every shingle gets the same code, which the check of
    equal codes must notice (it then falls back to _pull_quotes)."""
    if mix is not None:
        monkeypatch.setattr(cleaning_module, "_SHINGLE_MIX", np.uint64(mix))
    rng = np.random.default_rng(17)
    docs = random_documents(rng, 150)
    chunks = [[w.capitalize() if k % 3 else w + "," for k, w in enumerate(line)]
              for doc in docs for line in doc]           # chunks, not words
    line_doc = np.repeat(np.arange(len(docs)), [len(d) for d in docs])
    sizes, found, _ = cleaning_module._line_words(chunks, line_doc)
    assert sizes == [len(line) for doc in docs for line in doc]
    expected, at = set(), 0
    for doc in docs:
        expected |= {at + i for i in cleaning_module._pull_quotes(doc)}
        at += len(doc)
    assert found == expected and len(expected) > 20


def test_chunk_information_made_in_one_batch_equals_chunk_by_chunk():
    rng = np.random.default_rng(23)
    chunks = list(dict.fromkeys(MESSY_WORDS + ["Kosova", "US", "us", "USA", "Us", "Serbia,",
                                               "(UN)", "naïve", "États", "x_y", "1,100"] +
                                [rng.choice(MESSY_WORDS) + rng.choice(["", ",", "."]) +
                                 rng.choice(MESSY_WORDS) for _ in range(300)] +
                                ["".join(rng.choice(list(text_module._EDGE), rng.integers(0, 3)))
                                 + rng.choice(["Kosovo", "US", "us", "Niš", "the", "Western",
                                               "a", "UN", "x1"])
                                 + "".join(rng.choice(list(text_module._EDGE) + ["’s"],
                                                      rng.integers(0, 3)))
                                 for _ in range(600)]))
    # chunks that need the token pattern: clitics, numbers, abbreviations, compounds,
    # several tokens in one chunk, no token at all, and every chunk of the seed articles
    others = ["that's", "don't.", "can't,", "'s", "’re", "2004,", "$250,000", "1,100.5",
              "D.C.", "U.S.-led", "Kosova-Serbia", "much.Thank", "you.Thank", "—", "——",
              "...", "“", "1/2", "x_y", "MiG-29’s", "(Vučić’s)", "Niš.", "e.g.,", "n't",
              "?!", "“Kosovo!”", "A.B.C.D.", "3.7.1", "self-government.", "‘Serbia’"]
    seed_chunks = [c for f in sorted(paths.SEEDS.glob("*.txt"))
                   for c in f.read_text(encoding="utf-8").split()]
    chunks = list(dict.fromkeys(chunks + others + seed_chunks +
                                [rng.choice(others) + rng.choice(["", ".", "-", "’"]) +
                                 rng.choice(MESSY_WORDS + others) for _ in range(300)]))
    text_module._CHUNK_INFO.clear()
    batch = text_module._chunk_infos(chunks)
    one_by_one = [text_module._chunk_info(c) for c in chunks]
    assert batch == one_by_one
    assert [text_module._CHUNK_INFO[c] for c in chunks] == one_by_one   # and cached
    again = text_module._chunk_infos(chunks[::-1] + ["US", "Serbia,"])   # cached and new
    assert again == [text_module._chunk_info(c) for c in chunks[::-1] + ["US", "Serbia,"]]


def test_counts_made_while_cleaning_equal_counting_the_cleaned_text_in_vocabulary_order():
    rng = np.random.default_rng(29)
    texts = ["\n".join(messy_texts(rng, 8, 30)) + "\nPhoto: Reuters\nRead more"
             for _ in range(30)]
    c = dk.Corpus.from_frame(pd.DataFrame({"text": texts, "author": ["A", "B", "C"] * 10}))
    assert len(c.removed) > 0                  # some lines were removed while counting
    again = corpus_module.DocTermCounts.merge(
        [text_module._count_texts(c.docs["text"].tolist())])
    assert c._doc_counts.norm_vocab.tolist() == again.norm_vocab.tolist()
    assert (c._doc_counts.counts != again.counts).nnz == 0
    assert c._doc_counts.n_unit.tolist() == again.n_unit.tolist()
