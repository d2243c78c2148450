"""Parts of the theme that many pages show alike, rendered once for them all.

Material renders its navigation menu and tabs into every page, a large share of a big build's
time (and its palette switch and search box, the same on every page).
On a page outside the navigation (every generated entity and article page) no item is active,
so the menu differs between two such pages only in its relative links, and not at all between
pages in the same folder. `annals_fragment` keeps the first rendering for each folder and gives
it to the rest; a page in the navigation, or with a navigation page below it, is rendered as usual.

`overrides/partials/` (nav, tabs, palette, search) wrap the theme's own, which the template
loader also gives under the "theme/" prefix: Material's, or a `custom_dir`'s that overrides
it. The HTML is the theme's, byte for byte.
"""

from __future__ import annotations

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from markupsafe import Markup

PREFIX = "theme"


class Fragments:
    def __init__(self) -> None:
        self.rendered: dict[tuple[str, str], Markup] = {}
        self.nav_id: int | None = None
        self.nav_urls: tuple[str, ...] = ()

    def folder(self, page, nav) -> str | None:
        """The key under which `page` shares its fragments, or None: rendered for itself alone."""
        if page is None or nav is None or getattr(page.file, "inclusion", None) is None:
            return None
        if not page.file.inclusion.is_not_in_nav():
            return None
        if id(nav) != self.nav_id:  # a new build's navigation (`mkdocs serve`)
            self.rendered.clear()
            self.nav_id, self.nav_urls = id(nav), tuple(p.url for p in nav.pages)
        url = page.url
        if not url.endswith("/") or any(u.startswith(url) for u in self.nav_urls):
            return None  # the menu's relative links would depend on more than the folder
        return url.rstrip("/").rpartition("/")[0]

    def __call__(self, name: str, page, nav, caller) -> Markup:
        folder = self.folder(page, nav)
        if folder is None:
            return caller()
        key = (name, folder)
        if key not in self.rendered:
            self.rendered[key] = caller()
        return self.rendered[key]


def install(env: Environment, theme_dirs: list[str], overrides: str) -> None:
    """Add `annals_fragment`, and the theme's templates without Annals' overrides under "theme/"."""
    theme = [d for d in theme_dirs if d != overrides]
    if not isinstance(env.loader, ChoiceLoader) or not any(
        isinstance(loader, PrefixLoader) for loader in env.loader.loaders
    ):
        env.loader = ChoiceLoader([env.loader, PrefixLoader({PREFIX: FileSystemLoader(theme)})])
    env.globals["annals_fragment"] = Fragments()
