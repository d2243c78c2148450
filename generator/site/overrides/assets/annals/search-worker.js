// Annals: the worker behind Material's search box when the site is searched with Pagefind.
// It speaks the protocol of Material's own search worker (setup -> ready, query -> result),
// but answers from Pagefind's chunked index, so a query downloads a few small files instead of
// one index of the whole site. Material still draws the box, the list and the keyboard moves.
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const SHOWN = 20  // results whose excerpt is loaded; Material lists them ten at a time

let pagefind = null

const escapeHtml = text => String(text).replace(/[&<>"']/g, ch =>
  ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch])

async function search(query) {
  // Material's query syntax (+word, -word, word*, "...") is not Pagefind's: keep the words.
  const words = query.replace(/[+\-*~^:"]/g, " ").trim()
  if (!words)
    return { items: [] }
  const found = await pagefind.search(words)
  const data = await Promise.all(found.results.slice(0, SHOWN).map(result => result.data()))
  return {
    items: data.map((page, n) => [{
      location: page.url.replace(/^\//, ""),
      title: escapeHtml(page.meta.title || page.url),
      text: page.excerpt,
      score: found.results[n].score,
      terms: {}
    }])
  }
}

addEventListener("message", async event => {
  const message = event.data
  if (message.type === SETUP) {
    // The worker lives at <site>/assets/annals/; Pagefind's files at <site>/pagefind/.
    pagefind = await import(new URL("../../pagefind/pagefind.js", self.location).href)
    await pagefind.init()
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    try {
      postMessage({ type: RESULT, data: await search(message.data) })
    } catch (error) {
      console.warn(`Search failed: ${message.data}`, error)
      postMessage({ type: RESULT, data: { items: [] } })
    }
  }
})
