"""Exercise 7 without YAML: one change to a copy of the lexicon, and the sentences it
recodes.  The worked example fixes a sentence of the seed corpus that the lexicon codes
wrongly ("…pledged to jointly combat them": the verb, not armed combat)."""
from __future__ import annotations

import pytest
import yaml

import discoursekit as dk
from discoursekit import explore as dke


@pytest.fixture(scope="module")
def seeds():
    return dk.load_corpus(dk.paths.SEEDS)


def test_the_worked_example_fixes_one_real_sentence_and_no_other(seeds, tmp_path):
    dke.copy_lexicon(tmp_path)                         # the original, kept to compare
    copy = dke.copy_lexicon(tmp_path, name="mine.yaml")
    dke.edit_lexicon(copy, copy, "military_security", "not before the word…", "combat",
                     word="them", note="'combat them' is the verb")
    changes = dke.lexicon_changes(seeds, copy)
    assert changes[["doc_id", "sent_id", "frame", "before", "after"]].values.tolist() == [
        ["shedd-stradner2023", 61, "military_security", True, False]]
    assert changes["text"].iloc[0].endswith("pledged to jointly combat them.")
    # "combat" gets an entry of its own: the shared entry's exclusions plus the new one;
    # the other cues of the shared entry keep exactly their old exclusions
    original = yaml.safe_load((tmp_path / "frames.yaml").read_text(encoding="utf-8"))
    old = next(e for e in original["frames"]["military_security"]["cues"]
               if "attack*" in e.get("cues", []))
    data = yaml.safe_load(copy.read_text(encoding="utf-8"))
    entries = data["frames"]["military_security"]["cues"]
    alone = [e for e in entries if e.get("cue") == "combat"]
    assert alone and alone[0]["unless_followed_by"] == (
        f"(?:{old['unless_followed_by']})|(?:^ ?them\\b)")
    shared = next(e for e in entries if "attack*" in e.get("cues", []))
    assert "combat" not in shared["cues"]
    assert shared["unless_followed_by"] == old["unless_followed_by"]


def test_add_remove_and_not_after(tmp_path):
    copy = dke.copy_lexicon(tmp_path)
    texts = ["Serbia is the cradle of the nation.", "Moscow tries to fuel distrust here.",
             "Russia sells fuel and gas."]
    dke.edit_lexicon(copy, copy, "identity_religion", "add a cue", "cradle", note="origin myth")
    assert dk.code_frames(texts, lexicon=copy)["identity_religion"].tolist() == [True, False,
                                                                                 False]
    dke.edit_lexicon(copy, copy, "energy_economy", "not after the word…", "fuel", word="to")
    assert dk.code_frames(texts, lexicon=copy)["energy_economy"].tolist() == [False, False,
                                                                              True]
    dke.edit_lexicon(copy, copy, "identity_religion", "remove a cue", "cradle")
    assert not dk.code_frames(texts, lexicon=copy)["identity_religion"].any()


@pytest.mark.parametrize("args, message", [
    (("no_such_frame", "add", "x"), "no frame 'no_such_frame'"),
    (("energy_economy", "remove", "banana"), "has no cue 'banana'"),
    (("energy_economy", "not_after", "fuel"), "type the word before or after"),
    (("energy_economy", "shout", "fuel"), "action must be one of"),
    (("energy_economy", "add", "  "), "type the cue"),
])
def test_bad_changes_say_what_to_do(tmp_path, args, message):
    copy = dke.copy_lexicon(tmp_path)
    before = copy.read_bytes()
    with pytest.raises(ValueError, match=message):
        dke.edit_lexicon(copy, copy, *args)
    assert copy.read_bytes() == before                     # nothing half-written


def test_the_form_applies_the_change_and_lists_the_recoded_sentences(seeds, tmp_path):
    copy = dke.copy_lexicon(tmp_path)
    form = dke.lexicon_form(seeds, copy, frame="military_security",
                            action="not before the word…", cue="combat", word="them",
                            note="the verb")
    controls, output = form.children[0].children, form.children[1]
    apply = controls[-1]
    assert "press Apply" in output.value
    apply.click()
    assert "<b>1</b> sentence" in output.value and "shedd-stradner2023 · 61" in output.value
    controls[2].value = "banana"                               # a cue the frame lacks
    apply.click()
    assert "has no cue &#x27;banana&#x27;" in output.value or "has no cue 'banana'" in output.value


def _changes_by_full_recoding(corpus, edited):
    """Every frame of every sentence coded with both lexicons (the slow, plain way)."""
    texts = corpus.sentences["text"].tolist()
    before, after = dk.code_frames(texts), dk.code_frames(texts, lexicon=edited)
    rows = [(corpus.sentences["doc_id"].iat[i], int(corpus.sentences["sent_id"].iat[i]), f,
             bool(before[f].iat[i]), bool(after[f].iat[i]))
            for f in after.attrs["categories"] for i in range(len(texts))
            if before[f].iat[i] != after[f].iat[i]]
    return sorted(rows)


def test_changes_found_on_the_edited_frames_alone_equal_a_full_recoding(seeds, tmp_path):
    # only the frames an edit touches are coded again; what they find is what coding every
    # frame with both lexicons finds, for edits of one frame, of two, and of the relabel
    # rules (which change the words every frame matches, so every frame is coded again)
    two = dke.copy_lexicon(tmp_path, name="two.yaml")
    dke.edit_lexicon(two, two, "diplomacy", "remove a cue", "talks")
    dke.edit_lexicon(two, two, "energy_economy", "add a cue", "power*")
    relabel = dke.copy_lexicon(tmp_path, name="relabel.yaml")
    data = yaml.safe_load(relabel.read_text(encoding="utf-8"))
    data["relabel"] = [{"rule": "Moscow as Russia", "surface": "^Moscow$", "norm": "russia"}]
    data["frames"]["diplomacy"]["cues"].append({"cue": "russia", "note": "test"})
    relabel.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for edited in (two, relabel):
        changes = dke.lexicon_changes(seeds, edited)
        got = sorted(map(tuple, changes[["doc_id", "sent_id", "frame", "before", "after"]]
                         .values.tolist()))
        assert got == _changes_by_full_recoding(seeds, edited) and got
    assert set(dke.lexicon_changes(seeds, two)["frame"]) <= {"diplomacy", "energy_economy"}
