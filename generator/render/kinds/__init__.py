"""One module per kind of page with a memo key: what the page shows (`page`), the key the
render memo keeps its Markdown under (`key`), and its template (`TEMPLATE`), side by side. A
page that shows one more field has its key beside it to update; `tests/render` compares pages
made from the memo with a full render after every kind of edit."""
