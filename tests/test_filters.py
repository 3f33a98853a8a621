"""Filters by day, outlet and language limit every list a search ranks, and bad ones say what is wrong."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest

from index.answer import Reason, answer_question
from index.answer_scope import scope_for
from index.builder import BuildConfig, build_index
from index.embedder import LoadedEncoder
from index.filters import DayRange, FilterError, Filters, both_filters, parse_day, split_filters
from index.question import read_question
from index.search import Searcher
from index.store import ArticleSelection
from index.timeline import build_timeline
from index.versions import DataDir
from tests.helpers.fake_encoder import HashedEncoder

ARTICLES = [
    # MarketWatch reports of two Fridays' trading, published after midnight UTC
    ("fri11", "2022-02-12 05:04:26", "MarketWatch", "en", "Stocks fell on Friday as the Dow lost 504 points."),
    ("fri18", "2022-02-19 05:01:35", "MarketWatch", "en", "Stocks fell on Friday as the Dow lost 232 points."),
    ("cnn13", "2022-02-13 22:55:16", "CNN", "en", "Biden and Zelensky spoke about the Dow and the border."),
    ("seed", "", "", "id", "AS menawarkan langkah transparansi soal rudal dan Dow kepada Rusia."),
    ("bbc01", "2022-02-01 09:00:00", "BBC News", "en", "European shares rose as the Dow gained."),
]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Searcher]:
    folder = tmp_path_factory.mktemp("filters")
    rows = [
        {"id": i, "title": i, "date": d, "source": s, "url": "", "language": lang, "text": text}
        for i, d, s, lang, text in ARTICLES
    ]
    (folder / "news.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    data = DataDir(folder / "data")
    encoder = HashedEncoder()
    build_index([folder / "news.jsonl"], data, LoadedEncoder(encoder, "fake"), BuildConfig(chunk_tokens=48))
    searcher = Searcher.open_current(data, encoder)
    yield searcher
    searcher.close()


def doc_ids_of(searcher: Searcher, rows) -> set[str]:
    return {stored.chunk.doc_id for stored in searcher.store.chunks_by_rows([int(r) for r in rows]).values()}


def test_outlets_match_in_any_case(searcher: Searcher):
    marketwatch = searcher.store.rows_of_articles(ArticleSelection(sources=("marketwatch",)))
    assert doc_ids_of(searcher, marketwatch) == {"fri11", "fri18"}


def test_a_day_admits_the_reports_about_it_and_those_published_the_morning_after(searcher: Searcher):
    friday = DayRange(date(2022, 2, 11), date(2022, 2, 11), late_days=1)
    assert doc_ids_of(searcher, searcher.store.rows_of_articles(ArticleSelection((friday,)))) == {"fri11"}
    with_undated = DayRange(date(2022, 2, 11), date(2022, 2, 11), late_days=1, keep_undated=True)
    assert doc_ids_of(searcher, searcher.store.rows_of_articles(ArticleSelection((with_undated,)))) == {"fri11", "seed"}


def test_a_restricted_search_ranks_only_the_allowed_passages_in_every_list(searcher: Searcher):
    allowed = searcher.store.rows_of_articles(ArticleSelection(sources=("CNN",), languages=("en",)))
    hits = searcher.search(read_question("How many points did the Dow lose on Friday?"), 5, allowed)
    assert hits and {hit.article.doc_id for hit in hits} == {"cnn13"}
    assert searcher.search(read_question("Dow"), 5, allowed[:0]) == []


def test_a_filter_that_matches_nothing_says_so_naming_it(searcher: Searcher):
    filters = Filters(since=date(2022, 3, 1))
    answer = answer_question("How many points did the Dow lose?", searcher, 3, filters)
    assert (answer.found, answer.reason, answer.filters) == (False, Reason.NOTHING_IN_FILTERS, "since:2022-03-01")


def test_an_unknown_outlet_is_named_with_the_outlets_there_are(searcher: Searcher):
    with pytest.raises(FilterError, match=r"source:Reuters matches no outlet .*CNN, MarketWatch"):
        scope_for(read_question("What happened?"), searcher.store, Filters(sources=("Reuters",)))


def test_an_outlet_may_be_named_by_its_first_words(searcher: Searcher):
    scope = scope_for(read_question("What happened?"), searcher.store, Filters(sources=("bbc",)))
    assert doc_ids_of(searcher, scope.rows) == {"bbc01"}  # "BBC News"
    with pytest.raises(FilterError, match=r"source:News matches no outlet"):  # a later word names none
        scope_for(read_question("What happened?"), searcher.store, Filters(sources=("News",)))


def test_words_beginning_several_outlets_names_are_refused_naming_them(tmp_path):
    rows = [
        {"id": outlet, "title": outlet, "date": "2022-02-01", "source": outlet, "url": "", "language": "en",
         "text": f"{outlet} reported on the talks."}
        for outlet in ("Fox Business", "Fox News", "The New York Times")
    ]  # fmt: skip
    (tmp_path / "news.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    data = DataDir(tmp_path / "data")
    build_index([tmp_path / "news.jsonl"], data, LoadedEncoder(HashedEncoder(), "fake"), BuildConfig())
    searcher = Searcher.open_current(data, HashedEncoder())
    try:
        with pytest.raises(FilterError, match=r"source:fox matches several outlets: Fox Business, Fox News"):
            scope_for(read_question("What happened?"), searcher.store, Filters(sources=("fox",)))
        times = scope_for(read_question("What happened?"), searcher.store, Filters(sources=("New York Times",)))
        assert doc_ids_of(searcher, times.rows) == {"The New York Times"}
    finally:
        searcher.close()


def test_an_unknown_language_is_named(searcher: Searcher):
    with pytest.raises(FilterError, match=r"language:fr matches no language .*en, id"):
        scope_for(read_question("What happened?"), searcher.store, Filters(languages=("fr",)))


def test_impossible_dates_and_reversed_ranges_are_refused_by_name():
    with pytest.raises(FilterError, match=r"since:2022-02-30 is not a date"):
        parse_day("2022-02-30", "since")
    with pytest.raises(FilterError, match=r"since:2022-02-10 is after until:2022-02-01"):
        Filters(since=date(2022, 2, 10), until=date(2022, 2, 1))


def test_filters_read_back_as_the_reader_writes_them():
    filters = Filters(since=date(2022, 2, 1), sources=("CNN",), languages=("id",))
    assert filters.describe() == "source:CNN language:id since:2022-02-01"
    assert not Filters().active and filters.active


def test_the_store_reports_its_newest_day_and_outlets(searcher: Searcher):
    assert searcher.store.newest_day() == "2022-02-19"
    assert searcher.store.sources() == {"MarketWatch": 2, "": 1, "CNN": 1, "BBC News": 1}


def test_a_question_about_a_day_quotes_that_days_report(searcher: Searcher):
    answer = answer_question("How many points did the Dow lose on Friday, February 18?", searcher, 3)
    assert answer.found and "232 points" in answer.text and "504" not in answer.text
    assert answer.sentences[0].lead == "On 18 February 2022 (MarketWatch): "
    assert (answer.asked_time, answer.outside_time) == ("18 February 2022", False)


@pytest.mark.parametrize(
    ("written", "question", "filters"),
    [
        ("What happened? source:CNN since:2022-02-01", "What happened?", Filters(date(2022, 2, 1), None, ("CNN",))),
        ('sumber:"Fox Business" bahasa:EN apa kabar?', "apa kabar?", Filters(None, None, ("Fox Business",), ("en",))),
        ("apa kabar? sumber:“Fox Business”", "apa kabar?", Filters(None, None, ("Fox Business",))),  # phone quotes
        ("What happened until:2022-02-10?", "What happened?", Filters(None, date(2022, 2, 10))),
        ("Language: what does Russia want?", "Language: what does Russia want?", Filters()),  # just a colon
    ],
)
def test_filters_are_read_from_a_question_as_people_type_them(written, question, filters):
    assert split_filters(written) == (question, filters)


def test_a_filter_given_twice_or_without_a_value_is_named():
    with pytest.raises(FilterError, match=r"since: is given twice \(2022-02-01, 2022-02-02\)"):
        split_filters("q since:2022-02-01 sejak:2022-02-02")
    with pytest.raises(FilterError, match=r"source: needs a value, e.g. source:CNN"):
        split_filters('q source:""')


def test_a_multi_word_outlet_reads_back_quoted():
    assert Filters(sources=("Fox Business",)).describe() == 'source:"Fox Business"'
    assert split_filters("q " + Filters(sources=("Fox Business",)).describe())[1].sources == ("Fox Business",)


def test_the_latest_is_read_before_the_readers_own_end(searcher: Searcher):
    scope = scope_for(read_question("What is the latest?"), searcher.store, Filters(until=date(2022, 2, 13)))
    assert scope.time is not None and scope.time.until == date(2022, 2, 13)  # not the coverage's 19 February
    assert doc_ids_of(searcher, scope.preferred) == {"fri11", "cnn13"}  # the filter leaves out the undated


def test_the_latest_of_an_outlet_is_its_newest_reports_not_the_whole_coverages_week(searcher: Searcher):
    # The coverage runs to 19 February; the BBC's newest report is of 1 February.
    scope = scope_for(read_question("What is the latest?"), searcher.store, Filters(sources=("BBC News",)))
    assert scope.time is not None and scope.time.until == date(2022, 2, 1)
    assert doc_ids_of(searcher, scope.preferred) == {"bbc01"}
    answer = answer_question("What is the latest?", searcher, 3, Filters(sources=("BBC News",)))
    assert answer.found and "European shares rose" in answer.text


def test_the_latest_before_the_readers_end_never_runs_past_it(searcher: Searcher):
    # fri18, about Friday the 18th, was published on the 19th: it is of the 18th, and so is the latest.
    scope = scope_for(read_question("What is the latest?"), searcher.store, Filters(until=date(2022, 2, 18)))
    assert scope.time is not None and scope.time.until == date(2022, 2, 18)


def test_a_year_left_out_is_read_against_the_whole_coverage_not_the_readers_end(searcher: Searcher):
    scope = scope_for(read_question("What happened on February 18?"), searcher.store, Filters(until=date(2022, 2, 13)))
    assert scope.time is not None and scope.time.since == date(2022, 2, 18)  # not 18 February 2021
    assert not scope.reported  # the reader's filters leave no report of that day


def test_a_timeline_of_a_time_the_coverage_lacks_is_empty_not_a_filter_miss(searcher: Searcher):
    timeline = build_timeline("Dow points in March 2023", searcher)
    assert timeline.lines == [] and not timeline.nothing_in_filters
    filtered = build_timeline("Dow points", searcher, Filters(sources=("CNN",), since=date(2023, 1, 1)))
    assert filtered.nothing_in_filters and filtered.filters == "source:CNN since:2023-01-01"


def test_the_command_lines_filters_and_the_questions_add_up():
    given = Filters(since=date(2022, 2, 1), sources=("CNN",))
    written = Filters(until=date(2022, 2, 10), sources=("BBC", "CNN"), languages=("en",))
    assert both_filters(given, written) == Filters(date(2022, 2, 1), date(2022, 2, 10), ("CNN", "BBC"), ("en",))
    assert both_filters(given, Filters(since=date(2022, 2, 1))) == given  # the same day twice is one day
    assert both_filters(given, Filters(sources=("cnn",), articles=frozenset({"a"}))).sources == ("CNN",)
    assert both_filters(given, Filters(articles=frozenset({"a"}))).articles == {"a"}


def test_two_different_days_for_one_filter_are_refused_naming_both():
    with pytest.raises(FilterError, match=r"until: is given twice \(2022-02-10, 2022-02-12\)"):
        both_filters(Filters(until=date(2022, 2, 10)), Filters(until=date(2022, 2, 12)))
