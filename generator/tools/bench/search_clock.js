// The page's own clock for a search, installed before the page's scripts run (search_latency.py):
// the first key pressed, and the first frame drawn with a search result in the list.
window.annalsSearchClock = {}
document.addEventListener("keydown", () => {
  const clock = window.annalsSearchClock
  if (clock.key === undefined)
    clock.key = performance.now()
}, true)
new MutationObserver((_, observer) => {
  const clock = window.annalsSearchClock
  if (clock.key !== undefined && document.querySelector(".md-search-result__item")) {
    observer.disconnect()
    // A frame callback runs as the frame that shows the new list is made.
    requestAnimationFrame(() => { clock.shown = performance.now() })
  }
}).observe(document, { subtree: true, childList: true })
