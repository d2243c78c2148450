"""Extract: each `Article` becomes an `Extraction` of mentions, dates, events and quotes.

spaCy parses the paragraphs of every article in one `nlp.pipe` stream; the components in
this package read the parse. Results are cached per article, keyed by its content and the
extractor's fingerprint (code version, model, data files), so an unchanged article is never
parsed twice.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from itertools import chain
from pathlib import Path

from generator.config import Settings
from generator.extract import dates, nlp
from generator.extract.acronyms import resolve_abbreviations
from generator.extract.cache import ExtractionCache
from generator.extract.coref import description_mentions
from generator.extract.dating import date_clues, text_clues
from generator.extract.entities import Vocabulary, cluster_people, entity_mentions
from generator.extract.events import (
    EventCatalogue,
    anniversaries,
    anniversary_events,
    base_events,
    sentence_events,
    subject_person,
)
from generator.extract.quotes import Attributor, SentenceInfo, block_quote_speaker, find_quotes, reported_speech
from generator.extract.store import SharedStore
from generator.extract.tense import clause_tense, sentence_future
from generator.extract.timex import bracketed, time_spans
from generator.model import Article, DateMention, Extraction, Problem, Quote, Sentence, ordinal, sentence_number
from generator.process.fork import own_import_path, start_method
from generator.process.memory import gc_paused

log = logging.getLogger("annals")

# The cache is keyed by the extraction code itself, so any change to it invalidates the cache;
# the cache's own code is left out: it changes how extractions are kept, not what they hold.
EXTRACTOR_VERSION = hashlib.sha256(
    b"".join(p.read_bytes() for p in sorted(Path(__file__).parent.glob("*.py")) if p.name != "cache.py")
).hexdigest()[:12]


def anniversary_anchor(extraction: Extraction) -> str | None:
    """The date an undated article's anniversary points to: what its own dates are read against."""
    return next((c["value"] for c in extraction.date_clues if c["kind"] == "anniversary"), None)


_INTO_NEXT = re.compile(
    r"\bthis (?:year|season) and (?:on |well )?(?:into |through )?(?:the )?(?:next|following|coming)(?: one| year)?\b",
    re.I,
)
_MARKED = re.compile(r"\b(mark|marks|marked|marking|commemorat\w*|celebrat\w*|observ\w*)\b", re.I)


def _renames(before, span) -> bool:
    """`span` follows `before` after a comma and says what that day was: "on Saturday night, the
    opening night", "Yesterday, day five of the cup"."""
    doc = span.doc
    return span.start == before.end + 1 and doc[before.end].text == "," and span.root.lower_ in _DAY_NOUNS


_DAY_NOUNS = {"day", "night", "morning", "afternoon", "evening"}


def _titled_in_headline(doc, mention) -> bool:
    """In a headline, a name is a person's by its title only where the title modifies it and
    every word is a proper noun: "Statement by Secretary Tillerson", not "Chancellor Meets Veterans"."""
    words = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if words is None or words.start == 0:
        return False
    # The name stops at an owner's "’s": "Ambassador [Eugene Young]’s Remarks".
    owner = next((t.i for t in words if t.tag_ == "POS"), words.end)
    name = doc[words.start : owner]
    if not len(name) or any(t.tag_ not in ("NNP", "NNPS") for t in name):
        return False
    return doc[words.start - 1].head.i in range(words.start, words.end)


def _headline_news(doc, trigger: str) -> bool:
    """A headline's news is its main verb or what that verb does ("Airbus wins Qatar Airways
    [order]"); a noun further down ("… to Salvage North's Nuclear [Deal]") is context."""
    main = [t for t in doc if t.dep_ == "ROOT"]
    main += [c for t in main for c in t.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    words = {t.lower_ for t in main} | {
        c.lower_ for t in main for c in t.children if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")
    }
    return any(w in words for w in trigger.lower().split())


def _anniversary_month(base: dict | None, year: int, sentence: str) -> str | None:
    """ "Events to mark the 81st anniversary of D-Day" (6 June 1944): reported in the days around
    6 June 2025, so June 2025; only when those days lie in one month."""
    if not base or not _MARKED.search(sentence):
        return None
    parts = str(base.get("date", "")).split("-")
    if len(parts) != 3:
        return None
    day = int(parts[2])
    return f"{year:04d}-{int(parts[1]):02d}" if 3 < day < 22 else None


class Extractor:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.patterns = settings.data("patterns")
        self.vocab = Vocabulary(
            settings.data("titles"),
            settings.data("aliases"),
            settings.data("places"),
            self.patterns,
            settings.cache_dir,
        )
        self.catalogue = EventCatalogue(settings.data("events"), settings.data("commemorations"))
        self.speech = {v.lower() for v in settings.data("speech").get("verbs", [])}
        self.organization_nouns = {v.lower() for v in settings.data("speech").get("organization_nouns", [])}
        self.document_nouns = {v.lower() for v in settings.data("speech").get("document_nouns", [])}
        self.synonyms = {
            str(k).lower(): {str(v).lower() for v in vs or []}
            for k, vs in (settings.data("titles").get("role_synonyms") or {}).items()
        }
        data = {
            name: settings.data(name)
            for name in ("titles", "aliases", "places", "patterns", "events", "commemorations", "speech")
        }
        self.fingerprint = hashlib.sha256(
            json.dumps([EXTRACTOR_VERSION, nlp.MODEL_NAMES, data], sort_keys=True, default=str).encode()
        ).hexdigest()[:16]

    # ------------------------------------------------------------------ one article

    def extract(self, article: Article, docs: list, heads: list | None = None) -> Extraction:
        """`docs` are the parsed paragraphs of the article, in order (None for headings);
        `heads` the parsed headline and headings as (sentence id, block index, doc)."""
        result = Extraction(article=article.id)
        infos: list[SentenceInfo] = []
        per_block: dict[int, list[SentenceInfo]] = {}
        for block_index, doc in enumerate(docs):
            if doc is None:
                continue
            for sent in doc.sents:
                text = sent.text
                if not text.strip():
                    continue
                sid = f"sent-{len(infos) + 1}"
                info = SentenceInfo(sid, sent, block_index, text)
                infos.append(info)
                per_block.setdefault(block_index, []).append(info)
                result.sentences.append(Sentence(sid, block_index, text.strip()))
        first = next((i for i, doc in enumerate(docs) if doc is not None), None)
        for block_index, doc in enumerate(docs):
            if doc is not None:
                pairs = [(i.id, i.span) for i in per_block.get(block_index, [])]
                result.mentions.extend(entity_mentions(doc, pairs, self.vocab, first=block_index == first))
        cluster_people(result.mentions)
        resolve_abbreviations(result.mentions, result.sentences)
        result.mentions.extend(description_mentions(infos, result.mentions, self.vocab.role_words, self.synonyms))
        result.mentions.sort(key=lambda m: (sentence_number(m.sentence), m.start))
        self._headings(result, heads or [])
        self._dates_and_events(article, result, infos)
        self._heading_dates(article, result, heads or [], infos)
        self._quotes(result, infos, per_block, docs)
        return result

    def _headings(self, result: Extraction, heads: list) -> None:
        """Names in the headline and headings, kept only where the body or the gazetteer
        confirms them: title case makes the tagger see names in every capitalised word."""
        body = {(m.kind, m.name) for m in result.mentions}
        full = {m.name for m in result.mentions if m.kind == "person" and " " in m.name}
        for sentence_id, block_index, doc in heads:
            found = []
            ruled = {e.text for e in doc.ents if e.ent_id_}  # matched by a data-file pattern
            for mention in entity_mentions(doc, [(sentence_id, doc[:])], self.vocab):
                fits = [n for n in full if mention.name in (n, n.split()[0], n.split()[-1])]
                # A name after a title is a person's even where the body does not repeat it:
                # "Statement by Secretary Tillerson".
                titled = mention.kind == "person" and mention.role is not None and _titled_in_headline(doc, mention)
                if (mention.kind == "person" or len(fits) == 1) and not (titled and not fits):
                    if len(fits) != 1:
                        continue
                    mention.kind, mention.name = "person", fits[0]  # "Austin" beside Lloyd Austin
                if not titled or "," in mention.role:
                    mention.role = None  # a headline's commas are not appositions
                if (
                    titled
                    or mention.text in ruled
                    or (mention.kind, mention.name) in body
                    or (mention.kind == "place" and self.vocab.gazetteer.place(mention.name) is not None)
                ):
                    found.append(mention)
            named = base_events(doc.text, sentence_id, self.catalogue)  # "On D-Day Anniversary, …"
            if found or named:
                result.sentences.append(Sentence(sentence_id, block_index, doc.text.strip()))
                result.mentions.extend(found)
                result.events.extend(named)

    def _dates_and_events(self, article: Article, result: Extraction, infos: list[SentenceInfo]) -> None:
        text = article.body
        anchor = article.date
        for info in infos:
            result.anniversaries.extend(anniversaries(info.text, info.id, text, article.title, anchor, self.catalogue))
        if anchor is None:
            dated = [a for a in result.anniversaries if a.year and a.base_event]
            if dated:
                first = dated[0]
                said = next((i.text for i in infos if i.id == first.sentence), "")
                # Anniversaries marked over a span from this year into the coming one fall, the
                # last of them, in the coming year: the article is of the year before.
                into_next = _INTO_NEXT.search(said)
                year = first.year - 1 if into_next else first.year
                value = _anniversary_month(self.catalogue.base_by_key(first.base_event), year, said) or str(year)
                # A clue for resolve, which decides publication dates; the text's own dates are read against it.
                result.date_clues.append(
                    {
                        "kind": "anniversary",
                        "value": value,
                        "confidence": "high" if year == first.year else "medium",
                        "why": f"'{ordinal(first.ordinal)} anniversary of {first.of}'"
                        + (f" ({first.year}) '{into_next.group(0)}'" if into_next else "")
                        + (" marked on its day" if len(value) > 4 else ""),
                    }
                )
                anchor = value
        if article.date is None:
            result.date_clues.extend(text_clues(text))
        last_subject = None  # the person a later "he" or "she" stands for: the last one a sentence was about
        last_written = None  # the date the text gave last: what "three months later" counts from
        for info in infos:
            future = sentence_future(info.span)
            sent_dates = []
            spans = time_spans(info.span)
            dated_by = bracketed(spans)
            bases = self.catalogue.bases_named(info.text)  # looked up once: the events below name them too
            named = [str(e["date"]) for e in bases if e.get("date")]
            for n, ent in enumerate(spans):
                tense = clause_tense(ent, future)
                # "next week (Tues. May 22)": the time is the day its bracket names.
                reads = spans[dated_by[n]].text if n in dated_by else None
                here = [d.value for d in sent_dates if d.value and dates.WRITTEN.search(d.text)] + named
                since = max(here, key=len) if here else last_written
                value, end = dates.later(ent.text, since), None
                if value is None:
                    value, end = dates.resolve(reads or ent.text, anchor, tense)
                if value is None and n and _renames(spans[n - 1], ent) and sent_dates[-1].value:
                    # "on Saturday night, the opening night": the second names the first's day.
                    value, end = sent_dates[-1].value, sent_dates[-1].end
                sent_dates.append(DateMention(ent.text, info.id, value, end, tense == "future", tense, reads))
            last_written = next(
                (d.value for d in reversed(sent_dates) if d.value and dates.WRITTEN.search(d.text)), None
            ) or (max(named, key=len) if named else last_written)
            result.dates.extend(sent_dates)
            mentions = [m for m in result.mentions if m.sentence == info.id]
            found = sentence_events(
                info.span, info.id, mentions, sent_dates, self.catalogue, future, info.text, last_subject, bases
            )
            last_subject = subject_person(info.span, mentions) or last_subject
            found.extend(anniversary_events(info.text, info.id, mentions, result.anniversaries, self.catalogue))
            result.events.extend(found)
            if article.date is None:
                result.date_clues.extend(date_clues(info.span, found, sent_dates, self.catalogue, future))

    def _heading_dates(self, article: Article, result: Extraction, heads: list, infos: list[SentenceInfo]) -> None:
        """The dates of the headline and headings ("… keynote to WWDC 2005"), placed in document
        order among the body's; they date no event, the headline's words being too few to tie one."""
        block_of = {info.id: info.block for info in infos}
        dated = [(block_of.get(d.sentence, 0), n, d) for n, d in enumerate(result.dates)]
        known = {s.id for s in result.sentences}
        for sentence_id, block_index, doc in heads:
            found = []
            future = sentence_future(doc[:])
            for n, span in enumerate(time_spans(doc[:])):
                tense = clause_tense(span, future)
                value, end = dates.resolve(span.text, article.date or anniversary_anchor(result), tense)
                found.append(DateMention(span.text, sentence_id, value, end, tense == "future", tense))
                dated.append((block_index, -100 + n, found[-1]))
            if sentence_id == "title":
                # "Cisco sues Apple for iPhone trademark": the news the report is about, in its own
                # words; dated in resolve, by the report, as the lead's news is.
                mentions = [m for m in result.mentions if m.sentence == "title"]
                news = [
                    e
                    for e in sentence_events(doc[:], sentence_id, mentions, [], self.catalogue, False, doc.text)
                    if e.type in self.catalogue.news and e.name is None and _headline_news(doc, e.trigger)
                ]
                found.extend(news)
                result.events.extend(news)
            if found and sentence_id not in known:  # what a heading says is cited from it
                result.sentences.append(Sentence(sentence_id, block_index, doc.text.strip()))
                known.add(sentence_id)
        result.dates = [d for _, _, d in sorted(dated, key=lambda x: (x[0], x[1]))]

    def _quotes(self, result: Extraction, infos: list[SentenceInfo], per_block: dict, docs: list) -> None:
        people = [m for m in result.mentions if m.kind == "person"]
        order = {info.id: n for n, info in enumerate(infos)}
        attributor = Attributor(
            self.speech,
            people,
            order,
            self.vocab.role_words,
            [m for m in result.mentions if m.kind == "organization"],
            self.organization_nouns,
            self.document_nouns,
            infos,
        )
        previous: Quote | None = None
        pending_speaker: str | None = None
        for block_index, doc in enumerate(docs):
            sentences = per_block.get(block_index)
            if doc is None or not sentences:
                pending_speaker = None
                continue
            found = find_quotes(doc, sentences, attributor, previous, pending_speaker)
            if pending_speaker and not found:
                found = [Quote(text=doc.text.strip(), sentence=sentences[0].id, speaker=pending_speaker)]
            result.quotes.extend(found)
            previous = found[-1] if found else previous
            quoted = {q.sentence for q in found}
            for info in sentences:
                if info.id not in quoted and (statement := reported_speech(info, attributor)):
                    result.quotes.append(statement)
            pending_speaker = block_quote_speaker(sentences, attributor)

    # ------------------------------------------------------------------ the corpus

    def cache_key(self, article: Article) -> str:
        payload = json.dumps(
            [self.fingerprint, article.title, article.date, [(b.kind, b.text) for b in article.blocks]],
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    def run(
        self,
        articles: list[Article],
        cache_dir: Path | None = None,
        progress: Callable[[Iterable], Iterable] | None = None,
        workers: int = 1,
        scheduler: str | None = None,
        store: str | None = None,
    ) -> tuple[dict[str, Extraction], list[Problem]]:
        """Extract every article not in the cache: with several workers in that many processes,
        with a Dask `scheduler` on its cluster (see `process.cluster`); `store` is an fsspec URL
        the cache lives at instead of `cache_dir` (see `store`)."""
        results: dict[str, Extraction] = {}
        problems: list[Problem] = []
        todo: list[Article] = []
        keys = {article.id: self.cache_key(article) for article in articles}
        cache = ExtractionCache(cache_dir, self.fingerprint) if store is None else SharedStore(store)
        with gc_paused():
            cache.preload(list(keys.values()))
            for article in articles:
                cached = cache.get(keys[article.id])
                if cached is not None:
                    results[article.id] = cached
                else:
                    todo.append(article)
        with ExitStack() as stack:
            if scheduler is not None and todo:
                from generator.process import cluster

                client = stack.enter_context(cluster.client_for(scheduler))
                done = cluster.extract(client, self.settings, self.fingerprint, chunked(todo), keys, store)
            elif (workers := min(workers, max(1, len(todo) // CHUNK))) > 1:
                done = parallel(self.settings, todo, workers)
            else:
                done, progress = [self.extract_all(todo, progress)], None  # its bar counts the texts parsed
            written_by_workers = scheduler is not None and store is not None
            stream = Counted(done, len(todo))
            for article_id, extraction, failures in progress(stream) if progress else stream:
                problems.extend(failures)
                results[article_id] = extraction
                if not written_by_workers:
                    cache.put(keys[article_id], extraction)  # as it comes: a stopped build keeps what it parsed
        cache.close({keys[article.id]: results[article.id] for article in articles})
        for article in articles:
            results[article.id].made_from = keys[article.id]
        return results, problems

    def extract_all(self, todo: list[Article], progress=None) -> tuple[dict[str, Extraction], list[Problem]]:
        """Parse and extract `todo` in this process."""
        results: dict[str, Extraction] = {}
        problems: list[Problem] = []
        if not todo:
            return results, problems
        model = nlp.with_patterns(self.patterns.get("patterns") or [], self.vocab.abbreviations + dates.ABBREVIATIONS)
        texts = [(b.text, (n, i)) for n, a in enumerate(todo) for i, b in enumerate(a.blocks)]
        texts += [(a.title, (n, -1)) for n, a in enumerate(todo) if a.title]
        parsed: dict[int, list] = {n: [None] * len(a.blocks) for n, a in enumerate(todo)}
        heads: dict[int, list] = {n: [] for n in range(len(todo))}
        stream = chain.from_iterable(
            model.pipe(group, as_tuples=True, batch_size=BATCH_TEXTS) for group in batches(texts)
        )
        with nlp.one_blas_thread():
            for doc, (n, i) in progress(stream) if progress else stream:
                if i >= 0 and todo[n].blocks[i].kind == "paragraph":
                    parsed[n][i] = doc
                else:  # the headline ("title") and headings ("head-N") are read for names only
                    heads[n].append(("title" if i < 0 else f"head-{i}", i, doc))
        for n, article in enumerate(todo):
            try:
                extraction = self.extract(article, parsed[n], heads[n])
            except Exception as exc:  # one article's failure must not stop the corpus
                log.exception("extraction failed for %s", article.source)
                problems.append(
                    Problem(
                        article.source, f"extraction failed ({type(exc).__name__}: {exc}); page built without entities"
                    )
                )
                extraction = Extraction(article=article.id)
            results[article.id] = extraction
        return results, problems


class Counted:
    """Batches of results as one item an article, with the count known ahead: the progress bar
    shows articles done, wherever they were extracted."""

    def __init__(self, batches: Iterable[tuple[dict[str, Extraction], list[Problem]]], total: int) -> None:
        self.batches, self.total = batches, total

    def __len__(self) -> int:
        return self.total

    def __iter__(self) -> Iterator[tuple[str, Extraction, list[Problem]]]:
        for extractions, failures in self.batches:
            for n, (article_id, extraction) in enumerate(extractions.items()):
                yield article_id, extraction, failures if n == 0 else []


# spaCy's memory grows with the tokens of a batch, and text can hold a
# token a character ("1-2-1-2-..."): a batch holds at most this many characters, so no text
# makes a parse take more than a few hundred MB. News paragraphs fill 64 texts well before it.
BATCH_TEXTS = 64
BATCH_CHARS = 10_000


def batches(texts: list[tuple[str, tuple]]) -> Iterator[list[tuple[str, tuple]]]:
    group: list[tuple[str, tuple]] = []
    size = 0
    for item in texts:
        if group and (len(group) == BATCH_TEXTS or size + len(item[0]) > BATCH_CHARS):
            yield group
            group, size = [], 0
        group.append(item)
        size += len(item[0])
    if group:
        yield group


# Articles per task sent to a worker process: large enough for spaCy's batching, small enough
# to keep both cores busy to the end and the progress bar moving.
CHUNK = 40


_WORKER: Extractor | None = None


def chunked(todo: list[Article]) -> list[list[Article]]:
    """The articles in tasks of CHUNK, for the pool's processes or a cluster's workers."""
    return [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]


def _start_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Extractor(settings)


def _work(chunk: list[Article]) -> tuple[dict[str, Extraction], list[Problem]]:
    return _WORKER.extract_all(chunk)


def parallel(settings: Settings, todo: list[Article], workers: int):
    """Extraction is a map over articles: chunks go to `workers` processes, results come back in order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context(start_method())
    with own_import_path():  # the pool starts its helpers here, and map submits every chunk: the workers too
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(settings,))
        results = pool.map(_work, chunked(todo))
    with pool:
        yield from results
