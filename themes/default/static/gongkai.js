// gongkai: refreshes disclosure status from data- attributes (so a page built last week
// shows today's status) and remembers the large-text mode. The site works without it.
(function () {
  "use strict";
  var DAY = 86400000;
  // A YYYY-MM-DD day as a count of days, free of the reader's own time zone.
  function dayNumber(s) {
    var p = (s || "").split("-");
    return p.length === 3 ? Date.UTC(+p[0], +p[1] - 1, +p[2]) / DAY : NaN;
  }
  // Today in the site's time zone (Asia/Shanghai by default), not the reader's.
  var todays = {};
  function today(tz) {
    if (todays[tz] !== undefined) return todays[tz];
    var now = new Date(), s;
    try {
      s = new Intl.DateTimeFormat("en-CA", { timeZone: tz || "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
    } catch (e) {
      s = now.getFullYear() + "-" + (now.getMonth() + 1) + "-" + now.getDate();
    }
    return (todays[tz] = dayNumber(s));
  }
  document.querySelectorAll("[data-period]").forEach(function (el) {
    var start = dayNumber(el.getAttribute("data-start"));
    var end = dayNumber(el.getAttribute("data-end"));
    if (isNaN(start) || isNaN(end)) return;
    var t = today(el.getAttribute("data-tz")), status, text;
    if (isNaN(t)) return;
    if (t < start) {
      status = "upcoming"; text = el.getAttribute("data-l-upcoming");
    } else if (t <= end) {
      var left = Math.round(end - t) + 1;
      if (el.hasAttribute("data-working")) {
        // Working days: Monday to Friday, less the declared holidays, plus the
        // declared make-up days (the site's, within the period, in data-off/data-work).
        var off = (el.getAttribute("data-off") || "").split(",").map(dayNumber);
        var work = (el.getAttribute("data-work") || "").split(",").map(dayNumber);
        left = 0;
        for (var d = t; d <= end; d++) {
          var wd = (((d + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
          if (work.indexOf(d) >= 0 || (off.indexOf(d) < 0 && wd !== 0 && wd !== 6)) left++;
        }
      }
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
  // The home page's "now in disclosure" list ([data-disclosure-list]) shows what is open
  // today and hides the rest: periods that ended since the build, and those built as
  // "about to start" until their first day. The [data-disclosure-empty] note shows when
  // nothing is open.
  var shown = 0, lists = document.querySelectorAll("[data-disclosure-list]");
  lists.forEach(function (list) {
    list.querySelectorAll("li").forEach(function (li) {
      var p = li.querySelector("[data-period]");
      var open = !!p && p.getAttribute("data-status") === "open";
      li.hidden = !open;
      if (open) shown++;
    });
  });
  var empty = document.querySelector("[data-disclosure-empty]");
  if (empty && lists.length) empty.hidden = shown > 0;
  // The printed notice's QR code is a lazy image, hidden on screen: Chromium loads lazy
  // images before printing; this asks the other browsers to load it too.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("img[loading=lazy]").forEach(function (img) { img.loading = "eager"; });
  });
  var btn = document.querySelector("[data-large-toggle]");
  if (btn) {
    var root = document.documentElement;
    btn.hidden = false; // a site's own base.html may still hide it until now
    btn.setAttribute("aria-pressed", root.classList.contains("large") ? "true" : "false");
    btn.addEventListener("click", function () {
      var on = !root.classList.contains("large");
      root.classList.toggle("large", on);
      btn.setAttribute("aria-pressed", on ? "true" : "false");
      try { localStorage.setItem("gk-large", on ? "1" : "0"); } catch (e) {}
    });
  }
})();
