"""A build never costs the user a file: site folders that overlap the corpus or the project are
refused before anything is written, relative paths are the current folder's, files Annals did
not write survive every build, and one build at a time writes a site folder."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT

from generator.mkdocs import sitedir

ANNALS = [sys.executable, "-m", "generator"]


def run(*args, cwd: Path, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("ANNALS_CORPUS", None)
    result = subprocess.run([*ANNALS, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, **kwargs)
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture()
def project(tmp_path) -> Path:
    """A folder of the user's, elsewhere than the checkout, with a corpus in it."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    return tmp_path


def cache_of(project: Path) -> Path:
    """Where the command line keeps the cache of the project's corpus: the user's cache folder."""
    from generator.pipeline import default_cache

    return default_cache(project / "corpus")


@pytest.mark.parametrize("site", ["corpus", ".", "corpus/site", "corpus/.."])
def test_a_site_folder_overlapping_the_corpus_is_refused_before_any_write(project, site):
    before, checkout = tree(project / "corpus"), tree(CORPUS)
    result = run("build", "--corpus", "corpus", "--site-dir", site, cwd=project, check=False)
    assert result.returncode != 0
    assert "the corpus" in result.stderr and "Choose another --site-dir" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(project / "corpus") == before and tree(CORPUS) == checkout
    assert sorted(p.name for p in project.iterdir()) == ["corpus"]


@pytest.mark.slow
def test_a_relative_site_folder_is_the_current_folders(project):
    """Run from elsewhere, --site-dir is not the checkout's folder of that name."""
    checkout = tree(CORPUS)
    run("build", "--corpus", "corpus", "--site-dir", "out", "-q", cwd=project)
    assert (project / "out" / "index.html").is_file() and not (ROOT / "out").exists()
    assert tree(CORPUS) == checkout


def test_the_project_and_the_home_folder_are_never_a_site_folder(tmp_path):
    for folder in (ROOT, ROOT.parent, Path.home()):
        with pytest.raises(sitedir.SiteDirError):
            sitedir.check_site_dir(folder, project=ROOT)
    sitedir.check_site_dir(ROOT / "site", corpus=ROOT / "corpus", docs=ROOT / "docs", project=ROOT)


@pytest.mark.slow
def test_files_annals_did_not_write_survive_cold_warm_and_full_builds(project):
    site = project / "site"
    (site / ".git").mkdir(parents=True)
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / "CNAME").write_text("news.example.org\n")
    (site / "downloads").mkdir()
    (site / "downloads" / "data.csv").write_text("a,b\n")
    mine = {k: v for k, v in tree(site).items()}
    run(
        "build", "--corpus", "corpus", "--site-dir", "site", "-q", cwd=project
    )  # cold, over a folder not built by Annals
    assert (site / "index.html").is_file()
    (site / "assets" / "logo.txt").write_text("placed in a folder Annals writes\n")
    mine["assets/logo.txt"] = tree(site)["assets/logo.txt"]
    (project / "corpus" / "new.txt").write_text("Chancellor Olaf Scholz visited Paris on Friday.\n")
    run("build", "--corpus", "corpus", "--site-dir", "site", "-q", cwd=project)  # warm
    run("build", "--corpus", "corpus", "--site-dir", "site", "-q", "--full", cwd=project)  # cold again
    after = tree(site)
    assert {k: after.get(k) for k in mine} == mine
    assert (site / "articles" / "new" / "index.html").is_file()
    assert not [p for p in project.iterdir() if p.name.startswith(".site")]


@pytest.mark.slow
def test_a_file_of_the_users_the_site_would_replace_stops_the_build(project):
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("my own home page\n")
    result = run("build", "--corpus", "corpus", "--site-dir", "site", cwd=project, check=False)
    assert result.returncode != 0 and "index.html" in result.stderr and "did not write" in result.stderr
    assert (site / "index.html").read_text() == "my own home page\n" and sorted(os.listdir(site)) == ["index.html"]


@pytest.mark.slow
def test_a_corpus_holding_a_site_does_not_read_it_back(project):
    run("build", "--corpus", "corpus", "--site-dir", "out", "-q", cwd=project)
    shutil.move(project / "out", project / "corpus" / "old-site")
    result = run("export", "--corpus", "corpus", "-o", "k.json", "-q", cwd=project)
    assert "old-site: the cache or a site built by Annals; not read" in result.stderr
    import json

    assert len(json.loads((project / "k.json").read_text())["articles"]) == len(list(CORPUS.glob("*.txt")))


@pytest.mark.slow
def test_plain_mkdocs_build_refuses_a_site_folder_in_the_corpus(project):
    from conftest import project_config

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    config = project_config(project / "corpus", project)
    before = tree(project / "corpus")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "--site-dir", str(project / "corpus")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode != 0 and "is the corpus" in result.stderr
    assert tree(project / "corpus") == before


@pytest.mark.slow
def test_two_builds_into_one_site_take_turns(project):
    """A second build waits for the first (or fails at once with --no-wait); the site is then whole."""
    other = project / "other"
    other.mkdir()
    (other / "one.txt").write_text("President Emmanuel Macron met Chancellor Olaf Scholz in Berlin on Monday.\n")
    site = project / "site"
    with sitedir.locked(site.resolve()):
        refused = run("build", "--corpus", "corpus", "--site-dir", "site", "--no-wait", cwd=project, check=False)
        assert refused.returncode != 0 and f"process {os.getpid()}" in refused.stderr
        waiting = subprocess.Popen(
            [*ANNALS, "build", "--corpus", "other", "--site-dir", "site", "-q"],
            cwd=project,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(3)
        assert waiting.poll() is None and not site.exists()  # still waiting, nothing written
    assert waiting.wait(timeout=600) == 0
    assert "waiting for another build" in waiting.stderr.read()
    first = subprocess.Popen([*ANNALS, "build", "--corpus", "corpus", "--site-dir", "site", "-q"], cwd=project)
    second = subprocess.Popen(
        [*ANNALS, "build", "--corpus", "other", "--site-dir", "site", "-q", "--full"], cwd=project
    )
    assert first.wait(timeout=600) == 0 and second.wait(timeout=600) == 0
    articles = {p.name for p in (site / "articles").iterdir() if p.is_dir()}
    seeds = {p.stem.replace("_", "-") for p in CORPUS.glob("*.txt")}
    assert articles in ({"one"}, seeds), articles  # one corpus's site, whole, not a mix
    assert (site / "index.html").is_file()
    assert not [p for p in project.iterdir() if p.name.startswith(".site")]


@pytest.mark.slow
def test_a_killed_builds_lock_is_taken_over(project):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; "
            "from generator.mkdocs import sitedir; sitedir.SiteLock(Path(sys.argv[1])).acquire(); "
            "print('held', flush=True); time.sleep(600)",
            str(project / "site"),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    run("build", "--corpus", "corpus", "--site-dir", "site", "-q", "--no-wait", cwd=project)


@pytest.mark.slow
@pytest.mark.parametrize("where", [(), ("--scheduler", "local:2")], ids=["pool", "dask"])
def test_worker_processes_import_nothing_from_the_current_folder(tmp_path, where):
    """Modules lying in the folder a user builds from are not imported by the extraction workers,
    the built-in pool's or a local Dask cluster's."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(90):  # enough for two worker processes (see extract.CHUNK)
        (corpus / f"a{n}.txt").write_text(
            f"President Emmanuel Macron met Chancellor Olaf Scholz in Berlin, meeting {n}.\n"
        )
    for name in ("concurrent.py", "selectors.py", "spacy.py"):
        (tmp_path / name).write_text(f"open({str(tmp_path / 'RAN')!r}, 'a').write({name!r})\n")
    script = Path(sys.executable).parent / "annals"
    if not script.is_file():
        pytest.skip("the annals command is not installed beside this interpreter")
    env = dict(os.environ, ANNALS_WORKERS="2", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [str(script), "export", "--corpus", "corpus", "-o", "k.json", "-q", "--no-cache", *where],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert not (tmp_path / "RAN").exists()
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_planted_cache_file_runs_no_code_and_is_made_again(project, tmp_path):
    import hashlib as h
    import pickle

    from generator.process import cachefile

    marker = tmp_path / "RAN"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    run("export", "--corpus", "corpus", "-o", "first.json", "-q", cwd=project)
    cache = cache_of(project)
    planted = pickle.dumps({"version": "x", "files": Payload()})
    # A valid digest (anyone who can write the folder can make one) around a pickle, and an old-style pickle file.
    for name in ("ingest.msgpack", "extract/pack.msgpack"):
        (cache / name).write_bytes(
            cachefile.MAGIC + h.blake2b(planted, digest_size=cachefile.DIGEST).digest() + planted
        )
    (cache / "ingest.pickle").write_bytes(planted)
    result = run("export", "--corpus", "corpus", "-o", "second.json", "-q", cwd=project)
    assert not marker.exists()
    assert "ingest snapshot" in result.stderr and "not used" in result.stderr and "Traceback" not in result.stderr
    assert (project / "first.json").read_bytes() == (project / "second.json").read_bytes()
    again = run("export", "--corpus", "corpus", "-o", "third.json", "-q", cwd=project)
    assert "not used" not in again.stderr  # made again, plain this time


@pytest.mark.slow
def test_cache_files_hold_only_plain_data(project):
    from generator.process import cachefile

    run("build", "--corpus", "corpus", "--site-dir", "site", "-q", cwd=project)
    files = [p for p in cache_of(project).rglob("*") if p.is_file() and p.suffix == ".msgpack"]
    assert {p.name.split("-")[0] for p in files} >= {"ingest.msgpack", "gazetteer", "pages.msgpack"}
    assert not list(cache_of(project).rglob("*.pickle"))

    def plain(value) -> bool:
        if isinstance(value, dict):
            return all(plain(k) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return value is None or isinstance(value, (str, int, float, bool, bytes))

    for path in files:
        assert plain(cachefile.loads(path.read_bytes())), path


@pytest.mark.slow
def test_a_cache_entry_under_the_wrong_key_is_extracted_again(project):
    run("export", "--corpus", "corpus", "-o", "clean.json", "-q", "--no-cache", cwd=project)
    run("export", "--corpus", "corpus", "-o", "first.json", "-q", cwd=project)
    extract = cache_of(project) / "extract"
    (extract / "pack.msgpack").unlink()
    entries = sorted(extract.glob("*.json"))
    shutil.copy(entries[0], entries[1])  # well-formed, but another article's extraction
    result = run("export", "--corpus", "corpus", "-o", "second.json", "-q", cwd=project)
    assert f"{entries[1].name} not used" in result.stderr
    assert (project / "second.json").read_bytes() == (project / "clean.json").read_bytes()


def test_hostile_yaml_is_one_report_never_the_end_of_the_build(tmp_path):
    from generator.config import Settings
    from generator.ingest import read_corpus

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    bomb = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 9):
        previous = "a" if i == 1 else f"l{i - 1}"
        bomb.append(f"l{i}: &l{i} [" + ", ".join([f"*{previous}"] * 9) + "]")
    (corpus / "bomb.md").write_text("---\n" + "\n".join(bomb) + "\ntitle: Bomb\n---\nAnna Berg visited Paris.\n")
    (corpus / "deep.md").write_text(
        "---\ntitle: Deep\nx: " + "[" * 5000 + "]" * 5000 + "\n---\nTom Lee visited Rome.\n"
    )
    (corpus / "annals.yml").write_text(
        "fixes:\n  merge: [a, b]\n  not_entities: [Sports Minister]\naliases: 5\nwhatever: {}\n"
    )
    (corpus / "name\x1b[31mred.txt").write_text("Anna Berg visited Paris on Monday.\n")
    settings = Settings.load(corpus)
    assert settings.user == {"fixes": {"not_entities": ["Sports Minister"]}}
    assert any("'fixes.merge' is a list" in p for p in settings.problems)
    assert any("'aliases' is a int" in p for p in settings.problems)
    assert any("unknown section 'whatever'" in p for p in settings.problems)
    articles, problems = read_corpus(settings)
    assert len(articles) == 3
    said = "\n".join(map(str, problems))
    assert "bomb.md: front matter ignored: YAML aliases" in said and "deep.md: front matter ignored: nested" in said
    (corpus / "annals.yml").write_text("\n".join(bomb) + "\n")
    assert "YAML aliases" in Settings.load(corpus).problems[0]
    (corpus / "empty.txt").write_text("")
    (corpus / "empty\x1b]0;title\x07.txt").write_text("")
    _, problems = read_corpus(Settings.load(corpus))
    assert all("\x1b" not in str(p) and "\x07" not in str(p) for p in problems)


@contextmanager
def read_only(folder: Path):
    """`folder` cannot be written, even by root (the immutable attribute), else by its mode."""
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("root writes into read-only folders, and chattr +i is not available here")
        undo = ["chattr", "-i", str(folder)]
    else:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        undo = None
    try:
        yield
    finally:
        if undo:
            subprocess.run(undo, check=True)
        else:
            folder.chmod(mode)


@pytest.mark.parametrize("which", ["parent", "site"])
@pytest.mark.parametrize("full", [False, True])
@pytest.mark.slow
def test_a_read_only_folder_is_one_clear_message_and_the_last_site_stays(project, which, full):
    site = project / "site"
    run("build", "--corpus", "corpus", "--site-dir", "site", "-q", cwd=project)
    before = tree(site)
    (project / "corpus" / "new.txt").write_text("Chancellor Olaf Scholz visited Paris on Friday.\n")
    with read_only(project if which == "parent" else site):
        result = run(
            "build", "--corpus", "corpus", "--site-dir", "site", *(["--full"] if full else []), cwd=project, check=False
        )
    assert result.returncode != 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "the last good site in" in result.stderr
    assert "unchanged" in result.stderr
    assert (
        "not permitted" in result.stderr.lower() or "denied" in result.stderr.lower()
    )  # the reason, as the system gives it
    assert tree(site) == before and not [p for p in project.iterdir() if p.name.startswith(".site")]


@pytest.mark.slow
def test_a_cache_folder_that_cannot_be_used_is_one_warning_and_the_build_goes_on(project):
    cache_of(project).parent.mkdir(parents=True, exist_ok=True)
    cache_of(project).write_text("a file where the cache folder goes\n")
    for _ in range(2):  # every later build too
        result = run("build", "--corpus", "corpus", "--site-dir", "site", "-q", cwd=project)
        assert result.stderr.count("cannot be used (a file is in its place); building without a cache") == 1
        assert "Traceback" not in result.stderr and (project / "site" / "index.html").is_file()


@pytest.fixture()
def small_disk(tmp_path):
    """A 64 MB file system of its own (tmpfs: root only), so a test can fill it."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.slow
def test_a_full_disk_is_one_clear_message_and_the_last_site_stays(small_disk, full):
    shutil.copytree(CORPUS, small_disk / "corpus")
    site = small_disk / "site"
    run("build", "--corpus", "corpus", "--site-dir", "site", "-q", cwd=small_disk)
    before = tree(site)
    (small_disk / "corpus" / "new.txt").write_text("Chancellor Olaf Scholz visited Paris on Friday.\n")
    free = os.statvfs(small_disk)
    (small_disk / "filler").write_bytes(b"0" * (free.f_bavail * free.f_frsize - 1_000_000))  # the site needs 4 MB
    result = run(
        "build",
        "--corpus",
        "corpus",
        "--site-dir",
        "site",
        "-q",
        *(["--full"] if full else []),
        cwd=small_disk,
        check=False,
    )
    assert result.returncode != 0 and "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr and "is unchanged" in result.stderr
    assert len(result.stderr.splitlines()[-1]) < 600  # one line a reader can take in, not a list of every file
    assert tree(site) == before and not [p for p in small_disk.iterdir() if p.name.startswith(".site")]
    (small_disk / "filler").unlink()
    run("build", "--corpus", "corpus", "--site-dir", "site", "-q", cwd=small_disk)
    assert (site / "articles" / "new" / "index.html").is_file()


def _first(folder: Path, pattern: str) -> bool:
    return folder.is_dir() and next(folder.glob(pattern), None) is not None


# How a build shows it has reached a stage, seen from outside: the files each stage writes first.
STAGES = {
    "ingest": lambda p: cache_of(p).is_dir(),
    "extract": lambda p: _first(cache_of(p) / "extract", "*.json"),
    "render": lambda p: _first(cache_of(p) / "render", "*"),
    "mkdocs": lambda p: _first(p / ".site.annals-building", "**/index.html"),
    "search index": lambda p: (p / ".site.annals-building" / "search" / "search_index.json").is_file(),
}


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory):
    """A corpus of 120 articles and the site a clean build makes of it (no cache)."""
    from generator.tools.bench.synthetic import write_corpus

    base = tmp_path_factory.mktemp("clean")
    write_corpus(base / "corpus", 120, seed=3)
    run("build", "--corpus", "corpus", "--site-dir", "site", "-q", "--no-cache", cwd=base)
    return base


@pytest.mark.parametrize("stage", list(STAGES))
@pytest.mark.slow
def test_a_build_killed_at_any_stage_is_followed_by_one_that_equals_a_clean_build(clean_site, tmp_path, stage):
    import signal

    project = tmp_path / "p"
    shutil.copytree(clean_site / "corpus", project / "corpus")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    build = subprocess.Popen(
        [*ANNALS, "build", "--corpus", "corpus", "--site-dir", "site", "-q"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    reached = False
    deadline = time.monotonic() + 300
    while build.poll() is None and time.monotonic() < deadline:
        if STAGES[stage](project):
            reached = True
            os.killpg(build.pid, signal.SIGKILL)  # the build and its worker processes
            break
        time.sleep(0.005)
    build.wait()
    if not reached:
        pytest.fail(f"the build ended before it showed the {stage} stage")
    run("build", "--corpus", "corpus", "--site-dir", "site", "-q", cwd=project)
    assert tree(project / "site") == tree(clean_site / "site")
    assert not [p for p in project.iterdir() if p.name.startswith(".site")]


@pytest.mark.slow
def test_two_concurrent_builds_of_one_corpus_end_in_the_clean_site(clean_site, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(clean_site / "corpus", project / "corpus")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    builds = [
        subprocess.Popen(
            [*ANNALS, "build", "--corpus", "corpus", "--site-dir", "site", "-q", *extra],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for extra in ([], ["--full"])
    ]
    for build in builds:
        assert build.wait(timeout=600) == 0, build.stderr.read()[-2000:]
    assert tree(project / "site") == tree(clean_site / "site")


def test_a_build_killed_during_its_swap_is_finished_by_the_next_with_the_users_files(tmp_path):
    """The two states a kill during the swap can leave, made by hand (the window is a few renames)."""
    from generator.config import MANIFEST
    from generator.mkdocs.incremental import Manifest

    target, old, staging = tmp_path / "site", tmp_path / ".site.annals-old", tmp_path / ".site.annals-building"
    # Killed midway: the last site renamed aside, CNAME already moved into the new site, .git not yet.
    (old / "articles").mkdir(parents=True)
    (old / "articles" / "a.html").write_text("last site\n")
    (old / ".git").mkdir()
    (old / ".git" / "HEAD").write_text("ref\n")
    Manifest("f", {}, ["articles/a.html"]).write(old)
    (staging / "articles").mkdir(parents=True)
    (staging / "articles" / "b.html").write_text("new site\n")
    (staging / "CNAME").write_text("news.example.org\n")
    Manifest("g", {}, ["articles/b.html"]).write(staging)
    sitedir.recover(target)
    assert sorted(tree(target)) == sorted([".git/HEAD", "CNAME", MANIFEST, "articles/a.html"])
    assert (target / "CNAME").read_text() == "news.example.org\n" and (
        target / "articles" / "a.html"
    ).read_text() == "last site\n"
    assert not old.exists() and not staging.exists()
    # Killed after the swap, while the old site was being removed: only what Annals wrote is there.
    (old / "articles").mkdir(parents=True)
    (old / "articles" / "a.html").write_text("last site\n")
    sitedir.recover(target)
    assert not old.exists() and (target / "CNAME").is_file()


@pytest.mark.slow
def test_plain_mkdocs_build_keeps_the_users_files_too(project):
    """MkDocs empties a site folder of all but hidden entries; the hook sets the user's aside and back."""
    from conftest import project_config

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    config = project_config(project / "corpus", project)
    site = project / "site"
    site.mkdir()
    (site / "CNAME").write_text("news.example.org\n")
    (site / "downloads").mkdir()
    (site / "downloads" / "data.csv").write_text("a,b\n")
    mine = tree(site)
    for extra in ([], [], ["--dirty"]):
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "--site-dir", str(site), *extra],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        after = tree(site)
        assert {k: after.get(k) for k in mine} == mine and (site / "index.html").is_file()
        assert not (site / sitedir.ASIDE).exists()
    # A build killed with the files aside: the next one puts them back first.
    (site / sitedir.ASIDE).mkdir()
    os.replace(site / "CNAME", site / sitedir.ASIDE / "CNAME")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "--site-dir", str(site)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    assert (site / "CNAME").read_text() == "news.example.org\n" and not (site / sitedir.ASIDE).exists()
