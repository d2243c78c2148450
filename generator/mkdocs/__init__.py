"""The MkDocs side of Annals: the plugin, its incremental and split builds, the search back-ends,
the Markdown extension, the packaged configuration and the theme overrides."""

from pathlib import Path

HERE = Path(__file__).parent
PACKAGED = HERE / "mkdocs.yml"  # the default configuration, which a project's mkdocs.yml can INHERIT
THEME = HERE / "theme"  # Material's custom_dir: templates, partials and the site's scripts
STYLESHEET = HERE / "annals.css"
