"""Actors suggested from the corpus itself, and the table a researcher edits."""
from __future__ import annotations

import pandas as pd
import pytest

import discoursekit as dk
from discoursekit import actors

TEXTS = [
    "Sadiq Khan wants rent controls. The National Residential Landlords Association (NRLA) "
    "disagrees. Mr Khan said the NRLA was wrong.",
    "Thousands of renters marched in London. Khan spoke to them. The NRLA issued a "
    "statement. London Renters Union organised the march.",
    "The London Renters Union says rents must fall. Khan agreed. The Bank of England kept "
    "rates on hold.",
]


@pytest.fixture(scope="module")
def corpus():
    return dk.Corpus.from_frame(pd.DataFrame({"author": ["A", "B", "C"], "text": TEXTS}))


def test_suggested_actors_by_hand(corpus):
    s = dk.suggest_actors(corpus, min_count=2)
    # worked out by reading the three texts: Khan 4 times (Sadiq Khan, Mr Khan, Khan x2),
    # the landlords' association 4 times (its name once, NRLA three times), the renters'
    # union twice; London once alone, the Bank of England once; "Thousands" only starts
    # a sentence
    totals = s.groupby("actor", sort=False)["count"].sum()
    assert totals.to_dict() == {"National Residential Landlords Association": 4,
                                "Sadiq Khan": 4, "London Renters Union": 2}
    khan = s[s["actor"] == "Sadiq Khan"].set_index("mention")
    assert khan["count"].to_dict() == {"Khan": 2, "Mr Khan": 1, "Sadiq Khan": 1}
    assert khan.loc["Mr Khan", "naming"] == "official"
    assert khan.loc["Sadiq Khan", "naming"] == "person"
    nrla = s[s["mention"] == "NRLA"].iloc[0]
    assert nrla["actor"] == "National Residential Landlords Association"
    assert nrla["naming"] == "institution" and nrla["docs"] == 2
    assert s.loc[s["mention"] == "London Renters Union", "naming"].item() == "institution"
    assert "Thousands" not in set(s["mention"])


def test_the_written_table_is_an_actor_table_and_is_never_overwritten(corpus, tmp_path):
    s = dk.suggest_actors(corpus, min_count=2)
    path = dk.write_actor_table(s, tmp_path / "actors.csv")
    table = actors.actor_table(path)
    assert table["mention"].tolist() == s["mention"].tolist()
    assert path.read_text(encoding="utf-8").splitlines()[1].startswith("# Actors suggested")
    with pytest.raises(FileExistsError, match="actors.csv exists"):
        dk.write_actor_table(s, path)
    # the corpus's own table is used where no table is named
    found = actors.find_actors(["Mr Khan met the NRLA."], table=path)
    assert found["actor"].tolist() == ["Sadiq Khan", "National Residential Landlords Association"]


def test_a_corpus_folder_with_actors_csv_uses_it(tmp_path, monkeypatch):
    (tmp_path / "actors.csv").write_text(
        "mention,actor,naming\nTenants Union,Tenants Union,institution\n", encoding="utf-8")
    monkeypatch.setenv("DISCOURSEKIT_CORPUS", str(tmp_path))
    monkeypatch.delenv("DISCOURSEKIT_ACTORS", raising=False)
    assert dk.paths.actors_path() == tmp_path / "actors.csv"
    assert actors.find_actors(["The Tenants Union and Russia met."])["actor"].tolist() == [
        "Tenants Union"]
    monkeypatch.setenv("DISCOURSEKIT_ACTORS_SUGGESTED", "1")
    assert dk.actors_note().startswith("Actors suggested automatically, not reviewed")
    monkeypatch.delenv("DISCOURSEKIT_ACTORS_SUGGESTED")
    assert dk.actors_note() is None


def test_remedies_address_the_actors_of_the_corpus_table(tmp_path, monkeypatch):
    from discoursekit import framing

    table = tmp_path / "actors.csv"
    table.write_text("mention,actor,naming\nTenants Union,Tenants Union,institution\n"
                     "Ana Ruiz,Ana Ruiz,person\nMayor Ana Ruiz,Ana Ruiz,official\n",
                     encoding="utf-8")
    monkeypatch.setenv("DISCOURSEKIT_ACTORS", str(table))
    found = framing.find_actors(["Mayor Ana Ruiz and the Tenants Union must act now."])
    assert found["actor"].tolist() == ["Ana Ruiz", "Tenants Union"]
