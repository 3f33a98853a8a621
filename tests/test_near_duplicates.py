"""Syndicated copies: one story told by several outlets is recognised, cited once, and listed for admins."""

from __future__ import annotations

import json
from pathlib import Path

from bot import cli
from index.builder import BuildConfig, build_index
from index.documents import Article
from index.embedder import LoadedEncoder
from index.near_duplicates import copied_share, passage_runs, stories
from index.search import Searcher
from index.versions import DataDir
from tests.helpers.fake_encoder import HashedEncoder

REPORT = (
    "Russia and the United States held security talks in Geneva on Monday, the first of three rounds this week. "
    "Deputy Secretary of State Wendy Sherman led the American delegation, and Deputy Foreign Minister Sergei "
    "Ryabkov the Russian one. The talks covered missile deployments in Europe, military exercises and NATO's "
    "expansion to the east. Ryabkov said Moscow needed legal guarantees that Ukraine would never join the "
    "alliance, while Sherman called such demands non-starters. Both sides agreed to keep talking next week. "
)
OTHER = (
    "Oil prices rose to a seven-year high on Tuesday as traders weighed supply risks from the crisis, "
    "with Brent crude settling above ninety dollars a barrel for the first time since 2014 and analysts warning "
    "of further gains should sanctions hit Russian energy exports. "
)


def article(doc_id: str, text: str, source: str, date: str, title: str = "Talks in Geneva") -> Article:
    return Article(doc_id=doc_id, title=title, text=text, date=date, source=source, language="en")


def copy_of(text: str) -> str:
    """Another site's copy: its own boilerplate around the text, and one sentence rewritten."""
    changed = text.replace("Both sides agreed to keep talking next week.", "A further meeting is planned.")
    return f"Advertisement. Share this story on social media.\n{changed}\nCopyright 2022. All rights reserved."


def test_a_copy_with_other_boilerplate_headline_and_a_changed_sentence_is_one_story():
    found = stories(
        [
            article("agency", REPORT * 2, "Anadolu", "2022-01-10"),
            article("retold", copy_of(REPORT * 2), "Sindonews", "2022-01-11", title="AS dan Rusia berunding"),
            article("oil", OTHER * 3, "MarketWatch", "2022-01-11"),
        ]
    )
    assert found == {"agency": "agency", "retold": "agency"}  # the earliest names the story; oil is alone


def test_daily_reports_on_one_subject_are_not_copies():
    monday = REPORT * 2
    tuesday = REPORT.replace("Geneva on Monday", "Brussels on Wednesday").replace("Sherman", "Stoltenberg") + OTHER * 2
    assert stories([article("mon", monday, "CNN", "2022-01-10"), article("wed", tuesday, "CNN", "2022-01-12")]) == {}


def test_a_passage_is_a_copy_when_most_of_its_words_run_as_in_another_not_when_it_opens_with_a_heading():
    passage = passage_runs(REPORT)
    assert copied_share(passage, passage_runs(f"Updated at 10:00. {REPORT}")) == 1.0  # held whole by another
    assert copied_share(passage_runs("Talks in Geneva"), passage) == 1.0
    assert copied_share(passage, passage_runs("Talks in Geneva")) < 0.05  # a report is no copy of its heading
    assert copied_share(passage, passage_runs(OTHER)) < 0.05  # the same words ("the", "of") in other runs
    assert copied_share(passage_runs(""), passage) == 0.0


def write(folder: Path, rows: list[dict[str, str]]) -> None:
    (folder / "news.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))


def test_a_story_is_cited_once_with_the_other_outlets_named(tmp_path: Path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    base = {"title": "Talks in Geneva", "url": "", "language": "en"}
    write(
        corpus,
        [
            {**base, "id": "agency", "date": "2022-01-10", "source": "Anadolu", "text": REPORT * 2},
            {**base, "id": "retold", "date": "2022-01-11", "source": "Sindonews", "text": copy_of(REPORT * 2)},
            {**base, "id": "oil", "date": "2022-01-11", "source": "MarketWatch", "text": OTHER * 3},
        ],
    )
    data = DataDir(tmp_path / "data")
    encoder = HashedEncoder()
    build_index([corpus], data, LoadedEncoder(encoder, "fake"), BuildConfig(chunk_tokens=400))
    searcher = Searcher.open_current(data, encoder)
    try:
        hits = searcher.search("What did Ryabkov demand at the Geneva talks with Sherman?", 3)
        talks = [hit for hit in hits if hit.article.doc_id in {"agency", "retold"}]
        cited = {hit.article.doc_id for hit in talks}
        assert len(cited) == 1  # whichever copy ranks first is cited; the other is not cited again
        other_outlet = {"agency": "Sindonews", "retold": "Anadolu"}[cited.pop()]
        assert all(hit.also_reported_by == (other_outlet,) for hit in talks)
        groups = searcher.store.duplicate_groups()
        assert [[a.doc_id for a in group] for group in groups] == [["agency", "retold"]]
    finally:
        searcher.close()
    assert cli.main(["duplicates", "--data-dir", str(data.root)]) == 0
    assert "Talks in Geneva: Anadolu, 2022-01-10 (agency); Sindonews, 2022-01-11 (retold)" in capsys.readouterr().out


def test_a_build_hashes_only_the_articles_it_has_not_seen(tmp_path: Path, monkeypatch):
    from index import near_duplicates

    computed: list[str] = []
    original = near_duplicates.signature

    def counting(text: str):
        computed.append(text)
        return original(text)

    monkeypatch.setattr(near_duplicates, "signature", counting)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    base = {"title": "Talks", "url": "", "language": "en", "source": "Wire"}
    rows = [{**base, "id": "agency", "date": "2022-01-10", "text": REPORT * 2}]
    write(corpus, rows)
    data, loaded = DataDir(tmp_path / "data"), LoadedEncoder(HashedEncoder(), "fake")
    build_index([corpus], data, loaded, BuildConfig(chunk_tokens=400))
    assert len(computed) == 1
    write(corpus, [*rows, {**base, "id": "retold", "date": "2022-01-11", "text": copy_of(REPORT * 2)}])
    build_index([corpus], data, loaded, BuildConfig(chunk_tokens=400))
    assert len(computed) == 2  # only the new article was hashed; the story is still found
    searcher = Searcher.open_current(data, loaded.encoder)
    try:
        assert [[a.doc_id for a in group] for group in searcher.store.duplicate_groups()] == [["agency", "retold"]]
    finally:
        searcher.close()
