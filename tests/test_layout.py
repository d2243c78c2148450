"""The README's layout table is a newcomer's map of the package: it must name every folder of
`generator/`, and nothing that is not there."""

import re

from conftest import ROOT


def test_the_readme_names_every_folder_of_the_package():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    listed = {m.rstrip("/") for m in re.findall(r"^\| `([^`]+/)` \|", section, flags=re.M)}
    folders = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "generator").rglob("*")
        if p.is_dir() and "__pycache__" not in p.parts
    }
    assert {"generator", *folders} - listed == set(), "folders the README's layout table does not name"
    assert {f for f in listed if f.startswith("generator")} - {"generator", *folders} == set(), (
        "folders the README names that are not there"
    )
    for path in listed:
        assert (ROOT / path).is_dir(), path


def test_each_stage_is_a_package_and_data_is_apart_from_code():
    for stage in ("ingest", "extract", "resolve", "render", "mkdocs", "process", "commands", "tools"):
        assert (ROOT / "generator" / stage / "__init__.py").is_file(), stage
    assert not list((ROOT / "generator" / "data").glob("*.py"))
