"""A video's teaser opening a report: "Fox News strategic analyst Gen. Jack Keane argues that ...".

Fox Business opens most of its pages (182 of 310 in news-en-scale and news-en-ukraine-2022,
the others mostly with a site notice or "... says ...") with the caption of a
video, one sentence in the present tense on what a guest argues, discusses or weighs in
on, before the report itself begins ("Russia's ultrawealthy oligarchs have lost $32
billion so far this year"). It tells what someone said on air, often of another story
than the report's, so it is not what the report leads with, nor news of a day: the
opening of 22 February's report on the oligarchs was Keane's view that no sanctions
would deter Putin, and "What happened on February 22?" quoted it first.

A teaser is told by its verb, one of commentary right after its subject (the guest's
title and name). "says" is left out: the BBC opens reports that way ("Jaguar Land Rover
(JLR) says it has paused ..."). With the verbs kept, no other outlet's report in those
two corpora opens with a teaser.
"""

from __future__ import annotations

import re

from index.documents import Hit

_COMMENTARY = (
    r"(?:argue|stresse|warn|react|predict|explain|examine|analy[sz]e|join|criticize|addresse|detail|accuse)s|"
    r"(?:discuss(?:es)?|weighs? in|breaks? ?down|reports (?:on|from)|"
    r"(?:give|offer|provide)s? (?:his|her|their|insight|analysis|an? ))"
)
# The subject: up to sixteen words of a title and a name ("Former Deputy Secretary General of NATO Rose
# Gottemoeller", "Mike Waltz, R-Fla.,"), none of them a relative pronoun (", which reports on ...").
_SUBJECT = r"(?:(?!(?:which|who|that|whose)\b)[^\s.!?]+(?:\.(?= [A-Z]|,))?,?\s){1,16}?"
_TEASER = re.compile(rf"{_SUBJECT}(?<!\bto )(?:{_COMMENTARY})\b")


def teaser_end(text: str) -> int:
    """Where the video teaser opening ``text`` (a report's first passage) ends; 0 when it opens with none.

    The teaser is the whole first paragraph, a single line.
    """
    line_end = text.find("\n")
    first = text if line_end < 0 else text[:line_end]
    return len(first) if _TEASER.match(first) else 0


def in_teaser(hit: Hit, start: int) -> bool:
    """Whether the text at ``start`` in ``hit``'s passage is the teaser opening its report."""
    return hit.chunk.position == 0 and start < teaser_end(hit.chunk.text)
