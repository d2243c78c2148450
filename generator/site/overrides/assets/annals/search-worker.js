// Annals: the worker behind Material's search box when the site is searched with Pagefind.
// It speaks the protocol of Material's own search worker (setup -> ready, query -> result),
// but answers from Pagefind's chunked index, so a query downloads a few small files instead of
// one index of the whole site. Material still draws the box, the list and the keyboard moves.
//
// The site has two Pagefind bundles: "names" (the pages of people, places, organizations,
// events and anniversaries) and "text" (articles and the rest). The names answer first and
// are shown at once; the articles follow in a second result for the same query.
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const SHOWN = 20  // results per bundle whose excerpt is loaded; Material lists them ten at a time
const PARTS = ["names", "text"]

let bundles = []
let latest = 0  // the newest query: an older one that finishes late must not replace its results

const escapeHtml = text => String(text).replace(/[&<>"']/g, ch =>
  ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch])

async function load(part) {
  // The worker lives at <site>/assets/annals/; the bundles at <site>/pagefind/<part>/.
  try {
    const bundle = await import(new URL(`../../pagefind/${part}/pagefind.js`, self.location).href)
    await bundle.init()
    return bundle
  } catch (error) {  // a site with no page of this part has no bundle for it
    return null
  }
}

async function items(bundle, words) {
  const found = await bundle.search(words)
  const data = await Promise.all(found.results.slice(0, SHOWN).map(result => result.data()))
  return data.map((page, n) => [{
    location: page.url.replace(/^\//, ""),
    title: escapeHtml(page.meta.title || page.url),
    text: page.excerpt,
    score: found.results[n].score,
    terms: {}
  }])
}

async function search(query, id) {
  // Material's query syntax (+word, -word, word*, "...") is not Pagefind's: keep the words.
  const words = query.replace(/[+\-*~^:"]/g, " ").trim()
  let shown = []
  for (const bundle of bundles) {
    if (words)
      shown = shown.concat(await items(bundle, words))
    if (id !== latest)
      return
    if (shown.length || bundle === bundles[bundles.length - 1])  // no "nothing found" before the last
      postMessage({ type: RESULT, data: { items: shown } })
  }
  if (!bundles.length)
    postMessage({ type: RESULT, data: { items: [] } })
}

addEventListener("message", async event => {
  const message = event.data
  if (message.type === SETUP) {
    bundles = (await Promise.all(PARTS.map(load))).filter(Boolean)
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
