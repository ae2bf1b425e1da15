// gongkai search: queries the character n-gram index under /search/ (written by
// src/search/). Every character and every pair of neighbouring characters of every
// published document is indexed, so a query's posting lists give every document that
// can hold it; the stored text of those candidates is then checked, so results are
// exactly the documents that contain every term of the query as a substring.
//
// Files: search/meta.json (shard count, filters), search/g/<k>.bin (posting lists of
// the grams whose hash mod shards is k), search/d/<id >> 8>/<id>.json (one document:
// title t, metadata m, body b; x, how many attachments have text), and for a document
// with x, search/a/<id >> 8>/<id>.json (its attachments as [name, text]), fetched only
// when a term is not in the document's own text or the excerpt must come from it.
// Document ids are newest first. The engine runs in node too (tests, benchmark): there
// it is exported as globalThis.GongkaiSearch and the page code does not run.
(function () {
  "use strict";

  var VERSION = 3;
  var MAX_GRAMS = 8; // shards a query fetches at most: first, last and evenly spaced grams
  var BATCH = 10; // documents fetched at a time to check candidates
  var BUDGET = 2; // batches a page of results may check before showing what it has

  function fold(s) {
    return s.replace(/[A-Z\uFF01-\uFF5E\u3000]/g, function (ch) {
      var c = ch.charCodeAt(0);
      if (c === 0x3000) return " ";
      if (c >= 0xff01) c -= 0xfee0;
      if (c >= 65 && c <= 90) c += 32;
      return String.fromCharCode(c);
    });
  }

  function terms(q) {
    var seen = {};
    return fold(q).split(/\s+/).filter(function (t) {
      if (!t || seen[t]) return false;
      seen[t] = true;
      return true;
    });
  }

  function gramsOf(term) {
    var cs = Array.from(term);
    if (cs.length === 1) return [term];
    var out = [];
    for (var i = 0; i + 1 < cs.length; i++) {
      var g = cs[i] + cs[i + 1];
      if (out.indexOf(g) < 0) out.push(g);
    }
    return out;
  }

  // At most n of a term's grams to find its candidates (any subset finds them all; the
  // text check makes the result exact): rare grams, spread over the term; a common
  // gram (own file, document count known) only when the term has no other, the rarest.
  function pick(grams, n, heavy) {
    var light = grams.filter(function (g) { return !heavy.has(g); });
    if (!light.length) {
      var common = grams.slice().sort(function (a, b) { return heavy.get(a).docs - heavy.get(b).docs; });
      return common.slice(0, Math.min(n, 2));
    }
    if (light.length <= n) return light;
    var out = [];
    for (var i = 0; i < n; i++) {
      var g = light[Math.round((i * (light.length - 1)) / (n - 1))];
      if (out.indexOf(g) < 0) out.push(g);
    }
    return out;
  }

  var encoder = new TextEncoder();
  var decoder = new TextDecoder();

  // The shard hash of a key: for a gram, a mix of its code points (src/search gram_hash);
  // for a filter key ("\u0001…"), FNV-1a of its UTF-8 bytes.
  function keyHash(key) {
    if (key.charCodeAt(0) === 1) return fnv1a(key);
    var cs = Array.from(key);
    var h = Math.imul(cs[0].codePointAt(0), 0x9e3779b1) ^ (cs.length > 1 ? cs[1].codePointAt(0) : 0);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  function fnv1a(s) {
    var bytes = encoder.encode(s);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  // A shard: key → {ids, vals}. See src/search/format.rs.
  function parseShard(buf) {
    var b = new Uint8Array(buf);
    var pos = 0;
    function varint() {
      var n = 0, mul = 1, x;
      do {
        x = b[pos++];
        n += (x & 0x7f) * mul;
        mul *= 128;
      } while (x >= 0x80 && pos < b.length);
      return n;
    }
    var map = new Map();
    while (pos < b.length) {
      var len = varint();
      var key = decoder.decode(b.subarray(pos, pos + len));
      pos += len;
      var count = varint();
      var ids = new Array(count), vals = new Array(count), id = 0;
      for (var i = 0; i < count; i++) {
        id += varint();
        ids[i] = id;
        vals[i] = varint();
      }
      map.set(key, { ids: ids, vals: vals });
    }
    return map;
  }

  // Occurrences of `term` in `text` (both folded), overlapping ones included, as the
  // index counts a gram.
  function count(text, term) {
    var n = 0, i = text.indexOf(term);
    while (i >= 0) {
      n++;
      i = text.indexOf(term, i + 1);
    }
    return n;
  }

  function better(a, b) {
    return b.t - a.t || b.h - a.h || a.id - b.id;
  }

  // load(path) → Promise<ArrayBuffer>, path relative to the index folder.
  function Engine(load) {
    this.load = load;
    this.bytes = 0;
    this.shards = new Map();
    this.docs = new Map();
    this.heavy = new Map(); // gram in many documents → {file, docs}
    this.metaP = null;
  }

  Engine.prototype.fetch = function (path) {
    var self = this;
    return this.load(path).then(function (buf) {
      self.bytes += buf.byteLength;
      return buf;
    });
  };

  Engine.prototype.meta = function () {
    var self = this;
    if (!this.metaP) {
      this.metaP = this.fetch("meta.json").then(function (buf) {
        var m = JSON.parse(decoder.decode(buf));
        if (m.version !== VERSION) throw new Error("search index version " + m.version);
        m.heavy.forEach(function (h, i) { self.heavy.set(h[0], { file: i, docs: h[1] }); });
        return m;
      });
    }
    return this.metaP;
  };

  Engine.prototype.list = function (key) {
    var self = this;
    return this.meta().then(function (m) {
      var h = self.heavy.get(key);
      var file = h ? "h/" + h.file + ".bin" : "g/" + (keyHash(key) % m.shards) + ".bin";
      if (!self.shards.has(file)) self.shards.set(file, self.fetch(file).then(parseShard));
      return self.shards.get(file).then(function (map) {
        return map.get(key) || { ids: [], vals: [] };
      });
    });
  };

  Engine.prototype.doc = function (id) {
    if (!this.docs.has(id)) {
      this.docs.set(id, this.fetch("d/" + (id >> 8) + "/" + id + ".json").then(function (buf) {
        var d = JSON.parse(decoder.decode(buf));
        d.ft = fold(d.t);
        d.fm = fold(d.m);
        d.fb = fold(d.b);
        d.x = d.x || 0;
        d.a = []; // [name, text] of each attachment, once fetched
        d.fa = [];
        return d;
      }));
    }
    return this.docs.get(id);
  };

  // Whether the terms need a document's attachments: one is not in its own text, or
  // none is in its title or body (the excerpt then comes from an attachment).
  function needsAttachments(d, ts) {
    if (!d.x) return false;
    var own = function (t) { return d.ft.indexOf(t) >= 0 || d.fm.indexOf(t) >= 0 || d.fb.indexOf(t) >= 0; };
    var shown = function (t) { return d.ft.indexOf(t) >= 0 || d.fb.indexOf(t) >= 0; };
    return !ts.every(own) || !ts.some(shown);
  }

  // The document with its attachments' texts when the terms need them.
  Engine.prototype.full = function (id, ts) {
    var self = this;
    return this.doc(id).then(function (d) {
      if (!needsAttachments(d, ts)) return d;
      if (!d.aP) {
        d.aP = self.fetch("a/" + (id >> 8) + "/" + id + ".json").then(function (buf) {
          d.a = JSON.parse(decoder.decode(buf));
          d.fa = d.a.map(function (a) { return fold(a[1]); });
          return d;
        });
      }
      return d.aP;
    });
  };

  // Runs a query; filters: {section, category, year} (each optional). Resolves to a
  // Query whose take(n) gives the first n results, ranked.
  Engine.prototype.query = function (q, filters) {
    var self = this;
    filters = filters || {};
    var ts = terms(q);
    if (!ts.length) return Promise.resolve(new Query(this, [], [], true));
    return this.meta().then(function (m) {
      var per = Math.max(1, Math.floor(MAX_GRAMS / ts.length));
      var picked = ts.map(function (t) { return pick(gramsOf(t), per, self.heavy); });
      var keys = [];
      picked.forEach(function (gs) { gs.forEach(function (g) { if (keys.indexOf(g) < 0) keys.push(g); }); });
      if (filters.section) keys.push("\u0001s" + filters.section);
      if (filters.category) keys.push("\u0001c" + filters.category);
      return Promise.all(keys.map(function (k) { return self.list(k); })).then(function (lists) {
        var maps = new Map();
        keys.forEach(function (k, i) {
          var mm = new Map(), l = lists[i];
          for (var j = 0; j < l.ids.length; j++) mm.set(l.ids[j], l.vals[j]);
          maps.set(k, mm);
        });
        var smallest = lists.reduce(function (a, b) { return b.ids.length < a.ids.length ? b : a; });
        var lo = 0, hi = Infinity;
        if (filters.year) {
          var y = m.years.filter(function (r) { return String(r[0]) === String(filters.year); })[0];
          if (y) { lo = y[1]; hi = y[2]; } else { lo = 1; hi = 0; }
        }
        var cands = [];
        smallest.ids.forEach(function (id) {
          if (id < lo || id > hi) return;
          for (var i = 0; i < keys.length; i++) if (!maps.get(keys[i]).has(id)) return;
          // Upper bounds of the score: a term is in the title only if all its grams
          // are; it occurs at most as often as its rarest gram.
          var t = 0, h = 0;
          picked.forEach(function (gs) {
            var inTitle = 1, least = Infinity;
            gs.forEach(function (g) {
              var v = maps.get(g).get(id);
              inTitle &= v & 1;
              least = Math.min(least, Math.floor(v / 2));
            });
            t += inTitle;
            h += least;
          });
          cands.push({ id: id, t: t, h: h });
        });
        cands.sort(better);
        // Terms of one or two characters are single grams: the lists are exact.
        var exact = ts.every(function (t) { return Array.from(t).length <= 2; });
        return new Query(self, ts, cands, exact);
      });
    });
  };

  function Query(engine, ts, cands, exact) {
    this.engine = engine;
    this.terms = ts;
    this.cands = cands;
    this.exact = exact;
    this.pos = 0; // candidates checked so far (in order)
    this.found = []; // checked and matching, with true scores
    // Known when exact or when every candidate has been checked.
    this.total = exact ? cands.length : null;
  }

  // The score of a document for the terms, or null if a term is not in it. Hits in
  // attachments count when they were fetched (see needsAttachments): never more than
  // the index's bound.
  Query.prototype.score = function (id, d) {
    var t = 0, h = 0;
    for (var i = 0; i < this.terms.length; i++) {
      var term = this.terms[i];
      var n = count(d.ft, term) + count(d.fm, term) + count(d.fb, term);
      for (var k = 0; k < d.fa.length; k++) n += count(d.fa[k], term);
      if (!n) return null;
      h += n;
      if (d.ft.indexOf(term) >= 0) t++;
    }
    return { id: id, t: t, h: h, doc: d };
  };

  // Resolves to {results: [{id, doc, t, h}], total: number|null, more: bool}. With
  // `all`, checks every candidate (tests, full listings) instead of a page's budget.
  Query.prototype.take = function (n, all) {
    var self = this, engine = this.engine;
    if (this.exact) {
      var slice = this.cands.slice(0, n);
      return Promise.all(slice.map(function (c) { return engine.full(c.id, self.terms); })).then(function (docs) {
        return {
          results: slice.map(function (c, i) { return { id: c.id, t: c.t, h: c.h, doc: docs[i] }; }),
          total: self.cands.length,
          more: self.cands.length > n,
        };
      });
    }
    var batches = 0;
    function step() {
      // A checked result is final when no unchecked candidate can rank above it.
      var next = self.cands[self.pos];
      self.found.sort(better);
      var final = next ? self.found.filter(function (r) { return better(r, next) <= 0; }) : self.found;
      var out = final.length >= n || !next || (!all && batches >= BUDGET);
      if (out) {
        if (!next) self.total = self.found.length;
        // Out of budget: show what has been checked, best first.
        var shown = final.length >= n ? final.slice(0, n) : self.found.slice(0, n);
        return Promise.resolve({ results: shown, total: self.total, more: !!next || self.found.length > n });
      }
      batches++;
      var batch = self.cands.slice(self.pos, self.pos + BATCH);
      self.pos += batch.length;
      return Promise.all(batch.map(function (c) { return engine.full(c.id, self.terms); })).then(function (docs) {
        docs.forEach(function (d, i) {
          var r = self.score(batch[i].id, d);
          if (r) self.found.push(r);
        });
        return step();
      });
    }
    return step();
  };

  var api = { Engine: Engine, fold: fold, terms: terms, keyHash: keyHash };
  if (typeof document === "undefined") {
    globalThis.GongkaiSearch = api;
    return;
  }

  // ---- The page ----
  var root = document.getElementById("search");
  if (!root) return;
  var base = root.getAttribute("data-index");
  var L = function (k, n) { return (root.getAttribute("data-l-" + k) || "").replace("{n}", n).replace("{m}", arguments[2]); };
  var form = root.querySelector("form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var sel = {
    section: document.getElementById("search-section"),
    category: document.getElementById("search-category"),
    year: document.getElementById("search-year"),
  };
  var engine = new Engine(function (path) {
    return fetch(base + path).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + path);
      return r.arrayBuffer();
    });
  });
  var PAGE = 10;
  var seq = 0, current = null, shown = 0;

  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  // Text with the terms' occurrences in <mark>.
  function marked(el, text, ts) {
    var f = fold(text), on = new Uint8Array(text.length);
    ts.forEach(function (t) {
      for (var i = f.indexOf(t); i >= 0; i = f.indexOf(t, i + 1)) on.fill(1, i, i + t.length);
    });
    var i = 0;
    while (i < text.length) {
      var j = i;
      while (j < text.length && on[j] === on[i]) j++;
      var part = text.slice(i, j);
      if (on[i]) {
        var m = document.createElement("mark");
        m.textContent = part;
        el.appendChild(m);
      } else {
        el.appendChild(document.createTextNode(part));
      }
      i = j;
    }
  }

  // About 100 characters around the first occurrence in the body; else, when no term
  // is in the title, in the first attachment holding one (named: {file, text}); else in
  // the metadata; else the body's start.
  function excerpt(d, ts) {
    var inTitle = ts.some(function (t) { return d.ft.indexOf(t) >= 0; });
    var fields = [[d.b, d.fb, null]];
    if (!inTitle) d.a.forEach(function (a, k) { fields.push([a[1], d.fa[k], a[0]]); });
    fields.push([d.m, d.fm, null]);
    for (var k = 0; k < fields.length; k++) {
      var at = -1;
      ts.forEach(function (t) {
        var i = fields[k][1].indexOf(t);
        if (i >= 0 && (at < 0 || i < at)) at = i;
      });
      if (at >= 0) {
        var text = fields[k][0], start = Math.max(0, at - 30), end = Math.min(text.length, start + 100);
        return { file: fields[k][2], text: (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "") };
      }
    }
    return { file: null, text: d.b.slice(0, 100) + (d.b.length > 100 ? "…" : "") };
  }

  function render(res, ts, focusFrom) {
    list.textContent = "";
    res.results.forEach(function (r, i) {
      var d = r.doc, li = document.createElement("li");
      var h = document.createElement("h2"), a = document.createElement("a");
      a.href = d.u;
      marked(a, d.t, ts);
      h.appendChild(a);
      li.appendChild(h);
      var meta = document.createElement("p");
      meta.className = "search-meta";
      meta.textContent = d.d + " · " + d.s;
      if (d.w) {
        var b = document.createElement("span");
        b.className = "badge badge-withdrawn";
        b.textContent = d.w;
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(b);
        li.className = "is-withdrawn";
      }
      li.appendChild(meta);
      var p = document.createElement("p");
      p.className = "search-excerpt";
      var ex = excerpt(d, ts);
      if (ex.file !== null) {
        var from = document.createElement("span");
        from.className = "search-attachment";
        from.textContent = L("attachment", ex.file);
        p.appendChild(from);
        p.appendChild(document.createTextNode(" "));
      }
      marked(p, ex.text, ts);
      li.appendChild(p);
      list.appendChild(li);
      if (focusFrom !== undefined && i === focusFrom) a.focus();
    });
    shown = res.results.length;
    var q = input.value.trim();
    if (res.total === 0) status.textContent = L("none", q);
    else if (res.total !== null) status.textContent = L("found", res.total);
    else status.textContent = L("partial", shown, current.cands.length);
    more.hidden = !res.more;
  }

  function filters() {
    return { section: sel.section.value, category: sel.category.value, year: sel.year.value };
  }

  function syncUrl() {
    var p = new URLSearchParams();
    var q = input.value.trim();
    if (q) p.set("q", q);
    var f = filters();
    Object.keys(f).forEach(function (k) { if (f[k]) p.set(k, f[k]); });
    var s = p.toString();
    history.replaceState(null, "", location.pathname + (s ? "?" + s : ""));
  }

  function run() {
    var my = ++seq, q = input.value.trim();
    syncUrl();
    if (!q) {
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      return;
    }
    status.textContent = L("loading");
    engine.query(q, filters()).then(function (query) {
      if (my !== seq) return;
      current = query;
      return query.take(PAGE).then(function (res) { if (my === seq) render(res, query.terms); });
    }).catch(function () {
      if (my === seq) status.textContent = L("error");
    });
  }

  more.addEventListener("click", function () {
    if (!current) return;
    var my = seq, from = shown;
    current.take(shown + PAGE).then(function (res) { if (my === seq) render(res, current.terms, from); });
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    run();
  });
  var timer = null;
  function later() {
    clearTimeout(timer);
    timer = setTimeout(run, 300);
  }
  // While an input method composes (pinyin letters before the characters), wait.
  input.addEventListener("input", function (e) { if (!e.isComposing) later(); });
  input.addEventListener("compositionend", later);
  Object.keys(sel).forEach(function (k) { sel[k].addEventListener("change", run); });

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  engine.meta().then(function (m) {
    m.sections.forEach(function (s) { option(sel.section, s[0], s[1]); });
    m.categories.forEach(function (c) { option(sel.category, c, c); });
    m.years.forEach(function (y) { option(sel.year, String(y[0]), String(y[0])); });
    Object.keys(sel).forEach(function (k) { sel[k].value = params.get(k) || ""; });
    root.querySelector(".search-filters").hidden = false; // a site's own search.html may hide them
    if (input.value.trim()) run();
  }).catch(function () {
    status.textContent = L("error");
  });
})();
