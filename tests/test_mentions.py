"""A question naming what the coverage never mentions is told so, in any language; translated names count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.builder import BuildConfig, build_index
from index.embedder import Encoder, LoadedEncoder
from index.mentions import unmentioned_names
from index.question import read_question
from index.relevance import judge_for
from index.search import Searcher
from index.versions import DataDir
from tests.conftest import SEED
from tests.helpers.fake_encoder import HashedEncoder
from tests.helpers.one_article import searcher_over

GERMANY = (
    "Germany will not send weapons to Ukraine, Chancellor Olaf Scholz said in Berlin, "
    "while Recep Tayyip Erdoğan offered Turkey's help. Nord Stream 2 stays on hold."
)


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Searcher:
    root = tmp_path_factory.mktemp("mentions")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / SEED.name).write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    line = {"id": "berlin", "title": "Berlin holds back", "language": "en", "source": "Rhine Courier", "text": GERMANY}
    (corpus / "news.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    data = DataDir(root / "data")
    build_index([corpus], data, LoadedEncoder(HashedEncoder(), "fake"), BuildConfig(chunk_tokens=60))
    return Searcher.open_current(data, HashedEncoder())


@pytest.fixture(scope="module")
def usem3(multilingual: LoadedEncoder) -> Encoder:
    return judge_for(multilingual.encoder).encoder


def missing(searcher: Searcher, usem3: Encoder, question: str) -> list[str]:
    asked = read_question(question)
    return unmentioned_names(asked, searcher.store, lambda: searcher.search(asked, 8), usem3)


def test_names_the_coverage_never_mentions_are_named(searcher: Searcher, usem3: Encoder):
    assert missing(searcher, usem3, "What did Putin say after meeting Macron in Moscow?") == ["Putin", "Macron"]
    assert missing(searcher, usem3, "Apakah Zelensky menawarkan diri menjadi mediator?") == ["Zelensky"]


def test_a_question_opening_with_a_name_the_coverage_never_mentions_names_it(searcher: Searcher, usem3: Encoder):
    # Capitalised as any first word, but no word of either language: a name.
    assert missing(searcher, usem3, "Kuleba bilang apa?") == ["Kuleba"]
    assert missing(searcher, usem3, "Baerbock visited Kyiv when?") == ["Baerbock", "Kyiv"]  # in reading order
    # An opening name the coverage holds, and opening words of either language, are not missing.
    assert missing(searcher, usem3, "Scholz said what about weapons?") == []
    questions = ["Summarizing the talks, who offered what?", "Gimana sikap Jerman?", "Updatenya apa?", "Tips?"]
    # "Pasca" (post-) opens a clause of time as "Setelah" does, though no dictionary lists it alone.
    for question in [*questions, "Pasca KTT, apa kata Jerman soal senjata?"]:
        assert missing(searcher, usem3, question) == [], question


def test_names_held_in_another_spelling_or_language_count_as_mentioned(searcher: Searcher, usem3: Encoder):
    assert missing(searcher, usem3, "Did Erdogan offer to mediate?") == []  # the article writes Erdoğan
    assert missing(searcher, usem3, "Apa kata Jerman soal senjata untuk Ukraina?") == []  # Jerman is Germany
    assert missing(searcher, usem3, "What did El Pais in Spain publish?") == []  # the seed says Spanyol


def test_a_country_or_language_named_in_another_language_counts_without_retrieving_it(searcher: Searcher):
    def without_passages(question: str) -> list[str]:
        asked = read_question(question)
        return unmentioned_names(asked, searcher.store, lambda: [], HashedEncoder())

    assert without_passages("What did the Spanish press publish?") == []  # the seed says "media Spanyol"
    assert without_passages("Apa sikap Jerman soal senjata?") == []  # the English article says Germany
    assert without_passages("Apa sikap Prancis soal senjata?") == ["Prancis"]  # France is named nowhere


def test_the_coverage_s_languages_and_outlets_count_as_mentioned(searcher: Searcher):
    # No article writes "Indonesian" or "Courier": one is in Indonesian, one is the Rhine Courier's.
    def without_passages(question: str) -> list[str]:
        asked = read_question(question)
        return unmentioned_names(asked, searcher.store, lambda: [], HashedEncoder())

    assert without_passages("What does the Indonesian report say about the leak?") == []
    assert without_passages("Apa isi laporan berbahasa Inggris soal Scholz?") == []
    # "Indonesia" is the country too, which no article names.
    assert without_passages("Siapa pemain bulu tangkis terbaik Indonesia?") == ["Indonesia"]
    assert without_passages("What did the Rhine Courier report about Scholz?") == []
    assert without_passages("What does the Japanese report say about the leak?") == ["Japanese"]  # none is


def test_a_short_title_is_not_a_name(searcher: Searcher, usem3: Encoder):
    # "Menlu" is Menteri Luar Negeri, the foreign minister: no article holds the word.
    assert missing(searcher, usem3, "Apa kata Menlu Jerman soal senjata untuk Ukraina?") == []
    assert missing(searcher, usem3, "Apa kata Menlu Jerman Baerbock soal senjata?") == ["Baerbock"]
    # Alone, with only an acronym beside it: "Menlu AS" is the US Secretary of State, "Kedubes AS" the US embassy.
    assert missing(searcher, usem3, "Apa kata Menlu AS soal senjata untuk Ukraina?") == []
    assert missing(searcher, usem3, "Siapa yang harus meninggalkan Kedubes AS di Jerman?") == []


def test_the_ordinary_words_of_an_indonesian_title_are_not_names(searcher: Searcher, usem3: Encoder):
    # Neither article holds "Kanselir" or "Gedung Putih"; they are a title and an institution.
    assert missing(searcher, usem3, "Apa kata Kanselir Jerman soal senjata untuk Ukraina?") == []
    assert missing(searcher, usem3, "Apa tanggapan Gedung Putih soal tuntutan Rusia?") == []
    # The name in a title is still a name, and a capitalised word on its own stays one.
    assert missing(searcher, usem3, "Apa kata Presiden Jerman Steinmeier soal Ukraina?") == ["Steinmeier"]
    assert missing(searcher, usem3, "Apa yang diputuskan di Bali soal Ukraina?") == ["Bali"]
    assert missing(searcher, usem3, "Apa yang diputuskan di KTT G20 Bali?") == ["G20", "Bali"]  # KTT: a summit


def test_the_short_form_of_an_ordinary_noun_is_not_a_name(searcher: Searcher, usem3: Encoder):
    # "anggota DPR" is a member of a parliament's lower house, "SPBU" a filling station: no article holds them.
    assert missing(searcher, usem3, "Apa kata anggota DPR Jerman soal senjata untuk Ukraina?") == []
    assert missing(searcher, usem3, "Apakah harga bensin di SPBU Jerman naik?") == []
    assert missing(searcher, usem3, "Apakah RUU sanksi untuk Rusia disetujui di Jerman?") == []  # a bill
    # The short form of one body is a name: neither article mentions the United Nations.
    assert missing(searcher, usem3, "Apa kata PBB soal senjata untuk Ukraina?") == ["PBB"]


def test_a_name_is_not_vouched_for_by_the_other_words_of_its_run(searcher: Searcher, usem3: Encoder):
    # The coverage names an Olaf and a Tayyip, not these two: a first name alone does not translate a person.
    assert missing(searcher, usem3, "What did Olaf Meyer say in Berlin?") == ["Meyer"]
    assert missing(searcher, usem3, "What did Tayyip Demir offer Ukraine?") == ["Demir"]


def test_a_shorter_piece_of_another_name_does_not_vouch_for_a_name(searcher: Searcher, usem3: Encoder):
    # "Nord" (of Nord Stream) spells like "Normandy" and usem3 rates the two 0.53; a name's
    # other spelling is about as long as the name ("Erdoğan", above).
    assert missing(searcher, usem3, "Did the Normandy format talks make progress?") == ["Normandy"]


def test_a_piece_of_a_hyphenated_name_still_vouches_for_it(searcher: Searcher, usem3: Encoder):
    # The seed writes "AS dan NATO", never "AS-NATO": its NATO is the name's own piece, however short.
    assert missing(searcher, usem3, "Apa isi tawaran AS-NATO kepada Rusia?") == []


def test_a_title_before_a_name_in_brackets_is_not_a_name(searcher: Searcher, usem3: Encoder):
    # "Jenderal (Purn.)" is a retired general: a title and its short form, both before the name.
    assert missing(searcher, usem3, "Apa kata Jenderal (Purn.) Olaf Scholz soal senjata?") == []
    assert missing(searcher, usem3, "Apa kata Jenderal (Purn.) Olaf Meyer soal senjata?") == ["Meyer"]


def test_an_acronym_that_an_article_writes_out_is_mentioned_without_retrieving_it(tmp_path: Path, usem3: Encoder):
    # Oil reports write "West Texas Intermediate" and never "WTI"; the passages retrieved
    # for a question may well not be those.
    text = (
        "U.S. crude, West Texas Intermediate, rose 3% as the Organization for Security and Co-operation in Europe met."
    )
    searcher = searcher_over(tmp_path, text)

    def missing_unretrieved(question: str) -> list[str]:
        return unmentioned_names(read_question(question), searcher.store, lambda: [], usem3)

    try:
        assert missing_unretrieved("Where did WTI settle on Friday?") == []
        assert missing_unretrieved("What did the OSCE decide?") == []
        assert missing_unretrieved("What did the CSTO decide?") == ["CSTO"]
    finally:
        searcher.close()


def test_names_alike_only_in_their_ending_or_their_other_words_are_not_one_name(tmp_path: Path, usem3: Encoder):
    # usem3 rates "Poroshenko" and "Vasylenko" 0.81, and "Vladimir Chizhov" like "Vladimir Putin":
    # a shared ending or first name says nothing of the name that no article holds.
    text = (
        "Lawmaker Nina Vasylenko said Deputy Foreign Minister Sergei Ryabkov had briefed Vladimir Putin in Moscow "
        "on Crimea."
    )
    searcher = searcher_over(tmp_path, text)
    try:
        assert missing(searcher, usem3, "What did Poroshenko say about Moscow?") == ["Poroshenko"]
        assert missing(searcher, usem3, "What did Vladimir Chizhov say about Moscow?") == ["Chizhov"]
        assert missing(searcher, usem3, "What did Deputy Foreign Minister Alexander Grushko say?") == [
            "Alexander",
            "Grushko",
        ]
        # Another spelling of a name the coverage holds differs before their ending by a letter or two.
        assert missing(searcher, usem3, "What did Vasilenko say about Moscow?") == []
        assert missing(searcher, usem3, "Apa kata Ryabkov soal Krimea?") == []
    finally:
        searcher.close()


def _searcher_over_articles(root: Path, texts: list[str]) -> Searcher:
    """A searcher over English articles, one passage each (the caller closes it)."""
    corpus = root / "corpus"
    corpus.mkdir()
    lines = [
        json.dumps({"id": f"a{i}", "title": "News", "language": "en", "source": "Wire", "text": text})
        for i, text in enumerate(texts)
    ]
    (corpus / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = DataDir(root / "data")
    build_index([corpus], data, LoadedEncoder(HashedEncoder(), "fake"), BuildConfig())
    return Searcher.open_current(data, HashedEncoder())


def test_a_name_made_of_ordinary_words_is_held_only_where_they_stand_together(tmp_path: Path, usem3: Encoder):
    # A snake and an island, no Snake Island; the White House and the Cold War are held together.
    searcher = _searcher_over_articles(
        tmp_path,
        [
            "A snake was found near the White House, where officials recalled the Cold War.",
            "The island would stay calm, Russian Foreign Minister Sergei Lavrov said.",
        ],
    )
    try:
        assert missing(searcher, usem3, "Was Snake Island put on alert?") == ["Snake Island"]
        assert missing(searcher, usem3, "What did the White House say about the Cold War?") == []
        # A title's words are held where the name is; a place is written in each language's way.
        assert missing(searcher, usem3, "What did Foreign Minister Lavrov say?") == []
        assert missing(searcher, usem3, "Apa kata Menteri Luar Negeri Rusia Sergei Lavrov?") == []
    finally:
        searcher.close()


def test_a_name_is_held_as_it_is_written_not_by_its_stem(tmp_path: Path):
    # The full-text index stems "Michelle" to "michel"; no passage names a Michel.
    searcher = searcher_over(tmp_path, "Chicago Fed President Charles Evans and lawmaker Michelle Dupont spoke.")

    def missing_unretrieved(question: str) -> list[str]:
        return unmentioned_names(read_question(question), searcher.store, lambda: [], HashedEncoder())

    try:
        assert missing_unretrieved("What did Charles Michel say about sanctions?") == ["Michel"]
        assert missing_unretrieved("What did Michelle Dupont say about sanctions?") == []
        assert missing_unretrieved("What did Michelle Dupont's aides say?") == []
    finally:
        searcher.close()


def test_a_hyphenated_name_is_held_only_when_each_piece_is(searcher: Searcher, usem3: Encoder):
    # The coverage names Nord Stream, never Yamal: "Nord" does not vouch for "Nord-Yamal".
    assert missing(searcher, usem3, "What happened to the Nord-Yamal pipeline?") == ["Yamal"]
    # A model is one name: the seed's "2" and an "S" somewhere do not make an S-2 missile.
    assert missing(searcher, usem3, "Did Russia move S-2 missiles to Berlin?") == ["S-2"]


def missing_over(folder: Path, text: str, question: str, usem3: Encoder) -> list[str]:
    """What ``question`` names that a coverage of one article holding ``text`` never mentions."""
    folder.mkdir(exist_ok=True)
    searcher = searcher_over(folder, text)
    try:
        return missing(searcher, usem3, question)
    finally:
        searcher.close()


def test_an_acronym_that_is_also_a_word_is_held_only_in_capitals(tmp_path: Path, usem3: Encoder):
    question = "Was the New START treaty discussed in Geneva?"
    said = "Talks will start in Geneva on Monday, officials said."
    assert missing_over(tmp_path / "word", said, question, usem3) == ["START"]
    written = "Officials said the START treaty would be discussed in Geneva."
    assert missing_over(tmp_path / "capitals", written, question, usem3) == []


def test_a_name_spelt_like_another_but_not_translated_by_it_is_missing(tmp_path: Path, usem3: Encoder):
    # usem3 rates "Bakanov" and "Pankov" 0.59, under the 0.6 of names that are one (translations score 0.68 up).
    text = "A deputy Russian defense minister, Nikolai Pankov, claimed Ukraine was ready."
    assert missing_over(tmp_path, text, "What did Bakanov say about sabotage?", usem3) == ["Bakanov"]


def test_a_name_as_written_is_found_in_any_passage_or_title_and_in_either_number(tmp_path: Path, usem3: Encoder):
    # Sixty passages say "who" and "start" before the one that writes the WHO and the START treaty;
    # a title names Zelenskyy where its text says "He"; the reports write "Houthi rebels".
    ordinary = [f"Officials who spoke said talks would start on day {n}." for n in range(60)]
    searcher = _searcher_over_articles(
        tmp_path, [*ordinary, "The WHO said the New START treaty would be discussed.", "Houthi rebels fired missiles."]
    )
    titled = tmp_path / "titled"
    titled.mkdir()
    speech = searcher_over(titled, "He told lawmakers to stand firm.", title="Zelenskyy addresses parliament")
    try:
        assert missing(searcher, usem3, "What did the WHO say about the START treaty?") == []
        assert missing(searcher, usem3, "What did the Houthis fire?") == []
        assert missing(speech, usem3, "What did Zelenskyy tell parliament?") == []
    finally:
        searcher.close()
        speech.close()


def test_a_name_of_ordinary_words_held_apart_is_missing_without_retrieving_anything(tmp_path: Path):
    searcher = _searcher_over_articles(tmp_path, ["A snake was seen.", "The island stayed calm."])
    try:
        asked = read_question("Was Snake Island put on alert?")
        assert unmentioned_names(asked, searcher.store, lambda: [], HashedEncoder()) == ["Snake Island"]
        assert not searcher.store.mentions_together([])
    finally:
        searcher.close()
