"""Sentences that report what a person said by pronoun, and the sentence naming the person they follow.

A story names a speaker once, then goes on with what "she said" or "he added":
"... said Shaistah Akhtar, an expert on sanctions law. But some of the restraint so far
is deliberate, she added. "They needed to allow some room to manoeuvre," she said." The
sentence holding what a question asks of a named person often names them only so. Such
a sentence is attributed to the last sentence before it in the story that does not
report by pronoun too, at most :data:`REACH` sentences back.
"""

from __future__ import annotations

import re

from index.sentence_pool import SentencePool

REACH = 3  # sentences back to the one naming the speaker
_SAYING = (
    "said says added adds told tells wrote writes warned warns noted notes explained explains argued argues"
    " stressed stresses insisted insists predicted predicts believes thinks expects continued continues"
)
# "She said", "he also said", "she has said", "he later told"; not "they", who are several people.
_PRONOUN_EN = r"(?:he|she)\s+(?:(?:also|later|then|has|had|\w+ly)\s+)?(?:" + "|".join(_SAYING.split()) + r")\b"
_PRONOUN_ID = (
    r"(?:katanya|ujarnya|tuturnya|ucapnya|jelasnya|tambahnya|imbuhnya|tegasnya|ungkapnya|menurutnya"
    r"|(?:kata|ujar|tutur|jelas)\s+(?:dia|ia|beliau)"
    r"|(?:dia|ia|beliau)\s+(?:(?:juga|pun|lalu|kemudian)\s+)?"
    r"(?:mengatakan|menambahkan|menjelaskan|menegaskan|menyebutkan|menyebut|memperingatkan|berkata))\b"
)
# The attribution opens the sentence ("She added that ...", "But he also said ...", not a
# quotation's own pronoun: "“He told me to leave,” Kasman said.") or follows a comma or a
# quotation, ending the sentence or going on with the quotation ("..., she said.", "...,”
# he said in an interview.", "..., he said, “..."): inside a sentence, "he said" is more
# often a named speaker's reported clause ("Kasman said he expects ...").
_OPENING = r"^[^\w\"“‘]*"
_CLOSING = r"[^\"“”]*$|\s*,\s*[\"“]"
_REPORTED = {
    "en": re.compile(rf"{_OPENING}(?:but\s+|and\s+)?{_PRONOUN_EN}|[,\"”]\s*{_PRONOUN_EN}(?:{_CLOSING})", re.IGNORECASE),
    "id": re.compile(
        rf"{_OPENING}(?:namun\s+|tetapi\s+)?{_PRONOUN_ID}|[,\"”]\s*{_PRONOUN_ID}(?:{_CLOSING})", re.IGNORECASE
    ),
}
_HE_OR_SHE = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
_OPENS_QUOTED = re.compile(r"\s*[\"“‘'«„]")
# After a quotation in any marks: "'He told me to leave,' she said.", "«Kami siap», he said."
_REPORTED_AFTER_QUOTATION = re.compile(rf"(?<=\S)[,\"”’'»“]\s*{_PRONOUN_EN}(?:{_CLOSING})", re.IGNORECASE)


def reports_by_pronoun(sentence: str, language: str) -> bool:
    """Whether ``sentence``, in ``language`` ("en", "id", "en-GB"), reports what someone said by a pronoun."""
    pattern = _REPORTED.get(base_language(language))
    return pattern is not None and pattern.search(sentence) is not None


def reporting_pronoun(sentence: str, language: str) -> str | None:
    """The pronoun, "he" or "she", by which an English ``sentence`` reports what someone said; None otherwise.

    A sentence opening with a quotation is reported after it ("'He told me to leave,' she
    said."): the quotation's own pronouns are not whom it reports. Indonesian pronouns
    ("dia", "ia", "beliau") tell no one apart, so an Indonesian sentence has none.
    """
    if base_language(language) != "en":
        return None
    pattern = _REPORTED_AFTER_QUOTATION if _OPENS_QUOTED.match(sentence) else _REPORTED["en"]
    match = pattern.search(sentence)
    said_by = None if match is None else _HE_OR_SHE.search(match.group())
    return None if said_by is None else said_by.group().lower()


def base_language(language: str) -> str:
    """A language code without its region, in lower case: "en" for "en-GB"."""
    return language.casefold().split("-")[0]


def speaker_sentence(pool: SentencePool, i: int) -> int | None:
    """The pool sentence that names whom pool sentence ``i`` reports by pronoun; None when ``i`` does not.

    The sentences before ``i`` in its passage, then the passage before it in its article
    where the pool holds it (a neighbour), are read back to the first that does not
    report by pronoun itself.
    """
    language = pool.hits[pool.sentences[i].hit].article.language
    if not reports_by_pronoun(pool.sentences[i].text, language):
        return None
    current = i
    for _ in range(REACH):
        before = _sentence_before(pool, current)
        if before is None:
            return None
        if not reports_by_pronoun(pool.sentences[before].text, language):
            return before
        current = before
    return None


def _sentence_before(pool: SentencePool, i: int) -> int | None:
    """The pool sentence just before ``i`` in its article, when the pool holds it."""
    hit = pool.sentences[i].hit
    if i > 0 and pool.sentences[i - 1].hit == hit:
        return i - 1
    chunk = pool.hits[hit].chunk
    for j in range(len(pool.sentences) - 1, -1, -1):
        other = pool.hits[pool.sentences[j].hit].chunk
        if other.doc_id == chunk.doc_id and other.position == chunk.position - 1:
            return j  # the last sentence of the passage before
    return None


__all__ = ["REACH", "reporting_pronoun", "reports_by_pronoun", "speaker_sentence"]
