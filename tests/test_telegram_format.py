"""Telegram HTML rendering: escaping, the 4096-character limit, languages, links."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import pytest

from bot.presenting import render_timeline_plain, timeline_to_dict
from bot.telegram_format import (
    render_answer,
    render_more_sources,
    render_passage,
    render_timeline_page,
    timeline_pages,
    visible_length,
)
from index.answer import Answer, AnswerSentence, Citation, Reason
from index.documents import Article, Chunk, Hit
from index.question_time import AskedTime, TimeKind
from index.timeline import Timeline, TimelineLine

HOSTILE = 'Deal <script>alert("x")</script> </b> & **bold** _x_ `code` [link](http://e.com) it\'s'
ALLOWED_TAGS = {"b", "i", "a", "blockquote"}
KNOWN_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|#x27|#\d+);")


class TelegramHTMLChecker(HTMLParser):
    """Records problems Telegram's HTML parser would refuse: unknown or unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        if tag == "a":
            if [name for name, _ in attrs] != ["href"]:
                self.problems.append(f"a attributes {attrs}")
            self.hrefs.append(attrs[0][1] or "")
        elif attrs:
            self.problems.append(f"attributes on <{tag}>")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(f"unbalanced </{tag}>")


def check(message: str) -> TelegramHTMLChecker:
    """Assert ``message`` is well-formed Telegram HTML and return what the checker saw."""
    checker = TelegramHTMLChecker()
    checker.feed(message)
    checker.close()
    assert checker.problems == []
    assert checker.stack == [], f"unclosed tags {checker.stack}"
    assert KNOWN_ENTITY.sub("", message).count("&") == 0, "a bare or cut entity"
    return checker


def visible_text(message: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", message))


def citation(
    n: int,
    *,
    title: str = "Talks resume",
    text: str = "The two sides agreed to meet again in Jakarta next week.",
    source: str = "Kompas",
    date: str = "2024-03-01",
    url: str = "https://example.com/talks",
) -> Citation:
    article = Article(doc_id=f"doc{n}", title=title, text=text, date=date, source=source, url=url)
    chunk = Chunk(doc_id=article.doc_id, position=0, start=0, end=len(text), text=text)
    return Citation(n, Hit(row=n, chunk=chunk, article=article, score=1.0 / n, dense=0.5, lexical=1.0))


def answer(citations: list[Citation], sentences: list[AnswerSentence] | None = None) -> Answer:
    if sentences is None:
        sentences = [AnswerSentence(citations[0].hit.chunk.text, citations[0].n)]
    return Answer("When do talks resume?", True, sentences, citations, "fake")


def test_visible_length_counts_text_not_markup() -> None:
    assert visible_length('<b>a &amp; b</b> <a href="https://x.y/?q=1&amp;r=2">t</a>') == 7
    assert visible_length("&lt;script&gt;") == len("<script>")


def test_answer_layout_in_english() -> None:
    message = render_answer(answer([citation(1), citation(2, url="")]), "en")
    check(message)
    lines = message.split("\n")
    assert lines[0] == "The two sides agreed to meet again in Jakarta next week. [1]"
    assert lines[1] == ""
    assert lines[2] == "<b>Sources</b>"
    assert lines[3] == '[1] <a href="https://example.com/talks">Talks resume</a> — Kompas, 2024-03-01'
    assert lines[4] == "<blockquote>The two sides agreed to meet again in Jakarta next week.</blockquote>"
    assert lines[5] == "[2] Talks resume — Kompas, 2024-03-01"


def test_excerpts_leave_out_the_joins_of_a_flattened_page() -> None:
    text = ", The talks ended., Both sides agreed to meet again in Jakarta."
    message = render_answer(answer([citation(1, text=text)]), "en")
    assert "<blockquote>The talks ended. Both sides agreed to meet again in Jakarta.</blockquote>" in message


def test_indonesian_strings() -> None:
    cited = answer([citation(1)])
    assert "<b>Sumber</b>" in render_answer(cited, "id")
    assert "<b>Sources</b>" in render_answer(cited, "fr")
    assert "<b>Sumber lainnya</b>" in render_more_sources([citation(4)], "id", start_number=4)
    assert "<b>More sources</b>" in render_more_sources([citation(4)], "en", start_number=4)


@pytest.mark.parametrize(("language", "expected"), [("en", "Not found in the coverage"), ("id", "Tidak ditemukan")])
def test_not_found_message(language: str, expected: str) -> None:
    message = render_answer(Answer("?", False, [], [], "fake"), language)
    assert message.startswith(expected)
    assert "<" not in message


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Not found in the coverage: it never mentions Macron or Élysée."),
        ("id", "Tidak ditemukan dalam liputan: liputan tidak pernah menyebut Macron atau Élysée."),
    ],
)
def test_names_the_coverage_never_mentions_are_said_in_the_users_language(language: str, expected: str) -> None:
    unmentioned = Answer("?", False, [], [], "fake", Reason.NOT_MENTIONED, ["Macron", "Élysée"])
    message = render_answer(unmentioned, language)
    check(message)
    assert visible_text(message) == expected


@pytest.mark.parametrize(("language", "label"), [("en", "does not answer this"), ("id", "tidak menjawab")])
def test_closest_coverage_is_labelled_as_such_not_as_an_answer(language: str, label: str) -> None:
    related = Answer("?", False, [], [], "fake", Reason.NOT_ANSWERED, closest=[citation(1), citation(2)])
    message = render_answer(related, language)
    check(message)
    lines = visible_text(message).split("\n")
    assert label in lines[0] and lines[1].startswith("[1] Talks resume")
    assert "[2] Talks resume" in visible_text(message)


@pytest.mark.parametrize(
    ("language", "reported", "expected"),
    [
        ("en", True, "Nothing in the coverage dated 1 May 2023 answers this; from other days:"),
        ("en", False, "The coverage has no reports dated 1 May 2023; from other days:"),
        ("id", True, "Tidak ada liputan bertanggal 1 Mei 2023 yang menjawab ini; dari hari lain:"),
        ("id", False, "Liputan tidak memuat laporan bertanggal 1 Mei 2023; dari hari lain:"),
    ],
)
def test_an_answer_from_other_days_says_whether_the_coverage_has_reports_of_the_day(
    language: str, reported: bool, expected: str
) -> None:
    day = date(2023, 5, 1)
    from_other_days = replace(
        answer([citation(1)]), outside_time=True, time_reported=reported, time=AskedTime(day, day, TimeKind.DAY)
    )
    message = render_answer(from_other_days, language)
    check(message)
    assert visible_text(message).split("\n")[0] == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Not found under source:CNN: no article these filters leave answers this question."),
        (
            "id",
            "Tidak ditemukan dengan filter source:CNN: tidak satu pun artikel yang tersisa menjawab pertanyaan ini.",
        ),
    ],
)
def test_not_found_under_the_readers_filters_names_them_not_the_whole_coverage(language: str, expected: str) -> None:
    message = render_answer(Answer("?", False, [], [], "fake", filters="source:CNN"), language)
    check(message)
    assert visible_text(message) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Under until:2023-04-30, the coverage has no reports dated 1 May 2023; from other days:"),
        ("id", "Dengan filter until:2023-04-30, liputan tidak memuat laporan bertanggal 1 Mei 2023; dari hari lain:"),
    ],
)
def test_an_answer_from_other_days_under_a_filter_names_it(language: str, expected: str) -> None:
    day = date(2023, 5, 1)
    from_other_days = replace(
        answer([citation(1)]),
        outside_time=True,
        time_reported=False,
        time=AskedTime(day, day, TimeKind.DAY),
        filters="until:2023-04-30",
    )
    message = render_answer(from_other_days, language)
    check(message)
    assert visible_text(message).split("\n")[0] == expected


def test_hostile_text_is_escaped_and_stays_literal() -> None:
    hostile = citation(1, title=HOSTILE, text=HOSTILE, source="</b>**Tempo**&", date="<i>2024</i>")
    message = render_answer(answer([hostile], [AnswerSentence(HOSTILE, 1)]), "en")
    check(message)  # no <script>, no stray </b>
    shown = visible_text(message)
    assert shown.count("**bold** _x_ `code` [link](http://e.com) it's") == 3  # answer, title, excerpt
    assert shown.count('<script>alert("x")</script>') == 3
    assert "— </b>**Tempo**&, <i>2024</i>" in shown
    assert "&amp;" in message and " & " not in message


def test_quotes_in_url_stay_inside_href() -> None:
    url = 'https://example.com/a"onmouseover="alert(1)&x=<b>'
    checker = check(render_answer(answer([citation(1, url=url)]), "en"))
    assert checker.hrefs == [url]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "ftp://e.com/f", "//e.com", "https://"]
)
def test_only_http_urls_become_links(url: str) -> None:
    message = render_answer(answer([citation(1, url=url)]), "en")
    assert check(message).hrefs == []
    assert "[1] Talks resume — Kompas" in message


def test_links_only_when_url_present() -> None:
    message = render_answer(answer([citation(1, url=""), citation(2, url=" http://e.com/x ")]), "en")
    assert check(message).hrefs == ["http://e.com/x"]


@pytest.mark.parametrize("limit", [1000, 2000, 4096])
def test_many_long_sources_fit_the_limit(limit: int) -> None:
    long_text = "negotiation & <tag> " * 2000
    sources = [citation(n, title="T&" * 500, text=long_text, source="S" * 500, date="D" * 500) for n in range(1, 41)]
    sentences = [AnswerSentence(long_text, 1), AnswerSentence(long_text, 2), AnswerSentence(long_text, 3)]
    message = render_answer(answer(sources, sentences), "en", limit=limit)
    check(message)
    assert visible_length(message) <= limit
    numbers = [int(n) for n in re.findall(r"^\[(\d+)\]", message, flags=re.MULTILINE)]
    assert numbers == list(range(1, len(numbers) + 1))  # trailing sources dropped, never the first
    assert numbers[0] == 1 and len(numbers) < 40


def test_passages_are_shortened_before_sources_are_dropped() -> None:
    sources = [citation(n, text="word " * 3000) for n in range(1, 6)]
    message = render_answer(answer(sources, [AnswerSentence("Short.", 1)]), "en")
    check(message)
    assert visible_length(message) <= 4096
    assert len(re.findall(r"^\[\d+\]", message, flags=re.MULTILINE)) == 5
    assert message.count("word…</blockquote>") == 5  # cut at a word boundary


def test_entities_are_never_cut() -> None:
    sources = [citation(n, text="&" * 10_000, title="<" * 1000) for n in range(1, 30)]
    message = render_answer(answer(sources, [AnswerSentence(">" * 5000, 1)]), "en")
    check(message)
    assert visible_length(message) <= 4096


def test_more_sources_numbered_from_start() -> None:
    message = render_more_sources([citation(1), citation(2)], "en", start_number=4)
    check(message)
    assert re.findall(r"^\[(\d+)\]", message, flags=re.MULTILINE) == ["4", "5"]
    assert render_more_sources([], "id", start_number=4) == "Tidak ada sumber lain."


def test_more_sources_fit_the_limit() -> None:
    sources = [citation(n, text="x " * 5000, title="y" * 5000) for n in range(1, 60)]
    message = render_more_sources(sources, "en", start_number=6)
    check(message)
    assert visible_length(message) <= 4096


def test_passage_is_shown_whole_when_it_fits() -> None:
    text = "First paragraph & more.\n\nSecond <b>paragraph</b>."
    message = render_passage(citation(3, text=text), "en")
    check(message)
    assert message.startswith('[3] <a href="https://example.com/talks">Talks resume</a> — Kompas, 2024-03-01\n\n')
    assert visible_text(message).endswith(text)


def test_long_passage_is_shortened_to_the_limit() -> None:
    message = render_passage(citation(1, text="kata & <b> " * 2000, title=HOSTILE), "id")
    check(message)
    assert visible_length(message) <= 4096
    assert message.endswith("…")


def test_too_small_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="limit"):
        render_answer(answer([citation(1)]), "en", limit=100)


def timeline_of(lines: int, *, sentence: str = HOSTILE, title: str = HOSTILE) -> Timeline:
    hits = [citation(n, title=title * 10, source=HOSTILE).hit for n in range(1, lines + 1)]
    entries = [TimelineLine(f"2022-01-{n:02d}", sentence * 20, [hit]) for n, hit in enumerate(hits, start=1)]
    return Timeline(HOSTILE, entries, sources=hits)


@pytest.mark.parametrize("language", ["en", "id"])
def test_every_timeline_page_is_valid_html_within_the_limit(language: str) -> None:
    timeline = timeline_of(14)
    assert timeline_pages(timeline) == 3
    for page in range(3):
        message = render_timeline_page(timeline, page, language)
        check(message)
        assert visible_length(message) <= 4096
        assert "<script>" not in message and "&lt;script&gt;" in message
    last = visible_text(render_timeline_page(timeline, 2, language))
    assert ("page 3 of 3" in last) if language == "en" else ("halaman 3 dari 3" in last)
    assert "13 January 2022" in last if language == "en" else "13 Januari 2022" in last


def test_a_timeline_page_under_a_small_limit_keeps_its_lines_and_drops_sources() -> None:
    message = render_timeline_page(timeline_of(6), 0, "en", limit=1000)
    check(message)
    assert visible_length(message) <= 1000 and visible_text(message).count("January 2022") == 6


def test_empty_timelines_say_why() -> None:
    assert "reports nothing on" in render_timeline_page(Timeline("oil", []), 0, "en")
    # A word without a known translation names nothing in the other language's reports: the reply says which.
    talks = Timeline("perundingan Jenewa", [], untranslated=("perundingan",))
    assert "No translation of 'perundingan' is known" in visible_text(render_timeline_page(talks, 0, "en"))
    assert "Terjemahan 'perundingan' tidak diketahui" in visible_text(render_timeline_page(talks, 0, "id"))
    assert "translation" not in render_timeline_page(Timeline("oil", []), 0, "en")
    # Under the reader's filters, the reply names them: the rest of the coverage may report it.
    filtered = Timeline("sanksi", [], filters="language:id")
    assert (
        visible_text(render_timeline_page(filtered, 0, "en"))
        == "The coverage under language:id reports nothing on sanksi."
    )
    assert render_timeline_plain(filtered) == "The coverage under language:id reports nothing on 'sanksi'."
    both = Timeline("perundingan senjata", [], untranslated=("perundingan", "senjata"))
    assert "No translation of 'perundingan' or 'senjata' is known" in render_timeline_plain(both)
    assert timeline_to_dict(both)["untranslated"] == ["perundingan", "senjata"]
    nothing = Timeline("oil", [], filters="source:CNN", nothing_in_filters=True)
    assert render_timeline_page(nothing, 0, "id") == "Tidak ada artikel dalam liputan yang cocok dengan source:CNN."


def test_a_long_quote_beside_short_ones_is_shown_whole_when_the_answer_fits() -> None:
    long_quote = "The proposal offers limits on missiles and a transparency mechanism for both sides. " * 9
    sentences = [
        AnswerSentence("Talks resume Monday.", 1),
        AnswerSentence(long_quote, 2),
        AnswerSentence("Both agreed.", 3),
    ]
    message = render_answer(answer([citation(1), citation(2), citation(3)], sentences), "en")
    check(message)
    first_line = visible_text(message.split("\n")[0])
    assert long_quote.strip() + " [2]" in first_line
    assert first_line.startswith("Talks resume Monday. [1]") and first_line.endswith("Both agreed. [3]")


def test_quotes_too_long_together_are_each_cut_to_fit() -> None:
    quote = "word " * 1000
    sentences = [AnswerSentence("Short one.", 1), AnswerSentence(quote, 2), AnswerSentence(quote, 3)]
    message = render_answer(answer([citation(1), citation(2), citation(3)], sentences), "en")
    check(message)
    first_line = visible_text(message.split("\n")[0])
    assert first_line.startswith("Short one. [1]")
    assert first_line.count("word… [") == 2 and len(first_line) <= 4096 // 2


def test_a_timeline_page_lists_a_report_once_however_many_of_its_passages_it_cites() -> None:
    first = citation(1).hit
    second = replace(first, row=7, chunk=replace(first.chunk, position=1))  # another passage of the same report
    lines = [
        TimelineLine("2022-01-10", "Geneva talks began.", [first]),
        TimelineLine("2022-01-12", "Brussels.", [second]),
    ]
    page = render_timeline_page(Timeline("talks", lines, sources=[first]), 0, "en")
    check(page)
    assert page.count("[1] <a") == 1 and page.count("[1]") == 3  # two lines citing it, one source listed


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "(reported ahead on 9 January 2022)"), ("id", "(diberitakan lebih dulu pada 9 Januari 2022)")],
)
def test_a_timeline_line_listed_under_the_day_it_previews_says_it_was_reported_ahead(language: str, said: str) -> None:
    preview = citation(1, text="US and Russian diplomats will meet in Geneva Monday.", date="2022-01-09").hit
    recall = citation(2, text="The talks in Geneva ended without a breakthrough.", date="2022-01-11").hit
    lines = [
        TimelineLine("2022-01-10", "US and Russian diplomats will meet in Geneva Monday.", [preview]),
        TimelineLine("2022-01-10", "The talks in Geneva ended without a breakthrough.", [recall]),
    ]
    timeline = Timeline("talks", lines, sources=[preview, recall])
    html_page = render_timeline_page(timeline, 0, language)
    check(html_page)
    page = visible_text(html_page)
    assert page.count(said) == 1 and f"{said} US and Russian diplomats" in page
    plain = render_timeline_plain(timeline)
    assert "2022-01-10  (reported ahead on 2022-01-09) US and Russian diplomats" in plain
    assert "2022-01-10  The talks in Geneva ended" in plain
    assert [line["reported_ahead_on"] for line in timeline_to_dict(timeline)["lines"]] == ["2022-01-09", ""]
