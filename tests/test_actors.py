"""Tests for discoursekit.actors: the actor table, mentions, naming and agency rules."""
from __future__ import annotations

import pandas as pd
import pytest

import discoursekit as dk
from discoursekit import actors, paths


@pytest.fixture(scope="module")
def seeds():
    return dk.load_corpus(paths.SEEDS)


def actor_of(text: str) -> list[tuple[str, str, str]]:
    df = actors.find_actors([text])
    return list(zip(df["surface"], df["actor"], df["naming"]))


# --- the table and matching ----------------------------------------------------------------
def test_the_actor_table_has_the_issue_actors_and_known_naming_types():
    t = actors.actor_table()
    assert {"Russia", "Putin", "Serbia", "Vucic", "Kosovo", "NATO", "EU", "US", "Ukraine",
            "the West", "Bosnia", "Republika Srpska", "Dodik"} <= set(t["actor"])
    assert set(t.loc[t["actor"] != "-", "naming"]) <= set(actors.NAMING_TYPES)


@pytest.mark.parametrize("text, expected", [
    ("Kosova", [("Kosova", "Kosovo", "name")]),
    ("Prishtina sent police.", [("Prishtina", "Kosovo", "capital-metonym")]),
    ("Pristina", [("Pristina", "Kosovo", "capital-metonym")]),
    ("the Kremlin", [("Kremlin", "Russia", "institution")]),
    ("Moscow and Belgrade", [("Moscow", "Russia", "capital-metonym"),
                             ("Belgrade", "Serbia", "capital-metonym")]),
    ("Vučić", [("Vučić", "Vucic", "person")]),
    ("Vucic", [("Vucic", "Vucic", "person")]),
    ("Serbia’s President Aleksander Vucic", [("Serbia’s President Aleksander Vucic", "Vucic",
                                              "person")]),
    ("Serbia’s president", [("Serbia’s president", "Vucic", "description")]),
    ("the Kosova government", [("Kosova government", "Kosovo", "institution")]),
    ("the NATO-led Kosovo Force (KFOR)", [("NATO-led", "NATO", "compound"),
                                          ("Kosovo Force", "NATO", "institution"),
                                          ("KFOR", "NATO", "institution")]),
    ("the Biden administration", [("Biden administration", "US", "institution")]),
    ("the White House and Washington", [("White House", "US", "institution"),
                                        ("Washington", "US", "capital-metonym")]),
    ("Brussels and the European Union", [("Brussels", "EU", "capital-metonym"),
                                         ("European Union", "EU", "name")]),
    ("Russian forces withdrew", [("Russian forces", "Russia", "adjective")]),
    ("Milorad Dodik of Republika Srpska", [("Milorad Dodik", "Dodik", "person"),
                                           ("Republika Srpska", "Republika Srpska", "name")]),
    ("the Western alliance", [("Western alliance", "the West", "adjective")]),
    ("the alliance did not act", [("the alliance", "NATO", "description")]),
])
def test_find_actors_maps_mentions_to_actors_and_naming_types(text, expected):
    assert actor_of(text) == expected


def test_the_pronoun_us_is_not_the_united_states():
    assert actor_of("Tell us more about the US.") == [("US", "US", "name")]


def test_the_west_is_case_sensitive_but_the_west_of_a_country_is_not_an_actor():
    assert actor_of("in the west of Serbia") == [("Serbia", "Serbia", "name")]
    assert actor_of("The West must act.") == [("The West", "the West", "name")]


def test_blocked_phrases_are_not_actor_mentions():
    assert actor_of("Kosovo Serbs and the Russian Orthodox Church") == []
    assert actor_of("the so-called Kosovo precedent") == []


def test_nationality_adjectives_count_only_before_a_state_noun():
    assert actor_of("Russian nationalists") == []
    assert actor_of("Serbian military") == [("Serbian military", "Serbia", "adjective")]


def test_actor_table_rejects_an_unknown_naming_type(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("mention,actor,naming\nMoscow,Russia,city\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"The naming type of 'Moscow'.* must be one of"):
        actors.actor_table(p)


def test_actor_table_rejects_a_missing_column(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("alias,actor\nMoscow,Russia\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"missing column\(s\) 'mention', 'naming'"):
        actors.actor_table(p)


def test_actor_mentions_are_traceable_to_the_document_text(seeds):
    m = actors.actor_mentions(seeds)
    assert list(m.columns) == ["doc_id", "sent_id", "group", "start", "end", "surface",
                               "actor", "naming"]
    texts = dict(zip(seeds.docs["doc_id"], seeds.docs["text"]))
    assert all(texts[d][a:b] == s for d, a, b, s in zip(m["doc_id"], m["start"], m["end"],
                                                          m["surface"]))
    kos = m[(m["doc_id"] == "bugajski2021") & (m["actor"] == "Kosovo")]
    assert "Kosova" in set(kos["surface"])


def test_actor_naming_shares_sum_to_one_per_group_and_actor(seeds):
    n = actors.actor_naming(actors.actor_mentions(seeds))
    sums = n.groupby(["group", "actor"])["share"].sum()
    assert (sums.round(9) == 1).all()
    ruehl = n[(n["group"] == "John P. Ruehl") & (n["actor"] == "Russia")]
    assert {"name", "capital-metonym", "institution"} <= set(ruehl["naming"])


# --- agency rules ---------------------------------------------------------------------------
@pytest.mark.parametrize("text, mention, expected", [
    ("Moscow has also deployed a battery of Pantsir-S systems to Serbia.", "Moscow", "acting"),
    ("Moscow has also deployed a battery of Pantsir-S systems to Serbia.", "Serbia", "neither"),
    ("NATO forced Serbia to pull out of Kosovo in 1999.", "NATO", "acting"),
    ("NATO forced Serbia to pull out of Kosovo in 1999.", "Serbia", "acted_upon"),
    ("Serbia is also being groomed as a Russian military outpost.", "Serbia", "acted_upon"),
    ("The crisis was instigated by Serbia in September 2021.", "Serbia", "acted_upon"),
    ("Through tentacles controlled by the Kremlin, Serbia is becoming a hostage.", "Kremlin",
     "acted_upon"),
    ("Russia’s veto power has prevented recognition.", "Russia", "neither"),
    ("Ukraine is a tinderbox.", "Ukraine", "neither"),
    ("Belgrade and Moscow accuse the Kosova government of threats.", "Moscow", "acting"),
    ("Belgrade and Moscow accuse the Kosova government of threats.", "Belgrade", "acting"),
    ("The Kremlin is exploring fomenting additional unrest.", "Kremlin", "acting"),
    ("NATO must create a coalition of the willing.", "NATO", "acting"),
    ("NATO must create a coalition that can pressure Belgrade and Moscow.", "Moscow",
     "acted_upon"),
    ("Russia, Serbia’s partner, is posing a threat.", "Russia", "acting"),
    ("Milorad Dodik, who has close ties to Putin, threatened secession.", "Milorad Dodik",
     "acting"),
    ("Relations with Moscow improved.", "Moscow", "neither"),
    ("Vucic could be enticed into a confrontation.", "Vucic", "acted_upon"),
    ("As the White House is preoccupied with China, the Kremlin can subvert regions.",
     "Kremlin", "acting"),
    ("The small NATO force in Kosova would be in a difficult position.", "NATO", "neither"),
    ("Moscow is adamant that nothing will change.", "Moscow", "neither"),
    ("Moscow stated it was ready to sell systems to Belgrade.", "Belgrade", "neither"),
    ("Putin said in May that NATO was weak.", "NATO", "neither"),
])
def test_agency_rules_on_hand_written_sentences(text, mention, expected):
    assert actors.agency_of(text, mention)[0] == expected


def test_agency_of_reports_the_role_and_the_verb():
    assert actors.agency_of("NATO forced Serbia to pull out.", "Serbia") == (
        "acted_upon", "object", "forced")
    assert actors.agency_of("The crisis was instigated by Serbia.", "Serbia") == (
        "acted_upon", "by_agent", "instigated")


def test_agency_of_says_when_the_mention_is_missing():
    with pytest.raises(ValueError, match="occurs fewer than 1 time"):
        actors.agency_of("NATO acted.", "Serbia")


def test_actor_agency_labels_every_mention_and_actor_verbs_ranks_them(seeds):
    m = actors.actor_mentions(seeds)
    a = actors.actor_agency(m, seeds)
    assert len(a) == len(m)
    assert set(a["agency"]) <= set(actors.AGENCY_LABELS)
    verbs = actors.actor_verbs(a, top=3)
    assert (verbs.groupby(["group", "actor"]).size() <= 3).all()
    assert not verbs["verb"].isin(["has", "is", "will"]).any()
    pd.testing.assert_frame_equal(a, actors.actor_agency(m, seeds))


def test_actor_verbs_rejects_a_bad_top():
    df = pd.DataFrame(columns=["group", "actor", "agency", "verb"])
    with pytest.raises(ValueError, match="top must be a positive integer"):
        actors.actor_verbs(df, top=0)


def test_agency_shares_count_labels_and_shares_per_group_and_actor():
    agency = pd.DataFrame({"group": ["A"] * 4 + ["B"], "actor": ["Russia"] * 4 + ["Russia"],
                           "agency": ["acting", "acting", "acted_upon", "neither", "neither"]})
    out = actors.agency_shares(agency)
    a = out[out["group"] == "A"].iloc[0]
    assert (a["n"], a["acting"], a["acted_upon"], a["neither"]) == (4, 2, 1, 1)
    assert a["share_acting"] == 0.5 and a["share_acted_upon"] == 0.25
    assert out[out["group"] == "B"].iloc[0]["share_acting"] == 0.0


def test_actor_naming_by_surface_keeps_the_albanian_spelling_visible(seeds):
    n = actors.actor_naming(actors.actor_mentions(seeds), level="surface")
    bug = n[(n["group"] == "Janusz Bugajski") & (n["actor"] == "Kosovo")]
    assert bug.iloc[0]["surface"] == "kosova"
