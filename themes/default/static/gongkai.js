// gongkai: refreshes disclosure status from data- attributes (so a page built last week
// shows today's status) and remembers the large-text mode. The site works without it.
(function () {
  "use strict";
  function parse(s) {
    var p = (s || "").split("-");
    return p.length === 3 ? new Date(+p[0], +p[1] - 1, +p[2]) : null;
  }
  var now = new Date();
  var today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  var DAY = 86400000;
  document.querySelectorAll("[data-period]").forEach(function (el) {
    var start = parse(el.getAttribute("data-start"));
    var end = parse(el.getAttribute("data-end"));
    if (!start || !end) return;
    var status, text;
    if (today < start) {
      status = "upcoming"; text = el.getAttribute("data-l-upcoming");
    } else if (today <= end) {
      var left = Math.round((end - today) / DAY) + 1;
      status = "open";
      var unit = el.getAttribute("data-l-unit");
      text = el.getAttribute("data-l-open") + (el.getAttribute("data-l-lp") || "（") + el.getAttribute("data-l-left") + " " + left +
        (unit ? " " + unit : "") + (el.getAttribute("data-l-rp") || "）");
    } else {
      status = "closed"; text = el.getAttribute("data-l-closed");
    }
    el.textContent = text;
    el.className = el.className.replace(/period-\w+/, "period-" + status);
    el.setAttribute("data-status", status);
  });
  // The home page's "open for objections" list: show what is open today, hide the rest.
  var openList = document.querySelector("[data-open-list]");
  if (openList) {
    var shown = 0;
    openList.querySelectorAll("li").forEach(function (li) {
      var p = li.querySelector("[data-period]");
      var open = p && p.getAttribute("data-status") === "open";
      li.hidden = !open;
      if (open) shown++;
    });
    var empty = document.querySelector("[data-open-empty]");
    if (empty) empty.hidden = shown > 0;
  }
  var btn = document.querySelector("[data-large-toggle]");
  if (btn) {
    var root = document.documentElement;
    btn.hidden = false;
    btn.setAttribute("aria-pressed", root.classList.contains("large") ? "true" : "false");
    btn.addEventListener("click", function () {
      var on = !root.classList.contains("large");
      root.classList.toggle("large", on);
      btn.setAttribute("aria-pressed", on ? "true" : "false");
      try { localStorage.setItem("gk-large", on ? "1" : "0"); } catch (e) {}
    });
  }
})();
