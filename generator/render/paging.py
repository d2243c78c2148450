"""Long lists are split over numbered pages, so that no page grows with the corpus.

Page 1 of a list keeps the list's own address; page n is `<name>--page-n.md` beside it. Slugs
never contain a double hyphen (python-slugify folds them), so these names cannot clash with an
entity's page.
"""

from __future__ import annotations

MENTION_GROUPS = 25  # articles, with their sentences, per page of mentions
INDEX_ROWS = 300  # rows per page of an index table
PAGER_NEAR = 2  # pages linked on either side of the current one


def uri(first: str, n: int) -> str:
    """The address of page `n` of the list whose first page is `first` ("people/x.md")."""
    return first if n == 1 else f"{first[:-3]}--page-{n}.md"


def chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def pager(first: str, count: int, current: int) -> list[dict]:
    """Links to the pages of a list, relative to a page in the same folder; empty if one page.

    The first and last pages and those next to the current one are linked, and a gap stands for
    the rest: a list of 400 pages must not put 400 links on each of them."""
    if count < 2:
        return []
    shown = sorted({1, count} | set(range(max(1, current - PAGER_NEAR), min(count, current + PAGER_NEAR) + 1)))
    links: list[dict] = []
    for n in shown:
        if links and n > links[-1]["n"] + 1:
            links.append({"n": n - 1, "gap": True, "current": False})
        links.append({"n": n, "url": uri(first, n).rsplit("/", 1)[-1], "current": n == current, "gap": False})
    return links


def is_continuation(uri: str) -> bool:
    """Page 2 or later of a list: search leaves it out, its first page stands for it."""
    return "--page-" in uri.rsplit("/", 1)[-1]
