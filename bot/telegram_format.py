"""Answers as Telegram HTML messages (``parse_mode="HTML"``) that always fit in one message.

Telegram refuses a message whose text is longer than 4096 characters after entity
parsing, so lengths here are *visible* lengths: the text without tags, with entities
decoded. Every piece of corpus text is escaped, and text is only ever shortened
before it is escaped, so a cut can never fall inside a tag or an entity.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import date
from urllib.parse import urlsplit

from bot.replies import listing, replies, reply, untranslated_note
from index.answer import Answer, Citation, Reason
from index.page_joins import as_read
from index.question_time import day_in_words
from index.timeline import Timeline, TimelineLine, distinct_reports

TELEGRAM_LIMIT = 4096

_MIN_LIMIT = 1000  # room for a capped answer and at least one source header with an excerpt
_EXCERPT_CHARS = 280  # a "short quoted excerpt" when there is room
_MIN_EXCERPT_CHARS = 40  # below this an excerpt says nothing; drop a source instead
_TITLE_CHARS = 200
_SOURCE_CHARS = 80
_DATE_CHARS = 40
_MAX_URL_CHARS = 2048  # longer URLs are shown unlinked rather than risk a refused message
_ELLIPSIS = "…"
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def visible_length(text: str) -> int:
    """The length Telegram counts for an HTML message: tags removed, entities decoded.

    Meant for HTML built by this module, where text is escaped so ``<`` only opens tags.
    """
    return len(html.unescape(_TAG.sub("", text)))


def render_answer(answer: Answer, language: str, *, limit: int = TELEGRAM_LIMIT) -> str:
    """The answer with its citation marks, then the numbered sources with short excerpts.

    ``language`` "id" gives Indonesian UI strings, anything else English. To stay within
    ``limit`` visible characters, excerpts are shortened first and trailing sources dropped
    after, so the answer and the sources it cites (always the first ones) survive.
    """
    _check_limit(limit)
    strings = replies(language)
    if answer.reason is Reason.NOT_MENTIONED:
        names = [_shorten(name, _TITLE_CHARS) for name in answer.missing[:5]]
        return _bold(strings["not_mentioned"].format(names=listing(names, language)))
    if answer.reason is Reason.NOT_ANSWERED and answer.closest:
        numbered = [(c.n, c) for c in answer.closest]
        lead = [_bold(reply(language, "closest", filters=answer.filters))]
        return _fit_sources(lead, numbered, limit, fallback=lead)
    if answer.reason is Reason.NOTHING_IN_FILTERS:
        return html.escape(reply(language, "nothing_in_filters", filters=answer.filters))
    if not answer.found:
        return html.escape(reply(language, "not_found", filters=answer.filters))
    lead = [_answer_html(answer, language, limit // 2)] if answer.sentences else []
    if answer.outside_time and answer.time is not None:
        key = "outside_time" if answer.time_reported else "unreported_time"
        lead.insert(0, _bold(reply(language, key, filters=answer.filters, time=answer.time.describe(language))))
    if not answer.citations:
        return "\n".join(lead)
    heading = _bold(strings["sources"])
    numbered = [(c.n, c) for c in answer.citations]
    return _fit_sources([*lead, "", heading] if lead else [heading], numbered, limit, fallback=lead)


def render_more_sources(
    citations: Sequence[Citation], language: str, *, start_number: int, limit: int = TELEGRAM_LIMIT
) -> str:
    """Further sources for the "more sources" button, numbered on from ``start_number``.

    Like the sources of :func:`render_answer`: trailing ones are dropped only when even
    the shortest excerpts would pass ``limit``, so callers should page a few at a time.
    """
    _check_limit(limit)
    strings = replies(language)
    if not citations:
        return html.escape(strings["no_more_sources"])
    numbered = [(start_number + i, c) for i, c in enumerate(citations)]
    return _fit_sources([_bold(strings["more_sources"])], numbered, limit, fallback=[])


def render_passage(citation: Citation, language: str, *, limit: int = TELEGRAM_LIMIT) -> str:
    """The whole passage of one source, under its header, for the "full passage" button.

    The passage is shortened only when it would pass ``limit``. ``language`` is accepted
    for symmetry with the other renderers; the header needs no UI words.
    """
    _check_limit(limit)
    header = _source_header(citation.n, citation)
    room = limit - visible_length(header) - 2  # the blank line between header and passage
    return f"{header}\n\n{html.escape(_shorten(as_read(citation.hit.chunk.text).strip(), room))}"


TIMELINE_LINES_PER_PAGE = 6
_TIMELINE_SENTENCE_CHARS = 300  # and half as much for the sentence a line points back at, shortened first


def timeline_pages(timeline: Timeline) -> int:
    """How many pages the timeline takes (at least one)."""
    return max(1, -(-len(timeline.lines) // TIMELINE_LINES_PER_PAGE))


def render_timeline_page(timeline: Timeline, page: int, language: str, *, limit: int = TELEGRAM_LIMIT) -> str:
    """One page of a timeline: dated lines with citation marks and outlets, then the sources they cite.

    Sentences are shortened, then source titles, then the last sources dropped, until the page fits ``limit``.
    """
    _check_limit(limit)
    strings = replies(language)
    if timeline.nothing_in_filters:
        return html.escape(reply(language, "nothing_in_filters", filters=timeline.filters))
    if not timeline.lines:
        empty = reply(language, "timeline_empty", filters=timeline.filters, topic=timeline.topic)
        return html.escape(empty + untranslated_note(timeline.untranslated, language))
    pages = timeline_pages(timeline)
    page = min(max(page, 0), pages - 1)
    shown = timeline.lines[page * TIMELINE_LINES_PER_PAGE : (page + 1) * TIMELINE_LINES_PER_PAGE]
    header = [
        _bold(strings["timeline"].format(topic=_shorten(timeline.topic, _TITLE_CHARS))),
        html.escape(
            strings["timeline_page" if len(timeline.lines) > 1 else "timeline_page_one"].format(
                count=len(timeline.lines), page=page + 1, pages=pages
            )
        ),
        "",
    ]
    cited = distinct_reports([hit for line in shown for hit in line.reports])
    for room, title_room in ((_TIMELINE_SENTENCE_CHARS, _TITLE_CHARS), (160, 80), (80, 40)):
        entries = []
        for line in shown:
            day = day_in_words(date.fromisoformat(line.day), language)
            marks = "".join(f"[{timeline.number(hit)}]" for hit in line.reports)
            outlets = f" <i>{html.escape(_shorten(', '.join(line.outlets), _SOURCE_CHARS))}</i>" if line.outlets else ""
            ahead = _reported_ahead(line, language)
            entries.append(f"<b>{html.escape(day)}</b> — {ahead}{html.escape(_line_text(line, room))} {marks}{outlets}")
        sources = [_source_header(timeline.number(hit), Citation(0, hit), title_room) for hit in cited]
        text = "\n".join([*header, *entries, "", _bold(strings["sources"]), *sources])
        if visible_length(text) <= limit:
            return text
    while sources and visible_length(text) > limit:  # still too long: the last sources go, as under answers
        sources.pop()
        text = "\n".join([*header, *entries, "", _bold(strings["sources"]), *sources])
    return text if sources else "\n".join([*header, *entries])


def _reported_ahead(line: TimelineLine, language: str) -> str:
    """The italic note "(reported ahead on 9 January 2022) " for a line that previews its day, else ""."""
    if not line.reported_ahead_on:
        return ""
    day = day_in_words(date.fromisoformat(line.reported_ahead_on), language)
    return f"<i>({html.escape(reply(language, 'reported_ahead', day=day))})</i> "


def _line_text(line: TimelineLine, room: int) -> str:
    """A timeline line in at most ``room`` characters for its sentence and half that for its context."""
    sentence = _shorten(_one_line(line.sentence), room)
    return f"{_shorten(_one_line(line.context), room // 2)} {sentence}" if line.context else sentence


def _fit_sources(lead: list[str], numbered: list[tuple[int, Citation]], limit: int, fallback: list[str]) -> str:
    """``lead`` then as many numbered sources as fit, with excerpts as long as the room allows."""
    for count in range(len(numbered), 0, -1):
        kept = numbered[:count]
        headers = [_source_header(n, citation) for n, citation in kept]
        fixed = _joined_length([*lead, *headers]) + count  # each excerpt starts on a new line
        room = min(_EXCERPT_CHARS, (limit - fixed) // count)
        if room >= _MIN_EXCERPT_CHARS:
            entries = [
                f"{header}\n{_quote(citation.hit.chunk.text, room)}"
                for header, (_, citation) in zip(headers, kept, strict=True)
            ]
            return "\n".join([*lead, *entries])
    return "\n".join(fallback)


def _answer_html(answer: Answer, language: str, room: int) -> str:
    """The answer sentences, each with its citation mark (and day, where named), within ``room`` visible characters."""
    marks = [f" [{s.n}]" for s in answer.sentences]
    leads = [s.lead_in(language, _shorten(s.outlet, _SOURCE_CHARS)) for s in answer.sentences]
    texts = [_one_line(s.text) for s in answer.sentences]
    separators = len(texts) - 1
    rooms = _shares(
        [len(text) for text in texts],
        room - separators - sum(len(m) + len(lead) for m, lead in zip(marks, leads, strict=True)),
    )
    return " ".join(
        html.escape(lead + _shorten(text, each)) + m
        for text, each, m, lead in zip(texts, rooms, marks, leads, strict=True)
    )


def _shares(lengths: list[int], room: int) -> list[int]:
    """Each text's room within ``room``: texts that fit an equal share keep their length, the rest share what is left.

    A quote of two or three sentences is cut only when the answer as a whole is too long, not because
    it is longer than a third of the room.
    """
    shares = [0] * len(lengths)
    shortest_first = sorted(range(len(lengths)), key=lengths.__getitem__)
    for position, i in enumerate(shortest_first):
        shares[i] = min(lengths[i], room // (len(lengths) - position))
        room -= shares[i]
    return shares


def _source_header(number: int, citation: Citation, title_chars: int = _TITLE_CHARS) -> str:
    """``[n] Title — Outlet, date``, the title a link when the article has a safe URL."""
    article = citation.hit.article
    title = html.escape(_shorten(_one_line(article.title or article.doc_id), title_chars))
    target = _link_target(article.url)
    if target is not None:
        title = f'<a href="{html.escape(target, quote=True)}">{title}</a>'
    parts = (_shorten(_one_line(article.source), _SOURCE_CHARS), _shorten(_one_line(article.date), _DATE_CHARS))
    details = ", ".join(part for part in parts if part)
    if citation.hit.also_reported_by:
        details += f" (+{_shorten(', '.join(citation.hit.also_reported_by), _SOURCE_CHARS)})"
    return f"[{number}] {title}" + (f" — {html.escape(details)}" if details else "")


def _quote(passage: str, room: int) -> str:
    """A passage shortened to ``room`` characters as an escaped block quote."""
    return f"<blockquote>{html.escape(_shorten(_one_line(as_read(passage)), room))}</blockquote>"


def _link_target(url: str) -> str | None:
    """``url`` when it is a plain http(s) URL Telegram can open, else None (shown as text)."""
    url = url.strip()
    if not url or len(url) > _MAX_URL_CHARS or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. a malformed IPv6 host
        return None
    return url if parts.scheme.lower() in {"http", "https"} and parts.netloc else None


def _shorten(text: str, room: int) -> str:
    """``text`` cut to at most ``room`` characters at a word boundary, marked with "…"."""
    if len(text) <= room:
        return text
    if room <= len(_ELLIPSIS):
        return _ELLIPSIS[:room]
    cut = text[: room - len(_ELLIPSIS) + 1]
    space = cut.rfind(" ")
    # A word longer than half the room is cut mid-word rather than lose most of the text.
    cut = cut[:space] if space > room // 2 else cut[:-1]
    return cut.rstrip() + _ELLIPSIS


def _one_line(text: str) -> str:
    """``text`` with runs of whitespace (newlines included) made single spaces."""
    return _SPACE.sub(" ", text).strip()


def _bold(text: str) -> str:
    """``text`` escaped and in bold."""
    return f"<b>{html.escape(text)}</b>"


def _joined_length(pieces: list[str]) -> int:
    """The visible length of ``pieces`` joined by newlines, measured piece by piece."""
    return sum(visible_length(piece) for piece in pieces) + max(len(pieces) - 1, 0)


def _check_limit(limit: int) -> None:
    """Refuse a limit too small to hold a useful message."""
    if limit < _MIN_LIMIT:
        raise ValueError(f"limit must be at least {_MIN_LIMIT} characters, got {limit}")
