"""The ``negobot`` command line: index, add, remove, feeds, ingest, ask, timeline, verify, stats, eval, serve."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Never

from tqdm import tqdm

from bot.opening import load_serving_encoder, open_searcher
from bot.presenting import (
    answer_to_dict,
    describe_feed,
    describe_story,
    render_plain,
    render_timeline_plain,
    timeline_to_dict,
)
from bot.settings import Settings, get_settings
from index.answer import Answer, answer_question
from index.answer_scope import leaves_nothing
from index.builder import BuildReport, build_index, unchanged_report
from index.cleaning import detect_language
from index.common_words import is_indonesian_word
from index.coverage import Coverage, coverage_stats
from index.embedder import expected_encoder_name, load_encoder
from index.english_words import is_english_word
from index.evaluation import Outcome, Scores, evaluate, read_qa
from index.feed_store import FEEDS_DB, FeedStore
from index.filters import FilterError, Filters, both_filters, parse_day, split_filters
from index.ingest import ingest
from index.integrity import INDEX_DB, check_version
from index.lexical import ASKED_LANGUAGES
from index.manifest import IndexMismatchError, Manifest
from index.search import NoIndexError, Searcher
from index.store import IndexStore
from index.timeline import build_timeline
from index.versions import BuildInProgressError, DataDir

logger = logging.getLogger("negobot")

_EVAL_K = 5  # sources per answer when measuring: R@5 is read from the same answers


def main(argv: Sequence[str] | None = None) -> int:
    """Run one negobot command; returns the process exit code."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING - 10 * args.verbose, format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = get_settings()
        data_dir = DataDir(args.data_dir or settings.data_dir)
        return int(args.run(args, settings, data_dir))
    except (NoIndexError, IndexMismatchError, BuildInProgressError, ValueError, OSError) as error:
        print(f"negobot: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="negobot", description="Cited answers from news coverage.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, help="index directory (default: NEGOBOT_DATA_DIR or ./data)")
    common.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    limits = argparse.ArgumentParser(add_help=False)
    limits.add_argument("--since", metavar="YYYY-MM-DD", help="only reports of this day or later")
    limits.add_argument("--until", metavar="YYYY-MM-DD", help="only reports of this day or earlier")
    limits.add_argument("--source", action="append", default=[], metavar="OUTLET", help="only this outlet (repeatable)")
    limits.add_argument(
        "--language", action="append", default=[], metavar="CODE", help="only this language, e.g. id (repeatable)"
    )

    index = commands.add_parser("index", parents=[common], help="index articles (default: the corpus directory)")
    index.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or directories")
    index.add_argument(
        "--allow-shrink", action="store_true", help="drop more than half of the served articles if the corpus says so"
    )
    index.set_defaults(run=_index)

    ask = commands.add_parser("ask", parents=[common, limits], help="answer a question with citations")
    ask.add_argument("question", help='the question, or "-" to read one question per line from stdin')
    ask.add_argument("--json", action="store_true", help="print JSON (one object per line with -)")
    ask.add_argument("-k", type=int, help="number of sources (default: NEGOBOT_TOP_K)")
    ask.set_defaults(run=_ask)

    add = commands.add_parser("add", parents=[common], help="add a file of articles or a web page, and index it")
    add.add_argument("source", metavar="FILE|URL", help="a .txt, .md, .html or .jsonl file, or an http(s) URL")
    add.set_defaults(run=_add)

    remove = commands.add_parser("remove", parents=[common], help="remove an article from the corpus and the index")
    remove.add_argument("doc_id", metavar="DOC_ID", help="the article's id (see `negobot stats`, /sources)")
    remove.set_defaults(run=_remove)

    feeds = commands.add_parser("feeds", parents=[common], help="the RSS, Atom and sitemap feeds followed")
    feed_actions = feeds.add_subparsers(required=True, metavar="ACTION")
    follow = feed_actions.add_parser("add", parents=[common], help="follow a feed")
    follow.add_argument("url", metavar="URL")
    follow.set_defaults(run=_feeds_add)
    listing = feed_actions.add_parser("list", parents=[common], help="list the feeds, their state and errors")
    listing.set_defaults(run=_feeds_list)
    unfollow = feed_actions.add_parser("remove", parents=[common], help="stop following feed N")
    unfollow.add_argument("number", type=int, metavar="N")
    unfollow.set_defaults(run=_feeds_remove)

    duplicates = commands.add_parser("duplicates", parents=[common], help="stories told by several outlets")
    duplicates.set_defaults(run=_duplicates)

    ingest_parser = commands.add_parser(
        "ingest", parents=[common], help="poll the feeds once and index their new articles (for cron)"
    )
    ingest_parser.set_defaults(run=_ingest)

    timeline = commands.add_parser(
        "timeline", parents=[common, limits], help="what the coverage reports on a topic, day by day"
    )
    timeline.add_argument("topic", help='the topic, e.g. "talks between the US and Russia"')
    timeline.add_argument("--json", action="store_true", help="print JSON")
    timeline.set_defaults(run=_timeline)

    verify = commands.add_parser("verify", parents=[common], help="check the served index and its rollback")
    verify.set_defaults(run=_verify)

    stats = commands.add_parser("stats", parents=[common], help="describe the served index")
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(run=_stats)

    evaluation = commands.add_parser("eval", parents=[common, limits], help="source and answer metrics over a QA file")
    evaluation.add_argument("qa", type=Path, metavar="QA.jsonl")
    evaluation.add_argument(
        "--mode", choices=("hybrid", "dense", "lexical"), default="hybrid", help="which retrieval to measure"
    )
    evaluation.add_argument("--json", action="store_true", help="print JSON")
    evaluation.add_argument(
        "--show-misses",
        action="store_true",
        help="print each answer that misses (the expected text unquoted, or an answer where none is) to stderr",
    )
    evaluation.set_defaults(run=_eval)

    serve = commands.add_parser("serve", parents=[common], help="run the Telegram bot (TELEGRAM_BOT_TOKEN)")
    serve.set_defaults(run=_serve)
    return parser


def _index(args: argparse.Namespace, settings: Settings, data_dir: DataDir) -> int:
    paths = args.paths or [settings.corpus_dir]
    if not any(p.exists() for p in paths):  # nothing to mirror: leave the index as it is
        raise ValueError(f"no such file or directory: {', '.join(map(str, paths))}")
    config = settings.build_config()
    # An unchanged corpus is told before loading the model, which takes most of a no-op's time.
    backend = settings.backend_for(data_dir)
    expected = expected_encoder_name(settings.embedding_model, settings.model_cache_dir, backend)
    report = unchanged_report(paths, data_dir, expected, config) if expected else None
    if report is not None and expected:
        _print_report(report, expected)
        return 1 if report.errors else 0
    loaded = load_encoder(settings.embedding_model, settings.model_cache_dir, backend)
    with _ProgressBars() as progress:
        report = build_index(paths, data_dir, loaded, config, progress, allow_shrink=args.allow_shrink)
    _print_report(report, loaded.encoder.name)
    return 1 if report.errors else 0


def _print_report(report: BuildReport, encoder: str) -> None:
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    if report.kept_after_error:
        print(f"kept from the previous index because their file failed: {', '.join(report.kept_after_error)}")
    if not report.published:
        print(f"index is up to date: {report.documents} articles, {report.chunks} passages ({encoder})")
        return
    print(
        f"published index {report.version}: {report.documents} articles, {report.chunks} passages; "
        f"{len(report.added)} added, {len(report.changed)} changed, {len(report.removed)} removed, "
        f"{report.embedded} passages embedded ({encoder})"
    )


def _ask(args: argparse.Namespace, settings: Settings, data_dir: DataDir) -> int:
    batch = args.question == "-"
    if not batch:
        _argument_text(args.question, "the question")
        if not args.question.strip():
            raise ValueError('the question is empty (use "-" to read questions from standard input)')
    searcher = open_searcher(settings, data_dir)
    k = args.k or settings.top_k
    filters = filters_from(args)
    if not batch:
        answer = _answer_with_written_filters(args.question, searcher, k, filters)
        print(_shown(answer, as_json=args.json), flush=True)
        return 0
    # One output line per input line, so that callers can zip them: a line that cannot be
    # answered gets an error object (JSON) or an error line (text), never an abort.
    for number, raw in enumerate(sys.stdin.buffer, start=1):
        try:
            question = raw.decode("utf-8").strip()
            answer = _answer_with_written_filters(question, searcher, k, filters)
        except (UnicodeDecodeError, ValueError) as error:
            shown = raw.decode("utf-8", "replace").strip()
            reason = f"line {number} is not valid UTF-8" if isinstance(error, UnicodeDecodeError) else str(error)
            if args.json:
                print(json.dumps({"question": shown, "found": False, "error": reason}, ensure_ascii=False), flush=True)
            elif shown or isinstance(error, UnicodeDecodeError):
                print(f"error: {reason}", flush=True)
            continue
        print(_shown(answer, as_json=args.json), flush=True)
    return 0


def _answer_with_written_filters(question: str, searcher: Searcher, k: int, given: Filters) -> Answer:
    """The answer to ``question`` under the ``given`` filters and those written in it ("... source:CNN")."""
    asked, written = split_filters(question)
    if not asked and question.strip():  # an empty line is refused as such by answer_question
        raise ValueError(f"the question is empty once its filters are read: {question.strip()!r}")
    return answer_question(asked, searcher, k, both_filters(given, written))


def _shown(answer: Answer, *, as_json: bool) -> str:
    """The answer as ``ask`` prints it: JSON, or text labelled in the question's language."""
    if as_json:
        return json.dumps(answer_to_dict(answer), ensure_ascii=False)
    return render_plain(answer, language=_reader_language(answer.question))


def _reader_language(text: str) -> str:
    """The language to reply in to someone who wrote ``text``: Indonesian for Indonesian, else English.

    The command line has no reader's locale, as the bot has, so the text tells. Names alone
    tell nothing: the language detector read "Zelensky" and "What did Lukashenko promise?"
    as Indonesian. It takes an Indonesian word too that is no English word ("Apa kabar?",
    "harga minyak"); a topic of a word or two may then be answered in English ("emas").
    """
    words = re.findall(r"[^\W\d_]+", text)
    words = [word for i, word in enumerate(words) if i == 0 or word.islower()]  # a capital past the first: a name
    indonesian = any(is_indonesian_word(word, any_affix=True) and not is_english_word(word.lower()) for word in words)
    return "id" if indonesian and detect_language(text, ASKED_LANGUAGES) == "id" else "en"


def _timeline(args: argparse.Namespace, settings: Settings, data_dir: DataDir) -> int:
    typed = _argument_text(args.topic, "the topic")
    if not typed.strip():
        raise ValueError("the topic is empty")
    topic, written = split_filters(typed)  # "sanctions source:CNN", as the bot reads it
    filters = both_filters(filters_from(args), written)
    if not topic:
        raise ValueError(f"the topic is empty once its filters are read: {typed.strip()!r}")
    searcher = open_searcher(settings, data_dir)
    timeline = build_timeline(topic, searcher, filters)
    if args.json:
        print(json.dumps(timeline_to_dict(timeline), ensure_ascii=False))
    else:
        print(render_timeline_plain(timeline, language=_reader_language(topic)))
    return 0


def filters_from(args: argparse.Namespace) -> Filters:
    """The filters given on the command line; a FilterError naming a bad one."""
    return Filters(
        since=parse_day(args.since, "since") if args.since else None,
        until=parse_day(args.until, "until") if args.until else None,
        sources=tuple(args.source),
        languages=tuple(language.lower() for language in args.language),
    )


def _argument_text(value: str, what: str) -> str:
    """``value`` from the command line, or a ValueError when it was not valid UTF-8.

    Python keeps such bytes as lone surrogates, which can be neither printed nor searched.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{what} is not valid UTF-8") from None
    return value


def _verify(args: argparse.Namespace, settings: Settings, data_dir: DataDir) -> int:
    """Check the served version and the rollback: files, checksums, counts, dimension, encoder."""
    served = data_dir.current()
    if served is None:
        raise NoIndexError(f"no index in {data_dir.root}; build one with `negobot index`")
    loaded = load_serving_encoder(settings, data_dir)
    damaged = 0
    for role, folder in (("served", served), ("rollback", data_dir.rollback_version())):
        if folder is None:
            continue
        try:
            manifest = Manifest.load(folder)
            manifest.check_encoder(loaded.encoder.name)
            check_version(folder, manifest, checksums=True, dimension=loaded.encoder.dimension)
        except IndexMismatchError as error:
            damaged += 1
            print(f"{role} {folder.name}: {error}")
            continue
        print(
            f"{role} {folder.name}: ok ({manifest.documents} articles, {manifest.chunks} passages; "
            "checksums, counts and dimension agree)"
        )
    return 1 if damaged else 0


def _stats(args: argparse.Namespace, settings: Settings, data_dir: DataDir) -> int:
    folder = data_dir.current()
    if folder is None:
        raise NoIndexError(f"no index in {data_dir.root}; build one with `negobot index`")
    served = coverage_stats(folder)
    stats = {
        "version": served.version,
        "built_at": served.built_at,
        "documents": served.documents,
        "chunks": served.chunks,
        "languages": served.languages,
        "dates": {"first": served.first_day, "last": served.last_day},
        "outlets": served.outlets,
        "encoder": served.encoder,
        "requested_model": served.requested_model,
        "fallback": served.fallback,
        "dimension": served.dimension,
        "vector_index": served.vector_index,
        "data_dir": str(data_dir.root),
    }
    if args.json:
        print(json.dumps(stats, ensure_ascii=False))
        return 0
    for key, value in stats.items():
        if key == "fallback" and value:
            print(f"WARNING: {value}")
        elif key != "fallback":
            print(f"{key:>16}: {value}")
    return 0


def _add(args: argparse.Namespace, settings: Settings, data_dir: DataDir) -> int:
    source = _argument_text(args.source, "the file or URL")
    coverage = _coverage(settings, data_dir)
    with _served_store(data_dir) as store:

        def taken(doc_id: str) -> bool:
            return store is not None and store.article(doc_id) is not None

        if source.startswith(("http://", "https://")):
            change = coverage.add_article(asyncio.run(coverage.fetch_article(source)), taken)
        else:
            path = Path(source)
            if not path.is_file():
                raise ValueError(f"{path} is not a file")
            change = coverage.add_document(path.name, path.read_bytes(), taken)
    print(f"added {', '.join(change.doc_ids)}")
    _print_report(change.report, coverage.loaded.encoder.name)
    return 0


def _remove(args: argparse.Namespace, settings: Settings, data_dir: DataDir) -> int:
    with _served_store(data_dir) as store:
        article = store.article(args.doc_id) if store is not None else None
    coverage = _coverage(settings, data_dir)
    change = coverage.remove(article, args.doc_id)
    print(f"removed {args.doc_id}")
    _print_report(change.report, coverage.loaded.encoder.name)
    return 0


def _duplicates(args: argparse.Namespace, settings: Settings, data_dir: DataDir) -> int:
    with _served_store(data_dir) as store:
        groups = store.duplicate_groups() if store is not None else []
    if not groups:
        print("no story is told by more than one outlet")
    for group in groups:
        print(describe_story(group))
    return 0


def _feeds_add(args: argparse.Namespace, settings: Settings, data_dir: DataDir) -> int:
    url = _argument_text(args.url, "the URL")
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"{url} is not an http(s) URL")
    with _feed_store(data_dir) as feeds:
        feed = feeds.add(url, datetime.now(UTC))
    print(f"following feed {feed.id}: {feed.url}")
    return 0


def _feeds_list(args: argparse.Namespace, settings: Settings, data_dir: DataDir) -> int:
    with _feed_store(data_dir) as feeds:
        listed = feeds.feeds()
    if not listed:
        print("no feeds followed")
    for feed in listed:
        print(describe_feed(feed))
    return 0


def _feeds_remove(args: argparse.Namespace, settings: Settings, data_dir: DataDir) -> int:
    with _feed_store(data_dir) as feeds:
        feed = feeds.remove(args.number)
    print(f"no longer following feed {feed.id}: {feed.url} (its articles stay in the corpus)")
    return 0


def _ingest(args: argparse.Namespace, settings: Settings, data_dir: DataDir) -> int:
    coverage = _coverage(settings, data_dir)
    with _feed_store(data_dir) as feeds, _served_store(data_dir) as store:

        def taken(doc_id: str) -> bool:
            return store is not None and store.article(doc_id) is not None

        report = asyncio.run(ingest(feeds, coverage, taken, datetime.now(UTC), settings.ingest_config()))
    for result in report.feeds:
        state = "unchanged" if result.not_modified else f"error: {result.error}" if result.error else "polled"
        counts = f"{len(result.added)} added, {len(result.skipped)} skipped"
        print(f"feed {result.feed.id} {result.feed.url}: {state}, {counts}")
    if report.build is not None:
        _print_report(report.build, coverage.loaded.encoder.name)
    return 1 if any(result.error for result in report.feeds) else 0


def _feed_store(data_dir: DataDir) -> closing[FeedStore]:
    """The followed feeds of a data directory, closed at the end of a ``with`` block."""
    return closing(FeedStore(data_dir.root / FEEDS_DB))


def _coverage(settings: Settings, data_dir: DataDir) -> Coverage:
    loaded = load_serving_encoder(settings, data_dir)
    return Coverage(settings.coverage_config(), data_dir, loaded)


@contextmanager
def _served_store(data_dir: DataDir) -> Iterator[IndexStore | None]:
    """The served version's store, read-only, or None before the first build."""
    folder = data_dir.current()
    store = IndexStore(folder / INDEX_DB, read_only=True) if folder is not None else None
    try:
        yield store
    finally:
        if store is not None:
            store.close()


def _eval(args: argparse.Namespace, settings: Settings, data_dir: DataDir) -> int:
    items = read_qa(args.qa)
    config = replace(settings.search_config(), dense=args.mode != "lexical", lexical=args.mode != "dense")
    filters = filters_from(args)
    with closing(open_searcher(settings, data_dir, config)) as searcher:
        if leaves_nothing(searcher.store, filters):  # every answer would be "no article matches": no figures
            raise FilterError(f"no article in the coverage matches {filters.describe()}: nothing to evaluate")
        questions = tqdm(items, desc="questions", disable=None, leave=False)
        evaluation = evaluate(questions, lambda question: _answer_or_miss(question, searcher, filters))
    groups = sorted(evaluation.groups.items())
    if args.json:
        results = {"mode": args.mode, "encoder": searcher.encoder.name, "overall": evaluation.overall.summary()}
        results["groups"] = {name: scores.summary() for name, scores in groups}
        print(json.dumps(results))
    else:
        print(f"{args.mode} retrieval with {searcher.encoder.name}, answers from the top {_EVAL_K}")
        _print_scores("overall", evaluation.overall)
        for name, scores in groups:
            _print_scores(name, scores)
    if args.show_misses:
        sys.stdout.flush()  # the table first, then the misses
        for outcome in evaluation.misses:
            _print_miss(outcome)
    return 0


def _answer_or_miss(question: str, searcher: Searcher, filters: Filters) -> Answer:
    """The answer ``eval`` scores; a question that is bad input ("on 2022-13-45") is said on stderr and not found."""
    try:
        return answer_question(question, searcher, _EVAL_K, filters)
    except FilterError as error:
        print(f"negobot: {question!r}: {error}", file=sys.stderr)
        return Answer(question, False, [], [], searcher.encoder.name)


def _serve(args: argparse.Namespace, settings: Settings, data_dir: DataDir) -> int:
    from bot.application import serve  # telegram is only imported by the command that needs it

    logging.getLogger().setLevel(min(logging.getLogger().level, logging.INFO))
    serve(settings.model_copy(update={"data_dir": data_dir.root}))
    return 0


def _print_scores(name: str, scores: Scores) -> None:
    summary = scores.summary()
    print(f"{name:>10}  " + "  ".join(f"{key} {'–' if value is None else value}" for key, value in summary.items()))


def _print_miss(outcome: Outcome) -> None:
    """One answer that misses, for a developer to read (stderr): the expected text unquoted, or an answer to none."""
    item = outcome.item
    source = f"right source at [{outcome.rank}]" if outcome.rank else "no right source"
    print(f"\nmiss [{item.group or '-'}] {item.question}", file=sys.stderr)
    if not item.expected:
        print("  expected: not found", file=sys.stderr)
        print(f"  first quote: {outcome.first_quote}", file=sys.stderr)
        return
    print(f"  expected: {' | '.join(item.expected)}", file=sys.stderr)
    first = outcome.first_quote if outcome.found else "(reported not found)"
    print(f"  first quote ({source}): {first}", file=sys.stderr)


class _ProgressBars:
    """One tqdm bar per build stage."""

    def __init__(self) -> None:
        self._bars: dict[str, tqdm[Never]] = {}

    def __enter__(self) -> _ProgressBars:
        return self

    def __exit__(self, *exc: object) -> None:
        for bar in self._bars.values():
            bar.close()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage not in self._bars:
            unit = {"embedding": "passage", "embedding sentences": "text"}.get(stage, "article")
            self._bars[stage] = tqdm(total=total, desc=stage, unit=unit, disable=None)
        bar = self._bars[stage]
        bar.update(done - bar.n)
