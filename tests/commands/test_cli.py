import json
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, annals


@pytest.mark.slow
def test_build_any_folder_without_editing_files(tmp_path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "one.txt").write_text(
        " date 2024-03-01 Chancellor Olaf Scholz met President Emmanuel Macron in Paris on "
        "Friday.\n\nScholz said the talks were good.\n"
    )
    before = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    site = tmp_path / "out"
    annals("build", "--corpus", str(corpus), "--site-dir", str(site), "--quiet", cwd=tmp_path)
    assert (site / "index.html").is_file()
    assert (site / "people" / "olaf-scholz" / "index.html").is_file()
    assert (site / "articles" / "one" / "index.html").is_file()
    after = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    assert before == after


@pytest.mark.slow
def test_strict_fails_on_a_bad_file_and_names_it(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ok.txt").write_text("Angela Merkel visited Berlin.\n")
    (corpus / "empty.txt").write_text("")
    out = tmp_path / "md"
    result = annals("generate", "--corpus", str(corpus), "--out", str(out), "--quiet", check=False)
    assert result.returncode == 0 and "empty.txt: empty file" in result.stderr
    assert (out / "articles" / "ok.md").is_file()
    result = annals("generate", "--corpus", str(corpus), "--out", str(out), "--quiet", "--strict", check=False)
    assert result.returncode == 1 and "empty.txt" in result.stderr


@pytest.mark.slow
def test_export_is_the_documented_contract_and_deterministic(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    annals("export", "--corpus", str(ROOT / "corpus"), "-o", str(first), "--quiet", "--no-cache")
    annals("export", "--corpus", str(ROOT / "corpus"), "-o", str(second), "--quiet")
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text())
    assert set(data) >= {"articles", "people", "organizations", "places", "events", "anniversaries", "quotes"}
    article = data["articles"][0]
    assert set(article) >= {"id", "source", "title", "date", "date_given", "date_evidence"}
    person = next(p for p in data["people"] if p["name"] == "Xi Jinping")
    assert set(person) >= {"id", "name", "aliases", "roles", "articles", "mentions"}
    assert set(person["mentions"][0]) == {"article", "sentence", "text"}
    assert set(data["events"][0]) >= {"id", "name", "type", "date", "place", "participants", "articles"}
    ids = {p["id"] for p in data["people"]}
    assert all(q["speaker"] in ids for q in data["quotes"])


@pytest.mark.slow
def test_cli_help_lists_every_verb():
    out = annals("--help").stdout
    for verb in ("generate", "build", "serve", "export", "evaluate", "bench"):
        assert verb in out


@pytest.mark.parametrize("verb", ["generate", "build", "export", "evaluate"])
@pytest.mark.slow
def test_missing_corpus_is_a_clear_error(verb, tmp_path):
    args = [verb, "--corpus", str(tmp_path / "nope")]
    if verb == "export":
        args += ["-o", str(tmp_path / "x.json")]
    if verb == "evaluate":
        args += ["--gold", str(ROOT / "pyproject.toml")]
    result = annals(*args, check=False)
    assert result.returncode == 2 and "is not a folder" in result.stderr


def test_a_crashing_build_keeps_the_last_good_site(tmp_path, monkeypatch):
    """Whether MkDocs or the generator fails, the site that was there stays whole."""
    from conftest import build_site
    from mkdocs.exceptions import Abort

    from generator import pipeline

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ok.txt").write_text("Angela Merkel visited Berlin on Monday.\n")
    site = tmp_path / "site"
    build_site(corpus, site)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))

    def broken(*args, **kwargs):
        raise RuntimeError("generator crashed")

    # A plain `mkdocs build`: the hook generates before MkDocs empties the site folder.
    monkeypatch.setattr(pipeline, "generate", broken)
    with pytest.raises(RuntimeError, match="generator crashed"):
        build_site(corpus, site)
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    # `annals build`: a failure anywhere in MkDocs, after the generator, leaves the site as well.
    monkeypatch.undo()
    from click.testing import CliRunner

    from generator.commands import build as build_command

    def half_written(config, dirty=False):
        Path(config.site_dir).mkdir(parents=True, exist_ok=True)
        (Path(config.site_dir) / "index.html").write_text("half a page")
        raise Abort("theme broke")

    monkeypatch.setattr(build_command, "mkdocs_build", half_written)
    result = CliRunner().invoke(build_command.command, ["--corpus", str(corpus), "--site-dir", str(site), "-q"])
    assert result.exit_code == 1 and "the last good site in" in result.output and "theme broke" in result.output
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert "half a page" not in (site / "index.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "site"]


@pytest.mark.slow
def test_a_build_summary_lists_the_bad_articles_and_the_site_is_still_made(tmp_path):
    """As the Pages workflow writes its job summary: the problems, shown and not obeyed."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ok.txt").write_text("Angela Merkel visited Berlin.\n")
    (corpus / "empty|`*x*`.txt").write_text("")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    site = tmp_path / "site"
    result = annals("build", "--corpus", str(corpus), "--site-dir", str(site), "--quiet", "--summary", str(summary))
    assert result.returncode == 0 and (site / "people" / "angela-merkel" / "index.html").is_file()
    text = summary.read_text()
    assert text.startswith("earlier step\n## Annals build\n")  # appended, not replaced
    assert "1 articles" in text and "1 problem(s)" in text
    row = next(line for line in text.splitlines() if "empty" in line)
    assert row == "| empty\\|\\`\\*x\\*\\`.txt | error | empty file |"
