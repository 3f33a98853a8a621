"""What kind of figure a question asks for, and whether a text states one: a length of time, a sum, a rate.

"How long did Biden's call with Putin last?" is not answered by a sentence on the call
that gives no length of time, however well it matches the question's words; nor "How
much money did Zelensky ask for?" by one naming no sum, nor "How old is Timchenko?" by one
giving no age. Only these four kinds are
checked (a count of hours or days asks a length of time): a plain "how many" is often
answered in words ("some weeks left", "a handful") or by a figure of another thing,
which no pattern tells apart; only among sentences that could be quoted, one holding a
figure that counts is preferred (:func:`holds_a_count`).
"""

from __future__ import annotations

import re
from enum import StrEnum


class Measure(StrEnum):
    """A kind of figure a question asks for."""

    DURATION = "duration"
    MONEY = "money"
    RATE = "rate"
    AGE = "age"


_AMOUNT = (
    r"(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|a few|several|a couple of|a dozen|dozens of|"
    r"half an?|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|"
    r"(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan) (?:belas|puluh)|beberapa|se)"
)
_TIME_UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|"
    r"detik|menit|jam|hari|minggu|pekan|bulan|tahun)"
)
_LENGTH_UNIT = r"(?:km|kilometers?|kilometres?|miles?|mil|meters?|metres?|yards?|feet)"

_ASKED: dict[Measure, re.Pattern[str]] = {
    # An age, read first: "How old is ...?", "Berapa umur ...?", "Berapa tahun usia ...?" (not a length of time)
    Measure.AGE: re.compile(
        r"\bhow old\b|\b(?:at )?what age\b|\bwhat(?:'s| is| was)\b[^?]*\bage\b"
        r"|\bberapa (?:tahun )?(?:umur|usia)(?:nya)?\b|\b(?:umur|usia)(?:nya)? (?:\w+ )?berapa\b"
        r"|\b(?:berusia|berumur) berapa\b|\b(?:pada|di) usia berapa\b",
        re.IGNORECASE,
    ),
    Measure.DURATION: re.compile(
        r"\b(?:how long|berapa lama|berapa jam|berapa menit)\b"
        # A count of time units is a length of time, unless it places one event from another ("how many
        # days after ...", answered by "two days later") or names a day ("berapa hari Selasa", "tahun ini").
        rf"|\bhow many (?:more |full |straight |consecutive )?{_TIME_UNIT}\b"
        r"(?!\s+(?:after|before|later|earlier|ago|prior|since|until|from|did it take|(?:are |were |is )?left)\b)"
        r"|\bberapa (?:hari|minggu|pekan|bulan|tahun)\b(?!\s+(?:ini|itu|lalu|yang lalu|depan|kemudian|setelah|sesudah|"
        r"sebelum|sebelumnya|usai|sejak|pasca|menjelang|jelang|antara|senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|"
        r"januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember)\b|\s+\d)",
        re.IGNORECASE,
    ),
    Measure.MONEY: re.compile(
        r"\bhow much (?:money|aid|funding|financing|assistance|debt)\b"
        r"|\bhow much (?:did|does|do|will|would|could)\b[^?]*\bcost\b"
        r"|\bberapa (?:banyak )?(?:dana|uang|biaya)\b"
        r"|\bberapa (?:besar )?nilai (?:bantuan|paket|pinjaman|utang|kontrak|investasi|kesepakatan)\b",
        re.IGNORECASE,
    ),
    Measure.RATE: re.compile(
        r"\bberapa (?:(?!kali\b)\w+ )?(?:suku )?bunga\b"  # not "berapa kali", how many times
        r"|\bsuku bunga\b[^?]*\b(?:menjadi|ke|sebesar|di level) berapa\b"
        r"|\bwhat (?:is|was|were|will be|would be) the (?:[\w'’]+ ){0,6}(?:interest|policy|key) rates?"
        r"(?=\s*(?:[?,.]|$|\b(?:after|now|then|today|set)\b))"  # the rate, not its outlook or impact
        r"|\bhow (?:high|much|big|large)\b[^?]*\b(?:interest|policy|key) rates?\b"
        r"|\bsize of [^?]*\brate (?:increase|hike|rise|cut)s?\b"
        # A share: "What percentage stake does Timchenko hold?", "Berapa persen gas Eropa dari Rusia?"
        r"|\b(?:what|which|how many|by what) percent(?:age)?s?\b|\bberapa (?:persen|persentase)\b",
        re.IGNORECASE,
    ),
}

_STATED: dict[Measure, re.Pattern[str]] = {
    Measure.DURATION: re.compile(
        rf"\b{_AMOUNT}[\s-]*{_TIME_UNIT}\b(?!\s+(?:after|later|earlier|kemudian|setelah|sesudah))"
        r"|\b(?:hour|minute|day|week|month|year)-long\b"
        r"|\b(?:decades|centuries|bertahun-tahun|berbulan-bulan|berminggu-minggu|berhari-hari|puluhan tahun)\b"
        rf"|\b(?:for|selama|within|over)\s+(?:the\s+)?(?:next\s+|coming\s+|past\s+|many\s+)?{_TIME_UNIT}\b"
        # "since 2014", "until March": a year, a day or a name, not "since the first"
        r"|\b(?:since|sejak|until|till|hingga|sampai)\s+(?:the\s+|akhir\s+|awal\s+)?(?:\d|(?-i:[A-Z]))"
        rf"|\b\d[\d,.]*\s*{_LENGTH_UNIT}\b",  # "How long is the pipeline?"
        re.IGNORECASE,
    ),
    Measure.MONEY: re.compile(
        r"[$€£₴₽]|\d(?:bn|mn|m|k)\b|\b(?:USD|EUR|GBP|Rp)\b|\b(?:dollars?|dolar|euros?|pounds?|rubles?|roubles?|"
        r"rubel|hryvnias?|rupiah|cents|pence|billion|million|trillion|miliar|juta|triliun|bn|mn)\b",
        re.IGNORECASE,
    ),
    Measure.RATE: re.compile(
        r"%|\b(?:percent|percentage|per cent|pct|persen|basis points?|bps|poin persentase)\b"
        r"|\b(?:quarter|half)[\s-](?:percentage[\s-])?point\b",
        re.IGNORECASE,
    ),
    # "The 69-year-old", "aged 69", "berusia 69 tahun", "Gennady Timchenko, 69,"
    Measure.AGE: re.compile(
        r"\b\d{1,3}[\s-]years?[\s-]old\b|\baged? (?:of )?\d{1,3}\b|\b(?:berusia|berumur|usia|umur) \d{1,3}\b"
        r"|(?-i:\b[A-Z][\w'’-]+), \d{1,3},(?!\d)",
        re.IGNORECASE,
    ),
}


def measure_asked(question: str) -> Measure | None:
    """The kind of figure ``question`` asks for, or None when it asks for none of those checked."""
    return next((measure for measure, pattern in _ASKED.items() if pattern.search(question)), None)


def states(measure: Measure, text: str) -> bool:
    """Whether ``text`` states a figure of that kind (a length of time, a sum of money, a rate, an age)."""
    return bool(_STATED[measure].search(text))


# A figure, in digits or in words ...
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion|satu|dua|tiga|"
    r"empat|lima|enam|tujuh|delapan|sembilan|sepuluh|ratus|ribu|juta|miliar|triliun)\b",
    re.IGNORECASE,
)
# ... and those a count is given by besides ("Fifty soldiers", "seratus ribu tentara", "dozens of troops").
_COUNT_WORDS = re.compile(
    r"\b(?:eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds|thousands|millions|dozens?|"
    r"sebelas|(?:se)?(?:puluh|belas|ratus|ribu)(?:an)?|jutaan)\b",
    re.IGNORECASE,
)
# "How many troops ...?", "Berapa banyak tentara ...?": a count of things, not of time (a length of time, above)
# nor of units, which measure ("how many percent", "how many days after", "how many barrels").
_UNIT = (
    rf"(?:{_TIME_UNIT}|{_LENGTH_UNIT}|%|percent|per cent|persen|p|pence|cents?|sen|dollars?|dolar|euros?|pounds?|"
    r"rubles?|roubles?|rupiah|barrels?|barel)"
)
_COUNT_ASKED = re.compile(
    rf"\bhow\s+many\b(?!\s+{_UNIT}\b)|\bnumber\s+of\b(?!\s+{_UNIT}\b)|\bberapa\s+(?:banyak|jumlah)\b(?!\s+{_UNIT}\b)",
    re.IGNORECASE,
)
_FIGURE = r"\d[\d,.]*"
_AMOUNT_IN_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundreds?|thousands?|dozens?|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)"
)
_SCALE = r"(?:\s*(?:bn|mn|m|k|billion|million|trillion|miliar|juta|triliun)\b)?"
# Months as written, with a capital: "may" is a verb.
_MONTH_NAME = (
    r"(?-i:(?:Jan(?:uary|uari)?|Feb(?:ruary|ruari)?|Mar(?:ch|et)?|Apr(?:il)?|May|Mei|June?|Juni|July?|Juli|"
    r"Aug(?:ust)?|Agustus|Sep(?:t|tember)?|Oct(?:ober)?|Okt(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Des(?:ember)?))\b\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
# Figures that measure, date or order rather than count: sums, rates, lengths, times, years, days, clock times
# and ordinals.
_NOT_A_COUNT = re.compile(
    rf"(?:[$€£₴₽]|\bUS\$|\bRp\.?)\s*{_FIGURE}{_SCALE}"
    rf"|\b(?:{_FIGURE}|{_AMOUNT_IN_WORDS}){_SCALE}[\s-]*{_UNIT}(?!\w)"
    r"|\b(?:19[5-9]|20[0-4])\d\b"
    rf"|\b{_MONTH_NAME}\s+{_DAY}\b|\b{_DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_NAME}"
    rf"|\b{_DAY}/(?:1[0-2]|0?[1-9])(?:/\d{{2,4}})?\b"  # "Senin (21/2)"
    r"|\b\d{1,2}:\d\d\b|\b\d{1,2}[.:]\d\d\s*(?:a\.m\.|p\.m\.|am\b|pm\b|WIB\b)|\bpukul\s+\d{1,2}(?:[.:]\d\d)?"
    r"|\b\d+(?:st|nd|rd|th)\b|\bke-?\d+\b",  # ordinals: "the 3rd Motor Rifle Division", "ke-3"
    re.IGNORECASE,
)


def holds_number(text: str) -> bool:
    """Whether a text holds a number, in figures or in words."""
    return _NUMBER.search(text) is not None


def asks_a_count(question: str) -> bool:
    """Whether ``question`` asks how many of something there are ("How many troops ...?"), not how long or how much."""
    return bool(_COUNT_ASKED.search(question)) and measure_asked(question) is None


def holds_a_count(text: str) -> bool:
    """Whether ``text`` holds a figure that counts something: not only sums, rates, lengths, times, dates or ordinals.

    "Russia has massed troops as close as 30 miles away" gives a distance, no count of
    troops; "more than 127,000 troops" does. Only a preference among sentences: a count
    is often given in words ("a handful") or of another thing, which no pattern tells apart.
    """
    return _holds_a_figure(text) and _holds_a_figure(_NOT_A_COUNT.sub(" ", text))


def _holds_a_figure(text: str) -> bool:
    """Whether ``text`` holds a number or a word a count is given by ("fifty", "seratus", "dozens")."""
    return holds_number(text) or _COUNT_WORDS.search(text) is not None
