"""What is wrong with an admin's input, as types: callers tell the cases apart without reading messages.

Every one is a ValueError whose message names the input and the problem; nothing already
stored is changed when one is raised. Anything else raised while changing the coverage is
a fault, to be logged with its traceback, not shown to an admin as their mistake.
"""

from __future__ import annotations


class CoverageInputError(ValueError):
    """Input the coverage cannot take; nothing stored was changed."""


class AlreadyInCorpus(CoverageInputError):
    """The file, or an article id in it, is already in the corpus."""


class NotAnArticle(CoverageInputError):
    """The input holds no article: an unsupported or unreadable file, a page without article text."""


class TooLarge(CoverageInputError):
    """The file or page is over the size limit."""


class Unreachable(CoverageInputError):
    """The URL cannot be fetched: a bad URL, an unknown host, a refused address, an error status, a timeout."""


class UnknownArticle(CoverageInputError):
    """No article of the coverage has that id, or it is no longer where the index says."""


class BuildBusy(CoverageInputError):
    """Another build holds the data directory; nothing was changed."""


__all__ = [
    "AlreadyInCorpus",
    "BuildBusy",
    "CoverageInputError",
    "NotAnArticle",
    "TooLarge",
    "UnknownArticle",
    "Unreachable",
]
