"""Web furniture from outlets the rule files have never seen: repetition across the
documents of an outlet, lines printed twice, generic web patterns, and the report.

The corpus below imitates three outlets.  None of their furniture is named in
``data/cleaning_rules.csv``: it must be found because it repeats."""
from __future__ import annotations

import pandas as pd
import pytest

import discoursekit as dk
from discoursekit.cleaning import clean_text
from discoursekit.furniture import (furniture_report, leftover_furniture, line_key,
                                    outlets_of, repeated_lines)

# Furniture each outlet prints on every page: none of these words is in the rule files.
OUTLET_FURNITURE = {
    "Harbour Ledger": ["Tides and Times brings the coast's week together every Friday morning.",
                       "Harbour Ledger readers keep our coastal desk afloat."],
    "Quill Daily": ["Quill members read first: join the circle and get each story a day early.",
                    "The Quill circle meets on the first Thursday of the month."],
    "Northern Post": ["Enjoyed this? The Post's morning edition lands at seven.",
                      "This story first appeared in the Northern Post print edition."],
}
# A caption each article prints twice (the page shows it above and inside the story).
CAPTION = "Tenants queue outside the {outlet} office on {day}. Picture by Ana Ruiz"

BODY = {
    "Harbour Ledger": [
        ["Rents in the harbour district rose by a fifth last year.",
         "The council says a cap would drive landlords away.",
         "Tenant groups argue that the cap is long overdue."],
        ["Fishermen's cottages are being let to tourists instead of families.",
         "The mayor wants a register of short lets by spring.",
         "Owners warn that the register will be costly to run."],
        ["A new estate on the quay will offer two hundred flats.",
         "Only forty of them will be let at social rents.",
         "Campaigners call the share an insult to local workers."],
    ],
    "Quill Daily": [
        ["The rent board met for six hours on Tuesday night.",
         "Its members could not agree on a ceiling for increases.",
         "A vote was postponed until the new year."],
        ["Students are sleeping in cars as the term begins.",
         "The university blames a shortage of private halls.",
         "Landlords say the city makes building too slow."],
        ["Economists disagree about what caps do to supply.",
         "Some studies find fewer homes offered for rent.",
         "Others find tenants stay longer and move less often."],
    ],
    "Northern Post": [
        ["Evictions reached their highest level in a decade.",
         "Courts heard more than nine hundred cases in March.",
         "Advice centres report queues before they open."],
        ["The housing minister visited the northern towns on Monday.",
         "She promised money for repairs rather than new rules.",
         "Tenant unions said the visit came too late."],
        ["Landlords in the valley are selling up in record numbers.",
         "Agents say higher interest rates squeeze their margins.",
         "Buyers are often first-time owners leaving rented homes."],
    ],
}
DAYS = ["Monday", "Tuesday", "Wednesday"]


def _article(outlet: str, k: int) -> str:
    caption = CAPTION.format(outlet=outlet, day=DAYS[k])
    lines = [caption, BODY[outlet][k][0], caption, *BODY[outlet][k][1:],
             *OUTLET_FURNITURE[outlet]]
    return "\n\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def web_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web")
    rows = []
    for outlet in BODY:
        for k in range(3):
            name = f"{outlet.split()[0].lower()}{k}.txt"
            (folder / name).write_text(_article(outlet, k), encoding="utf-8")
            rows.append({"file": name, "author": f"{outlet} staff", "outlet": outlet})
    pd.DataFrame(rows).to_csv(folder / "metadata.csv", index=False)
    return dk.load_corpus(folder, by="outlet")


def test_no_furniture_sentence_is_left_and_every_body_sentence_is(web_corpus):
    text = "\n".join(web_corpus.docs["text"])
    for lines in OUTLET_FURNITURE.values():
        for line in lines:
            assert line not in text
    for outlet in BODY:
        for day in DAYS:
            assert CAPTION.format(outlet=outlet, day=day) not in text
    for articles in BODY.values():
        for sentences in articles:
            for s in sentences:
                assert s in text


def test_each_removal_names_its_rule(web_corpus):
    removed = web_corpus.removed
    furniture = removed[removed["text"].isin(
        [ln for lines in OUTLET_FURNITURE.values() for ln in lines])]
    assert len(furniture) == 18                    # 2 lines x 9 documents
    assert set(furniture["rule"]) == {"repeated_in_outlet"}
    assert furniture["reason"].str.contains("3 documents of the same outlet").all()
    captions = removed[removed["text"].str.startswith("Tenants queue")]
    assert len(captions) == 18                     # both copies, in 9 documents
    assert set(captions["rule"]) == {"duplicate_line"}


def test_a_line_in_two_documents_of_one_outlet_is_furniture_but_not_across_outlets():
    docs = [["Rents rose.", "Ledger club: every Friday."],
            ["Rents fell.", "Ledger club: every Friday."],
            ["Rents held.", "Ledger club: every Friday."]]
    same = repeated_lines(docs[:2], ["Ledger", "Ledger"])
    assert [sorted(d) for d in same] == [["ledger club: every friday"]] * 2
    assert same[0]["ledger club: every friday"][0] == "repeated_in_outlet"
    # two documents of two outlets: not enough (the corpus-wide threshold is 3)
    assert repeated_lines(docs[:2], ["Ledger", "Post"]) == [{}, {}]
    # unknown outlets take part only in the corpus-wide count
    assert repeated_lines(docs[:2], [None, None]) == [{}, {}]
    three = repeated_lines(docs, ["A", "B", None])
    assert all(d["ledger club: every friday"][0] == "repeated_in_corpus" for d in three)


def test_syndicated_copies_count_once_so_their_story_is_kept():
    story = [f"Paragraph {w} of the wire story says that rents in the city rose by a "
             "tenth last year." for w in ("one", "two", "three", "four")]
    docs = [story + ["Ledger club: every Friday."], story + ["Ledger club: every Friday."],
            story + ["Post extra: every Monday."]]
    found = repeated_lines(docs, ["Ledger", "Ledger", "Post"])
    # all three are copies of one story: no line counts as repeated furniture
    assert found == [{}, {}, {}]


def test_a_keep_rule_keeps_a_repeated_line(tmp_path):
    for k, w in enumerate(["one", "two"]):
        (tmp_path / f"a{k}.txt").write_text(
            f"Our pledge: we correct every error within a day.\n\nStory {w} says rents rose.\n",
            encoding="utf-8")
    pd.DataFrame({"file": ["a0.txt", "a1.txt"], "author": ["x", "y"],
                  "outlet": ["Ledger", "Ledger"]}).to_csv(tmp_path / "metadata.csv", index=False)
    assert "Our pledge" not in dk.load_corpus(tmp_path).docs["text"].iloc[0]
    (tmp_path / "cleaning.csv").write_text(
        "rule,pattern,reason\nkeep,Our pledge,the outlet's pledge is part of the argument\n",
        encoding="utf-8")
    assert "Our pledge" in dk.load_corpus(tmp_path).docs["text"].iloc[0]


def test_a_long_paragraph_printed_twice_keeps_its_first_copy():
    para = " ".join(["The tenants' union says the rent board ignored its evidence."] * 5)
    text, removed = clean_text(f"{para}\n\nA second paragraph follows here.\n\n{para}\n")
    assert text.count(para) == 1
    assert [r["rule"] for r in removed] == ["duplicate_line"]
    assert removed[0]["line"] == 5


@pytest.mark.parametrize("line, rule", [
    ("Skip to main contentSkip to navigation", "skip_link"),
    ("Sign up to our free Housing Week newsletter", "signup_prompt"),
    ("Receive future analysis products via email by signing up here.", "signup_prompt"),
    ("Already a subscriber? Log in", "paywall"),
    ("Notifications can be managed in browser preferences.", "notification_notice"),
    ("We use cookies to improve your experience. Accept all", "cookie_notice"),
    ("Share on Facebook | Twitter | WhatsApp", "share_prompt"),
    ("Follow us on Instagram", "share_prompt"),
    ("Read more: Why rents are rising", "read_more"),
    ("Tenants protest in Leeds. Photograph: Jane Doe/The Outlet", "photo_credit"),
    ("A protester holds a sign (AP Photo/John Smith)", "photo_credit"),
    ("5 min read", "reading_time"),
    ("Support 100 years of independent journalism", "support_appeal"),
    ("Published 3 May 2023, 10:45 BST", "dateline"),
])
def test_generic_web_patterns_name_the_furniture(line, rule):
    _, removed = clean_text(f"Rents rose by a tenth in the city last year.\n\n{line}\n")
    assert [r["rule"] for r in removed] == [rule]


@pytest.mark.parametrize("line", [
    "Workers can register their interest with the council by email before May.",
    "Support for the measure grew after reporting by local papers.",
    "Five minutes later, the council voted to keep the cap.",
    "Staff were allowed to turn off notifications at weekends.",
    "Like many councils, Leeds has a waiting list of thousands.",
    "The company's image: clean, modern and expensive.",
])
def test_body_sentences_that_look_like_furniture_are_kept(line):
    text, removed = clean_text(f"Rents rose by a tenth in the city last year.\n\n{line}\n")
    assert removed == [] and line in text


def test_line_key_and_outlets():
    assert line_key("• Published 3 May") == line_key("Published 14 May")
    assert line_key("“Quoted,” she said.") == line_key('"quoted," she said')
    meta = pd.DataFrame({"outlet": ["The Ledger", "unknown", None],
                         "url": ["https://x.org/a", "https://www.post.co.uk/b", ""]})
    assert outlets_of(meta) == ["The Ledger", "post.co.uk", None]


def test_furniture_report_shares(web_corpus):
    report = furniture_report(web_corpus)
    assert report.attrs["by"] == "outlet"
    # per outlet: 3 documents x 7 lines (3 body, 2 furniture, a caption twice)
    ledger = report[report["group"] == "Harbour Ledger"].set_index("rule")
    assert ledger.loc["kept", "lines"] == 9
    assert ledger.loc["repeated_in_outlet", "lines"] == 6
    assert ledger.loc["duplicate_line", "lines"] == 6
    assert ledger["lines_total"].eq(21).all()
    assert report.groupby("group")["share"].sum().round(12).eq(1).all()


def test_leftover_furniture_points_at_what_no_rule_caught(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Rents in the city rose by a tenth last year, the council said.\n\n"
        "Tap the bell icon at www.example-news.com for our best stories.\n\n"
        "Landlords warned that a cap would reduce the supply of homes.\n", encoding="utf-8")
    pd.DataFrame({"file": ["a.txt"], "author": ["x"]}).to_csv(tmp_path / "metadata.csv",
                                                               index=False)
    out = leftover_furniture(dk.load_corpus(tmp_path), min_score=2)
    assert out["text"].tolist() == ["Tap the bell icon at www.example-news.com for our best "
                                    "stories."]
    assert out["signs"].iloc[0] == "no verb, prompt, link"
