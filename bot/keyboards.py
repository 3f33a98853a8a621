"""Inline keyboards and their callback data (each well under Telegram's 64-byte limit)."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

_LABELS = {
    "en": {"more": "More sources", "passage": "Full {n}", "earlier": "◀ Earlier", "later": "Later ▶"},
    "id": {"more": "Sumber lain", "passage": "Lengkap {n}", "earlier": "◀ Sebelumnya", "later": "Berikutnya ▶"},
}


@dataclass(frozen=True)
class Callback:
    """A decoded button press: what to do, for which recorded question, with what argument."""

    action: str  # "src" (full passage), "more" (next sources), "fb" (feedback), "page" (sources list), "tl" (timeline)
    question_id: int
    argument: int = 0

    def encode(self) -> str:
        """The callback data string, e.g. "src:42:3"."""
        return f"{self.action}:{self.question_id}:{self.argument}"

    @classmethod
    def decode(cls, data: str) -> Callback:
        """Parse callback data made by :meth:`encode`; ValueError for anything else."""
        action, question_id, argument = data.split(":")
        if action not in {"src", "more", "fb", "page", "tl"}:
            raise ValueError(f"unknown button action {action!r}")
        return cls(action, int(question_id), int(argument))


def answer_keyboard(question_id: int, citation_numbers: list[int], language: str) -> InlineKeyboardMarkup:
    """Buttons under an answer: each source in full, more sources, and 👍/👎."""
    labels = _LABELS.get(language, _LABELS["en"])
    passages = [
        InlineKeyboardButton(labels["passage"].format(n=n), callback_data=Callback("src", question_id, n).encode())
        for n in citation_numbers
    ]
    actions = [
        InlineKeyboardButton(labels["more"], callback_data=Callback("more", question_id).encode()),
        InlineKeyboardButton("👍", callback_data=Callback("fb", question_id, 1).encode()),
        InlineKeyboardButton("👎", callback_data=Callback("fb", question_id, -1).encode()),
    ]
    return InlineKeyboardMarkup([passages, actions])


def pages_keyboard(page: int, pages: int) -> InlineKeyboardMarkup | None:
    """Previous/next buttons for the /sources list, or None when it fits one page."""
    buttons = []
    if page > 0:
        buttons.append(InlineKeyboardButton("◀", callback_data=Callback("page", 0, page - 1).encode()))
    if page + 1 < pages:
        buttons.append(InlineKeyboardButton("▶", callback_data=Callback("page", 0, page + 1).encode()))
    return InlineKeyboardMarkup([buttons]) if buttons else None


def timeline_keyboard(timeline_id: int, page: int, pages: int, language: str) -> InlineKeyboardMarkup | None:
    """Earlier/later buttons under a page of a /timeline, or None when it fits one page."""
    labels = _LABELS.get(language, _LABELS["en"])
    buttons = []
    if page > 0:
        buttons.append(
            InlineKeyboardButton(labels["earlier"], callback_data=Callback("tl", timeline_id, page - 1).encode())
        )
    if page + 1 < pages:
        buttons.append(
            InlineKeyboardButton(labels["later"], callback_data=Callback("tl", timeline_id, page + 1).encode())
        )
    return InlineKeyboardMarkup([buttons]) if buttons else None
