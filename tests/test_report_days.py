"""A report's days: when it was published, and the day its lead describes."""

from __future__ import annotations

from datetime import date

import pytest

from index.cleaning import clean_article
from index.documents import Article
from index.report_days import days_later, event_day, published_seconds, published_timestamp, weekday_day


def test_a_publication_time_is_kept_only_when_the_input_gives_one():
    assert published_timestamp("2022-02-12 05:04:26") == "2022-02-12T05:04:26"
    assert published_timestamp("2022-02-12T05:04:26Z") == "2022-02-12T05:04:26+00:00"
    assert published_timestamp("2022-02-12") == ""
    assert published_timestamp("Rabu, 2 Februari 2022") == ""


def test_a_publication_time_without_an_offset_orders_as_utc_whatever_the_hosts_zone():
    def published(at: str) -> float:
        return published_seconds(Article(doc_id="r", title="", text="", published=at))

    # MarketWatch's close at 05:04 (no offset) comes after its update at 03:26 UTC, and before 06:00 in London.
    assert published("2022-02-12T03:26:00+00:00") < published("2022-02-12T05:04:26") < published("2022-02-12T06:00:00Z")
    assert published("2022-02-12T05:04:26") == published("2022-02-12T06:04:26+01:00")
    assert published("") == 0.0  # no time given


def test_a_market_report_published_after_midnight_describes_the_evening_before():
    lead = "U.S. stocks closed sharply lower Friday, with the Dow down 504 points, as fears of an invasion grew."
    assert event_day(lead, "2022-02-12") == "2022-02-11"  # a Saturday in UTC, about Friday's trading


def test_a_lead_recalling_an_earlier_day_is_dated_by_the_newest_day_it_names():
    # BBC News, published at 05:24 UTC on Wednesday 16 February 2022: Tuesday's rally, after Monday's sell-off.
    lead = (
        "Global markets have rallied on hopes that military tensions over Ukraine could ease.\n\n"
        "The gains follow a sell-off on Monday after the US warned that Russia could invade Ukraine at any time.\n\n"
        "On Tuesday, US President Joe Biden said the reported troop withdrawals would be good."
    )
    assert event_day(lead, "2022-02-16") == "2022-02-15"


def test_a_weekday_in_a_sentence_about_the_future_does_not_date_the_report():
    lead = "Biden and Zelensky will speak Sunday. Markets were calm on Thursday."
    assert event_day(lead, "2022-02-12") == "2022-02-10"


def test_a_weekday_dating_a_statement_about_the_future_dates_the_report():
    # Fox Business, published late on Tuesday 22 February 2022; the sentence after it recalls Monday.
    lead = (
        "Russia President Vladimir Putin on Tuesday said Russia will continue to provide an uninterrupted "
        "supply of natural gas. On Monday, Putin recognized the breakaway regions."
    )
    assert event_day(lead, "2022-02-22") == "2022-02-22"
    assert event_day("On Monday, officials will meet again. Oil rose on Tuesday.", "2022-02-23") == "2022-02-22"


@pytest.mark.parametrize(
    ("lead", "published", "expected"),
    [
        # Bloomberg, 05:48 UTC on Monday 17 January 2022, under an address of the 16th: Monday's Asian trading.
        (
            "Asian stocks were mixed Monday ahead of data expected to underline China's economic slowdown "
            "amid speculation that officials there will take steps to bolster growth.",
            "2022-01-17",
            "2022-01-17",
        ),
        (
            "The rally in global stocks faltered Thursday following disappointing earnings and as traders "
            "await more clues on how quickly key central banks will tighten monetary policy.",
            "2022-02-03",
            "2022-02-03",
        ),
        ("Officials will meet on Monday after the talks ended. Oil rose on Tuesday.", "2022-02-23", "2022-02-22"),
        # A weekday opening its sentence is the main clause's, however far its verb comes.
        ("On Monday, as talks resume, officials will meet.", "2022-02-23", ""),
        # "AS" is the United States, not "as".
        ("Lavrov akan bertemu Menteri Luar Negeri AS Antony Blinken pada Kamis.", "2022-02-19", ""),
    ],
)
def test_a_word_for_the_future_in_another_clause_leaves_the_weekday_dating_the_report(
    lead: str, published: str, expected: str
):
    assert event_day(lead, published) == expected


def test_a_report_is_never_dated_after_it_was_published():
    assert event_day("NATO and Russia meet on Wednesday in Brussels.", "2022-01-10") == ""  # a Monday


def test_a_report_at_the_end_of_the_calendar_is_left_undated_not_an_error():
    assert event_day("Stocks rose on Monday.", "9999-12-31") == ""


def test_only_the_lead_dates_a_report():
    text = "Stocks were little changed.\n\n" + "Filler sentence about markets. " * 40 + "On Monday oil fell."
    assert event_day(text, "2022-02-16") == ""


@pytest.mark.parametrize(
    ("sentence", "written_on", "expected"),
    [
        ("US and Russian diplomats will meet in Geneva Monday.", date(2022, 1, 9), date(2022, 1, 10)),
        ("On Wednesday, NATO and Russia will meet in Brussels.", date(2022, 1, 9), date(2022, 1, 12)),
        ("Pejabat AS bertemu pada Rabu di Jenewa.", date(2022, 2, 3), date(2022, 2, 2)),
        ("The Dow fell on Friday.", date(2022, 2, 11), date(2022, 2, 11)),  # the same day
        ("The OSCE meets on Thursday.", date(2022, 1, 10), date(2022, 1, 13)),  # nearer ahead than back
        ("The talks will resume on Wednesday.", date(2022, 2, 11), date(2022, 2, 16)),  # ahead, however far
        ("Talks in Vienna underway since Monday will go on.", date(2021, 12, 29), date(2021, 12, 27)),
        ("Officials will give the same message in talks that began on Sunday.", date(2022, 1, 10), date(2022, 1, 9)),
        ("Sat down with the minister, he said.", date(2022, 2, 11), None),  # not a weekday
    ],
)
def test_a_weekday_points_back_or_ahead_by_the_sentences_tense(sentence, written_on, expected):
    assert weekday_day(sentence, written_on) == expected


def test_cleaning_keeps_the_publication_time_and_reads_the_event_day():
    raw = Article(
        doc_id="mw",
        title="Dow ends down 500 points",
        text="Stocks ended sharply lower on Friday as the White House warned of an invasion.",
        date="2022-02-12 05:04:26",
        language="en",
    )
    cleaned = clean_article(raw)
    assert (cleaned.date, cleaned.published, cleaned.event_date) == ("2022-02-12", "2022-02-12T05:04:26", "2022-02-11")


def _report(lead: str, published: str, url: str) -> Article:
    return Article(doc_id="r", title="A report", text=lead, date=published, url=url, language="en")


def test_a_report_published_after_midnight_whose_lead_names_no_day_is_dated_by_its_address():
    # CNN, published at 07:28 UTC on 24 February 2022: still the 23rd in New York, where its address was dated.
    lead = "Former President Donald Trump has signaled to Republicans that Vladimir Putin is a genius."
    url = "https://www.cnn.com/2022/02/23/politics/vladimir-putin-russia-trump-ukraine-gop-what-matters/index.html"
    cleaned = clean_article(_report(lead, "2022-02-24 07:28:30", url))
    assert (cleaned.date, cleaned.event_date) == ("2022-02-24", "2022-02-23")


def test_a_weekday_in_the_lead_dates_a_report_before_its_address_does():
    # CNN's "The 40 wildest lines ...": published just after midnight UTC on the 24th, about Tuesday's interview.
    lead = "Former President Donald Trump gave an interview to Clay Travis on Tuesday, praising Putin."
    url = "https://www.cnn.com/2022/02/23/politics/trump-clay-travis-interview/index.html"
    assert clean_article(_report(lead, "2022-02-24 00:00:23", url)).event_date == "2022-02-22"


@pytest.mark.parametrize(
    "url",
    [
        "http://www.marketwatch.com/news/story/us-oil-futures-end-higher/story.aspx?guid={46287D12}",  # no date
        "https://www.cnn.com/2022/02/10/politics/republished-story/index.html",  # two weeks before publication
        "https://tradingeconomics.com/calendar?g=world&startdate=2022-02-23",  # a query's date is the calendar's
        "",
    ],
)
def test_an_address_without_the_newsrooms_day_leaves_the_publication_day(url):
    lead = "Oil prices rose as traders watched the crisis."
    cleaned = clean_article(_report(lead, "2022-02-24 03:44:11", url))
    assert (cleaned.date, cleaned.event_date) == ("2022-02-24", "")


@pytest.mark.parametrize(
    ("sentence", "days"),
    [
        ("Two days later, the NATO-Russia Council will convene in Brussels.", 2),
        ("The next day, the talks resumed.", 1),
        ("He left 10 days later.", 10),
        ("Tiga hari kemudian, mereka bertemu di Wina.", 3),
        ("Keesokan harinya pasar saham jatuh.", 1),
        ("The talks ended without a deal.", None),
        ("Two weeks later, nothing had changed.", None),  # too loose to date a line by
        ("The ruling came 15 days later.", None),
        ("The vote was held a day later than planned.", None),
        ("Traders looked ahead to the next day's session.", None),
    ],
)
def test_a_sentence_placing_itself_days_after_the_one_before_says_how_many(sentence, days):
    assert days_later(sentence) == days
