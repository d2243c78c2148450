"""Annals as a plugin of any MkDocs project: registered through the `mkdocs.plugins` entry point."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, project_config


@pytest.mark.slow
def test_a_plain_mkdocs_project_only_adds_annals_to_its_plugins(tmp_path):
    project = tmp_path / "archive"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# My archive\n\nA home page written by hand.\n")
    shutil.copytree(CORPUS, project / "articles")
    (project / "mkdocs.yml").write_text(
        "site_name: My archive\ntheme:\n  name: material\n"
        "plugins:\n  - search\n  - annals:\n      corpus: articles\n      cache: 'off'\n"
    )
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")],
        cwd=tmp_path,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    site = project / "site"
    assert (site / "people" / "xi-jinping" / "index.html").is_file()
    assert "written by hand" in (site / "index.html").read_text()  # the project's own page is kept
    assert "Xi Jinping" in (site / "people" / "index.html").read_text()
    after = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if not p.is_relative_to(site))
    assert after == before  # nothing written beside the project's files: no cache, no generated pages


def test_a_project_without_the_plugin_is_told_so(tmp_path):
    from mkdocs.exceptions import ConfigurationError

    from generator.mkdocs.configfile import plugins_for

    (tmp_path / "mkdocs.yml").write_text("site_name: X\nplugins:\n  - search\n")
    try:
        plugins_for(tmp_path / "mkdocs.yml", tmp_path, None)
    except ConfigurationError as exc:
        assert "does not use the 'annals' plugin" in str(exc)
    else:
        raise AssertionError("no error for a configuration without the plugin")
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nplugins:\n  search: {}\n  annals: {search: material}\n")
    assert plugins_for(tmp_path / "mkdocs.yml", tmp_path / "c", None) == {
        "search": {},
        "annals": {"search": "material", "corpus": str((tmp_path / "c").resolve()), "cache": "off"},
    }


GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file a reader is served, the generator tag (which names the runner) left out."""
    return {
        p.relative_to(folder).as_posix(): GENERATOR_TAG.sub(b"", p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


@pytest.mark.slow
def test_properdocs_builds_the_same_site(site, tmp_path):
    """ProperDocs, the maintained fork of MkDocs 1.6, builds the repository's site unchanged."""
    if shutil.which("properdocs", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("ProperDocs is not installed (pip install -e '.[test]')")
    config = project_config(CORPUS, tmp_path)
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "properdocs"),
            "build",
            "--strict",
            "-f",
            str(config),
            "-d",
            str(tmp_path / "site"),
        ],
        cwd=tmp_path,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    theirs, ours = _tree(tmp_path / "site"), _tree(site)
    assert sorted(theirs) == sorted(ours)
    assert [name for name in ours if theirs[name] != ours[name]] == []
    assert b"ProperDocs" in (tmp_path / "site" / "index.html").read_bytes()
