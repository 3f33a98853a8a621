"""Builds are incremental, atomic, and never lose what is already indexed."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from index.bm25 import LEXICAL_DIR
from index.builder import BuildConfig, ShrinkRefusedError, build_index, unchanged_report
from index.chunking import sentence_spans
from index.embedder import LoadedEncoder
from index.integrity import INDEX_DB, file_records
from index.manifest import IndexDamagedError, IndexMismatchError, Manifest
from index.search import Searcher
from index.store import IndexStore
from index.versions import BuildInProgressError, DataDir
from tests.conftest import SEED
from tests.helpers.fake_encoder import HashedEncoder

CONFIG = BuildConfig(chunk_tokens=48)


def write_jsonl(path: Path, articles: dict[str, str]) -> None:
    rows = [
        {"id": i, "title": f"Title {i}", "date": "2022-01-10", "source": "S", "url": "", "language": "en", "text": t}
        for i, t in articles.items()
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


def doc_ids(data_dir: DataDir) -> list[str]:
    folder = data_dir.current()
    assert folder is not None
    store = IndexStore(folder / INDEX_DB, read_only=True)
    try:
        return [a.doc_id for a in store.articles()]
    finally:
        store.close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    write_jsonl(
        folder / "news.jsonl",
        {
            "a": "Talks in Geneva ended without a deal. Both sides will meet again.",
            "b": "Markets fell as oil prices rose sharply on Monday.",
        },
    )
    return folder


def test_first_build_publishes_a_manifest(corpus: Path, tmp_path: Path, hashed: HashedEncoder):
    data = DataDir(tmp_path / "data")
    report = build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    assert report.published and report.errors == []
    manifest = Manifest.load(data.current())
    assert (manifest.encoder, manifest.dimension, manifest.documents, manifest.normalised) == (
        "fake:hashed",
        64,
        3,
        True,
    )
    assert manifest.chunks == report.chunks > 3
    assert manifest.languages == {"en": 2, "id": 1}
    lexical = [name for name in manifest.files if name.startswith(f"{LEXICAL_DIR}/")]
    store = IndexStore(data.current() / INDEX_DB, read_only=True)
    ranges = store.language_ranges()
    store.close()
    assert {name.split("/")[1] for name in lexical} == {
        f"rows-{run.low}-{run.high}" for runs in ranges.values() for run in runs
    }


def test_a_sample_of_passage_texts_spreads_over_the_index_and_is_bounded(
    corpus: Path, tmp_path: Path, hashed: HashedEncoder
):
    data = DataDir(tmp_path / "data")
    report = build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    store = IndexStore(data.current() / INDEX_DB, read_only=True)
    try:
        every = list(store.passage_texts(report.chunks + 1))
        two = list(store.passage_texts(2))
    finally:
        store.close()
    assert len(every) == report.chunks and any("Geneva" in text for text in every)
    assert any("Rusia" in text for text in every)
    assert len(two) == 2 and two[0] == every[0] and two[1] in every[1:]


def test_unchanged_corpus_is_not_rebuilt_or_reembedded(corpus: Path, tmp_path: Path, hashed: HashedEncoder):
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    version, embedded = data.current(), hashed.encoded
    report = build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    assert not report.published and data.current() == version and hashed.encoded == embedded


def test_a_version_from_before_stored_answer_vectors_is_rewritten_without_encoding_passages_again(
    corpus: Path, tmp_path: Path, hashed: HashedEncoder
):
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    old = data.current()
    with sqlite3.connect(old / INDEX_DB) as db:  # as an older negobot wrote it: no answer vectors
        db.execute("DROP TABLE text_vectors")
    db.close()
    manifest = Manifest.load(old)
    replace(manifest, files=file_records(old)).save(old)  # its checksums sound, as written then
    assert unchanged_report([corpus], data, hashed.name, CONFIG) is None  # the no-op check says there is work
    embedded = hashed.encoded
    report = build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    assert report.published and data.current() != old
    assert hashed.encoded == embedded  # passages and sentences come from the embedding cache
    store = IndexStore(data.current() / INDEX_DB, read_only=True)
    try:
        assert store.has_text_vectors and store.text_vectors("fake:hashed", [0])
    finally:
        store.close()


def test_a_version_gives_each_passages_sentences_as_the_splitter_does_and_an_older_one_none(
    corpus: Path, tmp_path: Path, hashed: HashedEncoder
):
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    store = IndexStore(data.current() / INDEX_DB, read_only=True)
    try:
        rows = list(range(store.passage_count()))
        chunks = store.chunks_by_rows(rows)
        split = {row: [(s.start, s.end) for s in sentence_spans(chunks[row].chunk.text)] for row in rows}
        assert store.sentence_spans(rows) == split and any(len(spans) > 1 for spans in split.values())
    finally:
        store.close()
    with sqlite3.connect(data.current() / INDEX_DB) as db:  # as an older negobot wrote it: no answer vectors
        db.execute("DROP TABLE text_vectors")
    db.close()
    older = IndexStore(data.current() / INDEX_DB, read_only=True)
    try:
        assert older.sentence_spans(rows) == {}
    finally:
        older.close()


def test_a_version_from_before_stored_words_is_rewritten_so_that_questions_are_translated(
    corpus: Path, tmp_path: Path, hashed: HashedEncoder
):
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    old = data.current()
    with sqlite3.connect(old / INDEX_DB) as db:  # as an older negobot wrote it: no words
        db.execute("DROP TABLE words")
    db.close()
    replace(Manifest.load(old), files=file_records(old)).save(old)
    searcher = Searcher.open_current(data, hashed)
    assert searcher.translated_terms(["geneva"], "en") == []  # served as it is meanwhile, untranslated
    searcher.close()
    report = build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    assert report.published and data.current() != old
    searcher = Searcher.open_current(data, hashed)
    try:
        assert "geneva" in searcher.translated_terms(["geneva"], "en")
    finally:
        searcher.close()


# Published after midnight UTC, dated the day before in its address; its lead names no day.
LATE_REPORT = {
    "id": "late",
    "title": "Trump spoke",
    "date": "2022-02-24 07:28:30",
    "source": "CNN",
    "url": "https://www.cnn.com/2022/02/23/politics/trump-spoke/index.html",
    "language": "en",
    "text": "Former President Donald Trump has signaled to Republicans that Putin is a genius.",
}


def _served_as_an_older_cleaning_left_it(corpus: Path, data: DataDir, hashed: HashedEncoder) -> Path:
    """Build ``corpus``, then make the served version look cleaned by a negobot that did not read addresses."""
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    old = data.current()
    assert old is not None
    with sqlite3.connect(old / INDEX_DB) as db:
        db.execute("UPDATE documents SET event_date = ''")
    db.close()
    replace(Manifest.load(old), files=file_records(old), cleaning_version=0).save(old)
    return old


def _report_day(data: DataDir, doc_id: str) -> str:
    current = data.current()
    assert current is not None
    store = IndexStore(current / INDEX_DB, read_only=True)
    try:
        return store.report_days([doc_id])[doc_id]
    finally:
        store.close()


def test_a_version_whose_articles_were_cleaned_otherwise_is_cleaned_anew_without_encoding_passages_again(
    tmp_path: Path, hashed: HashedEncoder
):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "news.jsonl").write_text(json.dumps(LATE_REPORT) + "\n")
    data = DataDir(tmp_path / "data")
    old = _served_as_an_older_cleaning_left_it(corpus, data, hashed)
    assert unchanged_report([corpus], data, hashed.name, CONFIG) is None  # the no-op check says there is work
    embedded = hashed.encoded
    built = build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    assert built.published and data.current() != old
    assert hashed.encoded == embedded  # the same passages, from the embedding cache
    assert _report_day(data, "late") == "2022-02-23"
    assert Manifest.load(data.current()).cleaning_version > 0
    assert not build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG).published  # and then it is done


def test_an_article_kept_through_bad_input_is_cleaned_anew_once_its_input_is_good(
    corpus: Path, tmp_path: Path, hashed: HashedEncoder
):
    good = json.dumps(LATE_REPORT) + "\n"
    (corpus / "late.jsonl").write_text(good)
    data = DataDir(tmp_path / "data")
    _served_as_an_older_cleaning_left_it(corpus, data, hashed)
    (corpus / "late.jsonl").write_text(good[:40] + "\n")  # its line turns bad: the article is kept as stored
    report = build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    assert report.published and report.kept_after_error == ["late"]
    assert _report_day(data, "late") == "2022-02-24"  # still the older cleaning's day
    (corpus / "late.jsonl").write_text(good)
    assert build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG).published
    assert _report_day(data, "late") == "2022-02-23"


def test_changed_and_removed_articles_leave_no_stale_chunks(corpus: Path, tmp_path: Path, hashed: HashedEncoder):
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    before = hashed.encoded
    write_jsonl(corpus / "news.jsonl", {"a": "Talks in Geneva ended with a framework deal on missiles."})
    report = build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    assert (report.changed, report.removed) == (["a"], ["b"])
    # Only the changed passage was embedded, its one sentence, and the two words no passage held before
    # ("framework", "missiles"; words are encoded to translate questions, see index.word_translation).
    assert hashed.encoded - before == 4
    searcher = Searcher.open_current(data, hashed)
    texts = [h.chunk.text for h in searcher.search("Geneva talks deal", 10)]
    assert any("framework deal" in t for t in texts)
    assert not any("without a deal" in t or "oil prices" in t for t in texts)
    assert doc_ids(data) == ["000_a76710580f32f6bc", "a"]


def test_a_file_that_turns_bad_keeps_its_articles(corpus: Path, tmp_path: Path, hashed: HashedEncoder):
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    (corpus / "news.jsonl").write_bytes(b"\xff\xfe not utf-8")
    (corpus / "new.txt").write_text("A new article\nNATO answered Russia in writing.\n")
    report = build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    assert [e.reason.split(" (")[0] for e in report.errors] == ["not UTF-8"]
    assert sorted(report.kept_after_error) == ["a", "b"] and report.added == ["new"]
    assert doc_ids(data) == ["000_a76710580f32f6bc", "a", "b", "new"]


def test_a_missing_input_is_named_and_keeps_its_articles_while_the_others_are_indexed(
    corpus: Path, tmp_path: Path, hashed: HashedEncoder
):
    data = DataDir(tmp_path / "data")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "new.txt").write_text("A new article\nNATO answered Russia in writing.\n")
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    report = build_index([corpus / ".." / "corpus-typo", corpus, extra], data, LoadedEncoder(hashed, "fake"), CONFIG)
    assert [str(e) for e in report.errors] == [f"{corpus / '..' / 'corpus-typo'}: no such file or directory"]
    assert report.added == ["new"]
    shutil.rmtree(corpus)  # a whole input folder gone: its articles stay until it is given back
    report = build_index([corpus, extra], data, LoadedEncoder(hashed, "fake"), CONFIG)
    assert sorted(report.kept_after_error) == ["000_a76710580f32f6bc", "a", "b"] and report.removed == []
    assert doc_ids(data) == ["000_a76710580f32f6bc", "a", "b", "new"]


def test_an_input_given_as_an_absolute_path_matches_origins_recorded_relative(monkeypatch, tmp_path: Path):
    from index.builder import _comes_from

    monkeypatch.chdir(tmp_path)
    assert _comes_from("corpus/news.jsonl:3", {str(tmp_path / "corpus")})
    assert _comes_from(str(tmp_path / "corpus" / "a.md"), {"corpus"})
    assert not _comes_from("corpus-old/a.md", {"corpus"})


def test_the_no_op_check_waits_for_no_one_and_reports_a_running_build(
    corpus: Path, tmp_path: Path, hashed: HashedEncoder
):
    from index.builder import unchanged_report

    data = DataDir(tmp_path / "data")
    assert unchanged_report([corpus], data, "fake:hashed", CONFIG) is None  # nothing built yet
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    report = unchanged_report([corpus], data, hashed.name, CONFIG)
    assert report is not None and report.documents == 3
    assert unchanged_report([corpus], data, "another encoder", CONFIG) is None
    with data.build_lock(), pytest.raises(BuildInProgressError):
        unchanged_report([corpus], data, hashed.name, CONFIG)


def test_duplicate_ids_are_reported(corpus: Path, tmp_path: Path, hashed: HashedEncoder):
    write_jsonl(corpus / "more.jsonl", {"a": "Another article claiming id a."})
    report = build_index([corpus], DataDir(tmp_path / "data"), LoadedEncoder(hashed, "fake"), CONFIG)
    assert any("duplicate article id 'a'" in e.reason for e in report.errors)


def test_a_crash_while_writing_a_version_leaves_the_old_index_serving(
    corpus: Path, tmp_path: Path, hashed: HashedEncoder, monkeypatch: pytest.MonkeyPatch
):
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    serving = data.current()

    def power_cut(*args: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr("index.vectors.save", power_cut)  # dies after the new SQLite file is written
    (corpus / "new.txt").write_text("A new article\nSomething happened.\n")
    with pytest.raises(RuntimeError, match="power cut"):
        build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    assert data.current() == serving
    assert doc_ids(data) == ["000_a76710580f32f6bc", "a", "b"]
    assert [p.name for p in (data.root / "versions").iterdir()] == [serving.name]


def test_only_one_build_at_a_time(corpus: Path, tmp_path: Path, hashed: HashedEncoder):
    data = DataDir(tmp_path / "data")
    with data.build_lock(), pytest.raises(BuildInProgressError):
        build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)


def test_loading_with_another_encoder_is_refused_with_a_rebuild_hint(
    corpus: Path, tmp_path: Path, hashed: HashedEncoder
):
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    with pytest.raises(IndexMismatchError, match=r"built with fake:hashed.*configured encoder is other.*negobot index"):
        Searcher.open_current(data, HashedEncoder(name="other"))
    # The hint names the value to set, not the encoder's recorded name.
    with pytest.raises(IndexMismatchError, match=r"set NEGOBOT_EMBEDDING_MODEL=fake\)"):
        Searcher.open_current(data, HashedEncoder(name="other"))


def test_a_bad_file_keeps_its_articles_searchable_across_an_encoder_change(corpus: Path, tmp_path: Path):
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, LoadedEncoder(HashedEncoder(), "fake"), CONFIG)
    (corpus / "news.jsonl").write_bytes(b"\xff not utf-8")
    other = HashedEncoder(name="fake:other")
    report = build_index([corpus], data, LoadedEncoder(other, "other"), CONFIG)
    assert sorted(report.kept_after_error) == ["a", "b"]
    hits = Searcher.open_current(data, other).search("Markets fell as oil prices rose", 5)
    assert any("oil prices" in h.chunk.text for h in hits)


def test_embedding_in_worker_processes_gives_the_same_index(tmp_path: Path, multilingual, monkeypatch):
    from index import parallel

    rows = {f"n{i}": f"Envoys met on day {i} to discuss missiles and troops in Europe." for i in range(12)}
    write_jsonl(tmp_path / "news.jsonl", rows)
    serial, workers = DataDir(tmp_path / "serial"), DataDir(tmp_path / "workers")
    build_index([tmp_path / "news.jsonl"], serial, multilingual, BuildConfig(embed_batch=4))
    monkeypatch.setattr(parallel, "PARALLEL_MIN_PASSAGES", 1)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    build_index([tmp_path / "news.jsonl"], workers, multilingual, BuildConfig(embed_batch=4))
    query = "talks about missiles on day 7"
    first = Searcher.open_current(serial, multilingual.encoder).search(query, 3)
    second = Searcher.open_current(workers, multilingual.encoder).search(query, 3)
    assert [h.chunk.chunk_id for h in first] == [h.chunk.chunk_id for h in second]
    assert [round(h.dense, 4) for h in first] == [round(h.dense, 4) for h in second]


def test_one_unindexable_article_does_not_stop_the_others(corpus: Path, tmp_path: Path, hashed: HashedEncoder):
    data = DataDir(tmp_path / "data")
    long_title = " ".join(["word"] * 100)
    (corpus / "odd.md").write_text(f"---\ntitle: {long_title}\nlanguage: english\ndate: 2 Feb 2022\n---\nBody.\n")
    (corpus / "url.txt").write_text("A link\n" + "https://example.org/" + "x" * 3000 + "\n")
    report = build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    assert report.published
    assert next(e.reason for e in report.errors if "odd.md" in e.path).startswith("the title of 'odd'")
    assert "url" in doc_ids(data) and "odd" not in doc_ids(data)


def test_a_renamed_file_updates_where_its_articles_come_from(corpus: Path, tmp_path: Path, hashed: HashedEncoder):
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    (corpus / "news.jsonl").rename(corpus / "renamed.jsonl")
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    store = IndexStore(data.current() / INDEX_DB, read_only=True)
    assert store.article("a").origin.startswith(str(corpus / "renamed.jsonl"))
    store.close()


def test_an_interrupt_after_publishing_leaves_the_new_index_serving(
    corpus: Path, tmp_path: Path, hashed: HashedEncoder, monkeypatch: pytest.MonkeyPatch
):
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)

    real_clean_up, calls = DataDir.clean_up, []

    def interrupted(self: DataDir) -> None:
        calls.append(self)
        if len(calls) == 2:  # the clean-up after publishing, not the one before building
            raise KeyboardInterrupt
        real_clean_up(self)

    monkeypatch.setattr(DataDir, "clean_up", interrupted)
    (corpus / "new.txt").write_text("A new article\nSomething happened.\n")
    with pytest.raises(KeyboardInterrupt):
        build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    assert "new" in doc_ids(data)


def test_an_article_that_cannot_be_cut_into_passages_is_an_error_not_an_addition(
    corpus: Path, tmp_path: Path, hashed: HashedEncoder
):
    rows = [{"id": "wordy", "title": "title " * 200, "text": "Talks went on.", "language": "en"}]
    (corpus / "wordy.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    report = build_index([corpus], DataDir(tmp_path / "data"), LoadedEncoder(hashed, "fake"), CONFIG)
    assert "wordy" not in report.added and report.documents == 3
    assert any("wordy.jsonl:1" in str(error) and "alone fills" in str(error) for error in report.errors)


def test_a_folder_that_becomes_unreadable_is_named_and_its_articles_kept(
    corpus: Path, tmp_path: Path, hashed: HashedEncoder, monkeypatch: pytest.MonkeyPatch
):
    wire = corpus / "wire"
    wire.mkdir()
    write_jsonl(wire / "agency.jsonl", {"w1": "Agency report: talks in Brussels ended without a deal."})
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(str(path)) == wire:  # as a permission change would (root reads through chmod)
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    report = build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    assert [str(error) for error in report.errors] == [f"{wire}: unreadable folder: Permission denied"]
    assert report.kept_after_error == ["w1"] and report.removed == []
    assert "w1" in doc_ids(data)


def test_a_build_that_would_drop_most_articles_is_refused_unless_allowed(
    corpus: Path, tmp_path: Path, hashed: HashedEncoder
):
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    version = data.current()
    empty = tmp_path / "unmounted"
    empty.mkdir()  # as a Docker bind mount that is missing leaves it
    with pytest.raises(ShrinkRefusedError, match=r"drop 3 of the 3 articles served .*--allow-shrink"):
        build_index([empty], data, LoadedEncoder(hashed, "fake"), CONFIG)
    assert data.current() == version and len(doc_ids(data)) == 3
    # Removing on purpose is not shrinking by accident; nor is dropping half.
    (corpus / "news.jsonl").unlink()
    assert build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG, forget={"a", "b"}).published
    report = build_index([empty], data, LoadedEncoder(hashed, "fake"), CONFIG, allow_shrink=True)
    assert report.published and report.documents == 0


def test_crash_leftovers_go_and_the_rollback_is_the_version_published_before(
    corpus: Path, tmp_path: Path, hashed: HashedEncoder
):
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    first = data.current()
    (corpus / "new.txt").write_text("A new article\nSomething happened.\n")
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    second = data.current()
    half_written = data.root / "versions" / "99991231T000000-abcdef"  # sorts after every real version
    half_written.mkdir()
    (half_written / "index.sqlite").write_bytes(b"partial")
    (data.root / ".CURRENT.deadbeef").write_text("partial\n")
    (corpus / "newer.txt").write_text("A newer article\nMore happened.\n")
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    assert data.rollback_version() == second and second != first
    assert sorted(p.name for p in (data.root / "versions").iterdir()) == sorted([second.name, data.current().name])
    assert not list(data.root.glob(".CURRENT.*"))


def test_a_damaged_embedding_cache_is_moved_aside_and_never_stops_a_build(
    corpus: Path, tmp_path: Path, hashed: HashedEncoder, caplog: pytest.LogCaptureFixture
):
    data = DataDir(tmp_path / "data")
    data.root.mkdir()
    data.embedding_cache.write_bytes(b"this is not a database" * 100)
    report = build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    assert report.published and report.documents == 3
    [aside] = data.root.glob("embeddings.sqlite.damaged-*")
    assert aside.read_bytes().startswith(b"this is not a database")
    assert "embedding cache" in caplog.text and "damaged" in caplog.text and str(aside) in caplog.text


def test_each_language_keeps_one_unbroken_run_of_rows_in_each_segment_after_articles_are_added(
    tmp_path: Path, hashed: HashedEncoder
):
    """The rule search depends on (one FAISS part and one BM25 index per language run), after an append."""
    corpus, data = tmp_path / "corpus", DataDir(tmp_path / "data")
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)  # Indonesian
    write_jsonl(corpus / "news.jsonl", {"a": "Talks in Geneva ended.", "b": "NATO met in Brussels."})
    build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    more = "---\nid: more\nlanguage: id\n---\nPerundingan Jenewa\n\nPerundingan di Jenewa berakhir tanpa hasil.\n"
    (corpus / "more.md").write_text(more)
    report = build_index([corpus], data, LoadedEncoder(hashed, "fake"), CONFIG)
    assert report.added == ["more"]
    folder = data.current()
    assert folder is not None
    store = IndexStore(folder / INDEX_DB, read_only=True)
    ranges = store.language_ranges()
    languages = {row["row"]: row["language"] for row in store._db.execute("SELECT row, language FROM chunks")}
    store.close()
    assert sorted(ranges) == ["en", "id"]
    assert [run.segment != "" for run in ranges["id"]] == [False, True]  # the base's run, then the appended one
    assert all(
        languages[row] == language
        for language, runs in ranges.items()
        for run in runs
        for row in range(run.low, run.high)
    )
    with sqlite3.connect(folder / INDEX_DB) as db:  # rows out of order within a segment break the rule
        db.execute("UPDATE chunks SET language = 'id' WHERE row = (SELECT MIN(row) FROM chunks WHERE language = 'en')")
    with pytest.raises(IndexDamagedError, match="language 'id' are not one run of rows"):
        IndexStore(folder / INDEX_DB, read_only=True).language_ranges()
