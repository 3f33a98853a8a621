"""What negobot says in its replies, in English and Indonesian: one table for the chat and the command line."""

from __future__ import annotations

from collections.abc import Sequence

_REPLIES: dict[str, dict[str, str]] = {
    "en": {
        "sources": "Sources",
        "more_sources": "More sources",
        "no_more_sources": "No more sources.",
        "not_found": "Not found in the coverage: no indexed article answers this question.",
        "not_mentioned": "Not found in the coverage: it never mentions {names}.",
        "or": "or",
        "closest": "The coverage does not answer this. The closest it comes:",
        "nothing_in_filters": "No article in the coverage matches {filters}.",
        "outside_time": "Nothing in the coverage dated {time} answers this; from other days:",
        "unreported_time": "The coverage has no reports dated {time}; from other days:",
        "timeline": "Timeline: {topic}",
        "timeline_heading": "Timeline of {topic}: {count} developments, oldest first",
        "timeline_heading_one": "Timeline of {topic}: 1 development, oldest first",
        "timeline_page": "{count} developments, oldest first · page {page} of {pages}",
        "timeline_page_one": "1 development · page 1 of 1",
        "timeline_empty": "The coverage reports nothing on {topic}.",
        "reported_ahead": "reported ahead on {day}",
        "not_found_filtered": "Not found under {filters}: no article these filters leave answers this question.",
        "closest_filtered": "The coverage under {filters} does not answer this. The closest it comes:",
        "outside_time_filtered": "Nothing under {filters} dated {time} answers this; from other days:",
        "unreported_time_filtered": "Under {filters}, the coverage has no reports dated {time}; from other days:",
        "timeline_empty_filtered": "The coverage under {filters} reports nothing on {topic}.",
        "timeline_untranslated": (
            "No translation of {words} is known, so no report in another language could be matched to it:"
            " try other words, or ask in the reports' language."
        ),
    },
    "id": {
        "sources": "Sumber",
        "more_sources": "Sumber lainnya",
        "no_more_sources": "Tidak ada sumber lain.",
        "not_found": "Tidak ditemukan dalam liputan: tidak ada artikel terindeks yang menjawab pertanyaan ini.",
        "not_mentioned": "Tidak ditemukan dalam liputan: liputan tidak pernah menyebut {names}.",
        "or": "atau",
        "closest": "Liputan tidak menjawab pertanyaan ini. Yang paling mendekati:",
        "nothing_in_filters": "Tidak ada artikel dalam liputan yang cocok dengan {filters}.",
        "outside_time": "Tidak ada liputan bertanggal {time} yang menjawab ini; dari hari lain:",
        "unreported_time": "Liputan tidak memuat laporan bertanggal {time}; dari hari lain:",
        "timeline": "Linimasa: {topic}",
        "timeline_heading": "Linimasa {topic}: {count} perkembangan, dari yang terlama",
        "timeline_heading_one": "Linimasa {topic}: 1 perkembangan, dari yang terlama",
        "timeline_page": "{count} perkembangan, dari yang terlama · halaman {page} dari {pages}",
        "timeline_page_one": "1 perkembangan · halaman 1 dari 1",
        "timeline_empty": "Liputan tidak memberitakan apa pun tentang {topic}.",
        "reported_ahead": "diberitakan lebih dulu pada {day}",
        "not_found_filtered": (
            "Tidak ditemukan dengan filter {filters}: tidak satu pun artikel yang tersisa menjawab pertanyaan ini."
        ),
        "closest_filtered": "Dengan filter {filters}, liputan tidak menjawab pertanyaan ini. Yang paling mendekati:",
        "outside_time_filtered": (
            "Dengan filter {filters}, tidak ada liputan bertanggal {time} yang menjawab ini; dari hari lain:"
        ),
        "unreported_time_filtered": (
            "Dengan filter {filters}, liputan tidak memuat laporan bertanggal {time}; dari hari lain:"
        ),
        "timeline_empty_filtered": "Dengan filter {filters}, liputan tidak memberitakan apa pun tentang {topic}.",
        "timeline_untranslated": (
            "Terjemahan {words} tidak diketahui, jadi tidak ada laporan berbahasa lain yang bisa dicocokkan:"
            " coba kata lain, atau tanyakan dalam bahasa laporannya."
        ),
    },
}


def replies(language: str) -> dict[str, str]:
    """The reply strings for ``language``: Indonesian for "id", English otherwise."""
    return _REPLIES.get(language, _REPLIES["en"])


def reply(language: str, key: str, *, filters: str = "", **values: str) -> str:
    """The reply ``key`` in ``language``; under the reader's ``filters``, the form that names them, where it has one.

    "Not found in the coverage" is wrong when the reader's own filters left out what
    would answer: the reply says which ("Not found under source:CNN: ...").
    """
    strings = replies(language)
    if filters and f"{key}_filtered" in strings:
        key = f"{key}_filtered"
    return strings[key].format(filters=filters, **values)  # a reply only about filters names them too


def untranslated_note(words: Sequence[str], language: str) -> str:
    """The sentence naming a topic's words no translation is known of ("" for none), led by a space."""
    if not words:
        return ""
    listed = listing([f"'{word}'" for word in words], language)
    return " " + replies(language)["timeline_untranslated"].format(words=listed)


def listing(names: list[str], language: str) -> str:
    """Names as a reply lists them: "Macron, Erdogan or Minsk" ("atau" in Indonesian)."""
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {replies(language)['or']} {names[-1]}"
