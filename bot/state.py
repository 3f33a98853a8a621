"""What the running bot shares between updates, behind one typed accessor."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict, defaultdict, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.records import Records
from bot.settings import Settings
from index.coverage import Coverage
from index.embedder import LoadedEncoder
from index.feed_store import FEEDS_DB, FeedStore
from index.input_errors import CoverageInputError
from index.integrity import INDEX_DB
from index.manifest import IndexMismatchError, Manifest
from index.search import Searcher
from index.store import IndexStore
from index.timeline import Timeline
from index.versions import DataDir

_STATE_KEY = "negobot"
_TIMELINES_KEPT = 64
ALERTED_VERSION = "alerted_version"  # the served version whose new coverage alerts have been sent for
logger = logging.getLogger(__name__)


@dataclass
class BotState:
    """The served index and the bot's own records; the searcher is swapped when a new index is published.

    Work that reads the index off the event loop holds a :meth:`lease` on the searcher it
    started with, so a swap never closes an index under a question in flight. Leases,
    swaps and closes all happen on the event loop's thread.
    """

    settings: Settings
    data_dir: DataDir
    loaded: LoadedEncoder
    searcher: Searcher
    records: Records
    reindex: asyncio.Task[None] | None = None
    building: asyncio.Lock = field(default_factory=asyncio.Lock)  # one index build at a time
    _asked: dict[int, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    _timelines: OrderedDict[tuple[int, str], Timeline] = field(default_factory=OrderedDict)
    _leases: dict[int, int] = field(default_factory=dict)  # id(searcher) -> work in flight on it
    _retired: list[Searcher] = field(default_factory=list)  # swapped out, closed once no lease holds them
    _served: Path | None = None  # the version folder CURRENT named when the searcher was opened
    _unservable: Path | None = None  # the newest version, when another encoder built it (said once)
    _feeds: FeedStore | None = None
    _new_coverage: set[str] = field(default_factory=set)  # articles added or changed since alerts last looked

    def __post_init__(self) -> None:
        self._served = self.data_dir.current()

    @property
    def feeds(self) -> FeedStore:
        """The followed feeds (``feeds.sqlite`` in the data directory), opened on first use."""
        if self._feeds is None:
            self._feeds = FeedStore(self.data_dir.root / FEEDS_DB)
        return self._feeds

    @property
    def coverage(self) -> Coverage:
        """The admin's operations on this bot's corpus and data directory.

        A CoverageInputError when another process published a version with another encoder
        (`negobot index` with openvino-int8): this process's builds would re-embed the whole
        corpus with its own encoder on top of it, undoing that until the bot is restarted.
        """
        newest = self.data_dir.current()
        if newest is not None and (built_with := self._other_encoder_of(newest)) is not None:
            raise CoverageInputError(
                f"index version {newest.name} was built with {built_with}, and this bot runs "
                f"{self.loaded.encoder.name}: restart negobot before changing the coverage"
            )
        return Coverage(self.settings.coverage_config(), self.data_dir, self.loaded)

    def _other_encoder_of(self, version: Path) -> str | None:
        """The encoder that built a published version, when it is not this process's (None otherwise).

        Another process published it (`negobot index` with another backend). A manifest
        that cannot be read is not told here: opening or building the version says what is wrong.
        """
        if version == self._served:
            return None
        try:
            built_with = Manifest.load(version).encoder
        except IndexMismatchError:
            return None
        return built_with if built_with != self.loaded.encoder.name else None

    def timeline(self, timeline_id: int) -> Timeline | None:
        """A /timeline built for the served version, so paging through it does not build it again."""
        key = (timeline_id, self.searcher.manifest.version)
        if key in self._timelines:
            self._timelines.move_to_end(key)
        return self._timelines.get(key)

    def keep_timeline(self, timeline_id: int, version: str, timeline: Timeline) -> None:
        """Remember a built /timeline (the last few dozen)."""
        self._timelines[(timeline_id, version)] = timeline
        while len(self._timelines) > _TIMELINES_KEPT:
            self._timelines.popitem(last=False)

    def wait_before_asking(self, user_id: int, now: float | None = None) -> int:
        """Seconds the user must wait under the per-minute question limit (0: go ahead, and it is counted)."""
        now = time.monotonic() if now is None else now
        recent = self._asked[user_id]
        while recent and now - recent[0] >= 60:
            recent.popleft()
        if len(recent) >= self.settings.questions_per_minute:
            return int(60 - (now - recent[0])) + 1
        recent.append(now)
        return 0

    @contextmanager
    def lease(self) -> Iterator[Searcher]:
        """The served searcher, kept open until the ``with`` block ends even if a newer one is served meanwhile."""
        searcher = self.searcher
        key = id(searcher)
        self._leases[key] = self._leases.get(key, 0) + 1
        try:
            yield searcher
        finally:
            self._leases[key] -= 1
            if not self._leases[key]:
                del self._leases[key]

    async def serve_newest(self) -> bool:
        """Serve the newest published version, whoever published it, if it is not served yet.

        Returns whether the served version changed. The new searcher is opened off the
        event loop. An old one is closed on a later call once no lease holds it: a check
        later, so that quick reads which took ``state.searcher`` without a lease are done too.
        """
        self._close_idle()
        folder = self.data_dir.current()
        if folder is None or folder == self._served:
            return False
        if folder == self._unservable:  # said already; its manifest is not read again at every check
            return False
        if (built_with := self._other_encoder_of(folder)) is not None:
            # This process cannot search it; said once rather than at every check.
            self._unservable = folder
            logger.warning(
                "not serving index version %s: it was built with %s, and this process runs %s."
                " Restart negobot to serve it; still serving %s",
                folder.name,
                built_with,
                self.loaded.encoder.name,
                self.searcher.folder.name,
            )
            return False
        config = self.settings.search_config()
        searcher = await asyncio.to_thread(Searcher.open_current, self.data_dir, self.loaded.encoder, config)
        before, after = self.searcher.store.article_versions(), searcher.store.article_versions()
        self._new_coverage.update(doc_id for doc_id, _ in after - before)
        self._retired.append(self.searcher)
        self.searcher, self._served = searcher, folder
        logger.info("now serving index version %s with encoder %s", searcher.manifest.version, self.loaded.encoder.name)
        return True

    def resume_alerts(self) -> None:
        """At start-up: what versions published while the bot was down added is still new for alerts.

        The last version whose alerts were sent is remembered; when it is still on disk (the
        rollback), the articles the served version adds to it are new coverage.
        """
        alerted = self.records.remembered(ALERTED_VERSION)
        if alerted is None or alerted == self.searcher.manifest.version:
            return
        folder = self.data_dir.version(alerted)
        if folder is None:
            logger.info("the version alerts were last sent for (%s) is gone; alerts start from the served one", alerted)
            return
        old = IndexStore(folder / INDEX_DB, read_only=True)
        try:
            before = old.article_versions()
        finally:
            old.close()
        self._new_coverage.update(doc_id for doc_id, _ in self.searcher.store.article_versions() - before)

    def take_new_coverage(self) -> set[str]:
        """The articles added or changed by the versions served since the last call (for alerts)."""
        new, self._new_coverage = self._new_coverage, set()
        return new

    def close(self) -> None:
        """Close every searcher, served or retired, and the feeds' database (at shutdown)."""
        for searcher in [*self._retired, self.searcher]:
            searcher.close()
        self._retired.clear()
        if self._feeds is not None:
            self._feeds.close()

    def _close_idle(self) -> None:
        """Close the retired searchers no question holds any more."""
        for searcher in [s for s in self._retired if id(s) not in self._leases]:
            self._retired.remove(searcher)
            searcher.close()


class NegobotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """The callback context of negobot's handlers, with the shared state typed."""

    @property
    def state(self) -> BotState:
        """The bot's shared state, set up in ``post_init``."""
        state = self.application.bot_data[_STATE_KEY]
        assert isinstance(state, BotState)
        return state


def attach_state(application: Application[Any, Any, Any, Any, Any, Any], state: BotState) -> None:
    """Make ``state`` what every handler's ``context.state`` returns."""
    application.bot_data[_STATE_KEY] = state
