"""The time a question asks about, in English and Indonesian, read against the coverage's newest day."""

from __future__ import annotations

from datetime import date

import pytest

from index.dictionary_names import DICTIONARY
from index.filters import FilterError
from index.question_time import RelativeEvent, TimeKind, asked_time, asks_when, named_day, relative_event

NEWEST = date(2022, 2, 24)
JAN_10 = date(2022, 1, 10)  # the coverage ends here: "latest" and missing years are read from it


@pytest.mark.parametrize(
    ("question", "language", "since", "until", "kind"),
    [
        ("How many points did the Dow lose on February 11?", "en", date(2022, 2, 11), date(2022, 2, 11), "day"),
        ("What happened on Feb. 17, 2022 to oil?", "en", date(2022, 2, 17), date(2022, 2, 17), "day"),
        ("Berapa poin Dow turun pada 17 Februari 2022?", "id", date(2022, 2, 17), date(2022, 2, 17), "day"),
        ("Apa yang terjadi tanggal 11/2?", "id", date(2022, 2, 11), date(2022, 2, 11), "day"),
        ("What did Biden say in December?", "en", date(2021, 12, 1), date(2021, 12, 31), "period"),
        ("Apa berita akhir Januari?", "id", date(2022, 1, 21), date(2022, 1, 31), "period"),
        ("What did oil do in mid-February?", "en", date(2022, 2, 11), date(2022, 2, 20), "period"),
        ("How did markets do the week of Feb 14?", "en", date(2022, 2, 14), date(2022, 2, 20), "period"),
        ("Apa kata Johnson pada Minggu 20 Februari 2022?", "id", date(2022, 2, 20), date(2022, 2, 20), "day"),
        ("Apa yang terjadi hari Minggu, 13 Februari?", "id", date(2022, 2, 13), date(2022, 2, 13), "day"),
        # "minggu" before a day that is no Sunday is the week, and "pekan" always is
        ("Bagaimana pasar pada minggu 14 Februari?", "id", date(2022, 2, 14), date(2022, 2, 20), "period"),
        ("Bagaimana pasar pada pekan 20 Februari?", "id", date(2022, 2, 20), date(2022, 2, 26), "period"),
        ("What is the latest news on the talks?", "en", date(2022, 2, 18), date(2022, 2, 24), "recent"),
        ("Apa perkembangan terbaru?", "id", date(2022, 2, 18), date(2022, 2, 24), "recent"),
        ("Berapa harga gas yang paling baru dilaporkan?", "id", date(2022, 2, 18), date(2022, 2, 24), "recent"),
        ("Apa sikap Jerman baru-baru ini?", "id", date(2022, 2, 18), date(2022, 2, 24), "recent"),
        ("What is the current inflation rate?", "en", date(2022, 2, 18), date(2022, 2, 24), "recent"),
        ("Is the ceasefire still current?", "en", date(2022, 2, 18), date(2022, 2, 24), "recent"),
        ("Apa kabar teranyar soal sanksi?", "id", date(2022, 2, 18), date(2022, 2, 24), "recent"),
        # with the enclitic "-nya" ("its latest"), as chat writes it
        ("Sanksi ke Rusia, perkembangan terakhirnya gimana?", "id", date(2022, 2, 18), date(2022, 2, 24), "recent"),
        ("Soal Nord Stream 2, kabar terbarunya apa?", "id", date(2022, 2, 18), date(2022, 2, 24), "recent"),
        ("Di mana pasukan Rusia kini?", "id", date(2022, 2, 18), date(2022, 2, 24), "recent"),
        # asking for news of something is asking for its latest
        ("Any update on the negotiations?", "en", date(2022, 2, 18), date(2022, 2, 24), "recent"),
        ("What's new in the talks?", "en", date(2022, 2, 18), date(2022, 2, 24), "recent"),
        ("Ada update soal perundingan?", "id", date(2022, 2, 18), date(2022, 2, 24), "recent"),
        ("Any news on February 11?", "en", date(2022, 2, 11), date(2022, 2, 11), "day"),  # a day named is that day
        ("What happened before February 20?", "en", date.min, date(2022, 2, 19), "period"),
        ("What has Russia done since January 10?", "en", date(2022, 1, 10), date.max, "period"),
        ("Apa yang terjadi setelah 21 Februari?", "id", date(2022, 2, 22), date.max, "period"),
        ("Berapa harga minyak usai 21 Februari?", "id", date(2022, 2, 22), date.max, "period"),
        ("Berapa harga minyak jelang 21 Februari?", "id", date.min, date(2022, 2, 20), "period"),
        ("Apa yang terjadi pasca-21 Februari?", "id", date(2022, 2, 22), date.max, "period"),
        ("Apa yang terjadi usai Januari?", "id", date(2022, 2, 1), date.max, "period"),
        # "usai" after "sudah" is the verb (finished): the day it ended is the day asked about.
        ("KTT sudah usai pada 10 Februari, apa hasilnya?", "id", date(2022, 2, 10), date(2022, 2, 10), "day"),
        ("Berapa poin Dow turun pada 11 February?", "id", date(2022, 2, 11), date(2022, 2, 11), "day"),  # mixed
        ("What did Lavrov say on 10 Januari?", "en", date(2022, 1, 10), date(2022, 1, 10), "day"),
        ("What happened between February 10 and February 14?", "en", date(2022, 2, 10), date(2022, 2, 14), "period"),
        ("Apa yang terjadi dari 10 Februari sampai kini?", "id", date(2022, 2, 10), date(2022, 2, 24), "period"),
        # A year left out of a span's end puts it after its start: coverage ending in February asks of March 2022.
        ("What happened between February 20 and March 3?", "en", date(2022, 2, 20), date(2022, 3, 3), "period"),
        # "'90s" opens no quote that "Russians'" would close over the date.
        ("How did the '90s pledge figure in talks on Jan 10, given Russians' demands?", "en", JAN_10, JAN_10, "day"),
        # A quote in the question leaves its own time words read: here "latest", outside the quotes.
        ("What is the latest on Biden's 'any day now' warning?", "en", date(2022, 2, 18), date(2022, 2, 24), "recent"),
        ("What happened from February 10 to today?", "en", date(2022, 2, 10), date(2022, 2, 24), "period"),
        ("What happened on the 1st of February?", "en", date(2022, 2, 1), date(2022, 2, 1), "day"),
        # Numeric dates: month first in English, ISO in any language, a weekday before a bare one
        ("What did April gold futures settle at on 2/15?", "en", date(2022, 2, 15), date(2022, 2, 15), "day"),
        ("What happened on 02/15/2022?", "en", date(2022, 2, 15), date(2022, 2, 15), "day"),
        ("What did April gold settle at on 2022-02-15?", "en", date(2022, 2, 15), date(2022, 2, 15), "day"),
        ("Apa yang terjadi pada 2022-02-15?", "id", date(2022, 2, 15), date(2022, 2, 15), "day"),
        ("How were Dow futures moving on Sunday evening, 2/13?", "en", date(2022, 2, 13), date(2022, 2, 13), "day"),
        ("Where did WTI finish on the last day of January 2022?", "en", date(2022, 1, 31), date(2022, 1, 31), "day"),
        ("Apa yang terjadi pada hari terakhir Januari?", "id", date(2022, 1, 31), date(2022, 1, 31), "day"),
        # Before or after an event the question dates itself
        (
            "Before the Geneva talks opened on January 10, what did Ryabkov want?",
            "en",
            date.min,
            date(2022, 1, 9),
            "period",
        ),
        (
            "After Putin recognized the regions on Feb. 21, who limited exports?",
            "en",
            date(2022, 2, 21),
            date.max,
            "period",
        ),
        ("Apa kata AS sebelum perundingan dimulai pada 10 Januari?", "id", date.min, date(2022, 1, 9), "period"),
        (
            "What did the central bank decide after its meeting in January?",
            "en",
            date(2022, 1, 1),
            date(2022, 1, 31),
            "period",
        ),
        (
            "How much did the Dow lose over the week that ended Friday, February 18?",
            "en",
            date(2022, 2, 12),
            date(2022, 2, 18),
            "period",
        ),
        (
            "How did gas move over the week leading up to Sunday, Feb. 20?",
            "en",
            date(2022, 2, 14),
            date(2022, 2, 20),
            "period",
        ),
        (
            "Berapa Dow turun pekan yang berakhir Jumat, 11 Februari 2022?",
            "id",
            date(2022, 2, 5),
            date(2022, 2, 11),
            "period",
        ),
        (
            "Dalam sepekan menjelang 20 Februari, bensin naik berapa?",
            "id",
            date(2022, 2, 14),
            date(2022, 2, 20),
            "period",
        ),
        ("At what level did April gold futures settle on 2/15/22?", "en", date(2022, 2, 15), date(2022, 2, 15), "day"),
        # Two days of one month written together, in both languages and both orders
        ("What happened between Feb 14 and 18?", "en", date(2022, 2, 14), date(2022, 2, 18), "period"),
        ("What happened February 14-18?", "en", date(2022, 2, 14), date(2022, 2, 18), "period"),
        ("What happened from 10 to 14 February?", "en", date(2022, 2, 10), date(2022, 2, 14), "period"),
        ("What happened between January 10th and 13th?", "en", date(2022, 1, 10), date(2022, 1, 13), "period"),
        ("Apa yang terjadi antara 10 dan 14 Februari?", "id", date(2022, 2, 10), date(2022, 2, 14), "period"),
        ("Apa yang terjadi dari 10 sampai 14 Februari 2022?", "id", date(2022, 2, 10), date(2022, 2, 14), "period"),
        # Weeks and halves of a month, and an open range from a part of one
        ("What happened in the first week of February?", "en", date(2022, 2, 1), date(2022, 2, 7), "period"),
        ("What happened during the last week of January?", "en", date(2022, 1, 25), date(2022, 1, 31), "period"),
        ("What happened in the second half of January?", "en", date(2022, 1, 16), date(2022, 1, 31), "period"),
        ("What happened in the week ending February 18?", "en", date(2022, 2, 12), date(2022, 2, 18), "period"),
        ("Apa yang terjadi pada minggu terakhir Januari?", "id", date(2022, 1, 25), date(2022, 1, 31), "period"),
        ("Apa yang terjadi pada pekan kedua bulan Februari?", "id", date(2022, 2, 8), date(2022, 2, 14), "period"),
        ("Apa yang terjadi pada paruh pertama Februari?", "id", date(2022, 2, 1), date(2022, 2, 15), "period"),
        ("How far has oil climbed since the beginning of February?", "en", date(2022, 2, 1), date.max, "period"),
        ("Apa yang terjadi sejak pertengahan Februari?", "id", date(2022, 2, 11), date.max, "period"),
        ("What happened before the end of January?", "en", date.min, date(2022, 1, 20), "period"),
        # A span from one part of a month to another
        ("What happened between mid-January and early February?", "en", date(2022, 1, 11), date(2022, 2, 10), "period"),
        (
            "Apa yang terjadi pada akhir Januari hingga awal Februari?",
            "id",
            date(2022, 1, 21),
            date(2022, 2, 10),
            "period",
        ),
        # Calendar words, read against the coverage's newest day (a Thursday)
        ("What did Biden say last week?", "en", date(2022, 2, 14), date(2022, 2, 20), "period"),
        ("Apa yang terjadi pekan lalu?", "id", date(2022, 2, 14), date(2022, 2, 20), "period"),
        ("What happened last month?", "en", date(2022, 1, 1), date(2022, 1, 31), "period"),
        ("What has happened this month?", "en", date(2022, 2, 1), NEWEST, "period"),
        ("What happened yesterday?", "en", date(2022, 2, 23), date(2022, 2, 23), "day"),
        ("Apa yang terjadi kemarin?", "id", date(2022, 2, 23), date(2022, 2, 23), "day"),
        ("What happened two days ago?", "en", date(2022, 2, 22), date(2022, 2, 22), "day"),
        ("Apa yang terjadi 3 hari yang lalu?", "id", date(2022, 2, 21), date(2022, 2, 21), "day"),
        ("What happened since yesterday?", "en", date(2022, 2, 23), date.max, "period"),
        ("What happened before last week?", "en", date.min, date(2022, 2, 13), "period"),
        # A day of the month named alone is the newest such day: of January when February has none yet
        ("What happened on the 15th?", "en", date(2022, 2, 15), date(2022, 2, 15), "day"),
        ("Apa yang terjadi pada tanggal 15?", "id", date(2022, 2, 15), date(2022, 2, 15), "day"),
        ("What happened on the 25th?", "en", date(2022, 1, 25), date(2022, 1, 25), "day"),
        ("Apa yang terjadi tanggal 29?", "id", date(2022, 1, 29), date(2022, 1, 29), "day"),  # not 29 Feb 2020
        ("What happened on the 31st?", "en", date(2022, 1, 31), date(2022, 1, 31), "day"),
        ("What happened on the 3rd?", "en", date(2022, 2, 3), date(2022, 2, 3), "day"),  # not March, as MDY reads it
        ("What happened from the 15th to the 20th?", "en", date(2022, 2, 15), date(2022, 2, 20), "period"),
        ("Apa yang terjadi tanggal 15 sampai 20?", "id", date(2022, 2, 15), date(2022, 2, 20), "period"),
        ("Apa yang terjadi tanggal 10 kemarin?", "id", date(2022, 2, 10), date(2022, 2, 10), "day"),
        ("Apa yang terjadi satu minggu lalu?", "id", date(2022, 2, 17), date(2022, 2, 17), "day"),
        ("What happened the week before last?", "en", date(2022, 2, 7), date(2022, 2, 13), "period"),
        ("What happened over the weekend?", "en", date(2022, 2, 19), date(2022, 2, 20), "period"),
        ("Apa yang terjadi akhir pekan lalu?", "id", date(2022, 2, 19), date(2022, 2, 20), "period"),
        ("What happened two weeks ago?", "en", date(2022, 2, 7), date(2022, 2, 13), "period"),
        ("Apa yang terjadi dua minggu lalu?", "id", date(2022, 2, 7), date(2022, 2, 13), "period"),
        ("What happened over the past week?", "en", date(2022, 2, 18), NEWEST, "recent"),
        ("What happened in the last few days?", "en", date(2022, 2, 18), NEWEST, "recent"),
        ("What happened in the last week?", "en", date(2022, 2, 18), NEWEST, "recent"),
        ("What happened in the  last week?", "en", date(2022, 2, 18), NEWEST, "recent"),  # typed with two spaces
        ("Apa yang terjadi dalam beberapa hari terakhir?", "id", date(2022, 2, 18), NEWEST, "recent"),
        ("Apa kabar terakhir soal perundingan?", "id", date(2022, 2, 18), NEWEST, "recent"),
        # March is the month ahead of coverage that ends in February, which no report is from: "now" is the time.
        ("Sekarang, berapa peluang Fed naik pada bulan Maret?", "id", date(2022, 2, 18), NEWEST, "recent"),
    ],
)
def test_a_question_names_its_days(question, language, since, until, kind):
    asked = asked_time(question, language, NEWEST)
    assert asked is not None
    assert (asked.since, asked.until, asked.kind) == (since, until, TimeKind(kind))


@pytest.mark.parametrize(
    "question",
    [
        "What did the US offer on missiles?",
        "How many troops may Russia send?",  # "may" the verb
        "Who said March was decisive?",  # a month named without "in", "of", "early" ... is not a time
        "Were the January 10 talks made conditional on a pullback?",  # the name of an event
        "Did 2/3 of senators back the sanctions?",  # a fraction, not 3 February
        "Are troops on alert 24/7?",
        "How large is Russia's current account surplus?",  # an economic term, not a time
        "How large is Russia's current-account surplus?",
        "Will the Fed raise rates in March?",  # the month ahead: an expected event, not a report's time
        # Quoted words are someone else's, not the asker's time.
        "Did the call that followed Sullivan's 'any day now' warning achieve anything?",
        "Did the call after Sullivan's 'Russia's attack could come any day now' warning help?",
        "Did the call after Sullivan’s ‘Russia’s attack could come any day now’ warning help?",
        'Who called the invasion "imminent, as of now"?',
        "Siapa yang menyebut serangan “bisa terjadi hari ini”?",
        # The last of a span of a month or more asks about that span's figures, as in English, not the latest.
        "Peloton rugi berapa di tiga bulan terakhir tahun 2021?",
        "Peloton rugi berapa di tiga bulan  terakhir tahun 2021?",  # typed with two spaces
        "How much did Peloton lose in the last three months of 2021?",
        "Berapa laba perusahaan itu di kuartal terakhir 2021?",
        "How many paratroopers from the 82nd Airborne were flown to Poland?",  # an ordinal, not a day
        "Who leads the 3rd division?",
        "Who leads the 15th division?",
        "Apa kata Putin Senin kemarin?",  # a weekday alone names no time, "kemarin" after it is "last"
        "Bagaimana suasana pasar menjelang akhir pekan itu?",  # the weekend a report tells of
    ],
)
def test_a_question_without_a_time_names_none(question):
    assert asked_time(question, "en", NEWEST) is None


@pytest.mark.parametrize(
    ("question", "since"),
    [
        ("What happened in June?", date(2022, 6, 1)),  # months back, not the month ahead
        ("What happened in January?", date(2022, 1, 1)),  # the month ahead, but the coverage holds one
    ],
)
def test_a_month_the_coverage_holds_keeps_its_reading(question, since):
    asked = asked_time(question, "en", date(2022, 12, 20), oldest=date(2022, 1, 3))
    assert asked is not None and asked.since == since


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("How did stocks do on 11/2?", date(2022, 2, 11)),  # 2 November is outside the coverage; 11 February is in
        ("How did stocks do on 2/11?", date(2022, 2, 11)),
        ("What happened on 1/10?", date(2022, 1, 10)),
    ],
)
def test_a_slashed_day_is_read_in_the_order_that_puts_it_in_the_coverage(question, day):
    asked = asked_time(question, "en", NEWEST, oldest=date(2021, 12, 17))
    assert asked is not None and (asked.since, asked.until) == (day, day)


def test_a_slashed_day_outside_the_coverage_either_way_keeps_its_own_reading():
    asked = asked_time("What happened on 3/5?", "en", NEWEST, oldest=date(2021, 12, 17))
    assert asked is not None and asked.since == date(2022, 3, 5)  # 5 March: a day the reply says it has no reports of


@pytest.mark.parametrize(
    ("question", "language", "day"),
    [
        ("What happened on February 26?", "en", date(2022, 2, 26)),  # two days after the newest report, not 2021
        ("Apa yang terjadi pada 1 Maret?", "id", date(2022, 3, 1)),
        ("What happened on February 20?", "en", date(2022, 2, 20)),  # a day the coverage holds
        ("What happened on June 5?", "en", date(2021, 6, 5)),  # months ahead: its own reading
        # A year written is kept, wherever it is written.
        ("What happened on February 26, 2021?", "en", date(2021, 2, 26)),
        ("What happened on February 26 of 2021?", "en", date(2021, 2, 26)),
        ("What happened on 26 February '21?", "en", date(2021, 2, 26)),
        ("What happened on February 26 last year?", "en", date(2021, 2, 26)),
        ("Apa yang terjadi pada 26 Februari tahun lalu?", "id", date(2021, 2, 26)),
    ],
)
def test_a_day_named_without_its_year_just_after_the_coverage_is_the_one_ahead(question, language, day):
    asked = asked_time(question, language, NEWEST, oldest=date(2021, 12, 17))
    assert asked is not None and (asked.since, asked.until) == (day, day)


def test_a_day_the_coverage_holds_a_year_back_keeps_its_reading():
    asked = asked_time("What happened on February 26?", "en", NEWEST, oldest=date(2021, 2, 1))
    assert asked is not None and asked.since == date(2021, 2, 26)


@pytest.mark.parametrize(
    ("question", "since", "until"),
    [
        ("What happened between February 25 and February 27?", date(2022, 2, 25), date(2022, 2, 27)),
        ("What happened between February 20 and February 26?", date(2022, 2, 20), date(2022, 2, 26)),
        ("What happened from February 22 to February 26?", date(2022, 2, 22), date(2022, 2, 26)),
    ],
)
def test_a_span_ending_just_after_the_coverage_ends_in_its_starts_year(question, since, until):
    asked = asked_time(question, "en", NEWEST, oldest=date(2021, 12, 17))
    assert asked is not None and (asked.since, asked.until) == (since, until)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("When did Biden announce the first sanctions?", True),
        ("Since when has Russia massed troops?", True),
        ("Kapan AS dan Rusia bertemu di Jenewa?", True),
        ("Sejak kapan pasukan Rusia berkumpul?", True),
        ("On what day did the talks start?", True),
        ("Tanggal berapa perundingan dimulai?", True),
        ("So, when did the talks start?", True),
        ("Tell me when Biden announced the first sanctions.", True),
        ("What dates were the talks?", True),
        ("What did Biden say when asked about sanctions?", False),  # "when" further in is a conjunction
        ("When Russia invaded, how did oil react?", False),  # nor is one asking nothing
        ("Apa kata Biden saat ditanya soal sanksi?", False),
    ],
)
def test_a_question_asking_for_a_day_is_told_from_one_asking_for_something_else(question, asks):
    assert asks_when(question) is asks


def test_the_month_just_ahead_of_a_years_coverage_is_not_its_time():
    assert asked_time("Will the Fed move in January?", "en", date(2022, 12, 20), oldest=date(2022, 3, 1)) is None


def test_without_dated_coverage_no_time_is_read():
    assert asked_time("What is the latest?", "en", None) is None


def test_the_time_is_described_as_a_reader_writes_it():
    day = asked_time("What happened on 11 February?", "en", NEWEST)
    month = asked_time("What happened in January?", "en", NEWEST)
    assert day is not None and day.describe() == "11 February 2022"
    assert month is not None and month.describe() == "1–31 January 2022"


@pytest.mark.parametrize(
    ("question", "event", "after"),
    [
        ("What happened after the Geneva talks?", "the Geneva talks", True),
        ("How did markets do before the invasion?", "the invasion", False),
        ("Apa reaksi pasar setelah Jerman menghentikan Nord Stream 2?", "Jerman menghentikan Nord Stream 2", True),
        ("Apa kata Blinken usai pertemuan di Jenewa?", "pertemuan di Jenewa", True),
        ("Berapa harga minyak pasca-pengakuan Donetsk dan Luhansk?", "pengakuan Donetsk dan Luhansk", True),
        ("Apa kata NATO jelang pertemuan di Brussel?", "pertemuan di Brussel", False),
        ("What did oil do in the wake of the recognition?", "the recognition", True),
        ("How many troops were there in the run-up to the invasion?", "the invasion", False),
        ("How many troops were there in the run up to the invasion?", "the invasion", False),
        (
            "Once Putin recognized Donetsk and Luhansk, what did Germany do?",
            "Putin recognized Donetsk and Luhansk",
            True,
        ),
    ],
)
def test_a_question_placed_before_or_after_an_event_names_the_event(question, event, after):
    found = relative_event(question)
    assert found is not None and (found.event, found.after) == (event, after)


@pytest.mark.skipif(not DICTIONARY.with_suffix(".index").exists(), reason="dict-freedict-eng-ind is not installed")
def test_one_indonesian_word_the_dictionary_knows_as_a_noun_or_verb_is_an_event():
    # Indonesian writes no article: "sebelum invasi" is "before the invasion".
    assert relative_event("Bagaimana pasar sebelum invasi?") == RelativeEvent("invasi", after=False)
    assert relative_event("Bagaimana pasar sebelum invasi.") == RelativeEvent("invasi", after=False)


@pytest.mark.parametrize(
    ("question", "rest"),
    [
        (
            "Sehari sebelum Departemen Luar Negeri AS memerintahkan keluarga diplomatnya keluar dari Kyiv, "
            "bagaimana sikap tentara Ukraina di garis depan Luhansk?",
            "bagaimana sikap tentara Ukraina di garis depan Luhansk?",
        ),
        (
            "Apa yang dilakukan bank sentral Ukraina sekitar sepuluh hari sesudah perundingan Jenewa?",
            "Apa yang dilakukan bank sentral Ukraina?",
        ),
        ("What did Biden promise Zelensky the day after he warned Putin by phone?", "What did Biden promise Zelensky?"),
        (
            "In the weeks before the Geneva talks, which air defense system did Kyiv want?",
            "which air defense system did Kyiv want?",
        ),
        ("Once Putin recognized the regions, what did Germany do?", "what did Germany do?"),
        ("How did stocks move after the Geneva talks, and why?", "How did stocks move, and why?"),
    ],
)
def test_the_words_placing_a_question_before_or_after_an_event_are_not_words_it_must_match(question: str, rest: str):
    # With its offset ("Sehari", "sekitar sepuluh hari", "the day"): they all say when, not what.
    found = relative_event(question)
    assert found is not None and found.question_without_event(question) == rest


def test_once_places_a_question_after_an_event_only_as_its_first_word():
    assert relative_event("Did Russia attack once more after the Geneva talks?") == RelativeEvent(
        "the Geneva talks", after=True
    )
    assert relative_event("Was it once more a question of NATO?") is None


def test_a_date_or_a_pronoun_after_before_is_not_an_event():
    assert relative_event("What happened after February 10?") is None
    assert relative_event("What did he say after that?") is None
    assert relative_event("Sejak kapan pasukan Rusia di perbatasan?") is None  # since when: a question
    assert relative_event("Apa kata Biden sejak lama?") is None  # "lama" (long) is no noun of an event
    assert relative_event("Apa kata Biden sejak pagi?") is None  # since the morning: a time of day
    # "usai" is also the verb (to end): these place nothing after an event.
    assert relative_event("Kapan perang usai di Ukraina?") is None
    assert relative_event("Apakah perundingan sudah usai atau masih berlangsung?") is None
    # "after" as seeking: what Putin is after, not what happened after "with the standoff".
    assert relative_event("According to Fiona Hill, what is Putin really after with the Ukraine standoff?") is None


def test_a_date_naming_an_event_after_the_following_is_not_the_time_asked():
    assert asked_time("What was agreed at the following February 20 meeting?", "en", NEWEST) is None


def test_the_words_placing_a_question_after_a_date_are_not_words_it_must_match():
    found = asked_time("Berapa harga minyak usai 21 Februari?", "id", NEWEST)
    assert found is not None and found.question_without_date("Berapa harga minyak usai 21 Februari?") == (
        "Berapa harga minyak?"
    )


def test_an_event_is_dated_by_the_coverage_widely():
    """After an event: from the first day the coverage reports it; before: up to the day before its last."""
    days = [date(2022, 1, 10), date(2022, 1, 12), date(2022, 2, 24)]
    after = RelativeEvent("the talks", after=True).time(days)
    before = RelativeEvent("the invasion", after=False).time(days)
    assert after is not None and (after.since, after.until) == (date(2022, 1, 10), date.max)
    assert before is not None and (before.since, before.until) == (date.min, date(2022, 2, 23))
    assert before.describe() == "before 24 February 2022" and before.describe("id") == "sebelum 24 Februari 2022"
    assert RelativeEvent("the talks", after=True).time([]) is None


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("What happened on February 30?", "en"),
        ("Ada apa tanggal 31/2?", "id"),
        ("What happened on 2022-13-45?", "en"),  # was taken for a name the coverage never mentions
        ("What happened on 2022-13-05?", "en"),  # dateparser read it as 13 May
    ],
)
def test_a_day_that_does_not_exist_is_named_not_ignored(question, language):
    with pytest.raises(FilterError, match="in the question is not a date"):
        asked_time(question, language, NEWEST)


@pytest.mark.parametrize(
    ("question", "language", "span"),
    [
        ("What happened between February 20 and February 10?", "en", "between February 20 and February 10"),
        ("Apa yang terjadi dari 20 Februari sampai 10 Februari?", "id", "dari 20 Februari sampai 10 Februari"),
        ("What happened between 20 and 10 February?", "en", "20 and 10 February"),
    ],
)
def test_a_span_that_ends_before_it_begins_is_named_not_read_as_its_first_day(question, language, span):
    with pytest.raises(FilterError, match=f"'{span}' in the question ends before it begins"):
        asked_time(question, language, NEWEST)


@pytest.mark.parametrize(
    "question",
    [
        "What happened between February 10 and February 14?",
        "What happened between Feb 14 and 18?",
        "What happened in the first week of February?",
        "What happened between mid-January and early February?",
        "What happened in the week ending February 18?",
    ],
)
def test_the_words_naming_the_time_come_out_of_the_question_searched_without_it(question):
    asked = asked_time(question, "en", NEWEST)
    assert asked is not None
    assert asked.question_without_date(question) == "What happened?"


def test_a_span_into_the_new_year_ends_in_it():
    coverage_end = date(2022, 1, 5)
    found = asked_time("What happened from December 20 to January 10?", "en", coverage_end)
    assert found is not None and (found.since, found.until) == (date(2021, 12, 20), date(2022, 1, 10))


def test_now_before_a_spans_start_ends_it_at_its_start():
    # The reader's filters leave reports up to 1 February; "now" is then before 10 February.
    found = asked_time("What happened from February 10 to now?", "en", NEWEST, latest=date(2022, 2, 1))
    assert found is not None and (found.since, found.until) == (date(2022, 2, 10), date(2022, 2, 10))


def test_a_date_after_since_or_until_dates_no_sentence():
    # MarketWatch, 18 February: the slide was on the 17th, not on 30 November.
    sentence = "Thursday's 8% slide was its largest daily drop since Nov. 30, according to Dow Jones Market Data."
    assert named_day(sentence, "en", date(2022, 2, 18)) is None
    assert named_day("Harga naik sejak 10 Januari dan turun pada 14 Januari.", "id", date(2022, 1, 15)) == date(
        2022, 1, 14
    )
    for edge in (
        "sejak tanggal 10 Februari",
        "sejak Kamis (17/2)",
        "sampai dengan 14 Februari",
        "since Thursday, Feb. 10",
    ):
        assert named_day(f"Harga naik {edge}.", "id", date(2022, 2, 18)) is None, edge


def test_an_article_date_that_does_not_exist_dates_no_sentence():
    assert named_day("It happened on 2022-31-01.", "en", date(2022, 2, 1)) is None
    assert named_day("It happened on 2022-01-31.", "en", date(2022, 2, 1)) == date(2022, 1, 31)


@pytest.mark.parametrize(
    ("question", "rest"),
    [
        ("Apa yang terjadi pasca- invasi Rusia?", "Apa yang terjadi?"),  # the event's leading space
        ('What did he say after "the Geneva talks"?', "What did he say?"),  # its closing quotation mark
        ("What did Biden say (after the Geneva talks)?", "What did Biden say?"),
        ("What did Lavrov say, two days after the Geneva talks?", "What did Lavrov say?"),
        ("How many tanks were in Donbas on the day before the invasion?", "How many tanks were in Donbas?"),
        ("Hours after the invasion, what did Biden say?", "what did Biden say?"),
        (
            "What did the US say after the talks; and what did Russia say?",
            "What did the US say; and what did Russia say?",
        ),
    ],
)
def test_taking_the_event_out_leaves_no_stray_words_or_punctuation(question: str, rest: str):
    found = relative_event(question)
    assert found is not None and found.question_without_event(question) == rest


@pytest.mark.parametrize(
    ("question", "rest"),
    [
        # Passages must match what is asked, not the calendar words: "last week" alone brought
        # sentences holding "last week", and "What happened?" is the day's news.
        ("What did Biden say last week?", "What did Biden say?"),
        ("Apa yang terjadi minggu lalu?", "Apa yang terjadi?"),
        ("What happened last month?", "What happened?"),
        ("What was said yesterday about the talks?", "What was said about the talks?"),
        ("Apa yang terjadi pada tanggal 15?", "Apa yang terjadi?"),
        ("What happened on the 15th?", "What happened?"),
        ("Apa yang terjadi dua minggu lalu?", "Apa yang terjadi?"),
        ("Apa yang terjadi tanggal 10 kemarin?", "Apa yang terjadi?"),
        ("Which report led yesterday's news?", "Which report led news?"),
    ],
)
def test_calendar_words_are_taken_out_of_what_the_passages_must_match(question: str, rest: str):
    asked = asked_time(question, "id" if question.startswith("Apa") else "en", NEWEST)
    assert asked is not None and asked.question_without_date(question) == rest


def test_kemarin_after_a_span_is_that_spans_last_not_yesterday():
    last_week = asked_time("Apa yang terjadi pekan kemarin?", "id", NEWEST)
    assert last_week is not None and (last_week.since, last_week.until) == (date(2022, 2, 14), date(2022, 2, 20))
    assert asked_time("Berapa laba perusahaan itu tahun kemarin?", "id", NEWEST) is None


def test_calendar_words_at_the_start_of_the_calendar_read_no_time_and_raise_nothing():
    assert asked_time("What did Biden say about Ukraine?", "en", date(1, 1, 20)) is None
