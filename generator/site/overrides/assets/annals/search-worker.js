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
const SHOWN = 20  // results per bundle whose excerpt is loaded; Material lists them ten at a time
const PARTS = ["names", "text"]

let loading = []  // each part's bundle, or null, as it loads: names first
let latest = 0  // the newest query: an older one that finishes late must not replace its results

const escapeHtml = text => String(text).replace(/[&<>"']/g, ch =>
  ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch])

async function load(shards) {
  // The worker lives at <site>/assets/annals/; the bundles at <site>/pagefind/<part>/<shard>/.
  if (!shards || !shards.length)  // a site with no page of this part has no bundle for it
    return null
  const base = folder => new URL(`../../pagefind/${folder}/`, self.location).href
  try {
    const bundle = await import(`${base(shards[0])}pagefind.js`)
    await bundle.init()
    await Promise.all(shards.slice(1).map(folder => bundle.mergeIndex(base(folder))))
    return bundle
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

async function items(bundle, words) {
  let results = (await bundle.search(words)).results
  const terms = words.split(/\s+/).filter(Boolean)
  if (terms.length > 1) {
    // Pagefind leaves out of a query the words an index has never seen, so a shard without
    // "Duarte" answers "Rosa Duarte" with every Rosa. One index of the whole part would have
    // kept only the pages with both: keep the pages that have every word some shard has.
    for (const found of await Promise.all(terms.map(term => bundle.search(term)))) {
      if (found.results.length) {
        const having = new Set(found.results.map(result => result.id))
        results = results.filter(result => having.has(result.id))
      }
    }
  }
  const shown = results.slice(0, SHOWN)
  const data = await Promise.all(shown.map(result => result.data()))
  return data.map((page, n) => [{
    location: page.url.replace(/^\//, ""),
    title: escapeHtml(page.meta.title || page.url),
    text: page.excerpt,
    score: shown[n].score,
    terms: {}
  }])
}

async function search(query, id) {
  // Material's query syntax (+word, -word, word*, "...") is not Pagefind's: keep the words.
  const words = query.replace(/[+\-*~^:"]/g, " ").trim()
  let shown = []
  for (let n = 0; n < loading.length; n++) {
    const bundle = await loading[n]
    if (bundle && words)
      shown = shown.concat(await items(bundle, words))
    if (id !== latest)
      return
    if (shown.length || n === loading.length - 1)  // no "nothing found" before the last
      postMessage({ type: RESULT, data: { items: shown } })
  }
  if (!loading.length)
    postMessage({ type: RESULT, data: { items: [] } })
}

addEventListener("message", async event => {
  const message = event.data
  if (message.type === SETUP) {
    const shards = await layout()
    // Every part starts loading now; the box is ready once the names are, which answer first
    // (a query that comes before the articles have loaded waits for them after the names).
    loading = PARTS.map(part => load(shards[part]))
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
