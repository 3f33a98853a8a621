"""Turn a scraped article into clean prose with honest metadata.

Real news pages carry page furniture ("loading...", lone "A" lines from
font-size widgets), author tags like "(ian)", a body printed twice, stray
", " runs where paragraph breaks were, and dates that only appear in the text.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from dataclasses import replace
from datetime import datetime
from functools import lru_cache

import blingfire
import dateparser
from py3langid import langid

from index.documents import Article
from index.report_days import WEEKDAYS, address_day, event_day, published_timestamp

# What cleaning an article makes of it, by version: a version served with another is cleaned
# anew by the next build (index.builder), whose passages the embedding cache mostly holds.
# 0: before it was recorded; 1: a report's day read from its address too (index.report_days);
# 2: a lead's weekday dates it unless its own clause speaks of the future; 3: "This corrects ..."
# notices are taken out.
CLEANING_VERSION = 3

# Lines that are widgets or navigation, never article text. In news-en-scale, CNBC's
# ", In this article" (a box of tickers) opens 81 pages and the BBC's "This video can not
# be played" 8, so the newest reports' openings ("what's the latest?") would be those lines.
_FURNITURE = re.compile(
    r"^(?:loading\.*|advertisement|iklan|baca juga:?.*|read more:?|share(?: this)?|"
    r"scroll to continue with content|lanjut(?:kan)? membaca|a|aa|a a a|"
    r",?\s*in this article|this video can ?not be played)$",
    re.IGNORECASE,
)
# Notices English news sites print on every page, as whole paragraphs: copyright and
# market-data lines, newsletter and tip-line prompts, promotions. In news-en-ukraine-2022
# CNBC's footer ("... Global Business and Financial News, Stock Quotes, and Market Data
# and Analysis.") was quoted as an answer; each of these recurs on 3 to 11 pages of an outlet.
# CNN's newsletter line ("A version of this story appeared in CNN's What Matters
# newsletter.") opened the newest report of the coverage, so "Apa kabar terbaru?" quoted it.
# Fox Business's video widget ("Here are your FOX Business headlines.") opened a report of
# 22 February, so "What happened on February 21?" quoted it as what the day reported.
# In news-en-scale, "Check out what's clicking on FoxBusiness.com." opens 44 Fox Business
# pages, and the New York Times' gift-article box ("Send any friend a story") sits in 44.
# CNBC opens 60 lists of the day's movers with "Check out the companies making headlines
# before the bell:", which opened a day's news.
# A correction notice ("An earlier version of this article misstated ...") opened a report
# of 23 February, and "What happened since February 20?" quoted it; MarketWatch's "This
# corrects the reference date ..." opened 31 January's news ("What happened last month?").
_SITE_NOTICE = re.compile(
    r"^(?:©.*|.*\ball rights reserved\.?|data (?:is )?(?:a real-time snapshot\b.*|delayed at least \d+ minutes\.?)|"
    r"data also provided by|supported by|sign up for (?:our |free )?newsletters?\b.*|"
    r"get this delivered to your inbox\b.*|got a confidential news tip\?.*|watch the full interview below:?|"
    r"a version of this (?:story|article) (?:first )?appeared in\b.*|here are your [\w ]{1,40} headlines\.?|"
    r"check out what['’]s clicking on [\w.]+\.?|,?\s*check out the companies making headlines(?: [\w -]+)?[.:]?|"
    r"as a subscriber, you have \d+ gift articles\b.*|"
    r"send any friend a story|an earlier version of this (?:article|story)\b.*|"
    # An editor's note on what was wrong, not "This corrects a long-standing imbalance ..., the minister said."
    r"this (?:(?:story|article|report|version) )?corrects (?:the|an?) [^,;\"“]{0,80}?\b(?:date|name|spelling|figure|"
    r"number|headline|title|percentage|amount|price|description|reference|quote|attribution|time|day|year|location|"
    r"paragraph|error|misstatement|level|total)s?\b[^,;\"“]*)$",
    re.IGNORECASE,
)
# A byline or a chart's credit on a line of its own: "By Coral Murphy Marcos and William P.
# Davis", "By: Ella Koeze", "Source: FactSet". Live pages print one above every entry (53 in
# news-en-ukraine-2022), and they were quoted as if they were sentences.
_NAME_WORD = r"(?:[A-Z][\w.'’-]*|and|dan|de|van|von|bin)"
_BYLINE = re.compile(
    rf"^(?:(?:By|Oleh):? [A-Z][\w.'’-]*(?: {_NAME_WORD}){{0,7}}"
    rf"|(?:Sources?|Sumber): {_NAME_WORD}(?: {_NAME_WORD}){{0,5}})$"
)
# A contributor line closing a report: "CNN Business' Julia Horowitz contributed to this report.",
# "Michael D. Shear contributed reporting from Washington." (11 pages of news-en-ukraine-2022).
# Ending a sentence, the closing-link rule below leaves it; it was quoted as what a day reported.
# The names before it end no sentence ("Talks resume Monday. Reuters contributed ..." keeps its
# first sentence): no word of two lower-case letters or more before a full stop; initials may.
_CONTRIBUTORS = re.compile(
    r"^[—–-]?\s*\S(?:(?![a-z]{2}[.!?]\s)[^\n]){0,160}?\s(?:contributed|contributes)(?:\s+additional)?\s+"
    r"(?:to\s+this\s+(?:report|story|article)|reporting)(?:\s+from\s+[^\n]{1,60}?)?\.?$"
)
_PROMOTION = re.compile(r"\bCLICK(?:ING)? HERE\b")  # "GET FOX BUSINESS ON THE GO BY CLICKING HERE", in capitals
# The same promotion closing a paragraph: "... in this way., CLICK HERE TO READ MORE ON FOX BUSINESS".
_TRAILING_PROMOTION = re.compile(rf"(?<=[.!?…\"”’])[\s,]+[^a-z\n]*{_PROMOTION.pattern}[^a-z\n]*$")
# A photo caption: a paragraph that ends with its credit in parentheses, "(AP Photo/Michael
# Sohn, File)", "(Photo by Drew Angerer/Getty Images)". It describes a picture the text lacks.
_PHOTO_CREDIT = re.compile(r"\((?:[^()]*\b(?:photo|getty images|ap newsroom)\b[^()]*)\)$", re.IGNORECASE)
# A page's closing links to other stories and contributor lines: short paragraphs at its
# end that do not end a sentence ("Six gruelling days at the world's toughest mountain
# race", "... contributed to this report"). A truncated last paragraph is longer than this.
_TAIL_LINK_WORDS = 15
_SENTENCE_END = re.compile(r"[.!?…\"'”’)\]:]$")
# An author's bio closing a page: "William Watts is MarketWatch's senior markets writer. Based in New
# York, Watts writes about stocks, bonds, currencies and commodities, including oil." Of MarketWatch's
# 355 pages in the shared corpora, 349 end with one (a timeline listed it as a development), in four
# forms: "... is [an outlet's] ... writer" (252), "Myra P. Saefong, assistant global markets editor,
# has covered ..." (70), "Steve Gelsi covers banking and cannabis as a Senior Reporter for
# MarketWatch." (18), "Wallace Witkowski came to MarketWatch from the Associated Press ..." (7).
# A bare name, as bios write it: a report's own people are "Mr." or "Ms." in some outlets.
_BIO_NAME = r"(?:, )?(?!M[rs]s?\.)[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}"
_BIO_ROLE = r"(?i:reporter|correspondent|columnist|editor|writer|journalist|bureau chief)"
_AUTHOR_BIO = re.compile(
    rf"^{_BIO_NAME}(?: is (?:an? |the |[A-Z][\w.]*['’]s )(?:[\w&'’-]+ ){{0,6}}{_BIO_ROLE}\b"
    rf"|, (?:[\w&'’-]+ ){{0,6}}{_BIO_ROLE}, has (?:covered|written|reported)\b"
    rf"| covers [^.]{{1,120}}\bas an? (?:[\w&'’-]+ ){{0,4}}{_BIO_ROLE}\b"
    r"| came to [A-Z][\w.]* from\b)"
)
_BIO_FROM_END = 2  # paragraphs from the page's end a bio may open
# A trailing editor/author tag such as "(ian)" or "(nng/rna)".
_AUTHOR_TAG = re.compile(r"^\(\s*[a-z]{2,5}(?:\s*/\s*[a-z]{2,5})*\s*\)$")
# Paragraph breaks flattened into a run of spaces and a comma: "text.      , Next".
_FLATTENED_BREAK = re.compile(r"[ \t]{2,},[ \t]*|\n[ \t]*,[ \t]+")
# A sentence's end followed by ", ": in some exports the paragraphs were joined with ", "
# ("hostels in 12 cities., More than 60 percent"). Abbreviations look the same ("the U.S.,
# U.K. and Germany"), so the sentence splitter decides which of these ends a sentence.
_END_THEN_COMMA = re.compile(r"(?<=[.!?…])([\"”’]?)[ \t]?,[ \t]+(?=\S)")
_SPLIT_CONTEXT = 80  # characters each side the sentence splitter reads to decide
# A stock-quote widget inside a sentence, each part on its own line: "The Dow \n DJIA,\n -0.68%\n fell".
_QUOTE_WIDGET = re.compile(r"[ \t]*\n[ \t]*[A-Z][A-Z0-9.:\-]{0,11},[ \t]*\n[ \t]*[+\-−]?\d+(?:\.\d+)?%[ \t]*\n[ \t]*")
_DOUBLE_COMMA = re.compile(r",(?:\s*,)+")
_SPACES = re.compile(r"[ \t\u00a0]+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" +([.,;:!?])(?=\s|$)")
# A paragraph shorter than this may legitimately repeat (a quote, a subheading).
_MIN_DEDUP_CHARS = 40

# A dateline in prose: a weekday with its date, "Rabu (2/2/2022)", "Rabu, 2 Februari 2022",
# "Wednesday, Feb. 2, 2022". A bare date ("signed on December 5, 1994") is history, not
# the article's date; the weekday, checked against the calendar, marks the report's day.
_WEEKDAY = "|".join(sorted((re.escape(name) for name in WEEKDAYS), key=len, reverse=True))
_MONTH_WORD = r"[A-Za-z]{3,10}\.?"
_DATELINE = re.compile(
    rf"\b({_WEEKDAY})\.?[\s,(]{{1,3}}"
    rf"(\d{{1,2}}/\d{{1,2}}/\d{{4}}|\d{{1,2}} {_MONTH_WORD} \d{{4}}|{_MONTH_WORD} \d{{1,2}}, \d{{4}})",
    re.IGNORECASE,
)
_DATE_ORDER = {"en": "MDY"}  # most other languages write day first
# Languages the detector may answer. Malay is left out on purpose: it is so close to
# Indonesian that short Indonesian texts are often taken for it.
DETECTABLE_LANGUAGES = ("en", "id", "ru", "uk", "de", "fr", "es", "pl", "nl", "it", "pt", "tr", "ar", "zh", "ja")


def clean_article(article: Article) -> Article:
    """Return the article with clean text, and dates and language filled where derivable.

    ``date`` is the publication day, ``published`` the time when the input gives one, and
    ``event_date`` the day the report describes: the one a weekday in its lead names,
    else the newsroom's date in its address, when either says so.
    """
    text = clean_text(article.text)
    language = article.language.lower() or detect_language(text)
    date = normalise_date(article.date, language) or date_from_text(text, language)
    return replace(
        article,
        title=_SPACES.sub(" ", article.title).strip(),
        text=text,
        language=language,
        date=date,
        published=article.published or published_timestamp(article.date),
        event_date=article.event_date or event_day(text, date) or address_day(article.url, date),
    )


def clean_text(text: str) -> str:
    """Remove furniture, site notices, photo captions, quote widgets, author tags, repeats and stray separators."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _QUOTE_WIDGET.sub(" ", text)
    text = _FLATTENED_BREAK.sub("\n", text)
    text = _END_THEN_COMMA.sub(_break_if_sentence_ends, text)
    text = _DOUBLE_COMMA.sub(",", text)
    paragraphs = [_SPACE_BEFORE_PUNCTUATION.sub(r"\1", _SPACES.sub(" ", line)).strip() for line in text.split("\n")]
    paragraphs = [_without_trailing_promotion(paragraph) for paragraph in paragraphs]
    paragraphs = [p for p in paragraphs if p and p != "," and not _is_furniture(p)]
    while paragraphs and _AUTHOR_TAG.match(paragraphs[-1]):
        paragraphs.pop()
    return "\n\n".join(_drop_repeats(_without_author_bio(_without_closing_links(paragraphs))))


def _without_trailing_promotion(paragraph: str) -> str:
    """The paragraph without a promotion in capitals closing it, looked for only where one is written."""
    return _TRAILING_PROMOTION.sub("", paragraph) if _PROMOTION.search(paragraph) else paragraph


def _break_if_sentence_ends(match: re.Match[str]) -> str:
    """A paragraph break for a ", " that follows a sentence's end; the text unchanged after an abbreviation."""
    text = match.string
    # The splitter trims the ends of its input, so the probe has none to trim.
    before = _SPACES.sub(" ", text[max(0, match.start() - _SPLIT_CONTEXT) : match.start()].replace("\n", " "))
    before = before.lstrip() + match.group(1)
    after = _SPACES.sub(" ", text[match.end() : match.end() + _SPLIT_CONTEXT].replace("\n", " ")).rstrip()
    probe = f"{before} {after}"
    split = blingfire.text_to_sentences(probe)
    if len(split) == len(probe) and split[len(before)] == "\n":
        return match.group(1) + "\n"
    return match.group(0)


def _is_furniture(paragraph: str) -> bool:
    """Whether a paragraph is a widget, a site's notice or promotion, a byline or a photo caption, not article text."""
    return bool(
        _FURNITURE.match(paragraph)
        or _SITE_NOTICE.match(paragraph)
        or _BYLINE.match(paragraph)
        or _CONTRIBUTORS.match(paragraph)
        or (paragraph.isupper() and _PROMOTION.search(paragraph))
        or _PHOTO_CREDIT.search(paragraph)
    )


def _without_closing_links(paragraphs: list[str]) -> list[str]:
    """The paragraphs without the links and credits closing the page, when a story's last sentence precedes them."""
    end = len(paragraphs)
    while end and _is_tail_link(paragraphs[end - 1]):
        end -= 1
    return paragraphs[:end] if end and _SENTENCE_END.search(paragraphs[end - 1]) else paragraphs


def _without_author_bio(paragraphs: list[str]) -> list[str]:
    """The paragraphs without an author's bio among the last ones, and what follows it."""
    for end in range(max(1, len(paragraphs) - _BIO_FROM_END), len(paragraphs)):
        if _AUTHOR_BIO.match(paragraphs[end]):
            return paragraphs[:end]
    return paragraphs


def _is_tail_link(paragraph: str) -> bool:
    """Whether a paragraph could be a link or credit line: short, and ending no sentence."""
    return len(paragraph.split()) <= _TAIL_LINK_WORDS and not _SENTENCE_END.search(paragraph)


def _drop_repeats(paragraphs: list[str]) -> list[str]:
    """Keep the first copy of every paragraph long enough to be a real repeat."""
    seen: set[str] = set()
    kept = []
    for paragraph in paragraphs:
        key = re.sub(r"\W+", " ", paragraph).strip().lower()
        if len(key) >= _MIN_DEDUP_CHARS:
            if key in seen:
                continue
            seen.add(key)
        kept.append(paragraph)
    return kept


# How much likelier than another language an expected one is before reading the text: a
# thousand to one, in the identifier's natural-log scores. Short questions are read as
# Polish or Italian by a few letters ("sanksi" is Polish by 2.2, "Siapa Mike Sommers?"
# French by 1.9, "Best pizza in New York?" Italian by 5.5); a sentence in another
# language leads by 18 or more ("Ne teklif etti?" 18.6, "Welche
# Sicherheitsgarantien fordert Russland?" 35.7).
_EXPECTED_ODDS = math.log(1000)


def detect_language(text: str, expected: tuple[str, ...] = ()) -> str:
    """ISO 639-1 code of the text's language, or "" for text too short to tell or without a clue.

    ``expected`` languages are taken as far likelier than the others (see
    :data:`_EXPECTED_ODDS`): a question to the bot is in one of its languages unless
    its text clearly says otherwise.
    """
    if len(text.strip()) < 3:
        return ""
    scores = dict(_identifier().rank(text))
    if len(set(scores.values())) == 1:  # nothing the identifier knows ("Kremlin", "2022"): no guess
        return ""
    for language in expected:
        if language in scores:
            scores[language] += _EXPECTED_ODDS
    return str(max(scores, key=lambda language: scores[language]))


def _identifier() -> langid.LanguageIdentifier:
    """The one language identifier, loaded by the first caller while concurrent ones wait (not load it too)."""
    with _IDENTIFIER_LOCK:
        return _load_identifier()


_IDENTIFIER_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _load_identifier() -> langid.LanguageIdentifier:
    identifier = langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE)
    identifier.set_languages(list(DETECTABLE_LANGUAGES))
    return identifier


def normalise_date(value: str, language: str = "") -> str:
    """An ISO date (YYYY-MM-DD) from a metadata date string, or "" if unparseable."""
    if not value.strip():
        return ""
    try:  # the common case, ISO 8601, without dateparser's cost
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    settings: dict[str, object] = {
        "DATE_ORDER": _DATE_ORDER.get(language, "DMY"),
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    try:
        parsed = dateparser.parse(value, languages=[language] if language else None, settings=settings)
    except ValueError:  # a language dateparser does not know, such as "english" or "en-US"
        parsed = dateparser.parse(value, settings=settings)
    return parsed.date().isoformat() if parsed else ""


def date_from_text(text: str, language: str) -> str:
    """The first dateline in the article's prose (a weekday and a date that fall together), or ""."""
    for match in _DATELINE.finditer(text):
        weekday, written = match.groups()
        date = normalise_date(written, language)
        if date and datetime.fromisoformat(date).weekday() == WEEKDAYS[weekday.lower()]:
            return date
    return ""
