"""Questions become full-text queries that keep what matters."""

from __future__ import annotations

from index.lexical import feedback_terms, query_terms


def test_stop_words_go_but_acronyms_stay():
    assert query_terms("What did the US offer on missiles?") == ["us", "offer", "missiles"]
    assert query_terms("Apa yang ditawarkan AS terkait rudal?") == ["ditawarkan", "as", "terkait", "rudal"]


def test_indonesian_prepositions_and_chat_words_are_not_terms():
    # "di" matched every word starting "di" ("dikirim", "diplomat") as a question's term.
    assert query_terms("Gimana nasib semua diplomat AS di Kyiv soal evakuasi untuk dia?") == [
        "nasib",
        "diplomat",
        "as",
        "kyiv",
        "evakuasi",
    ]


def test_feedback_terms_keep_words_several_passages_share():
    passages = [
        "The NATO-Russia Council met in Brussels on Wednesday.",
        "Envoys gathered in Brussels for the council meeting.",
        "Markets in Tokyo were closed.",
    ]
    assert feedback_terms(passages) == ["brussels", "council"]
