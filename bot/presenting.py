"""Answers as text for a person, and as JSON for programs."""

from __future__ import annotations

import textwrap
from typing import Any

from index.answer import Answer, Citation, Reason

NOT_FOUND = "Not found in the coverage: no indexed article answers this question."
NOT_ANSWERED = "The coverage does not answer this. The closest it comes:"


def nothing_in_filters(filters: str) -> str:
    """The reply when the reader's filters leave no article."""
    return f"No article in the coverage matches {filters}."


def outside_time(asked_time: str) -> str:
    """The line before an answer taken from other days than the question's."""
    return f"Nothing in the coverage about {asked_time} answers this; from other days:"


def not_mentioned(names: list[str]) -> str:
    """The reply to a question naming what the coverage never mentions, e.g. Macron."""
    listed = ", ".join(names[:-1]) + (f" or {names[-1]}" if len(names) > 1 else names[-1])
    return f"The coverage never mentions {listed}."


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
        "filters": answer.filters,
    }


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
    }


def render_plain(answer: Answer, width: int = 100) -> str:
    """The answer, then the numbered sources with their quoted passages; or why there is none."""
    if answer.reason is Reason.NOT_MENTIONED:
        return not_mentioned(answer.missing)
    if answer.reason is Reason.NOTHING_IN_FILTERS:
        return nothing_in_filters(answer.filters)
    if answer.reason is Reason.NOT_ANSWERED and answer.closest:
        return "\n".join([NOT_ANSWERED, *_sources(answer.closest, width)])
    if not answer.found:
        return NOT_FOUND
    note = [outside_time(answer.asked_time)] if answer.outside_time else []
    body = [textwrap.fill(answer.text, width), "", "Sources:", *_sources(answer.citations, width)]
    return "\n".join(note + body)


def _sources(citations: list[Citation], width: int) -> list[str]:
    lines = []
    for citation in citations:
        article = citation.hit.article
        details = ", ".join(part for part in (article.source, article.date, article.url) if part)
        lines.append(f"[{citation.n}] {article.title or article.doc_id}" + (f" ({details})" if details else ""))
        for paragraph in citation.hit.chunk.text.split("\n\n"):
            lines.append(textwrap.fill(paragraph, width, initial_indent="    > ", subsequent_indent="    > "))
    return lines
