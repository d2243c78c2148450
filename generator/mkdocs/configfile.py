"""Finding the MkDocs configuration for a build, the site's own or the packaged default, and
pointing its Annals plugin at a corpus: the options go in as a configuration override, the way
MkDocs takes any other, so nothing passes through the environment."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load

from generator.config import REPO_DIR
from generator.mkdocs import PACKAGED

PLUGIN = "annals"


def find_config(explicit: Path | None) -> Path:
    if explicit:
        return explicit
    for candidate in (Path.cwd() / "mkdocs.yml", REPO_DIR / "mkdocs.yml"):
        if candidate.is_file():
            return candidate
    return PACKAGED


def plugins_for(config_file: Path, corpus: Path, cache: Path | None, **options) -> dict:
    """The configuration's plugins, as a mapping, with Annals' options set for this corpus (and
    `options`, such as `scheduler`, where given)."""
    with open(config_file, "rb") as handle:
        raw = yaml_load(handle) or {}  # with its INHERIT and !ENV, as MkDocs reads it
    listed = raw.get("plugins", ["search"])
    plugins: dict = {}
    for item in listed.items() if isinstance(listed, dict) else listed or []:
        if isinstance(item, str):
            plugins[item] = {}
        elif isinstance(item, tuple):
            plugins[item[0]] = dict(item[1] or {})
        elif isinstance(item, dict):
            for name, options in item.items():
                plugins[name] = dict(options or {})
    if PLUGIN not in plugins:
        raise ConfigurationError(f"it does not use the '{PLUGIN}' plugin: add it under plugins:")
    plugins[PLUGIN] = {**plugins[PLUGIN], "corpus": str(corpus.resolve()), "cache": str(cache) if cache else "off"}
    plugins[PLUGIN].update({k: v for k, v in options.items() if v is not None})
    return plugins


def load(config_file: Path, corpus: Path, cache: Path | None, annals: dict | None = None, **overrides):
    """The MkDocs configuration of `config_file`, its Annals plugin reading `corpus` (with the
    plugin options `annals`, where given)."""
    return load_config(str(config_file), plugins=plugins_for(config_file, corpus, cache, **(annals or {})), **overrides)


def annals_plugin(config):
    """The Annals plugin of a loaded configuration, where a build leaves what it made (`result`)."""
    return config.plugins[PLUGIN]
