"""The classroom explorers: the plain functions behind the widgets, and their wiring."""
import re

import pandas as pd
import pytest

import discoursekit as dk
from discoursekit import explore as dke
from discoursekit import framing as dkf


@pytest.fixture(scope="module")
def toy():
    return dk.Corpus.from_frame(pd.DataFrame({
        "text": ["Russia sent troops to Serbia. Talks resumed in Brussels.\n\nKosova waits.",
                 "Moscow courts Belgrade. Kosovo fears Russian troops."],
        "author": ["Ann Author", "Bo Writer"]}))


def test_kwic_view_filters_one_group_and_keeps_the_spelling_as_written(toy):
    view = dke.kwic_view(toy, "Kosovo", "Ann Author", window=2)
    assert view["match"].tolist() == ["Kosova"]
    assert view.columns.tolist() == ["group", "doc_id", "sent_id", "left", "match", "right"]
    assert view.attrs["group"] == "Ann Author"


def test_kwic_view_sorts_by_left_word_then_text_order(toy):
    view = dke.kwic_view(toy, "troops", window=1, sort="L1")
    assert view["left"].tolist() == ["Russian", "sent"]
    assert dke.kwic_view(toy, "troops", sort="text")["group"].tolist() == ["Ann Author", "Bo Writer"]


def test_kwic_view_names_the_groups_when_the_group_is_unknown(toy):
    with pytest.raises(ValueError, match="'Ann Author', 'Bo Writer'"):
        dke.kwic_view(toy, "troops", "Ann")
    with pytest.raises(ValueError, match="sort"):
        dke.kwic_view(toy, "troops", sort="R9")


def test_kwic_html_escapes_text_and_reports_the_count(toy):
    html = dke.kwic_html(dke.kwic_view(toy, "troops"))
    assert "<b>2</b> occurrences of <b>troops</b>" in html
    assert html == dke.kwic_html(dke.kwic_view(toy, "troops"))
    empty = dke.kwic_html(dke.kwic_view(toy, "gas"))
    assert "<b>0</b> occurrences" in empty and "<table" not in empty
    tricky = dk.Corpus.from_frame(pd.DataFrame({"text": ["A <b> tag near Russia."], "author": ["X"]}))
    assert "&lt;b&gt;" in dke.kwic_html(dke.kwic_view(tricky, "Russia"))


def test_highlight_frames_colours_coded_sentences_underlines_cues_and_has_a_legend(toy):
    page = dke.highlight_frames(toy, toy.docs["doc_id"][0])
    coded = dkf.code_frames(toy.sentences.query("doc_id == @toy.docs.doc_id[0]")["text"].tolist())
    assert coded["military_security"].tolist() == [True, False, False]
    assert '<u title="Military &amp; security: troops">troops</u>' in page
    assert page.count(dke.FRAME_COLORS["military_security"]) >= 2  # legend + sentence
    assert "Legend" in page and "Military &amp; security</span>&nbsp;1" in page
    assert page.count("<p style=\"line-height") == 2  # two paragraphs, as in the text
    assert page == dke.highlight_frames(toy, toy.docs["doc_id"][0])  # deterministic


def test_highlight_frames_shows_only_the_requested_frames(toy):
    page = dke.highlight_frames(toy, toy.docs["doc_id"][0], frames=["diplomacy"])
    assert "Military" not in page and "troops</u>" not in page


def test_highlight_frames_uses_an_edited_lexicon_copy(toy, tmp_path):
    import yaml
    copy = dke.copy_lexicon(tmp_path)
    lexicon = yaml.safe_load(copy.read_text(encoding="utf-8"))
    lexicon["frames"]["diplomacy"]["cues"].append({"cue": "waits", "note": "test"})
    edited = tmp_path / "edited.yaml"
    edited.write_text(yaml.safe_dump(lexicon, sort_keys=False), encoding="utf-8")
    page = dke.highlight_frames(toy, toy.docs["doc_id"][0], frames=["diplomacy"], lexicon=edited)
    assert '<u title="Diplomacy: waits">waits</u>' in page


def test_highlight_frames_rejects_unknown_articles_and_frames(toy):
    with pytest.raises(ValueError, match="doc_id"):
        dke.highlight_frames(toy, "nope")
    with pytest.raises(ValueError, match="FRAME_IDS"):
        dke.highlight_frames(toy, toy.docs["doc_id"][0], frames=["war"])


def test_copy_lexicon_refuses_to_write_into_the_package(tmp_path):
    from importlib import resources
    package = resources.files("discoursekit") / "lexicons"
    with pytest.raises(ValueError, match="inside the discoursekit package"):
        dke.copy_lexicon(str(package))
    copy = dke.copy_lexicon(tmp_path / "mine", "stance")
    assert copy.name == "stance.yaml" and copy.read_text(encoding="utf-8").strip()


def test_kwic_explorer_recomputes_the_view_when_a_control_changes(toy):
    box = dke.kwic_explorer(toy, term="troops", debounce=0)
    term, group, window, sort = box.children[0].children
    output = box.children[1]
    assert "<b>2</b> occurrences of <b>troops</b>" in output.value
    group.value = "Bo Writer"
    assert output.value == dke.kwic_html(dke.kwic_view(toy, "troops", "Bo Writer"))
    window.value, sort.value = 1, "L1"
    assert output.value == dke.kwic_html(dke.kwic_view(toy, "troops", "Bo Writer", window=1, sort="L1"))
    term.value = ""
    assert "non-empty string" in output.value


def test_frame_highlighter_switches_article_and_frame_set(toy):
    box = dke.frame_highlighter(toy)
    article, frames = box.children[0].children
    output = box.children[1]
    assert output.value == dke.highlight_frames(toy, toy.docs["doc_id"][0])
    article.value = toy.docs["doc_id"][1]
    frames.value = "generic frames"
    assert output.value == dke.highlight_frames(toy, toy.docs["doc_id"][1],
                                                frames=dk.GENERIC_FRAMES)


def test_explorer_display_carries_a_static_snapshot_beside_the_widget_view(toy):
    bundle = dke.kwic_explorer(toy, term="troops")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"].startswith('<p style="color:#666;font-style:italic')
    assert "occurrences of <b>troops</b>" in bundle["text/html"]
    assert not re.search(r"0x[0-9a-f]{6,}", bundle["text/plain"])  # no memory address


def test_kwic_explorer_follows_the_term_as_it_is_typed_after_a_pause(toy):
    import time

    box = dke.kwic_explorer(toy, term="troops", debounce=0.2)
    term, output = box.children[0].children[0], box.children[1]
    assert term.continuous_update                 # every keystroke reaches the kernel
    for typed in ("K", "Ko", "Kos", "Kosovo"):    # typing: no update until a pause
        term.value = typed
    assert "occurrences of <b>troops</b>" in output.value
    deadline = time.time() + 5
    while "of <b>Kosovo</b>" not in output.value and time.time() < deadline:
        time.sleep(0.05)
    assert output.value == dke.kwic_html(dke.kwic_view(toy, "Kosovo"))


def test_kwic_lines_show_document_and_sentence_and_the_forms_a_search_matched():
    corpus = dk.Corpus.from_frame(pd.DataFrame({"author": ["A", "B"], "doc_id": ["a1", "b1"],
                                                "text": ["Serbia watches Kosova. Kosova waits.",
                                                         "Russia courts Kosovo."]}))
    html = dke.kwic_html(dke.kwic_view(corpus, "Kosova"))
    assert "document · sentence" in html and "a1 · 1" in html and "b1 · 0" in html
    assert ("“Kosova” matches “Kosova” (2) and “Kosovo” (1): the spellings are counted as "
            "one term, each shown as written.") in html
    assert "overflow-y:auto" in html              # long concordances scroll in their box
    assert "matches" not in dke.kwic_html(dke.kwic_view(corpus, "russia"))   # case aside
