"""Cleaning removes the dirt real pages carry, using the seed article's own dirt."""

from __future__ import annotations

from pathlib import Path

from index.cleaning import clean_article, clean_text, date_from_text, detect_language
from index.loaders import load_paths
from tests.conftest import SEED


def seed_article():
    return load_paths([SEED]).articles[0]


def test_page_furniture_is_removed():
    text = clean_article(seed_article()).text
    lines = text.split("\n\n")
    assert "loading..." not in text
    assert "A" not in lines
    assert lines[0].startswith("MADRID - Amerika Serikat")


def test_site_notices_promotions_bylines_contributor_lines_and_photo_captions_are_removed():
    raw = "\n".join(
        [
            "Stocks fell on Wednesday as tensions rose.",
            "Russian President Vladimir Putin listens to a question. (Yuri Kochetkov/Pool Photo via AP)",
            "Data is a real-time snapshot *Data is delayed at least 15 minutes. Global Business and Financial News,"
            " Stock Quotes, and Market Data and Analysis.",
            "Data also provided by",
            "Sign up for free newsletters and get more CNBC delivered to your inbox",
            "A version of this story appeared in CNN's What Matters newsletter. To get it in your inbox, sign up.",
            "© 2022 CNBC LLC. All Rights Reserved. A Division of NBCUniversal",
            "GET FOX BUSINESS ON THE GO BY CLICKING HERE",
            "Here are your FOX Business headlines.",
            ", In this article",
            "This video can not be played",
            "Check out what's clicking on FoxBusiness.com.",
            ", Check out the companies making headlines before the bell:",
            "Check out the companies making headlines in midday trading Wednesday.",
            "As a subscriber, you have 10 gift articles to give each month. Anyone can read what you share.",
            "Send any friend a story",
            "An earlier version of this article misstated the last time stocks fell into a correction.",
            "This corrects the reference date for the strongest monthly percentage rise.",
            "In this article the minister explained the offer.",
            "This correction of prices corrects nothing, a trader said.",
            "This corrects a long-standing imbalance in the gas market, the minister said on Tuesday.",
            "Here are your headlines on the crisis, a reader wrote.",
            "Readers can click here for the full text of the statement, the ministry said.",
            "The photo agency said the picture was taken in Kyiv (the capital).",
            "By Coral Murphy Marcos and William P. Davis",
            "Source: FactSet",
            "Source: a senior official said the talks failed",
            "By Monday the talks had collapsed.",
            "Check out the companies making headlines, a trader said, as earnings poured in.",
            "— CNN Business' Julia Horowitz contributed to this report.",
            "Michael D. Shear contributed reporting from Washington.",
            "Higher gasoline prices have contributed to a surge in inflation.",
            "The talks will resume on Monday. Reuters contributed to this report.",
        ]
    )
    assert clean_text(raw).split("\n\n") == [
        "Stocks fell on Wednesday as tensions rose.",
        "In this article the minister explained the offer.",
        "This correction of prices corrects nothing, a trader said.",
        "This corrects a long-standing imbalance in the gas market, the minister said on Tuesday.",
        "Here are your headlines on the crisis, a reader wrote.",
        "Readers can click here for the full text of the statement, the ministry said.",
        "The photo agency said the picture was taken in Kyiv (the capital).",
        "Source: a senior official said the talks failed",
        "By Monday the talks had collapsed.",
        "Check out the companies making headlines, a trader said, as earnings poured in.",
        "Higher gasoline prices have contributed to a surge in inflation.",
        "The talks will resume on Monday. Reuters contributed to this report.",  # a sentence before the credit
    ]


def test_a_promotion_closing_a_paragraph_is_removed_and_the_sentence_kept():
    raw = "\n".join(
        [
            # As Fox Business prints it: a no-break space before the comma, after two sentences.
            "Putin is stirring the pot. He's trying to muddy the waters in this way.\u00a0, "
            "CLICK HERE TO READ MORE ON FOX BUSINESS",
            "Readers can CLICK HERE for the statement, the ministry said.",
        ]
    )
    assert clean_text(raw).split("\n\n") == [
        "Putin is stirring the pot. He's trying to muddy the waters in this way.",
        "Readers can CLICK HERE for the statement, the ministry said.",
    ]


def test_links_to_other_stories_at_the_end_of_a_page_are_removed():
    story = "Lufthansa suspended its flights to Kyiv on Monday."
    last = "And on Feb. 15, the channel alleged that Ukraine had shelled the town, which officials denied, " * 2
    raw = f"{story}\nSix gruelling days at the world’s toughest mountain race\nRichard Osman on life as a writer"
    assert clean_text(raw) == story
    assert clean_text(f"{story}\n{last.strip()}").endswith("officials denied,")  # a cut-off paragraph stays
    assert clean_text("A link\nhttps://example.org/report") == "A link\n\nhttps://example.org/report"  # no story before


def test_an_author_bio_closing_a_page_is_removed():
    body = "Stocks closed higher on Friday as oil prices eased."
    for bio in (
        "Jane Roe is Marketline's senior markets writer. Based in Boston, Roe writes about bonds and oil.",
        "Jane Roe is a San Francisco-based reporter for Marketline. Follow her on Twitter @janeroe.",
        "Jane P. Roe, assistant global markets editor, has covered the commodities sector for 20 years.",
        "Jane Roe covers banking and energy as a Senior Reporter for Marketline.",
        "Jane Roe came to Marketline from the Associated Press in New York.",
        "Jane Roe is a Markets Reporter at Marketline.",
    ):
        assert clean_text(f"{body}\n\n{bio}") == body
        assert clean_text(f"{body}, {bio}") == body  # paragraphs joined by ", "


def test_a_reports_own_people_and_an_early_bio_are_kept():
    closing = "Mr. Doe is a former correspondent for the paper who now advises the ministry."
    assert clean_text(f"The talks ended.\n\n{closing}").endswith(closing)
    # A closing paragraph on what someone covers, not as whom: "covers" is no byline's verb alone.
    covering = "Jane Roe covers the talks for the ministry, which says they will resume."
    assert clean_text(f"The talks ended.\n\n{covering}").endswith(covering)
    early = "Jane Roe is a former BBC correspondent. The views expressed here are her own."
    text = f"{early}\n\nThe talks ended.\n\nBoth sides will meet again.\n\nNo date was set."
    assert clean_text(text) == text


def test_stock_quote_widgets_inside_a_sentence_are_removed():
    raw = "The Dow \n DJIA,\n -0.68%\n fell about 232 points Friday. The S&P 500 \n SPX,\n +1.2%\n rose."
    assert clean_text(raw) == "The Dow fell about 232 points Friday. The S&P 500 rose."


def test_trailing_author_tag_is_removed():
    assert not clean_article(seed_article()).text.rstrip().endswith("(ian)")


def test_a_body_printed_twice_keeps_one_copy():
    text = clean_article(seed_article()).text
    assert text.count("batasan pada rudal") == 1
    assert text.count("El Pais melaporkan") == 1
    # ...and nothing of the body is lost: the last paragraph is there once.
    assert text.count("Sebelumnya, baik AS dan NATO") == 1


def test_short_repeated_lines_are_kept():
    assert clean_text("Yes.\n\nA long enough paragraph of real text here.\n\nYes.").count("Yes.") == 2


def test_stray_comma_separators_become_paragraph_breaks():
    raw = "First paragraph ends here.                    , Second paragraph starts, , and goes on."
    assert clean_text(raw) == "First paragraph ends here.\n\nSecond paragraph starts, and goes on."


def test_paragraphs_joined_with_a_comma_are_split_but_abbreviations_are_kept():
    raw = (
        "By 2019, he had hostels in 12 cities., More than 60 percent of visitors come from abroad, he said., "
        '"Bookings stopped," he added. Nations like the U.S., U.K. and Germany sent arms to Kyiv, '
        "and gas prices rose in Beverly Hills, Calif., Sunday, Nov. 7."
    )
    assert clean_text(raw).split("\n\n") == [
        "By 2019, he had hostels in 12 cities.",
        "More than 60 percent of visitors come from abroad, he said.",
        '"Bookings stopped," he added. Nations like the U.S., U.K. and Germany sent arms to Kyiv, '
        "and gas prices rose in Beverly Hills, Calif., Sunday, Nov. 7.",
    ]


def test_a_comma_joined_paragraph_is_split_wherever_the_reading_window_starts():
    raw = (
        "The region’s stockpiles are low. There is also concern Mr. Putin could cut off or limit supplies in "
        "retaliation., So far, sanctions have not directly targeted Russia’s energy industry."
    )
    assert clean_text(raw).split("\n\n") == [
        "The region’s stockpiles are low. There is also concern Mr. Putin could cut off or limit supplies in "
        "retaliation.",
        "So far, sanctions have not directly targeted Russia’s energy industry.",
    ]


def test_date_found_only_in_prose():
    assert date_from_text("bunyi tanggapan seperti dilansir dari Anadolu, Rabu (2/2/2022).", "id") == "2022-02-02"
    assert date_from_text("JAKARTA, Senin, 10 Januari 2022 - Pertemuan digelar di Jenewa.", "id") == "2022-01-10"
    assert date_from_text("GENEVA, Monday, Jan. 10, 2022 — Talks began.", "en") == "2022-01-10"
    assert date_from_text("No date here at all.", "en") == ""


def test_a_date_in_prose_that_is_not_a_dateline_is_not_the_articles_date():
    # History the article mentions, and a weekday the date does not fall on (2/2/2022 was a Wednesday).
    assert date_from_text("The Budapest Memorandum, signed on December 5, 1994, gave guarantees.", "en") == ""
    assert date_from_text("Pertemuan digelar 12 Januari 2022 di Brussel.", "id") == ""
    assert date_from_text("kata dia, Senin (2/2/2022).", "id") == ""


def test_date_is_taken_from_the_text_when_the_file_has_none(tmp_path: Path):
    body = SEED.read_text().split("---", 2)[2]
    page = tmp_path / "seed.txt"
    page.write_text("Redam Ketegangan\n" + body)
    article = clean_article(load_paths([page]).articles[0])
    assert article.date == "2022-02-02"
    assert article.language == "id"


def test_language_is_detected_when_not_given():
    assert detect_language("The United States offered Russia talks on missile limits in Europe.") == "en"
    assert detect_language("Amerika Serikat menawarkan kepada Rusia untuk membahas perlucutan senjata.") == "id"
