"""A video's teaser opening a report: "Fox News strategic analyst Gen. Jack Keane argues that ...".

Fox Business opens most of its pages with the caption of a video, one sentence in the
present tense on what a guest argues, discusses or weighs in on, before the report
itself begins ("Russia's ultrawealthy oligarchs have lost $32 billion so far this
year"). It tells what someone said on air, often of another story than the report's, so
it is not what the report leads with, nor news of a day: the opening of 22 February's
report on the oligarchs was Keane's view that no sanctions would deter Putin, and "What
happened on February 22?" quoted it first.

A teaser is told by a verb of what guests do on air right after its subject, a title
and name. Of the 310 Fox Business pages of news-en-scale and news-en-ukraine-2022, 172
open with one so told; most others open with a site notice, a caption without such a
verb ("... on the debt ceiling") or "... says ...", which the BBC opens its news with too
("Jaguar Land Rover (JLR) says it has paused ..."). Of the 22,804 other outlets'
paragraphs there (cleaned), three match, each itself a video's caption or a link
("CNN's Ivan Watson explains US Navy's race to salvage its fighter jet:").

Fox prints the captions of further videos lower down its pages, each a paragraph of its
own; those are no development a timeline lists either (:func:`in_teaser`).
"""

from __future__ import annotations

import re

from index.documents import Hit

# What a guest does on air, as captions say it: argues, discusses, weighs in, gives their take.
_ON_AIR = (
    r"argues|explains|joins|previews|criticizes|speaks with|"
    r"(?:discuss(?:es)?|weighs? in|breaks? ?down|reacts?(?= to)|analy[sz]es?)"
    r"|(?:give|offer|provide)s? (?:his|her|their) (?:take|thoughts|read|advice|insight|analysis)"
    r"|(?:offer|provide)s? (?:insight|analysis)|reports (?:on|from)"
)
# The subject: a guest's title and name, two to sixteen words ("Former Deputy Secretary General of NATO
# Rose Gottemoeller", "Mike Waltz, R-Fla.,", "Former Venezuelan ambassador to the U.K."), ending in a
# capitalised word, an abbreviation or a role; a full stop only in an abbreviation ("Gen.", "U.S.",
# "R-N.C."), so that the subject never runs over a sentence's end; no word of a clause ("has", "which").
_ABBREVIATION = r"(?:[A-Z][a-z]{0,3}\.|(?:[A-Z]\.){2,}|[A-Z]-[A-Z][A-Za-z.]*\.)"
_CLAUSE_WORD = r"(?:which|who|that|whose|has|have|had|is|are|was|were|will|would|did|does|do|can|could|may)\b"
_WORD = rf"(?!{_CLAUSE_WORD})(?:{_ABBREVIATION}|[^\s.!?,]+),?"
_ROLE = r"(?:host|expert|analyst|economist|strategist|correspondent|reporter|commentator|professor|chair|panel)s?"
# The last word of the subject: a name, an abbreviation, a role, or any word closing an apposition
# ("Kevin Mahn, Hennion & Walsh Asset Management president, analyzes ...").
_LAST = rf"(?:(?:{_ABBREVIATION}|[A-Z][^\s.!?,]*|{_ROLE}),?|[a-z][^\s.!?,]*,)"
# Not a report's own people, whom some outlets call "Mr." or "Ms." ("Mr. Koskinen, the former I.R.S.
# commissioner, argues that ...").
# Warning, predicting and stressing are news in a report's own lead ("The Kremlin warns ..."); a
# guest's, in a caption, follows a title and a person's name ("Canary CEO Dan Eberhart warns ...").
_NAMED_GUEST = rf"(?!(?:The|But|And|As|If|When|While) )(?:{_WORD} ){{1,13}}[A-Z][\w'’-]+ [A-Z][\w'’-]+"
_TEASER = re.compile(
    rf"(?!M(?:r|s|rs)\. )(?:(?:{_WORD} ){{1,15}}{_LAST} (?:{_ON_AIR})|{_NAMED_GUEST} (?:warns|predicts|stresses)"
    rf"|(?:Experts|Analysts|Panel) (?:{_ON_AIR}))\b"
)


def teaser_end(text: str) -> int:
    """Where the video teaser opening ``text`` (a report's first passage) ends; 0 when it opens with none.

    The teaser is the whole first paragraph, a single line.
    """
    line_end = text.find("\n")
    first = text if line_end < 0 else text[:line_end]
    return len(first) if _TEASER.match(first) else 0


def in_teaser(hit: Hit, start: int) -> bool:
    """Whether the text at ``start`` in ``hit``'s passage is a video's teaser, opening its report or further down.

    Fox Business prints the captions of further videos as paragraphs of their own ("Former
    Sen. Joe Lieberman discusses the Russia-Ukraine conflict as ..."; 16 in its 20 pages of
    news-en-ukraine-2022, five of them were timeline lines). A later passage's first line is
    one when the passage begins a paragraph, not in the middle of one.
    """
    text = hit.chunk.text
    if hit.chunk.position == 0 and start < teaser_end(text):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == 0 and not _begins_paragraph(hit):
        return False
    line_end = text.find("\n", start)
    return _TEASER.match(text[line_start : line_end if line_end >= 0 else len(text)]) is not None


def _begins_paragraph(hit: Hit) -> bool:
    """Whether ``hit``'s passage begins a paragraph of its report (a later passage may begin mid-paragraph)."""
    start = hit.chunk.start
    return start == 0 or hit.article.text[start - 1 : start] == "\n"
