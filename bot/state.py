"""What the running bot shares between updates, behind one typed accessor."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict, defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.records import Records
from bot.settings import Settings
from index.embedder import LoadedEncoder
from index.search import SearchConfig, Searcher
from index.timeline import Timeline
from index.versions import DataDir

_STATE_KEY = "negobot"
_TIMELINES_KEPT = 64
logger = logging.getLogger(__name__)


@dataclass
class BotState:
    """The served index and the bot's own records; the searcher is swapped when a new index is published."""

    settings: Settings
    data_dir: DataDir
    loaded: LoadedEncoder
    searcher: Searcher
    records: Records
    reindex: asyncio.Task[None] | None = None
    building: asyncio.Lock = field(default_factory=asyncio.Lock)  # one index build at a time
    _asked: dict[int, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    _timelines: OrderedDict[tuple[int, str], Timeline] = field(default_factory=OrderedDict)

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

    def serve_latest(self) -> None:
        """Switch to the newest published index; questions in flight finish on the old one."""
        self.searcher = Searcher.open_current(
            self.data_dir, self.loaded.encoder, SearchConfig(min_relevance=self.settings.min_relevance)
        )
        logger.info(
            "now serving index version %s with encoder %s", self.searcher.manifest.version, self.loaded.encoder.name
        )


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
