"""A small change publishes a version that appends a segment: it costs the change, and serves like a whole one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index.builder import BuildConfig, build_index
from index.coverage import Coverage, CoverageConfig
from index.embedder import LoadedEncoder
from index.integrity import INDEX_DB, VECTORS_FILE, served_version_problem
from index.manifest import Manifest
from index.question import read_question
from index.search import SearchConfig, Searcher
from index.segments import CHANGES_DB, MAX_APPENDED, appended_segments
from index.store import IndexStore
from index.versions import DataDir
from index.web_fetch import FetchPolicy
from tests.conftest import SEED
from tests.helpers.fake_encoder import HashedEncoder

CONFIG = BuildConfig(chunk_tokens=48)
NEWS = {
    "geneva": "Sherman met Ryabkov in Geneva to discuss missiles in Europe and security guarantees.",
    "brussels": "The NATO-Russia Council met in Brussels; allies rejected a ban on NATO expansion.",
    "vienna": "The OSCE in Vienna heard Poland's foreign minister warn of the risk of war.",
    "kyiv": "Kyiv asked for more air defence as troops gathered near Ukraine's border.",
}

FILLER = {  # enough served passages that a few changes stay a small share of them
    f"market{day}": f"Stocks moved on day {day} as traders weighed oil prices and the rouble." for day in range(30)
}


def write_news(corpus: Path, articles: dict[str, str], name: str = "news.jsonl") -> None:
    lines = [json.dumps({"id": doc_id, "title": doc_id.title(), "text": text}) for doc_id, text in articles.items()]
    (corpus / name).write_text("\n".join(lines) + "\n")


def build(corpus: Path, data: DataDir, config: BuildConfig = CONFIG):
    return build_index([corpus], data, LoadedEncoder(HashedEncoder(), "fake"), config)


def cited(data: DataDir, question: str, config: SearchConfig | None = None) -> list[str]:
    searcher = Searcher.open_current(data, HashedEncoder(), config)
    try:
        return [hit.article.doc_id for hit in searcher.search(question, 5)]
    finally:
        searcher.close()


@pytest.fixture
def served(tmp_path: Path) -> tuple[Path, DataDir]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    write_news(corpus, NEWS)
    write_news(corpus, FILLER, "filler.jsonl")
    data = DataDir(tmp_path / "data")
    build(corpus, data)
    return corpus, data


def test_an_added_article_is_served_from_an_appended_segment_and_nothing_served_is_written_again(
    served: tuple[Path, DataDir],
):
    corpus, data = served
    before = data.current()
    assert before is not None
    minsk = "Talks on the Minsk accords resumed in Paris with Normandy format advisers."
    write_news(corpus, {"minsk": minsk}, "more.jsonl")
    report = build(corpus, data)
    after = data.current()
    assert report.published and report.added == ["minsk"] and after is not None
    assert len(appended_segments(after)) == 1
    for name in (INDEX_DB, VECTORS_FILE):  # the base is the served version's own file, not a copy
        assert (after / name).stat().st_ino == (before / name).stat().st_ino
    assert cited(data, "Normandy format advisers Minsk accords")[0] == "minsk"
    assert Manifest.load(after).documents == Manifest.load(before).documents + 1
    assert served_version_problem(after) == ""


def test_the_words_of_an_appended_article_are_served_with_those_already_served(served: tuple[Path, DataDir]):
    # Questions are translated into a language's words (index.word_translation): an
    # appended article's words join those of the version it appends to.
    corpus, data = served
    normandia = "Perundingan format Normandia dilanjutkan di Paris oleh para penasihat."
    (corpus / "lagi.jsonl").write_text(json.dumps({"id": "normandia", "language": "id", "text": normandia}) + "\n")
    build(corpus, data)
    folder = data.current()
    assert folder is not None and len(appended_segments(folder)) == 1
    store = IndexStore(folder / INDEX_DB, read_only=True)
    try:
        indonesian, vectors = store.words(HashedEncoder().name, "id")
        english, _ = store.words(HashedEncoder().name, "en")
    finally:
        store.close()
    assert {"normandia", "penasihat", "rudal"} <= set(indonesian)  # the appended article's and the seed's
    assert vectors.shape == (len(indonesian), HashedEncoder().dimension)
    assert "geneva" in english and "normandia" not in english


def test_a_removed_or_changed_article_is_never_cited_again(served: tuple[Path, DataDir]):
    corpus, data = served
    assert "vienna" in cited(data, "OSCE Vienna Poland foreign minister")
    changed = dict(NEWS, kyiv="Kyiv received Stinger missiles from the Baltic states.")
    del changed["vienna"]
    write_news(corpus, changed)
    report = build(corpus, data)
    assert report.removed == ["vienna"] and report.changed == ["kyiv"]
    folder = data.current()
    assert folder is not None and (folder / CHANGES_DB).is_file()
    for mode in (SearchConfig(), SearchConfig(lexical=False), SearchConfig(dense=False)):
        assert "vienna" not in cited(data, "OSCE Vienna Poland foreign minister", mode)
    assert cited(data, "Stinger missiles Baltic states")[0] == "kyiv"
    assert "kyiv" not in cited(data, "air defence troops gathered border", SearchConfig(dense=False))
    store = IndexStore(folder / INDEX_DB, read_only=True)
    try:
        assert "vienna" not in {a.doc_id for a in store.articles()}
        assert store.article("kyiv").text.startswith("Kyiv received Stinger")  # type: ignore[union-attr]
        assert not store.mentions("OSCE")
    finally:
        store.close()


def test_an_acronym_is_written_out_only_by_the_served_copy_of_an_article(served: tuple[Path, DataDir]):
    corpus, data = served
    oil = "U.S. crude, West Texas Intermediate, rose 3% in New York."
    write_news(corpus, dict(NEWS, oil=oil))
    build(corpus, data)
    assert _writes_out(data, "WTI")  # appended with the new article
    write_news(corpus, dict(NEWS, oil="U.S. crude rose 3% in New York."))  # changed: it no longer writes WTI out
    report = build(corpus, data)
    assert report.changed == ["oil"] and len(appended_segments(data.current())) == 2  # type: ignore[arg-type]
    assert not _writes_out(data, "WTI")
    write_news(corpus, dict(NEWS, oil=oil))
    build(corpus, data)
    assert _writes_out(data, "WTI")
    write_news(corpus, NEWS)  # removed
    build(corpus, data)
    assert not _writes_out(data, "WTI")


def _writes_out(data: DataDir, acronym: str) -> bool | None:
    folder = data.current()
    assert folder is not None
    store = IndexStore(folder / INDEX_DB, read_only=True)
    try:
        return store.writes_out(acronym)
    finally:
        store.close()


def test_appended_versions_serve_what_a_whole_version_serves(served: tuple[Path, DataDir], tmp_path: Path):
    corpus, data = served
    articles = dict(NEWS)
    for step in range(3):  # add, change and remove, one version each
        articles[f"extra{step}"] = f"Lavrov answered the written proposals, round {step}, on missiles and drills."
        articles.pop("brussels", None)
        articles["geneva"] = NEWS["geneva"] + f" Update {step}."
        write_news(corpus, articles)
        assert build(corpus, data).published
    current = data.current()
    assert current is not None and len(appended_segments(current)) == 3
    whole = DataDir(tmp_path / "whole")
    build(corpus, whole, BuildConfig(chunk_tokens=48, append_small_changes=False))
    dense = SearchConfig(lexical=False)
    for question in ("written proposals missiles drills", "Geneva security guarantees", "border troops Kyiv"):
        assert cited(data, question, dense) == cited(whole, question, dense)
    assert Manifest.load(current).chunks == Manifest.load(whole.current()).chunks  # type: ignore[arg-type]


def test_after_the_most_appended_segments_a_change_writes_the_version_whole(served: tuple[Path, DataDir]):
    corpus, data = served
    for step in range(MAX_APPENDED + 1):
        write_news(corpus, {f"note{step}": f"Diplomats met again, meeting number {step}."}, f"note{step}.jsonl")
        build(corpus, data)
    folder = data.current()
    assert folder is not None
    assert appended_segments(folder) == [] and not (folder / CHANGES_DB).exists()
    assert cited(data, "Diplomats met again meeting number 3")
    assert served_version_problem(folder) == ""


def test_a_copy_added_later_joins_the_story_it_copies(served: tuple[Path, DataDir]):
    corpus, data = served
    copy = NEWS["geneva"] + " (Reuters)"
    write_news(corpus, {"geneva-copy": copy}, "copies.jsonl")
    build(corpus, data)
    folder = data.current()
    assert folder is not None and appended_segments(folder)
    store = IndexStore(folder / INDEX_DB, read_only=True)
    try:
        assert [sorted(a.doc_id for a in group) for group in store.duplicate_groups()] == [["geneva", "geneva-copy"]]
    finally:
        store.close()


def test_damage_to_the_appended_segment_is_served_around_and_healed(served: tuple[Path, DataDir]):
    corpus, data = served
    write_news(corpus, {"minsk": "Talks on the Minsk accords resumed in Paris."}, "more.jsonl")
    build(corpus, data)
    folder, rollback = data.current(), data.rollback_version()
    assert folder is not None and rollback is not None
    segment = appended_segments(folder)[0].folder
    (folder / segment / VECTORS_FILE).write_bytes(b"")
    searcher = Searcher.open_current(data, HashedEncoder())
    assert searcher.folder == rollback  # the rollback does not share the appended segment's files
    searcher.close()
    assert f"{segment}/{VECTORS_FILE}" in served_version_problem(folder)
    report = build(corpus, data)
    healed = data.current()
    assert report.published and healed is not None and appended_segments(healed) == []
    assert cited(data, "Minsk accords Paris")[0] == "minsk"


def test_an_admins_add_and_remove_read_only_the_files_they_change(
    served: tuple[Path, DataDir], monkeypatch: pytest.MonkeyPatch
):
    from index import builder

    corpus, data = served
    read: list[list[Path]] = []
    original = builder.load_paths
    monkeypatch.setattr(builder, "load_paths", lambda paths, limit: read.append(list(paths)) or original(paths, limit))
    config = CoverageConfig(corpus, CONFIG, max_upload_bytes=100_000, fetch=FetchPolicy(max_bytes=100_000))
    coverage = Coverage(config, data, LoadedEncoder(HashedEncoder(), "fake"))
    page = b"Minsk talks\n\nNormandy format advisers met in Paris.\n"
    added = coverage.add_document("minsk.txt", page, lambda _: False)
    assert read == [[corpus / "minsk.txt"]] and added.report.added == ["minsk"]
    assert cited(data, "Normandy format advisers Paris")[0] == "minsk"
    store = IndexStore(data.current() / INDEX_DB, read_only=True)  # type: ignore[operator]
    vienna = store.article("vienna")
    store.close()
    coverage.remove(vienna, "vienna")
    assert read[-1] == [corpus / "news.jsonl"]
    assert "vienna" not in cited(data, "OSCE Vienna Poland foreign minister")
    assert not build(corpus, data).published  # a full re-index finds the index as the changes left it


def test_a_targeted_change_that_must_be_written_whole_keeps_every_article(served: tuple[Path, DataDir]):
    corpus, data = served
    before = Manifest.load(data.current())  # type: ignore[arg-type]
    whole = BuildConfig(chunk_tokens=48, append_small_changes=False)
    config = CoverageConfig(corpus, whole, max_upload_bytes=100_000, fetch=FetchPolicy(max_bytes=100_000))
    coverage = Coverage(config, data, LoadedEncoder(HashedEncoder(), "fake"))
    change = coverage.add_document("minsk.txt", b"Minsk talks\n\nAdvisers met in Paris.\n", lambda _: False)
    after = Manifest.load(data.current())  # type: ignore[arg-type]
    assert change.report.added == ["minsk"] and not (data.current() / CHANGES_DB).exists()  # type: ignore[operator]
    assert after.documents == before.documents + 1 and after.chunks > before.chunks
    assert cited(data, "OSCE Vienna Poland foreign minister")[0] == "vienna"  # from a file the change never read


def test_a_removal_alone_from_a_version_written_whole_stays_removed_in_every_search_and_after(
    served: tuple[Path, DataDir],
):
    corpus, data = served
    write_news(corpus, {k: v for k, v in NEWS.items() if k != "vienna"})
    assert build(corpus, data).removed == ["vienna"]
    folder = data.current()
    assert folder is not None and (folder / CHANGES_DB).is_file() and appended_segments(folder) == []
    for mode in (SearchConfig(), SearchConfig(lexical=False), SearchConfig(dense=False)):
        assert "vienna" not in cited(data, "OSCE Vienna Poland foreign minister", mode)
    write_news(corpus, {"minsk": "Talks on the Minsk accords resumed in Paris."}, "more.jsonl")
    build(corpus, data)  # appends a segment to the version that left vienna out
    assert "vienna" not in cited(data, "OSCE Vienna Poland foreign minister", SearchConfig(dense=False))
    assert cited(data, "Minsk accords Paris")[0] == "minsk"


def test_a_targeted_change_bringing_an_id_another_file_serves_is_judged_against_every_file(
    served: tuple[Path, DataDir],
):
    corpus, data = served
    write_news(corpus, {"vienna": "A second article that claims the id vienna."}, "clash.jsonl")
    loaded = LoadedEncoder(HashedEncoder(), "fake")
    report = build_index([corpus], data, loaded, CONFIG, changed_files=[corpus / "clash.jsonl"])
    assert any("duplicate article id 'vienna'" in error.reason for error in report.errors)
    store = IndexStore(data.current() / INDEX_DB, read_only=True)  # type: ignore[operator]
    try:
        assert [a.doc_id for a in store.articles()].count("vienna") == 1
    finally:
        store.close()


def test_the_passages_beside_a_changed_article_are_its_new_ones_never_the_replaced(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    old = "Envoys met in Geneva on missiles.\n\nThey talked for eight hours about troops."
    write_news(corpus, {**FILLER, "talks": old})  # the talks come last: their rows end the base
    data = DataDir(tmp_path / "data")
    build(corpus, data, BuildConfig(chunk_tokens=12))
    new = "Envoys met again in Geneva on missiles.\n\nThey agreed to meet in Brussels next week."
    write_news(corpus, {**FILLER, "talks": new})
    assert build(corpus, data, BuildConfig(chunk_tokens=12)).changed == ["talks"]
    folder = data.current()
    assert folder is not None and appended_segments(folder)  # the old rows stay, unserved, beside the new
    searcher = Searcher.open_current(data, HashedEncoder(), SearchConfig(per_document=5))
    try:
        question = read_question("Envoys met again in Geneva on missiles")
        first = next(h for h in searcher.search(question, 10) if h.article.doc_id == "talks" and h.chunk.position == 0)
        beside = [neighbour.chunk.text for _, neighbour in searcher.neighbours(question, [first])]
        assert beside == ["They agreed to meet in Brussels next week."]
    finally:
        searcher.close()
