"""Syndicated copies: articles whose texts are near-duplicates form one story, told by several outlets.

An agency's report reappears on many sites with other boilerplate, another headline, a
paragraph cut or added. Each article's 5-word shingles are summarised by a MinHash
(datasketch); locality-sensitive hashing finds the pairs whose estimated Jaccard similarity
is at least 0.5, and connected pairs make a story. The story is named by its earliest
article. On copies built from the shared news data (other boilerplate, a paragraph
scrambled) this found 96.5% of the copies with no wrong pair (benchmarks/bench_duplicates.py).
Copies in another language are not found: their words differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

from index.documents import Article

SIMILARITY = 0.5  # estimated Jaccard of 5-word shingles at which two articles are one story
_SHINGLE_WORDS = 5
_PERMUTATIONS = 128
_WORD = re.compile(r"\w+")


def signature(text: str) -> MinHash:
    """The MinHash of a text's 5-word shingles (lower case)."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + _SHINGLE_WORDS]) for i in range(max(1, len(words) - _SHINGLE_WORDS + 1))}
    minhash = MinHash(num_perm=_PERMUTATIONS)
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles])
    return minhash


def stories(articles: Iterable[Article]) -> dict[str, str]:
    """For each article in a story of two or more, the id of the story's earliest article (by date, then id)."""
    ordered = sorted(articles, key=lambda a: (a.published or a.date or "9999", a.doc_id))
    signatures = {article.doc_id: signature(f"{article.title}\n{article.text}") for article in ordered}
    position = {doc_id: i for i, doc_id in enumerate(signatures)}
    index = MinHashLSH(threshold=SIMILARITY, num_perm=_PERMUTATIONS)
    parent: dict[str, str] = {}

    def root(doc_id: str) -> str:
        while parent.get(doc_id, doc_id) != doc_id:
            doc_id = parent[doc_id]
        return doc_id

    for article in ordered:  # earlier articles are inserted first, so a story's root is its earliest
        mine = signatures[article.doc_id]
        for other in index.query(mine):
            if mine.jaccard(signatures[other]) >= SIMILARITY:
                first, second = sorted((root(other), root(article.doc_id)), key=position.__getitem__)
                parent[second] = first
        index.insert(article.doc_id, mine)
    grouped = {doc_id: root(doc_id) for doc_id in signatures}
    sizes: dict[str, int] = {}
    for story in grouped.values():
        sizes[story] = sizes.get(story, 0) + 1
    return {doc_id: story for doc_id, story in grouped.items() if sizes[story] > 1}


__all__ = ["SIMILARITY", "signature", "stories"]
