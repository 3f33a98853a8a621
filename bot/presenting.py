"""Answers as text for a person, and as JSON for programs."""

from __future__ import annotations

import textwrap
from typing import Any

from bot.replies import listing, replies, reply, untranslated_note
from index.answer import Answer, Citation, Reason
from index.documents import Article, Hit
from index.feed_store import Feed
from index.page_joins import as_read
from index.timeline import Timeline


def not_mentioned(names: list[str], language: str = "en") -> str:
    """The reply to a question naming what the coverage never mentions, e.g. Macron (in Indonesian as the bot's)."""
    if language == "en":
        return f"The coverage never mentions {listing(names, 'en')}."
    return reply(language, "not_mentioned", names=listing(names, language))


def answer_to_dict(answer: Answer) -> dict[str, Any]:
    """The JSON shape of ``negobot ask --json``."""
    return {
        "question": answer.question,
        "found": answer.found,
        "reason": str(answer.reason),
        "missing": answer.missing,
        "answer": answer.text,
        "citations": [_citation_to_dict(c) for c in answer.citations],
        "closest": [_citation_to_dict(c) for c in answer.closest],
        "encoder": answer.encoder,
        "asked_time": answer.asked_time,
        "outside_time": answer.outside_time,
        "time_reported": answer.time_reported,
        "filters": answer.filters,
    }


def timeline_to_dict(timeline: Timeline) -> dict[str, Any]:
    """The JSON shape of ``negobot timeline --json``."""
    reason = "nothing_in_filters" if timeline.nothing_in_filters else "found" if timeline.lines else "nothing_related"
    return {
        "topic": timeline.topic,
        "filters": timeline.filters,
        "reason": reason,
        "untranslated": list(timeline.untranslated),
        "lines": [
            {
                "day": line.day,
                "reported_ahead_on": line.reported_ahead_on,
                "sentence": line.sentence,
                "context": line.context,
                "outlets": line.outlets,
                "citations": [timeline.number(hit) for hit in line.reports],
            }
            for line in timeline.lines
        ],
        "sources": [_citation_to_dict(Citation(n, hit)) for n, hit in enumerate(timeline.sources, start=1)],
    }


def render_timeline_plain(timeline: Timeline, width: int = 100, language: str = "en") -> str:
    """The timeline as lines "2022-01-10  sentence [n] (outlets)", oldest first, then its sources.

    ``language`` "id" gives its headings and replies in Indonesian, as the bot does.
    """
    if timeline.nothing_in_filters:
        return reply(language, "nothing_in_filters", filters=timeline.filters)
    if not timeline.lines:
        empty = reply(language, "timeline_empty", filters=timeline.filters, topic=repr(timeline.topic))
        return empty + untranslated_note(timeline.untranslated, language)
    count = len(timeline.lines)
    key = "timeline_heading_one" if count == 1 else "timeline_heading"
    heading = reply(language, key, topic=repr(timeline.topic), count=str(count))
    lines = [heading, ""]
    for line in timeline.lines:
        marks = "".join(f"[{timeline.number(hit)}]" for hit in line.reports)
        outlets = f" ({', '.join(line.outlets)})" if line.outlets else ""
        ahead = f"({reply(language, 'reported_ahead', day=line.reported_ahead_on)}) " if line.reported_ahead_on else ""
        entry = f"{line.day}  {ahead}{line.text} {marks}{outlets}"
        lines.append(textwrap.fill(entry, width, subsequent_indent=" " * 12))
    lines += ["", f"{replies(language)['sources']}:"]
    lines += [_source_line(n, hit) for n, hit in enumerate(timeline.sources, start=1)]
    return "\n".join(lines)


def describe_story(copies: list[Article]) -> str:
    """One line about a story told by several outlets: its title and each copy's outlet, day and id."""
    told = "; ".join(f"{a.source or 'no outlet'}, {a.date or 'undated'} ({a.doc_id})" for a in copies)
    return f"{copies[0].title or copies[0].doc_id}: {told}"


def describe_feed(feed: Feed) -> str:
    """One line about a followed feed: its number, URL, articles taken, last poll and any error."""
    polled = f"polled {feed.polled_at}" if feed.polled_at else "not polled yet"
    line = f"{feed.id}. {feed.url}: {feed.articles} articles, {polled}"
    if feed.last_error:
        line += f"; failing ({feed.failures}x, next try after {feed.retry_after}): {feed.last_error}"
    return line


def _source_line(n: int, hit: Hit) -> str:
    article = hit.article
    details = ", ".join(part for part in (article.source, article.date, article.url) if part)
    also = f"; also reported by {', '.join(hit.also_reported_by)}" if hit.also_reported_by else ""
    return f"[{n}] {article.title or article.doc_id}" + (f" ({details}{also})" if details or also else "")


def _citation_to_dict(citation: Citation) -> dict[str, Any]:
    article = citation.hit.article
    return {
        "n": citation.n,
        "doc_id": article.doc_id,
        "title": article.title,
        "source": article.source,
        "date": article.date,
        "event_date": article.event_date,
        "published": article.published,
        "url": article.url,
        "language": article.language,
        "passage": citation.hit.chunk.text,
        "score": round(citation.hit.score, 4),
        "also_reported_by": list(citation.hit.also_reported_by),
    }


def render_plain(answer: Answer, width: int = 100, language: str = "en") -> str:
    """The answer, then the numbered sources with their quoted passages; or why there is none.

    ``language`` "id" gives the labels and replies in Indonesian, as the bot gives them to
    its Indonesian readers ("Pada 11 Februari 2022 (CNN): ...", "Sumber:").
    """
    if answer.reason is Reason.NOT_MENTIONED:
        return not_mentioned(answer.missing, language)
    if answer.reason is Reason.NOTHING_IN_FILTERS:
        return reply(language, "nothing_in_filters", filters=answer.filters)
    if answer.reason is Reason.NOT_ANSWERED and answer.closest:
        return "\n".join([reply(language, "closest", filters=answer.filters), *_sources(answer.closest, width)])
    if not answer.found:
        return reply(language, "not_found", filters=answer.filters)
    note = []
    if answer.outside_time:
        asked = answer.time.describe(language) if answer.time else answer.asked_time
        key = "outside_time" if answer.time_reported else "unreported_time"
        note = [reply(language, key, filters=answer.filters, time=asked)]
    heading = f"{replies(language)['sources']}:"
    body = [textwrap.fill(answer.text_in(language), width), "", heading, *_sources(answer.citations, width)]
    return "\n".join(note + body)


def _sources(citations: list[Citation], width: int) -> list[str]:
    lines = []
    for citation in citations:
        lines.append(_source_line(citation.n, citation.hit))
        for paragraph in as_read(citation.hit.chunk.text).split("\n\n"):
            lines.append(textwrap.fill(paragraph, width, initial_indent="    > ", subsequent_indent="    > "))
    return lines
