"""Answers as text for a person, and as JSON for programs."""

from __future__ import annotations

import textwrap
from typing import Any

from index.answer import Answer

NOT_FOUND = "Not found in the coverage: no indexed article answers this question."


def answer_to_dict(answer: Answer) -> dict[str, Any]:
    """The JSON shape of ``negobot ask --json``."""
    return {
        "question": answer.question,
        "found": answer.found,
        "answer": answer.text,
        "citations": [
            {
                "n": c.n,
                "doc_id": c.hit.article.doc_id,
                "title": c.hit.article.title,
                "source": c.hit.article.source,
                "date": c.hit.article.date,
                "url": c.hit.article.url,
                "language": c.hit.article.language,
                "passage": c.hit.chunk.text,
                "score": round(c.hit.score, 4),
            }
            for c in answer.citations
        ],
        "encoder": answer.encoder,
    }


def render_plain(answer: Answer, width: int = 100) -> str:
    """The answer, then the numbered sources with their quoted passages."""
    if not answer.found:
        return NOT_FOUND
    lines = [textwrap.fill(answer.text, width), "", "Sources:"]
    for citation in answer.citations:
        article = citation.hit.article
        details = ", ".join(part for part in (article.source, article.date, article.url) if part)
        lines.append(f"[{citation.n}] {article.title or article.doc_id}" + (f" ({details})" if details else ""))
        for paragraph in citation.hit.chunk.text.split("\n\n"):
            lines.append(textwrap.fill(paragraph, width, initial_indent="    > ", subsequent_indent="    > "))
    return "\n".join(lines)
