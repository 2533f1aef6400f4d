"""An edited lexicon file takes effect on the next call, under the same name.

Users tune a copied lexicon in a notebook session and re-run; a cache keyed on the path
alone would keep serving the old version without a word.
"""
from __future__ import annotations

from importlib import resources

import pandas as pd
import yaml

import discoursekit as dk
from discoursekit import actors, framing, stance

SENTENCE = "The monastery is the cradle of the nation."


def _builtin(name: str) -> str:
    return resources.files("discoursekit").joinpath("lexicons", name).read_text(encoding="utf-8")


def test_an_edited_frames_file_is_read_again(tmp_path):
    path = dk.copy_lexicon(tmp_path, "frames")
    before = framing.code_frames([SENTENCE], lexicon=path)
    assert not before.loc[0, "human_interest"]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["frames"]["human_interest"]["cues"].append({"cue": "cradle", "note": "test edit"})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    after = framing.code_frames([SENTENCE], lexicon=path)
    assert after.loc[0, "human_interest"]
    assert after.loc[0, "cues"]["human_interest"] == [("cradle", SENTENCE.index("cradle"), SENTENCE.index("cradle") + 6)]
    # the built-in lexicon is untouched by the edit of a copy
    assert not framing.code_frames([SENTENCE]).loc[0, "human_interest"]


def test_code_corpus_frames_takes_both_lexicons(tmp_path):
    corpus = dk.Corpus.from_frame(pd.DataFrame({"text": [SENTENCE], "author": ["A"]}),
                                  clean=False)
    frames = dk.copy_lexicon(tmp_path, "frames")
    functions = dk.copy_lexicon(tmp_path, "functions")
    data = yaml.safe_load(frames.read_text(encoding="utf-8"))
    data["frames"]["human_interest"]["cues"].append({"cue": "monastery", "note": "test"})
    frames.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    data = yaml.safe_load(functions.read_text(encoding="utf-8"))
    data["functions"]["moral_evaluation"]["cues"].append({"cue": "nation", "note": "test"})
    functions.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    out = framing.code_corpus_frames(corpus, lexicon=frames, functions_lexicon=functions)
    assert out.loc[0, "human_interest"] and out.loc[0, "moral_evaluation"]
    plain = framing.code_corpus_frames(corpus)
    assert not plain.loc[0, "human_interest"] and not plain.loc[0, "moral_evaluation"]


def test_an_edited_stance_file_is_read_again(tmp_path):
    path = tmp_path / "stance.yaml"
    path.write_text(_builtin("stance.yaml"), encoding="utf-8")
    text = "The monastery is the cradle of the nation."
    assert stance.stance_markers([text], lexicon=str(path)).loc[0, "hedge"] == 0
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["categories"]["hedge"]["items"].append("cradle")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert stance.stance_markers([text], lexicon=str(path)).loc[0, "hedge"] == 1


def test_an_edited_actor_table_is_read_again(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text(_builtin("actors_stance.csv"), encoding="utf-8")
    text = "The monastery stood firm."
    assert len(actors.find_actors([text], table=path)) == 0
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("the monastery,Serbian Orthodox Church,institution,no,test edit\n")
    found = actors.find_actors([text], table=path)
    assert found["actor"].tolist() == ["Serbian Orthodox Church"]
