"""A translated copy of a served article is one story with it, with the real multilingual encoder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index.builder import BuildConfig, build_index
from index.embedder import LoadedEncoder
from index.integrity import INDEX_DB
from index.store import IndexStore
from index.versions import DataDir
from tests.conftest import SEED, UKRAINE

REPORTS = Path(__file__).parent / "data" / "indonesian_reports.jsonl"

ENGLISH = {
    "geneva": (
        "2022-01-10",
        "US and Russian diplomats met in Geneva on Monday for more than seven hours. Deputy Secretary of "
        "State Wendy Sherman said Washington would not let anyone slam closed NATO's open door. Deputy "
        "Foreign Minister Sergei Ryabkov said Moscow saw no reason for optimism but would keep talking.",
    ),
    "gold": (
        "2022-01-11",
        "Gold prices rose for a third day as investors weighed inflation data and tension over Ukraine. "
        "Bullion for February delivery settled at $1,818 an ounce on the Comex, while silver slipped. "
        "Traders said a weaker dollar also supported the metal.",
    ),
    "baltic": (
        "2022-01-12",
        "Estonia, Latvia and Lithuania asked NATO to station more troops on their soil. The Baltic defence "
        "ministers said Russia's build-up near Ukraine threatened the whole eastern flank. Germany said it "
        "would consider sending additional fighter jets to the region.",
    ),
    "gas": (
        "2022-01-12",
        "European gas prices jumped after flows through the Yamal pipeline fell to zero. Analysts said "
        "Gazprom was meeting long-term contracts but selling nothing extra on the spot market. The EU "
        "energy commissioner called for more storage before next winter.",
    ),
    "osce": (
        "2022-01-13",
        "At the OSCE in Vienna, Poland's foreign minister warned that the risk of war in Europe was greater "
        "than at any time in the past thirty years. Russia's envoy said Moscow would wait for written "
        "answers from Washington before deciding its next steps.",
    ),
}
INDONESIAN = {
    "jenewa-salinan": (  # a translated copy of "geneva"
        "2022-01-11",
        "Diplomat Amerika Serikat dan Rusia bertemu di Jenewa pada Senin selama lebih dari tujuh jam. Wakil "
        "Menteri Luar Negeri AS Wendy Sherman mengatakan Washington tidak akan membiarkan siapa pun menutup "
        "pintu terbuka NATO. Wakil Menteri Luar Negeri Rusia Sergei Ryabkov mengatakan Moskow tidak melihat "
        "alasan untuk optimis, tetapi akan terus berunding.",
    ),
    "rupiah": (
        "2022-01-11",
        "Nilai tukar rupiah melemah tipis terhadap dolar AS pada perdagangan Selasa. Bank Indonesia "
        "menyatakan cadangan devisa tetap memadai untuk menjaga stabilitas. Pelaku pasar menunggu data "
        "inflasi Amerika yang akan dirilis pekan ini.",
    ),
    "sawit": (
        "2022-01-12",
        "Harga minyak sawit mentah naik ke level tertinggi dalam sebulan terakhir. Para pedagang menyebut "
        "permintaan dari India meningkat menjelang musim perayaan. Pemerintah mempertimbangkan kebijakan "
        "kewajiban pasokan dalam negeri untuk menekan harga minyak goreng.",
    ),
    "ukraina-evakuasi": (
        "2022-01-13",
        "Kementerian Luar Negeri Indonesia meminta warga negara Indonesia di Ukraina untuk tetap tenang dan "
        "berhubungan dengan kedutaan besar di Kyiv. Sejauh ini belum ada rencana evakuasi, namun "
        "pemerintah terus memantau perkembangan situasi di perbatasan.",
    ),
    "jakarta-banjir": (
        "2022-01-13",
        "Hujan deras sejak dini hari membuat sejumlah ruas jalan di Jakarta tergenang. Badan Penanggulangan "
        "Bencana Daerah mencatat ketinggian air mencapai tiga puluh sentimeter di beberapa kelurahan.",
    ),
}


def write(path: Path, articles: dict[str, tuple[str, str]], language: str) -> None:
    rows = [
        {"id": doc_id, "title": doc_id, "date": day, "text": text, "language": language, "source": language.upper()}
        for doc_id, (day, text) in articles.items()
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))


def groups(data: DataDir) -> list[list[str]]:
    folder = data.current()
    assert folder is not None
    store = IndexStore(folder / INDEX_DB, read_only=True)
    try:
        return [sorted(a.doc_id for a in group) for group in store.duplicate_groups()]
    finally:
        store.close()


@pytest.mark.parametrize("appended", [False, True], ids=["written whole", "appended"])
def test_a_translated_copy_is_one_story_with_its_original_and_nothing_else_is(
    tmp_path: Path, multilingual: LoadedEncoder, mixed_index: DataDir, appended: bool
):
    corpus, data = tmp_path / "corpus", DataDir(tmp_path / "data")
    corpus.mkdir()
    data.root.mkdir()
    shutil.copy(mixed_index.embedding_cache, data.embedding_cache)  # the English articles' vectors, encoded once
    shutil.copy(SEED, corpus / SEED.name)  # Indonesian, retold from Anadolu: no English copy here
    shutil.copy(REPORTS, corpus / REPORTS.name)  # ten Indonesian reports of the same weeks, copying nothing
    write(corpus / "english.jsonl", ENGLISH, "en")
    others = {doc_id: article for doc_id, article in INDONESIAN.items() if doc_id != "jenewa-salinan"}
    write(corpus / "indonesian.jsonl", others, "id")
    sources = [corpus, UKRAINE]
    build_index(sources, data, multilingual, BuildConfig())
    assert not any(language_mix(data, group) for group in groups(data))  # same topics and days, but no copies
    write(corpus / "indonesian.jsonl", INDONESIAN, "id")
    build_index(sources, data, multilingual, BuildConfig(append_small_changes=appended))
    folder = data.current()
    assert folder is not None and (folder / "changes.sqlite").is_file() == appended
    mixed = [group for group in groups(data) if language_mix(data, group)]
    assert mixed == [["geneva", "jenewa-salinan"]]


def language_mix(data: DataDir, group: list[str]) -> bool:
    """Whether a story holds articles of more than one language."""
    folder = data.current()
    assert folder is not None
    store = IndexStore(folder / INDEX_DB, read_only=True)
    try:
        return len({language for language, _ in store.article_days(group).values()}) > 1
    finally:
        store.close()
