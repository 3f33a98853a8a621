"""Articles in, cited answers out: cleaning, chunking, embedding, storage, search and answers.

This package never imports telegram; the bot and the command line sit on top of it.
"""

from index.answer import Answer, answer_question
from index.builder import BuildConfig, BuildReport, build_index
from index.documents import Article, Chunk, Hit
from index.embedder import Encoder, LoadedEncoder, load_encoder
from index.search import NoIndexError, SearchConfig, Searcher
from index.versions import DataDir

__all__ = [
    "Answer",
    "Article",
    "BuildConfig",
    "BuildReport",
    "Chunk",
    "DataDir",
    "Encoder",
    "Hit",
    "LoadedEncoder",
    "NoIndexError",
    "SearchConfig",
    "Searcher",
    "answer_question",
    "build_index",
    "load_encoder",
]
