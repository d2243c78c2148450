// "On this day": the calendar link on the home page and the calendar becomes a link to today's
// page where the corpus has anything on today's date. Today is the reader's, so a site built
// long ago still opens on the right day, and the same corpus still builds the same pages.
document$.subscribe(function () {
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  document.querySelectorAll(".annals-today").forEach(function (box) {
    if (box.dataset.annalsReady) return;
    box.dataset.annalsReady = "1";
    var link = box.querySelector("a");
    var days = JSON.parse(box.dataset.days || "{}");
    var now = new Date();
    var day = String(now.getMonth() + 1).padStart(2, "0") + "-" + String(now.getDate()).padStart(2, "0");
    if (!link || !days[day]) return;
    var calendar = link.href;
    link.href = /\/$/.test(calendar) ? new URL(day + "/", calendar).href
                                     : calendar.replace(/index\.html$/, day + ".html");
    box.hidden = false;
    link.textContent = "Today, " + now.getDate() + " " + MONTHS[now.getMonth()] + ": " + days[day] +
                       (days[day] === 1 ? " thing" : " things") + " happened on this day";
  });
});
