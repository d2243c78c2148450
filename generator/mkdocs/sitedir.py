"""The site folder: where it may be, what Annals wrote there, and one build in it at a time.

A build may only ever remove what an earlier build of Annals wrote. The site's manifest
(`config.MANIFEST`) lists those files; everything else in the folder (a `.git`, a `CNAME`, a
file the user put there) is the user's and is carried into each new site. A site folder that
is, holds or lies inside the corpus, the docs folder or the cache, or that is or holds the
project or the home folder, is refused before anything is written. A build killed while it
swapped the new site in is finished by the next one (`recover`), the user's files with it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from generator.config import MANIFEST
from generator.mkdocs.incremental import Manifest


class SiteDirError(Exception):
    """The site folder cannot be used or replaced; the message says why and what to do."""


def _overlap(site: Path, other: Path) -> str | None:
    if site == other:
        return "is"
    if other.is_relative_to(site):
        return "contains"
    if site.is_relative_to(other):
        return "lies inside"
    return None


def check_site_dir(
    site: Path,
    *,
    corpus: Path | None = None,
    docs: Path | None = None,
    project: Path | None = None,
    cache: Path | None = None,
) -> None:
    """Refuse a site folder a build would read from or empty: the corpus, the docs folder, the
    cache (the site may not be, hold or lie inside them), the project or the home folder (the
    site may not be or hold them)."""
    site = site.resolve()
    for label, folder in (("the corpus", corpus), ("the docs folder", docs), ("the cache", cache)):
        if folder is not None and (how := _overlap(site, folder.resolve())):
            raise SiteDirError(
                f"the site folder {site} {how} {label} ({folder.resolve()}): a build empties its "
                "site folder and would read or delete your files. Choose another --site-dir."
            )
    for label, folder in (("the project", project), ("your home folder", Path.home())):
        if folder is not None and folder.resolve().is_relative_to(site):
            how = "is" if folder.resolve() == site else "contains"
            raise SiteDirError(f"the site folder {site} {how} {label} ({folder.resolve()}). Choose another --site-dir.")


def _top_hidden(rel: str) -> bool:
    return rel.startswith(".")


def written_before(site: Path, manifest: Manifest | None = None) -> set[str]:
    """The files earlier builds of Annals wrote in `site` (from its manifest, if already read)."""
    manifest = manifest if manifest is not None else Manifest.read(site)
    if not manifest.fingerprint:
        return set()
    if manifest.files is not None:
        return set(manifest.files)
    # A manifest from before it listed files: every file but the hidden ones, as MkDocs cleans.
    return {rel for rel, _ in walk(site) if not _top_hidden(rel)}


def walk(folder: Path) -> Iterator[tuple[str, os.DirEntry]]:
    """Every file below `folder` (links not followed) as (relative posix path, its entry)."""
    stack = [("", folder)]
    while stack:
        prefix, directory = stack.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError:
            continue
        for entry in entries:
            rel = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((rel + "/", Path(entry.path)))
                    continue
            except OSError:
                continue
            yield rel, entry


def _signature(entry: os.DirEntry) -> tuple[int, int, int] | None:
    try:
        st = entry.stat(follow_symlinks=False)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def foreign_files(site: Path, written: set[str]) -> dict[str, tuple[int, int, int] | None]:
    """The files in `site` that no build of Annals wrote (`written`), with their signatures, so
    the files a build writes can later be told from those it left alone."""
    return {rel: _signature(entry) for rel, entry in walk(site) if rel not in written and rel != MANIFEST}


def files_written(site: Path, foreign: dict[str, tuple[int, int, int] | None]) -> list[str]:
    """What this build wrote: every file but the hidden ones at the top and the foreign files it left as they were."""
    return sorted(
        rel
        for rel, entry in walk(site)
        if not _top_hidden(rel) and (rel not in foreign or foreign[rel] != _signature(entry))
    )


def remove_written(site: Path, written: set[str]) -> None:
    """Empty `site` of what earlier builds of Annals wrote (`written`), and of nothing else."""
    for rel in sorted(written):
        if _top_hidden(rel):
            continue
        try:
            (site / rel).unlink()
        except (FileNotFoundError, IsADirectoryError):
            continue
    _prune_empty(site, {str(Path(rel).parent) for rel in written})


def _prune_empty(site: Path, folders: set[str]) -> None:
    for rel in sorted(folders, key=lambda r: -r.count("/")):
        folder = site / rel
        while folder != site and folder.is_relative_to(site):
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent


def _folders_of(paths: Iterable[str]) -> set[str]:
    return {str(p) for rel in paths for p in Path(rel).parents if str(p) != "."}


def _kept_entries(target: Path, written: set[str]) -> list[str]:
    """The user's entries in `target`, as few as possible: a folder without a file of Annals is kept whole."""
    holds_written = _folders_of(written)
    kept, stack = [], [""]
    while stack:
        prefix = stack.pop()
        try:
            entries = sorted(os.scandir(target / prefix), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            rel = prefix + entry.name
            if rel == MANIFEST:
                continue
            if not prefix and entry.name.startswith("."):
                kept.append(rel)
            elif entry.is_dir(follow_symlinks=False) and rel in holds_written:
                stack.append(rel + "/")
            elif rel not in written:
                kept.append(rel)
    return kept


ASIDE = ".annals-kept"  # in the site folder: the user's files while MkDocs empties it


def set_aside(site: Path, written: set[str]) -> None:
    """Move the user's visible entries out of MkDocs' way: a build that is not dirty empties
    the site folder of all but its hidden entries (`put_back` returns them)."""
    for rel in _kept_entries(site, written):
        if not rel.startswith("."):
            (site / ASIDE / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(site / rel, site / ASIDE / rel)


def put_back(site: Path) -> None:
    """Return what `set_aside` moved, after the build or, if it was killed, before the next one;
    a file the build wrote in the meantime at the same path gives way to the user's."""
    aside = site / ASIDE
    if not aside.is_dir():
        return
    for rel, _ in list(walk(aside)):
        destination = site / rel
        if destination.is_dir() and not destination.is_symlink():
            shutil.rmtree(destination)
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(aside / rel, destination)
    shutil.rmtree(aside)


def swap(staging: Path, target: Path) -> None:
    """Put the site built in `staging` at `target` with renames, so a reader never meets half of
    one, carrying over every file of `target` that no build of Annals wrote. A file of the user's
    that the new site would replace stops the swap: the last site and the user's file stay."""
    written_now = set(Manifest.read(staging).files or ())
    kept = _kept_entries(target, written_before(target)) if target.exists() else []
    holds_written_now = _folders_of(written_now)
    clash = [rel for rel in kept if rel in written_now or rel in holds_written_now]
    if clash:
        shown = ", ".join(clash[:5]) + (f" and {len(clash) - 5} more" if len(clash) > 5 else "")
        raise SiteDirError(
            f"{target} holds files Annals did not write that the new site would replace ({shown}); "
            "move them away or choose another --site-dir"
        )
    old = _old_for(target)
    if old.exists():
        raise SiteDirError(f"{old} is in the way (left by a build that was stopped); run the build again")
    if target.exists():
        target.rename(old)
    moved: list[str] = []
    try:
        for rel in kept:
            destination = staging / rel
            if destination.is_dir() and not destination.is_symlink():
                shutil.rmtree(destination)  # a copy made for an incremental build: the original replaces it
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(old / rel, destination)
            moved.append(rel)
        staging.rename(target)
    except OSError:
        for rel in moved:  # the user's files go back where they were, and the last site stays
            os.replace(staging / rel, old / rel)
        if old.exists() and not target.exists():
            old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)  # now only what Annals wrote


def recover(target: Path) -> None:
    """Finish what a build that was killed left beside `target`, before a new build starts.

    Killed while swapping, the last site is at `.<name>.annals-old` and the user's entries moved
    so far are in the staging folder: the site goes back in place with every one of them. Killed
    after the swap, the old folder holds only what Annals wrote. Any staging folder is then removed."""
    staging, old = staging_for(target), _old_for(target)
    try:
        if old.exists() and not target.exists():
            old.rename(target)
            if staging.exists():
                for rel in _kept_entries(staging, set(Manifest.read(staging).files or ())):
                    if not os.path.lexists(target / rel):
                        (target / rel).parent.mkdir(parents=True, exist_ok=True)
                        os.replace(staging / rel, target / rel)
        elif old.exists():
            shutil.rmtree(old)
    except OSError as exc:
        raise SiteDirError(
            f"cannot put back what a stopped build left beside {target} ({exc.strerror or exc}: {exc.filename})"
        ) from exc
    clear_staging(staging)


def _old_for(target: Path) -> Path:
    return target.with_name(f".{target.name}.annals-old")


def staging_for(target: Path) -> Path:
    return target.with_name(f".{target.name}.annals-building")


def clear_staging(staging: Path) -> None:
    """Remove a staging folder (ours by name; a killed build may have left it)."""
    shutil.rmtree(staging, ignore_errors=True)


def _lock_paths(target: Path) -> tuple[Path, Path]:
    """The lock of a site folder and its holder's note, in this user's temporary folder (nothing is
    written beside the site), named by the folder's absolute path."""
    folder = Path(tempfile.gettempdir()) / f"annals-locks-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    name = hashlib.sha256(str(target.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return folder / f"{name}.lock", folder / f"{name}.owner"


class SiteLock:
    """The lock of the site folder `target` (and its staging folder), held by one build at a time.

    The lock is the operating system's (`flock`, through filelock), so a build that was killed
    holds nothing: the next build takes the lock at once. The holder notes who it is, for the
    message a second build shows while it waits (or when it fails at once, with `wait` False)."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.path, self.owner = _lock_paths(target)
        self.lock: FileLock | None = None

    def acquire(self, wait: bool = True, say=print) -> None:
        try:
            self.path.parent.mkdir(mode=0o700, exist_ok=True)
            lock = FileLock(str(self.path), timeout=0)
            try:
                lock.acquire()
            except Timeout:
                holder = _holder(self.owner)
                if not wait:
                    raise SiteDirError(
                        f"another build ({holder}) is writing {self.target}; try again when it ends"
                    ) from None
                say(f"waiting for another build ({holder}) to finish writing {self.target} ...")
                lock.acquire(timeout=-1)
        except OSError as exc:
            raise SiteDirError(
                f"cannot take the lock of the site folder {self.target} ({exc.strerror or exc})"
            ) from exc
        self.lock = lock
        try:
            self.owner.write_text(
                f"process {os.getpid()} on {socket.gethostname()}, since {time.strftime('%H:%M:%S')}", encoding="utf-8"
            )
        except OSError:
            pass

    def release(self) -> None:
        if self.lock is not None:
            self.owner.unlink(missing_ok=True)
            self.lock.release()
            self.lock = None


@contextmanager
def locked(target: Path, wait: bool = True, say=print):
    lock = SiteLock(target)
    lock.acquire(wait, say)
    try:
        yield
    finally:
        lock.release()


def _holder(owner: Path) -> str:
    try:
        return owner.read_text(encoding="utf-8")[:200] or "unknown process"
    except OSError:
        return "unknown process"
