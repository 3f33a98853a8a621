"""Every input format loads, and every bad input is named with its reason."""

from __future__ import annotations

import json
from pathlib import Path

from index.loaders import load_paths
from tests.conftest import CORPUS, SEED


def test_bundled_corpus_has_honest_metadata():
    result = load_paths([CORPUS])
    assert result.errors == []
    [article] = result.articles
    assert article.doc_id == "000_a76710580f32f6bc"
    assert article.title.startswith("Redam Ketegangan, AS dan NATO")
    assert (article.date, article.language, article.source, article.url) == ("2022-02-02", "id", "", "")


def test_text_file_title_is_its_first_line(tmp_path: Path):
    (tmp_path / "talks.txt").write_text("Talks in Geneva\nSherman met Ryabkov.\n")
    [article] = load_paths([tmp_path]).articles
    assert (article.doc_id, article.title, article.text.strip()) == ("talks", "Talks in Geneva", "Sherman met Ryabkov.")


def test_markdown_front_matter(tmp_path: Path):
    (tmp_path / "a.md").write_text("---\ntitle: Geneva\ndate: 2022-01-10\nsource: CNN\n---\nBody text.\n")
    [article] = load_paths([tmp_path]).articles
    assert (article.title, article.date, article.source, article.text.strip()) == (
        "Geneva",
        "2022-01-10",
        "CNN",
        "Body text.",
    )


def test_html_main_text_title_and_date(tmp_path: Path):
    paragraph = "Wendy Sherman and Sergei Ryabkov met in Geneva for security talks on Monday. " * 4
    (tmp_path / "page.html").write_text(
        "<html><head><title>Geneva talks | News</title>"
        '<meta property="article:published_time" content="2022-01-10T08:00:00Z"></head>'
        f"<body><nav>Home | World | Sport</nav><article><h1>Geneva talks</h1><p>{paragraph}</p>"
        f"<p>{paragraph}more.</p></article><footer>Cookie settings</footer></body></html>"
    )
    result = load_paths([tmp_path])
    assert result.errors == []
    [article] = result.articles
    assert article.title.startswith("Geneva talks")
    assert article.date == "2022-01-10"
    assert "Sherman" in article.text and "Cookie settings" not in article.text and "Home |" not in article.text


def test_a_page_of_deeply_nested_divs_still_gives_its_paragraphs(tmp_path: Path):
    paragraph = "<p>" + "Wendy Sherman met Sergei Ryabkov in Geneva for talks on missiles. " * 3 + "</p>"
    body = "<div>" * 400 + paragraph * 5 + "</div>" * 400  # past libxml2's default depth of 256
    (tmp_path / "nested.html").write_text(f"<html><head><title>Geneva talks</title></head><body>{body}</body></html>")
    result = load_paths([tmp_path])
    assert result.errors == []
    [article] = result.articles
    assert article.title == "Geneva talks" and article.text.count("Ryabkov") >= 5


def test_jsonl_records_and_a_malformed_line_named_by_number(tmp_path: Path):
    good = {"id": "a1", "title": "T", "date": "2022-01-10", "source": "CNN", "url": "u", "language": "en", "text": "x"}
    lines = [json.dumps(good), "{not json", json.dumps({**good, "id": "a2"}), json.dumps({"title": "no id"})]
    (tmp_path / "news.jsonl").write_text("\n".join(lines) + "\n")
    result = load_paths([tmp_path / "news.jsonl"])
    assert [a.doc_id for a in result.articles] == ["a1", "a2"]
    assert [(e.line, e.reason.split(" (")[0]) for e in result.errors] == [
        (2, "malformed JSON"),
        (4, "missing or empty field 'id'"),
    ]
    assert str(result.errors[0]).startswith(f"{tmp_path / 'news.jsonl'}:2: malformed JSON")


def test_jsonl_fields_of_the_wrong_type_are_named_with_the_type(tmp_path: Path):
    rows = [{"id": 1.5, "text": "x"}, {"id": True, "text": "x"}, {"id": 7, "text": ["x"]}, {"id": 8, "text": "ok"}]
    (tmp_path / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = load_paths([tmp_path / "news.jsonl"])
    assert [a.doc_id for a in result.articles] == ["8"]
    assert [e.reason for e in result.errors] == [
        "field 'id' must be a string or an integer, not a number (1.5)",
        "field 'id' must be a string or an integer, not a boolean (true)",
        "field 'text' must be a string, not a list ([\"x\"])",
    ]


def test_articles_over_the_size_cap_are_named_and_never_read_whole(tmp_path: Path):
    (tmp_path / "huge.txt").write_text("Title\n" + "word " * 1000)
    (tmp_path / "page.html").write_text("<html><body>" + "<p>word</p>" * 2000 + "</body></html>")
    lines = [{"id": "small", "text": "short"}, {"id": "big", "text": "word " * 1000}]
    (tmp_path / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    result = load_paths([tmp_path], max_article_bytes=2000)
    assert [a.doc_id for a in result.articles] == ["small"]
    limit = "over the {}-byte limit for an article (NEGOBOT_MAX_ARTICLE_BYTES)"
    assert sorted((Path(e.path).name, e.line, e.reason.split(" bytes, ")[1]) for e in result.errors) == [
        ("huge.txt", None, limit.format("2,000")),
        ("news.jsonl", 2, limit.format("2,000")),
        ("page.html", None, limit.format("20,000")),  # a page may carry ten times its article in markup
    ]


def test_bad_files_are_named_and_do_not_stop_the_others(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 title\nbody".encode("latin-1"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "good.txt").write_text("Title\nBody.\n")
    unreadable = tmp_path / "locked.txt"
    unreadable.symlink_to(tmp_path / "gone.txt")  # a dangling link: listed, but cannot be read
    result = load_paths(
        [tmp_path / "empty.txt", tmp_path / "latin1.txt", tmp_path / "notes.pdf", unreadable, tmp_path / "good.txt"]
    )
    assert [a.doc_id for a in result.articles] == ["good"]
    reasons = {Path(e.path).name: e.reason for e in result.errors}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["latin1.txt"].startswith("not UTF-8 (invalid byte 0xe9")
    assert reasons["notes.pdf"].startswith("unknown extension '.pdf'")
    assert reasons["locked.txt"].startswith("unreadable")
    assert load_paths([tmp_path]).failed_paths >= {str(unreadable)}  # also when found in a folder


def test_seed_is_readable_as_a_plain_text_file():
    [article] = load_paths([SEED]).articles
    assert "batasan pada rudal" in article.text
