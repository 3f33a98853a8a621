"""The negobot command line, end to end over the bundled corpus with the real offline encoder."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest

from bot import cli, opening
from bot.settings import get_settings
from index.embedder import LoadedEncoder
from tests.conftest import CORPUS

MISSILE_LIMITS = "batasan pada rudal"


@pytest.fixture(autouse=True)
def shared_encoder(monkeypatch: pytest.MonkeyPatch, multilingual: LoadedEncoder) -> None:
    """Every command gets the session's encoder instead of loading its own copy."""
    for module in (cli, opening):  # `index` loads its own; the other commands through bot.opening
        monkeypatch.setattr(module, "load_encoder", lambda model, cache_dir=None, backend=None: multilingual)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory, multilingual: LoadedEncoder) -> Path:
    folder = tmp_path_factory.mktemp("data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli, "load_encoder", lambda model, cache_dir=None, backend=None: multilingual)
        assert cli.main(["index", "--data-dir", str(folder), str(CORPUS)]) == 0
    return folder


def ask_json(data_dir: Path, question: str, capsys: pytest.CaptureFixture[str]) -> dict:
    assert cli.main(["ask", "--json", "--data-dir", str(data_dir), question]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("question", ["What did the US offer on missiles?", "Apa yang ditawarkan AS terkait rudal?"])
def test_missile_question_cites_the_missile_limits_passage(data_dir, question, capsys):
    answer = ask_json(data_dir, question, capsys)
    assert answer["found"] is True
    cited = {c["n"]: c for c in answer["citations"]}
    assert any(MISSILE_LIMITS in c["passage"] for c in cited.values())
    # The answer text quotes the missile sentence and its mark points at a passage that holds it.
    marks = [int(part.split("]")[0]) for part in answer["answer"].split("[")[1:]]
    assert marks and set(marks) <= set(cited)
    assert any(MISSILE_LIMITS in cited[n]["passage"] for n in marks)
    # A few sentences are quoted, not the passage, and the missile limits come first.
    sentences = [part.split("]", 1)[-1].strip() for part in ("]" + answer["answer"]).split("[")[:-1]]
    assert 1 <= len(sentences) <= 3 and MISSILE_LIMITS in sentences[0]
    first = answer["citations"][0]
    assert first["doc_id"] == "000_a76710580f32f6bc" and first["date"] == "2022-02-02" and first["language"] == "id"
    assert set(first) == {
        "n",
        "doc_id",
        "title",
        "source",
        "date",
        "event_date",
        "published",
        "url",
        "language",
        "passage",
        "score",
        "also_reported_by",
    }
    assert set(answer) == {
        "question",
        "found",
        "reason",
        "missing",
        "answer",
        "citations",
        "closest",
        "encoder",
        "asked_time",
        "outside_time",
        "time_reported",
        "filters",
    }
    assert (answer["reason"], answer["missing"], answer["closest"]) == ("answered", [], [])


@pytest.mark.parametrize(
    ("question", "antecedent", "continuation"),
    [
        # "Salah satunya ..." (one of them) names the demands the sentence before counts.
        ("Which of Moscow's demands did the US and NATO turn down?", "dua permintaan utama", "melarang Ukraina"),
        # "Namun, agar hal ini terjadi" (for this to happen) follows the Tomahawk offer, a paragraph before.
        ("What did US officials want in return for letting Russia check NATO bases?", "Tomahawk", "kapasitas rudal"),
    ],
)
def test_a_quoted_continuation_is_quoted_with_the_sentence_it_points_back_at(
    data_dir, question, antecedent, continuation, capsys
):
    answer = ask_json(data_dir, question, capsys)
    quotes = re.split(r" \[\d+\] ?", answer["answer"])
    holding = [quote for quote in quotes if continuation in quote]
    assert holding and 0 <= holding[0].find(antecedent) < holding[0].find(continuation)


def test_a_question_naming_what_the_coverage_never_mentions_says_which(data_dir, capsys):
    answer = ask_json(data_dir, "What did Macron tell NATO about missiles?", capsys)
    assert (answer["found"], answer["reason"], answer["missing"], answer["citations"]) == (
        False, "not_mentioned", ["Macron"], []
    )  # fmt: skip
    assert cli.main(["ask", "--data-dir", str(data_dir), "What did Macron tell NATO about missiles?"]) == 0
    assert capsys.readouterr().out.strip() == "The coverage never mentions Macron."


def test_a_batch_answers_every_line_and_names_the_bad_ones(data_dir, capsys, monkeypatch):
    lines = [b"Apa yang ditawarkan AS terkait rudal?\n", b"\n", b"Apa \xff\xfe rudal?\n", b"What did the US offer?\n"]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"".join(lines))))
    assert cli.main(["ask", "--json", "--data-dir", str(data_dir), "-"]) == 0
    replies = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(replies) == len(lines)  # a caller can zip questions and replies
    assert replies[0]["found"] and replies[3]["question"] == "What did the US offer?"
    assert replies[1] == {"question": "", "found": False, "error": "the question is empty"}
    assert replies[2]["error"] == "line 3 is not valid UTF-8" and replies[2]["found"] is False


def test_a_question_argument_that_is_not_utf8_is_refused(data_dir, capsys):
    assert cli.main(["ask", "--data-dir", str(data_dir), "Apa \udcff rudal?"]) == 2
    assert "the question is not valid UTF-8" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--source", "Reuters"], "source:Reuters matches no outlet in the coverage"),
        (["--language", "fr"], "language:fr matches no language in the coverage (it has: id)"),
        (["--since", "2022-02-30"], "since:2022-02-30 is not a date: February 2022 has 28 days"),
        (["--since", "2022-13-01"], "since:2022-13-01 is not a date: there is no month 13"),
        (["--since", "2022-02-00"], "since:2022-02-00 is not a date: there is no day 00"),
        (["--until", "22-02-01"], "until:22-02-01 is not a date; write it as YYYY-MM-DD"),
        (["--since", "2022-02-10", "--until", "2022-02-01"], "since:2022-02-10 is after until:2022-02-01"),
    ],
)
def test_a_bad_filter_is_refused_naming_it(data_dir, capsys, arguments, message):
    assert cli.main(["ask", "--data-dir", str(data_dir), *arguments, "What did the US offer?"]) == 2
    assert message in capsys.readouterr().err


def test_a_filter_that_matches_nothing_says_so(data_dir, capsys):
    assert cli.main(["ask", "--data-dir", str(data_dir), "--until", "2021-12-31", "What did the US offer?"]) == 0
    assert capsys.readouterr().out.strip() == "No article in the coverage matches until:2021-12-31."


def test_eval_under_a_filter_that_matches_nothing_says_so_instead_of_scoring_zeros(data_dir, tmp_path, capsys):
    qa = tmp_path / "qa.jsonl"
    qa.write_text(json.dumps({"question": "Apa yang ditawarkan AS?", "expected": [MISSILE_LIMITS]}) + "\n")
    assert cli.main(["eval", "--data-dir", str(data_dir), "--since", "2030-01-01", str(qa)]) == 2
    captured = capsys.readouterr()
    assert "no article in the coverage matches since:2030-01-01: nothing to evaluate" in captured.err
    assert captured.out == ""


def test_eval_scores_a_question_that_is_bad_input_as_a_miss_and_goes_on(data_dir, tmp_path, capsys):
    qa = tmp_path / "qa.jsonl"
    rows = [
        {"question": "What did the US offer on 2022-13-45?", "expected": [MISSILE_LIMITS], "group": "bad"},
        {"question": "Apa yang ditawarkan AS terkait rudal?", "expected": [MISSILE_LIMITS], "group": "good"},
    ]
    qa.write_text("".join(json.dumps(row) + "\n" for row in rows))
    assert cli.main(["eval", "--json", "--data-dir", str(data_dir), str(qa)]) == 0
    captured = capsys.readouterr()
    assert "'2022-13-45' in the question is not a date" in captured.err
    groups = json.loads(captured.out)["groups"]
    assert groups["bad"]["R@5"] == 0.0 and groups["good"]["R@5"] == 1.0


def test_a_question_naming_another_day_says_the_answer_is_from_other_days(data_dir, capsys):
    answer = ask_json(data_dir, "Apa yang ditawarkan AS terkait rudal pada 20 Januari?", capsys)
    assert answer["found"] and answer["outside_time"] and answer["asked_time"] == "20 January 2022"
    assert not answer["time_reported"]  # the coverage here is the seed, of 2 February
    assert answer["answer"].startswith("On 2 February 2022: ")
    assert cli.main(["ask", "--data-dir", str(data_dir), "Apa yang ditawarkan AS terkait rudal pada 20 Januari?"]) == 0
    # In the question's language, as the bot tells its Indonesian readers.
    assert capsys.readouterr().out.startswith(
        "Liputan tidak memuat laporan bertanggal 20 Januari 2022; dari hari lain:"
    )
    assert cli.main(["ask", "--data-dir", str(data_dir), "What did the US offer on missiles on January 20?"]) == 0
    assert capsys.readouterr().out.startswith("The coverage has no reports dated 20 January 2022; from other days:")


def test_timeline_lists_dated_developments_with_citations(data_dir, capsys):
    topic = "AS menawarkan batasan rudal kepada Rusia"
    assert cli.main(["timeline", "--json", "--data-dir", str(data_dir), topic]) == 0
    timeline = json.loads(capsys.readouterr().out)
    assert timeline["reason"] == "found" and timeline["lines"]
    assert all(line["day"] == "2022-02-02" and line["citations"] for line in timeline["lines"])
    assert {source["doc_id"] for source in timeline["sources"]} == {"000_a76710580f32f6bc"}
    assert any("Tomahawk" in line["sentence"] for line in timeline["lines"])
    assert cli.main(["timeline", "--data-dir", str(data_dir), topic]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Linimasa {topic!r}") and "\n2022-02-02  " in out and "Sumber:\n[1] Redam" in out


def test_off_topic_question_is_not_found(data_dir, capsys):
    answer = ask_json(data_dir, "Who won the 2018 World Cup?", capsys)
    assert (answer["found"], answer["answer"], answer["citations"]) == (False, "", [])


def test_plain_answer_for_a_person(data_dir, capsys):
    assert cli.main(["ask", "--data-dir", str(data_dir), "Apa yang ditawarkan AS terkait rudal?"]) == 0
    out = capsys.readouterr().out
    assert "Sumber:" in out and "[1] Redam Ketegangan" in out and "2022-02-02" in out
    assert cli.main(["ask", "--data-dir", str(data_dir), "What did the US offer on missiles?"]) == 0
    assert "\nSources:\n[1] Redam Ketegangan" in capsys.readouterr().out


def test_questions_from_stdin_give_one_json_line_each(data_dir, capsys, monkeypatch):
    questions = "Apa yang ditawarkan AS terkait rudal?\n\nWho won the 2018 World Cup?\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(questions.encode())))
    assert cli.main(["ask", "--json", "--data-dir", str(data_dir), "-"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["found"] for line in lines] == [True, False, False]  # the blank line keeps its place
    assert "error" in lines[1] and "error" not in lines[2]


def test_stats_reports_the_index_and_the_fallback(data_dir, capsys, multilingual):
    assert cli.main(["stats", "--json", "--data-dir", str(data_dir)]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (stats["documents"], stats["languages"], stats["encoder"]) == (1, {"id": 1}, multilingual.encoder.name)
    assert stats["dates"] == {"first": "2022-02-02", "last": "2022-02-02"}
    assert stats["fallback"] == multilingual.fallback_reason


def test_eval_prints_recall_and_mrr_per_group(data_dir, tmp_path, capsys):
    qa = tmp_path / "qa.jsonl"
    qa.write_text(
        json.dumps({"question": "Apa yang ditawarkan AS terkait rudal?", "expected": [MISSILE_LIMITS], "group": "id"})
        + "\n"
        + json.dumps({"question": "Who won the 2018 World Cup?", "expected": [], "group": "offtopic"})
        + "\n"
    )
    assert cli.main(["eval", "--json", "--show-misses", "--data-dir", str(data_dir), str(qa)]) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert set(result) == {"mode", "encoder", "overall", "groups"}
    assert result["overall"]["R@5"] == 1.0 and result["overall"]["n"] == 2
    assert set(result["groups"]) == {"id", "offtopic"}
    # Answer figures beside the recall ones; which sentence is quoted is index/answer.py's to pin.
    answered = result["groups"]["id"]
    assert answered["answer"] in (0.0, 1.0) and answered["first"] <= answered["answer"]
    assert answered["not_found"] is None and result["groups"]["offtopic"]["answer"] is None
    assert result["overall"]["not_found"] == 1.0
    assert ("miss [id]" in captured.err) == (answered["answer"] == 0.0)


def test_eval_shows_the_answers_that_miss(data_dir, tmp_path, capsys):
    qa = tmp_path / "qa.jsonl"
    record = {"question": "Apa yang ditawarkan AS terkait rudal?", "expected": ["no passage says this"], "group": "id"}
    qa.write_text(json.dumps(record) + "\n")
    assert cli.main(["eval", "--show-misses", "--data-dir", str(data_dir), str(qa)]) == 0
    captured = capsys.readouterr()
    assert "answer 0.0" in captured.out and "not_found –" in captured.out
    assert "miss [id] Apa yang ditawarkan AS terkait rudal?" in captured.err
    assert "expected: no passage says this" in captured.err
    assert "first quote (no right source):" in captured.err and "rudal" in captured.err


def test_bad_input_is_named_and_the_index_keeps_serving(data_dir, tmp_path, capsys):
    # Nothing given exists (a typo): the index is left as it is rather than emptied.
    assert cli.main(["index", "--data-dir", str(data_dir), str(tmp_path / "missing")]) == 2
    assert "no such file or directory" in capsys.readouterr().err
    answer = ask_json(data_dir, "Apa yang ditawarkan AS terkait rudal?", capsys)
    assert answer["found"]


def test_an_unchanged_corpus_is_up_to_date_without_loading_the_model(data_dir, monkeypatch, capsys):
    monkeypatch.setattr(
        cli, "load_encoder", lambda model, cache_dir=None, backend=None: pytest.fail("the model was loaded")
    )
    assert cli.main(["index", "--data-dir", str(data_dir), str(CORPUS)]) == 0
    assert "index is up to date: 1 articles, 3 passages" in capsys.readouterr().out


def test_a_changed_corpus_loads_the_model_and_rebuilds(data_dir, tmp_path, capsys, monkeypatch, multilingual):
    loads = []
    monkeypatch.setattr(
        cli, "load_encoder", lambda model, cache_dir=None, backend=None: loads.append(model) or multilingual
    )
    extra = tmp_path / "geneva.txt"
    extra.write_text("Geneva talks\nWendy Sherman met Sergei Ryabkov in Geneva for talks on security guarantees.\n")
    other = tmp_path / "other-data"
    shutil.copytree(data_dir, other, symlinks=True)
    assert cli.main(["index", "--data-dir", str(other), str(CORPUS), str(extra)]) == 0
    assert "1 added, 0 changed, 0 removed" in capsys.readouterr().out and len(loads) == 1


def test_an_empty_question_is_refused(data_dir, capsys):
    assert cli.main(["ask", "--data-dir", str(data_dir), "  "]) == 2
    assert "the question is empty" in capsys.readouterr().err


def test_asking_without_an_index_says_how_to_build_one(tmp_path, capsys):
    assert cli.main(["ask", "--data-dir", str(tmp_path / "empty"), "anything"]) == 2
    assert "negobot index" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("damage", "named"),
    [
        (lambda folder: (folder / "manifest.json").write_text("{not json"), "manifest.json is damaged"),
        (lambda folder: (folder / "manifest.json").write_text("[]"), "manifest.json is damaged (not a JSON object)"),
        (lambda folder: _drop_key(folder / "manifest.json", "dimension"), "damaged (missing dimension)"),
        (lambda folder: (folder.parent.parent / "CURRENT").write_text(""), "CURRENT names no version"),
    ],
)
def test_a_damaged_manifest_or_pointer_is_named_with_the_fix_and_index_rebuilds(
    data_dir, tmp_path, capsys, caplog, damage, named
):
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    [version] = (copy / "versions").iterdir()
    damage(version)
    assert cli.main(["ask", "--data-dir", str(copy), "Apa yang ditawarkan AS terkait rudal?"]) == 2
    said = capsys.readouterr().err + caplog.text
    assert named in said and "negobot index" in said and "Traceback" not in said
    assert cli.main(["index", "--data-dir", str(copy), str(CORPUS)]) == 0
    assert "published index" in capsys.readouterr().out  # never "up to date" over a damaged version
    assert cli.main(["ask", "--json", "--data-dir", str(copy), "Apa yang ditawarkan AS terkait rudal?"]) == 0
    assert json.loads(capsys.readouterr().out)["found"] is True


def test_unknown_manifest_keys_are_ignored_with_a_warning(data_dir, tmp_path, capsys, caplog):
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    [version] = (copy / "versions").iterdir()
    manifest = json.loads((version / "manifest.json").read_text())
    (version / "manifest.json").write_text(json.dumps(manifest | {"shiny": 1}))
    assert cli.main(["ask", "--json", "--data-dir", str(copy), "Apa yang ditawarkan AS terkait rudal?"]) == 0
    assert json.loads(capsys.readouterr().out)["found"] is True
    assert "ignoring unknown keys shiny" in caplog.text


def _drop_key(path: Path, key: str) -> None:
    manifest = json.loads(path.read_text())
    del manifest[key]
    path.write_text(json.dumps(manifest))


def test_verify_checks_the_served_version_and_the_rollback(data_dir, tmp_path, capsys):
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    assert cli.main(["verify", "--data-dir", str(copy)]) == 0
    assert "served" in (out := capsys.readouterr().out) and "ok (1 articles" in out
    [version] = (copy / "versions").iterdir()
    with (version / "vectors.faiss").open("r+b") as vectors:  # same size, other bytes: only a checksum tells
        vectors.seek(-4, 2)
        vectors.write(b"\x00\x00\x80\x7f")
    assert cli.main(["verify", "--data-dir", str(copy)]) == 1
    assert "vectors.faiss is damaged (its checksum differs" in capsys.readouterr().out


def test_add_and_remove_change_the_corpus_and_the_index(tmp_path, capsys, monkeypatch):
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    shutil.copytree(CORPUS, corpus)
    monkeypatch.setenv("NEGOBOT_CORPUS_DIR", str(corpus))
    get_settings.cache_clear()
    try:
        assert cli.main(["index", "--data-dir", str(data)]) == 0
        upload = tmp_path / "vaalimaa.md"
        upload.write_text(
            "---\nid: vaalimaa\ntitle: Border\ndate: 2022-02-10\nlanguage: en\n---\n"
            + "Finland and Russia reopened the Vaalimaa crossing. " * 3
        )
        assert cli.main(["add", "--data-dir", str(data), str(upload)]) == 0
        assert "added vaalimaa" in capsys.readouterr().out and (corpus / "vaalimaa.md").exists()
        assert cli.main(["add", "--data-dir", str(data), str(upload)]) == 2
        assert "vaalimaa.md is already in the corpus" in capsys.readouterr().err
        assert cli.main(["remove", "--data-dir", str(data), "vaalimaa"]) == 0
        assert "removed vaalimaa" in capsys.readouterr().out and not (corpus / "vaalimaa.md").exists()
        assert cli.main(["remove", "--data-dir", str(data), "vaalimaa"]) == 2
        assert "no article has the id 'vaalimaa'" in capsys.readouterr().err
    finally:
        get_settings.cache_clear()


def test_feeds_are_followed_listed_and_removed_from_the_command_line(tmp_path, capsys):
    data = str(tmp_path / "data")
    assert cli.main(["feeds", "add", "--data-dir", data, "https://example.com/feed.xml"]) == 0
    assert "following feed 1: https://example.com/feed.xml" in capsys.readouterr().out
    assert cli.main(["feeds", "add", "--data-dir", data, "https://example.com/feed.xml"]) == 2
    assert "is already followed" in capsys.readouterr().err
    assert cli.main(["feeds", "list", "--data-dir", data]) == 0
    assert "1. https://example.com/feed.xml: 0 articles, not polled yet" in capsys.readouterr().out
    assert cli.main(["feeds", "remove", "--data-dir", data, "1"]) == 0
    assert cli.main(["feeds", "list", "--data-dir", data]) == 0
    assert capsys.readouterr().out.endswith("no feeds followed\n")
    assert cli.main(["feeds", "add", "--data-dir", data, "ftp://example.com/feed"]) == 2
    assert "is not an http(s) URL" in capsys.readouterr().err


def test_filters_written_in_the_question_are_read_as_the_bot_reads_them(data_dir, capsys):
    # "sumber:CNN" was searched as words; the bundled corpus has no CNN report.
    assert cli.main(["ask", "--data-dir", str(data_dir), "Apa yang ditawarkan AS terkait rudal? sumber:CNN"]) == 2
    assert "source:CNN matches no outlet in the coverage" in capsys.readouterr().err
    answer = ask_json(data_dir, "What did the US offer on missiles? language:id", capsys)
    assert answer["question"] == "What did the US offer on missiles?" and answer["filters"] == "language:id"
    assert MISSILE_LIMITS in answer["answer"]


def test_a_day_given_both_on_the_command_line_and_in_the_question_must_agree(data_dir, capsys):
    arguments = ["ask", "--data-dir", str(data_dir), "--since", "2022-02-01"]
    assert cli.main([*arguments, "What did the US offer? since:2022-02-10"]) == 2
    assert "since: is given twice (2022-02-01, 2022-02-10)" in capsys.readouterr().err
    assert cli.main([*arguments, "since:2022-02-01"]) == 2
    assert "the question is empty once its filters are read: 'since:2022-02-01'" in capsys.readouterr().err


def test_a_name_alone_is_answered_in_english(data_dir, capsys):
    # A language detector reads a bare name as Indonesian; the labels stay English without an Indonesian word.
    assert cli.main(["timeline", "--data-dir", str(data_dir), "Zelensky"]) == 0
    assert capsys.readouterr().out.startswith("The coverage reports nothing on 'Zelensky'.")


def test_a_timeline_reads_the_filters_written_in_its_topic(data_dir, capsys):
    assert cli.main(["timeline", "--data-dir", str(data_dir), "perlucutan senjata bahasa:fr"]) == 2
    assert "language:fr matches no language in the coverage (it has: id)" in capsys.readouterr().err


def test_an_indonesian_question_is_answered_with_indonesian_labels(data_dir, capsys):
    # The bot labelled quotes in Indonesian for Indonesian readers; the command line in English.
    assert cli.main(["ask", "--data-dir", str(data_dir), "Apa yang ditawarkan AS terkait rudal pada 2 Februari?"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("Pada 2 Februari 2022") and "\nSumber:\n" in shown and MISSILE_LIMITS in shown
    assert cli.main(["ask", "--data-dir", str(data_dir), "Apa kata Macron soal rudal?"]) == 0
    assert capsys.readouterr().out.strip() == "Tidak ditemukan dalam liputan: liputan tidak pernah menyebut Macron."
