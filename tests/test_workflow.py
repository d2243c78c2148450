"""The Pages workflow, read as GitHub reads it: GitHub's starter steps, every action pinned by
commit, the site's address from Pages, caches between runs, and a bad article reported in the
job summary without stopping the deploy."""

import re

import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def steps(job: str) -> list[dict]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"][job]["steps"]


def test_every_action_is_pinned_by_commit():
    uses = re.findall(r"uses:\s*(\S+)(.*)", WORKFLOW.read_text(encoding="utf-8"))
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.search(r"# v\d+", comment), f"{action}: say which release the commit is"


def test_the_starter_steps_in_order_with_the_address_from_pages():
    build = steps("build")
    names = [s.get("uses", "").split("@")[0] or s.get("name") for s in build]
    for earlier, later in [
        ("actions/checkout", "actions/configure-pages"),
        ("actions/configure-pages", "Build"),
        ("Build", "actions/upload-pages-artifact"),
    ]:
        assert names.index(earlier) < names.index(later)
    assert [s["uses"].split("@")[0] for s in steps("deploy")] == ["actions/deploy-pages"]
    pages = next(s for s in build if s.get("uses", "").startswith("actions/configure-pages"))
    run = next(s for s in build if s.get("name") == "Build")
    assert run["env"]["SITE_URL"] == "${{ steps." + pages["id"] + ".outputs.base_url }}/"
    # A bad article is listed in the job's summary; the build goes on (no --strict).
    assert '--summary "$GITHUB_STEP_SUMMARY"' in run["run"] and "--strict" not in run["run"]


def test_pip_and_the_extraction_cache_are_kept_and_build_records_are_not_published():
    build = steps("build")
    python = next(s for s in build if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip"
    cache = next(s for s in build if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == "~/.cache/annals"  # the platform's user cache folder on Linux
    assert "corpus/**" in cache["with"]["key"]
    upload = next(i for i, s in enumerate(build) if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    cleaning = next(i for i, s in enumerate(build) if ".annals" in s.get("run", ""))
    assert cleaning < upload and build[upload]["with"]["path"] == "site"
