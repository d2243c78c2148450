"""People, organizations and places across the corpus: one entity per real thing."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from generator.extract import names
from generator.ids import IdMaker
from generator.model import Article, Entity, EntityKind, Extraction, Mention, MentionRef, PlaceTree, Role

# Resolve folds the same few thousand names millions of times over a large corpus.
fold = lru_cache(maxsize=1 << 16)(names.fold)
clean_name = lru_cache(maxsize=1 << 16)(names.clean_name)


def mentions_by_kind(
    articles: list[Article], extractions: dict[str, Extraction]
) -> dict[str, list[tuple[str, Mention]]]:
    """Every name's mention with its article id, by kind, in the articles' order: one pass over
    the corpus' mentions (a million at 10,000 articles) for the three kinds."""
    found: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for article in articles:
        extraction = extractions.get(article.id)
        for mention in extraction.mentions if extraction is not None else ():
            found[mention.kind].append((article.id, mention))
    return found


def short_org_forms(extractions: dict[str, Extraction], legal_forms: list[str], prefixes: tuple[str, ...] = ()) -> None:
    """Fold an organization's short forms into its full name, as news writes them.

    Within an article, a name that opens exactly one longer organization name written before
    it, or that name without its country ("the Brazilian Federal Court of Accounts … the Federal
    Court"), is that organization ("Apple Computer … Apple"); across the corpus, a name followed
    by a legal form is the name without it where the corpus uses that ("Apple Inc." is Apple).
    """
    legal = {str(f).lower() for f in legal_forms}
    bare: dict[str, str] = {}
    used = set()
    for extraction in extractions.values():
        orgs = [m for m in extraction.mentions if m.kind == "organization"]
        first_seen: dict[str, int] = {}
        for index, mention in enumerate(orgs):
            first_seen.setdefault(mention.name, index)
        for index, mention in enumerate(orgs):
            words = mention.name.split()
            longer = [
                n
                for n, at in first_seen.items()
                if at < index
                and len(n.split()) > len(words)
                and words in (n.split()[: len(words)], (without_country(n, prefixes) or "").split()[: len(words)])
            ]
            if len(longer) == 1 and first_seen[mention.name] > first_seen[longer[0]]:
                mention.name = longer[0]
        for mention in orgs:
            used.add(mention.name)
            words = mention.name.replace(",", " ").split()
            while len(words) > 1 and words[-1].lower() in legal:
                words.pop()
            if len(words) < len(mention.name.split()):
                bare[mention.name] = " ".join(words)
    for extraction in extractions.values():
        for mention in extraction.mentions:
            if mention.kind == "organization" and bare.get(mention.name) in used:
                mention.name = bare[mention.name]


def corpus_names(
    mentions: list[tuple[str, Mention]], fixes: dict, known: dict | None = None, person: bool = False
) -> dict[str, str]:
    """Map every name of one kind's `mentions` to the name of its entity.

    A single word ("Putin") left over in an article that never gives the full name joins the
    one full name of the corpus that begins or ends with it; where two full names fit
    ("Biden": Joe and Jill) it stays apart. Where the corpus gives none, a title and surname
    ("President Biden") of exactly one known person (`data/people.yml`) is that person.
    """
    names = sorted({m.name for _, m in mentions})
    roles: dict[str, set[str]] = defaultdict(set)
    for _, mention in mentions:
        if mention.role:
            roles[mention.name].add(fold(mention.role))
    merge = {fold(k): v for k, v in (fixes.get("merge") or {}).items()}
    mapping: dict[str, str] = {}
    nicknamed = nickname_forms([n for n in names if " " in n], Counter(m.name for _, m in mentions)) if person else {}
    # The full names by their first and by their last word, each once, in sorted order.
    by_end: dict[str, list[str]] = defaultdict(list)
    for full in (n for n in names if " " in n):
        words = full.split()
        for word in dict.fromkeys((words[0], words[-1])):
            if nicknamed.get(full, full) not in by_end[word]:
                by_end[word].append(nicknamed.get(full, full))
    for name in names:
        target = nicknamed.get(name, name)
        if person and " " not in name:
            fits = by_end.get(name, [])
            if len(fits) == 1:
                target = fits[0]
            elif not fits:
                target = _known_person(name, roles[name], known or {}) or name
        mapping[name] = merge.get(fold(name), merge.get(fold(target), target))
    return mapping


@lru_cache(maxsize=1)
def _nicknamer():
    from nicknames import NickNamer  # a curated table of English given names and their short forms

    return NickNamer()


def nickname_forms(full_names: list[str], counts: Counter) -> dict[str, str]:
    """ "Bill Clinton" and "William Clinton" are one person: full names with one surname whose
    given names are a name and its nickname map to the form the corpus uses most. A short form
    that fits two given names with that surname (Bill: William or Robert) is left alone."""
    by_surname: dict[str, list[str]] = defaultdict(list)
    for name in full_names:
        by_surname[fold(name.split()[-1])].append(name)
    forms: dict[str, str] = {}
    for group in by_surname.values():
        if len(group) < 2:
            continue
        for short in group:
            given = short.split()[0].lower()
            longer = [n for n in group if n != short and given in _nicknamer().nicknames_of(n.split()[0].lower())]
            if len(longer) == 1:
                formal = longer[0]
                forms[short] = forms[formal] = max((formal, short), key=lambda n: (counts[n], len(n), n))
    return forms


def _known_person(surname: str, roles: set[str], known: dict) -> str | None:
    fits = {
        str(full)
        for full, titles in known.items()
        if fold(str(full).split()[-1]) == fold(surname)
        and any(
            fold(title) in role.split() or f" {fold(title)} " in f" {role} " for title in titles or [] for role in roles
        )
    }
    return fits.pop() if len(fits) == 1 else None


def resolve_entities(
    kind: EntityKind,
    mentions: list[tuple[str, Mention]],
    articles: list[Article],
    fixes: dict,
    known: dict | None = None,
    country_prefixes: tuple[str, ...] = (),
) -> tuple[list[Entity], dict[str, str]]:
    """Return the entities of `kind` from its `mentions` (see `mentions_by_kind`) and the map from names to entity ids."""
    dates = {a.id: a.date for a in articles}
    ignored = {fold(n) for n in (fixes.get("not_entities") or [])}
    descriptions = {fold(k): v for k, v in (fixes.get("descriptions") or {}).items()}
    mapping = corpus_names(mentions, fixes, known, person=kind == "person")
    split = _split_fixes(fixes, articles)
    grouped: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for article_id, mention in mentions:
        name = mapping[mention.name]
        if split:
            name = split.get((fold(name), article_id)) or split.get((fold(mention.name), article_id)) or name
        if ignored and (fold(name) in ignored or fold(mention.name) in ignored):
            continue
        grouped[name].append((article_id, mention))
    ids = IdMaker()
    entities: list[Entity] = []
    name_to_id: dict[str, str] = {}
    for name in sorted(grouped, key=lambda n: (fold(n), n)):
        entity = Entity(id=ids.make(name, kind), kind=kind, name=name, description=descriptions.get(fold(name)))
        roles: dict[tuple[str, str], Role] = {}
        listed: set[str] = set()  # entity.articles, for look-up: a common name is in thousands of articles
        texts: set[str] = set()
        said: set[str] = set()  # the names as the mentions give them
        for article_id, mention in grouped[name]:
            texts.add(mention.text)
            said.add(mention.name)
            if kind == "place" and mention.within and "," in mention.text:
                # "Colorado Springs, Colo." is also "Colorado Springs, Colorado", as written in full.
                said.add(f"{mention.name}, {mention.within}")
            if mention.role:
                roles.setdefault(
                    (mention.role, article_id),
                    Role(mention.role, article_id, dates.get(article_id), office_of(mention.role, country_prefixes)),
                )
            entity.mentions.append(MentionRef(article_id, mention.sentence, mention.text))
            if article_id not in listed:
                listed.add(article_id)
                entity.articles.append(article_id)
        # A bare title ("envoy" from "the envoy said") is a mention, not a name.
        folded = fold(name)
        aliases = {
            form
            for form in {clean_name(t) for t in texts} | said
            if form and fold(form) != folded and form[:1].isupper()
        }
        if kind == "organization":
            bare = without_country(name, country_prefixes)
            if bare:
                aliases.add(bare)
        entity.aliases = sorted(aliases, key=lambda a: (fold(a), a))
        entity.roles = list(roles.values())
        entities.append(entity)
        name_to_id[name] = entity.id
    if kind == "place":
        nest_places(entities, grouped, mapping, name_to_id, ids, fixes)
    return entities, {n: name_to_id[t] for n, t in mapping.items() if t in name_to_id}


_NEW = {"new", "newly", "incoming"}


def office_of(role: str, prefixes) -> str:
    """The office a role names, the same however the article places it: "Chinese President",
    "China's new President" and "President" are one office ("President")."""
    words = role.split()
    if len(words) > 1 and words[0][-2:] in ("'s", "’s"):
        words = words[1:]  # "China's …"
    low = " ".join(words).lower()
    for prefix in sorted(prefixes, key=len, reverse=True):
        if low.startswith(prefix + " "):
            words = words[len(prefix.split()) :]
            break
    while len(words) > 1 and words[0].lower() in _NEW:
        words = words[1:]
    office = " ".join(words) or role
    return office[:1].upper() + office[1:]


def without_country(name: str, prefixes) -> str | None:
    """ "US National Park Service" → "National Park Service": the organization's own name."""
    low = name.lower()
    for prefix in prefixes:
        if low.startswith(prefix + " ") and len(name[len(prefix) + 1 :].split()) >= 2:
            return name[len(prefix) + 1 :]
    return None


def _split_fixes(fixes: dict, articles: list[Article]) -> dict[tuple[str, str], str]:
    """`split: {Name: {article: Other Name}}`: in that article (its id or file), Name is Other Name."""
    if not fixes.get("split"):
        return {}
    ids = {a.id: a.id for a in articles} | {a.source: a.id for a in articles}
    result = {}
    for name, where in (fixes.get("split") or {}).items():
        for article, target in (where or {}).items() if isinstance(where, dict) else []:
            if str(article) in ids:
                result[(fold(str(name)), ids[str(article)])] = str(target)
    return result


def nest_places(
    entities: list[Entity],
    grouped: dict,
    mapping: dict[str, str],
    name_to_id: dict[str, str],
    ids: IdMaker,
    fixes: dict,
) -> None:
    """Each place lies in the place its mentions most often name ("Red Square in Moscow",
    "Colorado Springs, Colo.", the gazetteer's country of a city); `fixes: within:` overrides.
    A parent the corpus never mentions gets a page of its own, holding its places."""
    by_name = {e.name: e for e in entities}
    override = {fold(k): str(v) for k, v in (fixes.get("within") or {}).items()}
    for name in sorted(grouped):
        votes = Counter(mapping.get(m.within, m.within) for _, m in grouped[name] if getattr(m, "within", None))
        parent = override.get(fold(name)) or (max(sorted(votes), key=lambda n: votes[n]) if votes else None)
        if not parent or fold(parent) == fold(name):
            continue
        if parent not in by_name:
            by_name[parent] = Entity(id=ids.make(parent, "place"), kind="place", name=parent)
            entities.append(by_name[parent])
            name_to_id[parent] = by_name[parent].id
        by_name[name].within = by_name[parent].id
    # A loop ("Washington" in "Washington") is cut where it closes.
    ordered = sorted(entities, key=lambda e: e.id)
    cut = set(PlaceTree.loops({e.id: e.within for e in ordered}))
    for entity in ordered:
        if entity.id in cut:
            entity.within = None
    entities.sort(key=lambda e: (fold(e.name), e.name))
