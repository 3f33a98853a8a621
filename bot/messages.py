"""The bot's own words, in English and Indonesian (an answer's are in bot.replies, formatted by bot.telegram_format)."""

from __future__ import annotations

from html import escape

_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "help": (
            "<b>negobot</b> answers questions about news coverage of the US/NATO–Russia negotiations, "
            "quoting the articles it cites.\n\n"
            "I know {documents} articles ({languages}), from {first} to {last}.\n\n"
            "Ask in English or Indonesian: send me a question here, or in a group use "
            "<code>/ask your question</code>, reply to me, or mention me.\n"
            "Example: <i>What did the US offer on missiles?</i>\n\n"
            "Questions may name a day or a time: <i>How many points did the Dow lose on February 11?</i>, "
            "<i>What is the latest on Nord Stream 2?</i>, <i>What happened yesterday?</i>, or ask how a story went: "
            "<i>How did oil prices develop in February?</i>\n"
            "Limit the sources by writing filters in the question: <code>source:CNN</code>, "
            '<code>source:"Fox Business"</code>, <code>language:id</code>, <code>since:2022-02-01</code>, '
            "<code>until:2022-02-20</code>.\n"
            "<code>/timeline topic</code> lists what the coverage reports on a topic, day by day "
            "(the same filters work there). <code>/follow topic</code> tells this chat when new coverage "
            "answers it (/following, /unfollow N)."
        ),
        "filter_error": "I could not read that: {error}.",
        "follow_usage": "Name a topic after the command, e.g. <code>/follow talks on missiles in Europe</code>",
        "follow_limit": "This chat already follows {limit} topics; /unfollow one first (see /following).",
        "followed": "Following {n}: <i>{topic}</i>. I will write here when new coverage answers it.",
        "no_follows": "This chat follows no topics. <code>/follow TOPIC</code> starts one.",
        "unfollow_usage": "Give the number of a follow of this chat: <code>/unfollow N</code> (see /following).",
        "unfollowed": "No longer following <i>{topic}</i>.",
        "alert": "🔔 New coverage on <i>{topic}</i>:",
        "question_usage": "Write a question with the filters, e.g. <code>What did the US offer? source:CNN</code>",
        "timeline_usage": (
            "Name a topic after the command, e.g. <code>/timeline talks between the US and Russia</code> "
            "or <code>/timeline oil prices source:MarketWatch</code>"
        ),
        "ask_usage": "Ask a question after the command, e.g. <code>/ask What did the US offer on missiles?</code>",
        "slow_down": "You are asking faster than I can answer well. Please wait {seconds} s and ask again.",
        "not_admin": "Sorry, only the bot's admins can do that.",
        "reindex_busy": "A re-index is already running; I will update its progress message.",
        "reindex_started": "Re-indexing the corpus…",
        "reindex_done": (
            "Done: index {version} is now served ({documents} articles, {chunks} passages; "
            "{added} added, {changed} changed, {removed} removed)."
        ),
        "reindex_unchanged": "The index is already up to date ({documents} articles, {chunks} passages).",
        "reindex_failed": "Re-index failed: {error}. The previous index is still being served.",
        "input_errors": "Some inputs could not be read:\n{errors}",
        "add_usage": (
            "Send a .txt, .md, .html or .jsonl file with the caption /add, reply /add to such a file, "
            "or give a link: <code>/add https://…</code>"
        ),
        "add_done": "Added {count} article(s):\n{articles}",
        "add_failed": "Could not add it: {error}",
        "remove_usage": "Give the article id: <code>/remove DOC_ID</code> (see /sources).",
        "remove_done": "Removed {doc_id}. The index no longer cites it.",
        "remove_failed": "Could not remove {doc_id}: {error}",
        "sources_page": "<b>Articles {start}–{end} of {total}</b>",
        "feeds_usage": (
            "<code>/feeds add URL</code> (RSS, Atom or a sitemap), <code>/feeds list</code>, "
            "<code>/feeds remove N</code>"
        ),
        "feed_added": "Following feed {n}: {url}. New articles are indexed at every poll.",
        "feed_removed": "No longer following feed {n}: {url}. Its articles stay in the coverage.",
        "feeds_failed": "Could not do that: {error}",
        "no_feeds": "No feeds are followed yet: <code>/feeds add URL</code>",
        "no_duplicates": "No story in the coverage is told by more than one outlet.",
        "no_sources": "The index holds no articles yet.",
        "stale_button": "That answer is from an earlier index; please ask again.",
        "thanks": "Thanks for the feedback!",
        "error": "Sorry, something went wrong while answering. The admins have been told in the log.",
    },
    "id": {
        "help": (
            "<b>negobot</b> menjawab pertanyaan tentang liputan berita perundingan AS/NATO–Rusia, "
            "dengan mengutip artikel sumbernya.\n\n"
            "Saya mengetahui {documents} artikel ({languages}), dari {first} sampai {last}.\n\n"
            "Bertanyalah dalam bahasa Indonesia atau Inggris: kirim pertanyaan di sini, atau di grup gunakan "
            "<code>/ask pertanyaan Anda</code>, balas pesan saya, atau sebut nama saya.\n"
            "Contoh: <i>Apa yang ditawarkan AS terkait rudal?</i>\n\n"
            "Pertanyaan boleh menyebut hari atau waktu: <i>Berapa poin Dow turun pada 11 Februari?</i>, "
            "<i>Apa perkembangan terbaru soal Nord Stream 2?</i>, <i>Apa yang terjadi kemarin?</i>, "
            "atau tanyakan jalannya suatu cerita: "
            "<i>Bagaimana perkembangan harga minyak selama Februari?</i>\n"
            "Batasi sumber dengan menulis filter dalam pertanyaan: <code>sumber:CNN</code>, "
            '<code>sumber:"Fox Business"</code>, <code>bahasa:id</code>, <code>sejak:2022-02-01</code>, '
            "<code>hingga:2022-02-20</code>.\n"
            "<code>/timeline topik</code> menampilkan apa yang diberitakan liputan tentang suatu topik, hari demi hari "
            "(filter yang sama berlaku). <code>/follow topik</code> memberi tahu obrolan ini bila liputan baru "
            "menjawabnya (/following, /unfollow N)."
        ),
        "filter_error": "Itu tidak dapat saya baca: {error}.",
        "follow_usage": "Tulis topik setelah perintah, mis. <code>/follow perundingan rudal di Eropa</code>",
        "follow_limit": "Obrolan ini sudah mengikuti {limit} topik; /unfollow salah satunya dulu (lihat /following).",
        "followed": "Mengikuti {n}: <i>{topic}</i>. Saya akan menulis di sini bila liputan baru menjawabnya.",
        "no_follows": "Obrolan ini belum mengikuti topik apa pun. <code>/follow TOPIK</code> untuk memulai.",
        "unfollow_usage": "Sebutkan nomor topik yang diikuti obrolan ini: <code>/unfollow N</code> (lihat /following).",
        "unfollowed": "Tidak lagi mengikuti <i>{topic}</i>.",
        "alert": "🔔 Liputan baru tentang <i>{topic}</i>:",
        "question_usage": "Tulis pertanyaan beserta filternya, mis. <code>Apa tawaran AS? sumber:CNN</code>",
        "timeline_usage": (
            "Tulis topik setelah perintah, mis. <code>/timeline perundingan AS dan Rusia</code> "
            "atau <code>/timeline harga minyak sumber:MarketWatch</code>"
        ),
        "ask_usage": "Tulis pertanyaan setelah perintah, mis. <code>/ask Apa yang ditawarkan AS terkait rudal?</code>",
        "slow_down": "Anda bertanya lebih cepat daripada yang bisa saya jawab dengan baik. Tunggu {seconds} detik.",
        "not_admin": "Maaf, hanya admin bot yang dapat melakukan itu.",
        "stale_button": "Jawaban itu berasal dari indeks sebelumnya; silakan bertanya lagi.",
        "thanks": "Terima kasih atas masukannya!",
        "error": "Maaf, terjadi kesalahan saat menjawab. Admin sudah diberi tahu lewat log.",
    },
}


def ui_language(language_code: str | None) -> str:
    """Indonesian for users whose Telegram language is Indonesian, English for everyone else."""
    return "id" if (language_code or "").lower().startswith("id") else "en"


def text(key: str, language: str = "en", **values: object) -> str:
    """A UI text in the language (English when it has no translation), with values HTML-escaped."""
    template = _TEXTS.get(language, {}).get(key) or _TEXTS["en"][key]
    return template.format(**{name: escape(str(value)) for name, value in values.items()})
