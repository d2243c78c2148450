// Annals: the worker behind Material's search box when the site is searched with Pagefind.
// It speaks the protocol of Material's own search worker (setup -> ready, query -> result),
// but answers from Pagefind's chunked index, so a query downloads a few small files instead of
// one index of the whole site. Material still draws the box, the list and the keyboard moves.
//
// The site's index has two parts: "names" (the pages of people, places, organizations,
// events and anniversaries) and "text" (articles and the rest). The names answer first and
// are shown at once; the articles follow in a second result for the same query. Each part is
// made of shards (pagefind/shards.json lists them), so that an edit re-indexes a few; the
// worker merges a part's shards into one search, ranked together (Pagefind's mergeIndex).
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const SHOWN = 20  // results per bundle whose excerpt is loaded
const FIRST = 10  // results Material lists before the reader scrolls
const PARTS = ["names", "text"]
const SHARD = "annals_shard"  // the filter that tells a page's shard
const NOWHERE = "-"  // a value of it no shard has

let loading = []  // each part's bundle, or null, as it loads: names first
let latest = 0  // the newest query: an older one that finishes late must not replace its results

const escapeHtml = text => String(text).replace(/[&<>"']/g, ch =>
  ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch])

// A query holds the worker from its arrival until the names have answered it. The bundles of
// the later parts load between queries, one shard at a time, so that a reader who types while
// they load waits for one shard, not all: this worker has one thread, and at 10,000 articles
// (2 cores) the names were ready 0.2 to 0.4 s later when the articles loaded beside them.
let holding = 0
let quiet = Promise.resolve()  // settles once no query holds the worker
let resume = () => {}

function hold() {
  if (holding++ === 0)
    quiet = new Promise(resolve => { resume = resolve })
}

function release() {
  if (--holding === 0)
    resume()
}

async function load(shards, yielding) {
  // The worker lives at <site>/assets/annals/; the bundles at <site>/pagefind/<part>/<shard>/.
  if (!shards || !shards.length)  // a site with no page of this part has no bundle for it
    return null
  const base = folder => new URL(`../../pagefind/${folder}/`, self.location).href
  try {
    const bundle = await import(`${base(shards[0])}pagefind.js`)
    // Each shard's pages carry its folder as a filter value (Pagefind's mergeFilter), so that
    // `found` can tell which shards have a word.
    const merge = folder => bundle.mergeIndex(base(folder), { mergeFilter: { [SHARD]: folder } })
    const first = async () => {
      await bundle.init()
      await bundle.options({ mergeFilter: { [SHARD]: shards[0] } })
    }
    if (yielding) {
      for (const folder of shards) {
        await quiet
        await (folder === shards[0] ? first() : merge(folder))
      }
    } else {
      await first()
      await Promise.all(shards.slice(1).map(merge))
    }
    return { search: bundle.search, shards }
  } catch (error) {
    console.warn(`Search index not loaded: ${shards[0]}`, error)
    return null
  }
}

async function layout() {
  try {
    const response = await fetch(new URL("../../pagefind/shards.json", self.location).href)
    return (await response.json()).bundles || {}
  } catch (error) {
    console.warn("Search index list not loaded", error)
    return {}
  }
}

async function found(bundle, words) {
  // Pagefind leaves out of a query the words an index has never seen, so a shard without
  // "Duarte" answers "Rosa Duarte" with every Rosa. One index of the whole part would have
  // found only the pages with both: search only the shards that have every word some shard
  // has. A word's count in each shard comes from a search that a filter leaves empty: Pagefind
  // then builds no result objects, the larger part of a search's cost for a common word.
  const terms = words.split(/\s+/).filter(Boolean)
  let options = {}
  if (terms.length > 1 && bundle.shards.length > 1) {
    const counts = await Promise.all(terms.map(async term =>
      (await bundle.search(term, { filters: { [SHARD]: NOWHERE } })).totalFilters[SHARD] || {}))
    const known = counts.filter(count => bundle.shards.some(shard => count[shard] > 0))
    const having = bundle.shards.filter(shard => known.every(count => count[shard] > 0))
    if (!having.length)
      return []
    if (having.length < bundle.shards.length)
      options = { filters: { [SHARD]: { any: having } } }
  }
  return (await bundle.search(words, options)).results.slice(0, SHOWN)
}

async function described(results) {
  const data = await Promise.all(results.map(result => result.data()))
  return data.map((page, n) => [{
    location: page.url.replace(/^\//, ""),
    title: escapeHtml(page.meta.title || page.url),
    text: page.excerpt,
    score: results[n].score,
    terms: {}
  }])
}

async function search(query, id) {
  // Material's query syntax (+word, -word, word*, "...") is not Pagefind's: keep the words.
  const words = query.replace(/[+\-*~^:"]/g, " ").trim()
  let shown = []
  for (let n = 0; n < loading.length; n++) {
    const bundle = await loading[n]
    if (n === 0)
      hold()
    try {
      const results = bundle && words ? await found(bundle, words) : []
      // Material lists the first ten results at once and the rest as the reader scrolls: the
      // first ten are shown as soon as their excerpts are in, and the list grows after.
      for (const piece of [results.slice(0, FIRST), results.slice(FIRST)].filter(piece => piece.length)) {
        shown = shown.concat(await described(piece))
        if (id !== latest)
          return
        postMessage({ type: RESULT, data: { items: shown } })
      }
      if (!results.length && n === loading.length - 1 && id === latest)  // no "nothing found" before the last
        postMessage({ type: RESULT, data: { items: shown } })
    } finally {
      if (n === 0)
        release()
    }
  }
  if (!loading.length)
    postMessage({ type: RESULT, data: { items: [] } })
}

addEventListener("message", async event => {
  const message = event.data
  if (message.type === SETUP) {
    const shards = await layout()
    // The names load first, and the box is ready once they are: they answer first. Each later
    // part loads after the one before, not beside it (see `hold`): with the articles' bundles
    // loading beside them, the names were ready 0.2 to 0.4 s later. A query that comes before
    // the articles have loaded waits for them after the names have answered.
    loading = [load(shards[PARTS[0]], false)]
    for (const part of PARTS.slice(1))
      loading.push(loading[loading.length - 1].then(() => load(shards[part], true)))
    await loading[0]
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    const id = ++latest
    try {
      await search(message.data, id)
    } catch (error) {
      console.warn(`Search failed: ${message.data}`, error)
      if (id === latest)
        postMessage({ type: RESULT, data: { items: [] } })
    }
  }
})
