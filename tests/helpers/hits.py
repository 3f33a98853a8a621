"""Retrieved passages built by hand, one report each, for tests of what is done with them."""

from __future__ import annotations

from index.documents import Article, Chunk, Hit


def one_passage_reports(texts: list[str], *, title: str = "Talks", language: str = "en", date: str = "") -> list[Hit]:
    """One hit per text, each the only passage of its own report ("report-0", "report-1", ...)."""
    return [
        Hit(
            row=i,
            chunk=Chunk(f"report-{i}", 0, 0, len(text), text),
            article=Article(f"report-{i}", title, text, language=language, date=date),
            score=0.0,
            dense=0.8,
            lexical=0.0,
        )
        for i, text in enumerate(texts)
    ]
