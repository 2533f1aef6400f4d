"""Loading a corpus: the tables, grouping, and one clear error per kind of bad input."""
import warnings

import pandas as pd
import pytest

import discoursekit as dk
from conftest import SEEDS, digest, write_corpus

META = "file,author,title\na.txt,Ann Author,unknown\nb.txt,Bo Writer,unknown\n"
GOOD = {"a.txt": "Serbia moved troops. Kosovo protested.\n",
        "b.txt": "NATO watched. The EU talked about Kosova.\n"}


def test_seed_metadata_has_one_row_per_file_with_provenance_facts():
    meta = pd.read_csv(SEEDS / "metadata.csv")
    assert sorted(meta["file"]) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert {"file", "doc_id", "author", "title", "outlet", "date", "source_note"} <= set(meta)
    by_file = meta.set_index("file")
    assert by_file.loc["001_9956f1c8c448d0b9.txt", "author"] == "David R. Shedd & Ivana Stradner"
    assert by_file.loc["001_9956f1c8c448d0b9.txt", "date"] == "2023-11-07"
    assert by_file.loc["002_50f92ce781a3b39b.txt", "author"] == "David L. Phillips & Lulzim Peci"
    assert by_file.loc["004_09818d3b2f5a7cd7.txt", "author"] == "unknown"
    assert by_file.loc["000_b6bd0e26ba0e21c9.txt", "title"] == "unknown"


def test_seed_files_are_byte_identical_to_the_published_checksums():
    # seeds/SHA256SUMS was written from ../shared/seeds when the files were copied.
    import hashlib
    for line in (SEEDS / "SHA256SUMS").read_text().splitlines():
        expected, name = line.split()
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == expected


def test_load_corpus_returns_the_three_tables_with_documented_columns(seed_corpus):
    assert list(seed_corpus.docs.columns[:8]) == ["doc_id", "author", "title", "outlet", "date",
                                                  "text", "raw", "file"]
    assert list(seed_corpus.sentences.columns) == ["doc_id", "sent_id", "start", "end", "text"]
    assert {"doc_id", "sent_id", "start", "end", "token", "norm"} <= set(seed_corpus.tokens)
    assert len(seed_corpus.docs) == 5


def test_every_token_and_sentence_offset_points_into_the_cleaned_text(seed_corpus):
    texts = seed_corpus.docs.set_index("doc_id")["text"]
    for row in seed_corpus.tokens.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.token
    for row in seed_corpus.sentences.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text


def test_tokens_keep_kosova_as_written_and_count_it_as_kosovo(seed_corpus):
    toks = seed_corpus.tokens
    kosova = toks[toks["token"] == "Kosova"]
    assert len(kosova) == 10 and set(kosova["norm"]) == {"kosovo"}
    assert set(kosova["doc_id"]) == {"bugajski2021"}


def test_unknown_author_is_its_own_group_labelled_from_doc_id(seed_corpus):
    groups = seed_corpus.docs.set_index("doc_id")["group"]
    assert groups["excerpt004"] == "unknown [excerpt004]"
    df = pd.DataFrame({"text": ["One text.", "Two text.", "Three."],
                       "author": ["unknown", None, "Ann"], "doc_id": ["x", "y", "z"]})
    corpus = dk.Corpus.from_frame(df)
    assert corpus.docs["group"].tolist() == ["unknown [x]", "unknown [y]", "Ann"]


def test_from_frame_keeps_other_columns_as_metadata_and_groups_by_any_column():
    df = pd.DataFrame({"body": ["Serbia moved troops.", "Kosovo protested."],
                       "author": ["A", "B"], "outlet": ["X", "X"]})
    corpus = dk.Corpus.from_frame(df, text="body", by="outlet")
    assert corpus.docs["outlet"].tolist() == ["X", "X"]
    assert corpus.docs["group"].tolist() == ["X", "X"]
    assert corpus.tokens["norm"].tolist() == ["serbia", "moved", "troops", "kosovo", "protested"]


def test_regroup_by_another_metadata_column(seed_corpus):
    by_outlet = seed_corpus.regroup("outlet")
    assert by_outlet.docs.set_index("doc_id")["group"]["ruehl2023"] == "Globetrotter"
    assert by_outlet.docs.set_index("doc_id")["group"]["bugajski2021"] == "unknown [bugajski2021]"


def test_bom_and_windows_line_endings_are_accepted(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": b"\xef\xbb\xbfFirst line.\r\n\r\nSecond.\r\n",
                                           "b.txt": "Plain."}, META)
    corpus = dk.load_corpus(folder)
    assert corpus.docs["text"][0] == "First line.\n\nSecond."


def test_a_good_folder_is_left_unchanged(tmp_path):
    folder = write_corpus(tmp_path / "c", GOOD, META)
    before = digest(folder)
    dk.load_corpus(folder).tokens
    assert digest(folder) == before


@pytest.mark.parametrize("files, metadata, match", [
    (GOOD, None, r"no metadata\.csv; add one with at least the columns 'file' and 'author'"),
    (GOOD, "file,title\na.txt,x\n", r"metadata\.csv: missing column\(s\) 'author'"),
    (GOOD, "author\nAnn\n", r"missing column\(s\) 'file'"),
    ({"a.txt": "Text."}, "file,author\na.txt,Ann\nmissing.txt,Bo\n",
     r"row 3 \(counting the header as row 1\): file 'missing\.txt' does not exist .*; fix "
     r"the name or remove the row"),
    (GOOD, "file,author\na.txt,Ann\nb.txt,Bo\na.txt,Cy\n",
     r"file 'a\.txt' is listed more than once \(rows 2, 4, counting the header as row 1\)"),
    (GOOD, "file,doc_id,author\na.txt,d1,Ann\nb.txt,d1,Bo\n", r"doc_id 'd1' appears more than once"),
    ({"a.txt": b"caf\xe9 au lait", "b.txt": "ok."}, META,
     r"a\.txt: not valid UTF-8 \(byte 3: 0xe9\); re-encode it"),
    ({"a.txt": b"\x89PNG\r\n\x1a\n\x00\x00", "b.txt": "ok."}, META, r"a\.txt: looks like a binary file"),
    ({"a.txt": "", "b.txt": "ok."}, META, r"a\.txt is empty; remove it from the metadata"),
    ({"a.txt": "WP Radio\n\nMust read\n", "b.txt": "ok."}, META,
     r"a\.txt is empty after cleaning .*furniture"),
    ({"a.txt": "!!! ??? … — ###.\n", "b.txt": "ok."}, META,
     r"a\.txt has no words, only punctuation or symbols \('!!! \?\?\? … — ###\.'\); remove"),
    (GOOD, "file,author\n,Ann\n", r"row 2: the 'file' cell is empty"),
    (GOOD, "file;author\na.txt;Ann\n", r"\(found: 'file;author'\); the header is separated "
                                       r"by ';', not commas: save the file as comma-separated"),
    (GOOD, "file\tauthor\na.txt\tAnn\n", r"separated by '\\t', not commas"),
    (GOOD, "File,Author\na.txt,Ann\n",
     r"names are lower case: rename 'File' to 'file' and 'Author' to 'author'\.$"),
    (GOOD, "file,author\na,Ann\n", r"row 2 .*: file 'a' does not exist in .* \('a\.txt' does\)"),
    (GOOD, "file,author\nA.TXT,Ann\n", r"file 'A\.TXT' does not exist in .* \('a\.txt' does\)"),
])
def test_bad_input_raises_one_clear_error_and_changes_nothing(tmp_path, files, metadata, match):
    folder = write_corpus(tmp_path / "c", files, metadata)
    before = digest(folder)
    with pytest.raises(dk.CorpusError, match=match):
        dk.load_corpus(folder)
    assert digest(folder) == before


def test_a_folder_that_does_not_exist_is_named(tmp_path):
    with pytest.raises(dk.CorpusError, match=r"nowhere: not a folder"):
        dk.load_corpus(tmp_path / "nowhere")


def test_unlisted_txt_file_gives_a_warning_and_is_skipped(tmp_path):
    folder = write_corpus(tmp_path / "c", {**GOOD, "extra.txt": "Not listed."}, META)
    with pytest.warns(dk.CorpusWarning, match=r"extra\.txt; add a row for each to include it"):
        corpus = dk.load_corpus(folder)
    assert len(corpus.docs) == 2


def test_unknown_grouping_column_is_named_with_the_choices(tmp_path):
    folder = write_corpus(tmp_path / "c", GOOD, META)
    with pytest.raises(dk.CorpusError, match=r"by='party' is not a column; columns are: .*'author'"):
        dk.load_corpus(folder, by="party")
