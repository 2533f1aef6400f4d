"""Cleaning rules, on hand-made documents and on the quirks of the seed files."""
from discoursekit.cleaning import clean_text, strip_markdown


def test_markdown_link_keeps_its_anchor_text():
    assert strip_markdown("Since [September](#), [Clashes between](#) rose.") == \
        "Since September, Clashes between rose."


def test_markdown_heading_and_italics_lose_their_markup():
    assert strip_markdown("# Moscow's Leverage") == "Moscow's Leverage"
    assert strip_markdown("*John P. Ruehl*") == "John P. Ruehl"
    assert strip_markdown("a **bold** claim") == "a bold claim"


def test_paragraph_broken_mid_sentence_is_joined():
    raw = "Though he condemned the Russian\n\ninvasion of Ukraine, he refused sanctions.\n"
    text, removed = clean_text(raw)
    assert text == "Though he condemned the Russian invasion of Ukraine, he refused sanctions."
    assert removed == []


def test_furniture_title_byline_and_bio_are_removed_with_reasons():
    raw = ("Selected Articles Review\n\nA Title Here\n\n*Jane Q. Doe*\n\n"
           "Serbia moved troops. Kosovo protested.\n\n"
           "Jane Q. Doe is a fellow at an institute in Vienna.\n\nWP Radio\n")
    text, removed = clean_text(raw, title="A Title Here", author="Jane Q. Doe")
    assert text == "Serbia moved troops. Kosovo protested."
    assert [(r["line"], r["rule"]) for r in removed] == [
        (1, "furniture"), (3, "title"), (5, "byline"), (9, "author_bio"), (11, "furniture")]
    assert all(r["reason"] for r in removed)


def test_pull_quote_repeating_a_body_sentence_is_removed():
    body = ("Many Serbs believe Russian talking points about the war, and Serbia’s media "
            "have adopted Kremlin narratives.")
    raw = f"{body}\n\nMany Serbs believe Russian talking points about the war in Ukraine.\n\nEnd here."
    text, removed = clean_text(raw)
    assert [r["rule"] for r in removed] == ["pull_quote"]
    assert text == f"{body}\n\nEnd here."


def test_caption_and_credit_lines_are_removed():
    raw = ("Body sentence one.\n\nVucic and Putin in Sochi, Russia, November 2021\n\n"
           "Mikhail Klimentye / Sputnik / Reuters\n\nBody sentence two.")
    text, removed = clean_text(raw)
    assert text == "Body sentence one.\n\nBody sentence two."
    assert [r["rule"] for r in removed] == ["caption_or_heading", "photo_credit"]


def test_text_without_quirks_is_left_as_it_was():
    raw = "One plain paragraph. With two sentences.\n\nAnother paragraph here.\n"
    text, removed = clean_text(raw, title="Something else", author="A. Writer")
    assert text == "One plain paragraph. With two sentences.\n\nAnother paragraph here."
    assert removed == []


def test_seed_001_loses_header_footer_caption_and_three_pull_quotes(seed_corpus):
    rem = seed_corpus.removed[seed_corpus.removed["doc_id"] == "shedd-stradner2023"]
    assert sorted(rem["rule"]) == sorted(["furniture", "title", "pull_quote", "pull_quote",
                                          "pull_quote", "caption_or_heading", "photo_credit",
                                          "furniture", "furniture"])
    text = seed_corpus.docs.set_index("doc_id").loc["shedd-stradner2023", "text"]
    assert "WP Radio" not in text and "Mikhail Klimentye" not in text
    # The body sentence that the pull quote repeats is still there, once.
    assert text.count("Russia has a genuine ideological connection to Serbian nationalists.") == 1


def test_seed_003_keeps_link_text_and_joins_broken_paragraphs(seed_corpus):
    text = seed_corpus.docs.set_index("doc_id").loc["ruehl2023", "text"]
    assert "](#)" not in text and "[" not in text and "Author Bio" not in text
    assert "Though he condemned the Russian invasion of Ukraine" in text
    assert "while continuing the integration efforts" in text
    assert text.startswith("Since September, Kosovo's fragile stability")


def test_seed_002_loses_caption_furniture_and_both_bios(seed_corpus):
    text = seed_corpus.docs.set_index("doc_id").loc["phillips-peci2021", "text"]
    assert text.startswith("Vladimir Putin claims")
    for gone in ("Columns of naval infantry", "Must read", "+ posts", "More articles",
                 "Latest article", "Columbia University"):
        assert gone not in text
    assert text.endswith("defining characteristics of Putin’s imperial rule.")


def test_seed_000_loses_only_the_bio_and_keeps_kosova(seed_corpus):
    rem = seed_corpus.removed[seed_corpus.removed["doc_id"] == "bugajski2021"]
    assert rem["rule"].tolist() == ["author_bio"]
    text = seed_corpus.docs.set_index("doc_id").loc["bugajski2021", "text"]
    assert text.count("Kosova") >= 10 and "Senior Fellow" not in text


def test_one_screen_for_all_rules_fails_exactly_on_lines_no_rule_matches():
    import re

    from discoursekit import cleaning, paths
    from discoursekit.cleaning import CleaningRule, load_rules

    extra = [CleaningRule("c", re.compile(p + r"(?s:.*)"), "") for p in
             [r"(?i)caption: ", r"Photo by [A-Z]\w+", r"a|b", r"(?s)x.y", r"(?m)^end$"]]
    rules = load_rules() + extra
    screen = cleaning._rule_screen(tuple(r.pattern for r in rules))
    assert screen is not None
    lines = [ln.strip() for f in sorted(paths.SEEDS.glob("*.txt"))
             for ln in f.read_text(encoding="utf-8").split("\n") if ln.strip()]
    lines += ["Read more", "READ MORE", "Read more.", "About the author:", "Source: Reuters",
              "Kosovo police / Reuters", "Photo credit: AP", "caption: a bridge", "CAPTION: x",
              "Photo by Ana", "Photo by ana", "a", "b", "ab", "x\ny", "end", "end\nmore",
              "This article was produced by Globetrotter."]
    for line in lines:
        assert bool(screen.fullmatch(line)) == any(r.pattern.fullmatch(line) for r in rules), line
    # a rule that refers to a group would change meaning when joined: no screen
    assert cleaning._rule_screen((re.compile(r"(a)\1"), re.compile("b"))) is None
    assert cleaning._rule_screen((re.compile(r"(?x)a # note"), re.compile("b"))) is None


def test_a_rule_compiled_with_its_own_flags_still_removes_its_lines():
    import re

    from discoursekit.cleaning import CleaningRule, load_rules

    rules = load_rules() + [CleaningRule("shout", re.compile("join the quill club", re.I),
                                         "promo")]
    text, removed = clean_text("Kosovo and Serbia met in Brussels today.\nJOIN THE QUILL CLUB",
                               rules=rules)
    assert [r["rule"] for r in removed] == ["shout"] and "QUILL" not in text
