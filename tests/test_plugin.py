"""Annals as a plugin of any MkDocs project: registered through the `mkdocs.plugins` entry point."""

import os
import shutil
import subprocess
import sys

from conftest import CORPUS


def test_a_plain_mkdocs_project_only_adds_annals_to_its_plugins(tmp_path):
    project = tmp_path / "archive"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# My archive\n\nA home page written by hand.\n")
    shutil.copytree(CORPUS, project / "articles")
    (project / "mkdocs.yml").write_text(
        "site_name: My archive\ntheme:\n  name: material\n"
        "plugins:\n  - search\n  - annals:\n      corpus: articles\n      cache: 'off'\n")
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")],
                            cwd=tmp_path, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                            capture_output=True, text=True, timeout=600)
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
        "search": {}, "annals": {"search": "material", "corpus": str((tmp_path / "c").resolve()), "cache": "off"}}
