"""Split articles into sentence-aware passages that fit the encoder's token window."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import blingfire

from index.documents import Article, Chunk

TokenCounter = Callable[[Sequence[str]], list[int]]
"""Counts the tokens of each text as the encoder will see it (prefix and special tokens included)."""

_PARAGRAPH = re.compile(r"[^\n]+")
_WORD = re.compile(r"\S+")
# Titles written before a name, which a sentence does not end with.
_ENDS_WITH_TITLE = re.compile(r"(?:^|\s)(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Rev)\.$")


@dataclass(frozen=True)
class Span:
    """A piece of an article's text, by character offsets."""

    start: int
    end: int


def sentence_spans(text: str) -> list[Span]:
    """Sentence boundaries (Bling Fire's multilingual rules), never crossing a paragraph break.

    Bling Fire sometimes ends a sentence at a title before a name ("Mr." | "Putin's actions
    appear ..."): such a sentence runs on into the next one. Answers read the spans a
    version stored at its build (``IndexStore.sentence_spans``), so a change here reaches
    them in versions built after it.
    """
    spans: list[Span] = []
    for paragraph in _PARAGRAPH.finditer(text):
        if not paragraph.group().strip():
            continue
        _, offsets = blingfire.text_to_sentences_and_offsets(paragraph.group())
        runs_on = False
        for start, end in offsets:
            span = _trim(text, paragraph.start() + start, paragraph.start() + end)
            if span.end <= span.start:
                continue
            if runs_on:
                spans[-1] = Span(spans[-1].start, span.end)
            else:
                spans.append(span)
            runs_on = _ENDS_WITH_TITLE.search(text[spans[-1].start : spans[-1].end]) is not None
    return spans


def chunk_article(article: Article, count_tokens: TokenCounter, max_tokens: int, target_tokens: int) -> list[Chunk]:
    """Pack consecutive sentences into passages of at most ``target_tokens``.

    ``count_tokens`` must measure exactly what the encoder will receive for a
    passage of this article (see :func:`embedding_text`), so ``max_tokens`` is
    a hard guarantee: a sentence longer than the window is split at word
    boundaries instead of being silently truncated by the encoder.
    """
    if target_tokens > max_tokens:
        raise ValueError(f"target_tokens ({target_tokens}) exceeds the encoder window ({max_tokens})")
    text = article.text
    sentences = sentence_spans(text)
    if not sentences:
        return []
    # The fixed cost of a passage (title, prefix, special tokens) is what an empty passage costs.
    overhead = count_tokens([embedding_text(article.title, "")])[0]
    budget = target_tokens - overhead
    if budget <= 0:
        raise ValueError(f"the title of {article.doc_id!r} alone fills the {target_tokens}-token passage budget")
    sizes = _token_sizes(text, sentences, count_tokens)
    pieces: list[tuple[Span, int]] = []
    for span, size in zip(sentences, sizes, strict=True):
        pieces.extend(_split_long(text, span, size, budget, count_tokens) if size > budget else [(span, size)])
    groups = _pack(pieces, budget)
    return _verified_chunks(article, groups, count_tokens, max_tokens)


def embedding_text(title: str, passage: str) -> str:
    """What the encoder embeds for a passage: the article title gives it context."""
    return f"{title}\n{passage}" if title else passage


def _token_sizes(text: str, spans: Sequence[Span], count_tokens: TokenCounter) -> list[int]:
    """Tokens each span adds to a passage, net of the fixed per-text overhead."""
    empty = count_tokens([""])[0]
    return [max(1, n - empty) for n in count_tokens([text[s.start : s.end] for s in spans])]


def _split_long(text: str, span: Span, size: int, budget: int, count_tokens: TokenCounter) -> list[tuple[Span, int]]:
    """Cut an over-long sentence into word windows that each fit the budget."""
    words = [Span(span.start + m.start(), span.start + m.end()) for m in _WORD.finditer(text[span.start : span.end])]
    per_word = max(1, -(-size // max(1, len(words))))
    step = max(1, budget // (per_word + 1))
    windows = [Span(words[i].start, words[min(i + step, len(words)) - 1].end) for i in range(0, len(words), step)]
    return list(zip(windows, _token_sizes(text, windows, count_tokens), strict=True))


def _pack(pieces: Sequence[tuple[Span, int]], budget: int) -> list[Span]:
    """Greedily group consecutive pieces while their token total fits the budget."""
    groups: list[Span] = []
    start, end, used = pieces[0][0].start, pieces[0][0].end, pieces[0][1]
    for span, size in pieces[1:]:
        if used + size <= budget:
            end, used = span.end, used + size
        else:
            groups.append(Span(start, end))
            start, end, used = span.start, span.end, size
    groups.append(Span(start, end))
    return groups


def _verified_chunks(article: Article, groups: list[Span], count_tokens: TokenCounter, max_tokens: int) -> list[Chunk]:
    """Turn packed spans into chunks, after measuring each one for real."""
    spans = _fit_window(article, groups, count_tokens, max_tokens)
    return [
        Chunk(doc_id=article.doc_id, position=i, start=s.start, end=s.end, text=article.text[s.start : s.end])
        for i, s in enumerate(spans)
    ]


def _fit_window(article: Article, spans: list[Span], count_tokens: TokenCounter, max_tokens: int) -> list[Span]:
    """Split, at the whitespace nearest the middle, any span whose real token count overflows."""
    counts = count_tokens([embedding_text(article.title, article.text[s.start : s.end]) for s in spans])
    fitted: list[Span] = []
    for span, count in zip(spans, counts, strict=True):
        if count <= max_tokens:
            fitted.append(span)
            continue
        middle = _nearest_space(article.text, span)
        if middle is None:  # no space to cut at (a URL, text without spaces): cut between characters
            if span.end - span.start < 2:
                raise ValueError(f"a passage of {article.doc_id!r} cannot be split to fit {max_tokens} tokens")
            middle = (span.start + span.end) // 2
        halves = [_trim(article.text, span.start, middle), _trim(article.text, middle, span.end)]
        fitted.extend(_fit_window(article, halves, count_tokens, max_tokens))
    return fitted


def _nearest_space(text: str, span: Span) -> int | None:
    """The whitespace position closest to the middle of the span, if any."""
    middle = (span.start + span.end) // 2
    left, right = text.rfind(" ", span.start + 1, middle + 1), text.find(" ", middle, span.end - 1)
    candidates = [p for p in (left, right) if p > span.start]
    return min(candidates, key=lambda p: abs(p - middle)) if candidates else None


def _trim(text: str, start: int, end: int) -> Span:
    """Shrink a span so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
