// Search: exact Chinese phrases over the index of our own tokens (generator/search/index.py).
//
// * Every page's search box is a plain form that opens the search page (search/?q=…), so a
//   search is a link and works without this script up to the results. On the search page this
//   script reads the query, filters, order and page from the address, runs the search, and
//   writes them back (typing replaces the history entry; a submit, a filter or a page adds one,
//   so the back button returns to the results before).
// * Phrase rules are ported from generator/search/phrase.py (searchable, index/query tokens,
//   the phrase pattern); tests/search/test_phrase_js.py compares both on real gazette lines.
//   Traditional characters fold with search/t2s.json, the table the index was folded with.
// * A phrase is found where its tokens sit at adjacent positions (exact phrase); the postings
//   say which positions are the title's, so documents whose title holds it are listed first.
//   Space-separated terms are all required.
// * A common token's list is cut into blocks, newest documents first (index format 2): a query
//   whose lists are light is read whole and ranked by matches; a heavy one (a common phrase of a
//   large archive) reads only the blocks its page needs, title matches first, each newest first,
//   with an estimated count.
// * A query that is a doc number (any common variant, canonicalised by doc-number.js) is looked
//   up in search/numbers/<shard>.json first and its document shown above the results.
// * window.GazetteSearch.query(text, limit) gives the ranked results as the page lists them
//   (without filters), for tests and embedders.
(function () {
  "use strict";
  var PER_PAGE = 10;
  var FIRST_STEP = 16;             // driver documents a heavy query matches first (Scanner), then twice as many each step
  var FILTER_SHOWN = 8;            // values of a filter listed before "显示全部"
  var EXCERPT_BEFORE = 30, EXCERPT_LENGTH = 110;
  var script = document.currentScript;
  var BASE = script && script.src ? new URL("../../", script.src).pathname : "/";

  // ---- phrase rules: generator/search/phrase.py ----------------------------------------------
  var RUN = /[\p{L}\p{N}]+/gu;          // Python [^\W_]+: letters and digits (CJK included)
  var GAP = "[^\\p{L}\\p{N}]+";
  var WHITE = /\s/u;
  var t2s = {};

  // Text as index and query see it, with the index in `text` of every code unit of the result.
  function searchableMap(text) {
    var out = [], at = [], i = 0;
    for (var ch of text) {
      for (var c of ch.normalize("NFKC").toLowerCase()) {
        if (WHITE.test(c)) continue;
        var folded = t2s[c] || c;
        out.push(folded);
        for (var k = 0; k < folded.length; k++) at.push(i);
      }
      i += ch.length;
    }
    return { s: out.join(""), at: at };
  }
  function searchable(text) { return searchableMap(text).s; }
  function runs(text) { return searchable(text).match(RUN) || []; }
  function runTokens(run, lead, trail) {
    var chars = Array.from(run);
    if (chars.length === 1) return [run];
    var out = lead ? [chars[0]] : [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    if (trail) out.push(chars[chars.length - 1]);
    return out;
  }
  function indexTokens(text) {
    var out = [];
    runs(text).forEach(function (run) { out = out.concat(runTokens(run, true, true)); });
    return out;
  }
  function queryTokens(phrase) {
    var rs = runs(phrase), out = [];
    rs.forEach(function (run, n) { out = out.concat(runTokens(run, n > 0, n < rs.length - 1)); });
    return out;
  }
  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function phrasePattern(phrase) {
    var rs = runs(phrase);
    if (!rs.length) return null;
    return new RegExp(rs.map(escapeRegExp).join(GAP), "gu");
  }
  function terms(query) {
    return query.normalize("NFKC").trim().split(/\s+/).filter(function (t) { return queryTokens(t).length; });
  }

  // ---- the engine: the index of generator/search/index.py (format 2) -----------------------------
  // Lists by key in buckets (doc-number.js's FNV-1a of the key, modulo the manifest's bucket count),
  // long lists' blocks, one fragment per result, one file per filter; every file gzip, read with
  // DecompressionStream.
  var INDEX = BASE + "search-index/";
  var engine = null, manifest = null;
  var text8 = new TextDecoder();
  function loadTable() {
    return fetch(BASE + "search/t2s.json").then(function (r) { return r.ok ? r.json() : {}; })
      .catch(function () { return {}; }).then(function (table) { t2s = table; });
  }
  function loadEngine() {
    if (!engine) {
      // the manifest names the folder of this build's files: asked afresh, so that a reader never
      // mixes the files of two builds
      engine = Promise.all([loadTable(), fetch(INDEX + "index.json", { cache: "no-cache" }).then(function (r) {
        if (!r.ok) throw new Error("检索索引不可用（" + r.status + "）");
        return r.json();
      })]).then(function (loaded) {
        // the format this script reads (generator/search/index.py FORMAT): a page cached from an
        // older build asks to be reloaded rather than misreading the index
        if (loaded[1].format !== 2) throw new Error("检索索引已更新，请刷新页面");
        manifest = loaded[1];
        return manifest;
      });
      engine.catch(function () { engine = null; });        // a failed load may be tried again
    }
    return engine;
  }
  // An archive in parts spreads its one index over its sites (generator/search/__init__.py, host_of):
  // a file numbered n ("t/<hex>.bin", "p/<n>.bin", "f/<n>.bin", "filter/<n>.bin") is on manifest.hosts[n mod hosts],
  // so a query fetches the same few files whatever the number of parts. One site: all here.
  function hostOf(path) {
    if (!manifest.hosts) return INDEX;
    var name = path.slice(path.indexOf("/") + 1, path.lastIndexOf("."));
    var n = path.charAt(0) === "t" ? parseInt(name, 16) : parseInt(name, 10);
    return manifest.hosts[n % manifest.hosts.length];
  }
  // A result's or a number's address: relative to the site root on one site, absolute in an
  // archive in parts (the document may be on another part's site).
  function pageUrl(url) { return /^https?:\/\//.test(url) ? url : BASE + url; }
  async function fetchFile(path) {
    var response = await fetch(hostOf(path) + manifest.folder + "/" + path);
    if (!response.ok) throw new Error("检索索引文件缺失：" + path);
    var bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {           // gzip (unless the server unpacked it already)
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    }
    return bytes;
  }
  function fetchJson(path) {
    return fetchFile(path).then(function (bytes) { return JSON.parse(text8.decode(bytes)); });
  }
  function varint(data, at) {      // [value, next offset]
    var n = 0, scale = 1, b;
    do { b = data[at++]; n += (b & 0x7f) * scale; scale *= 128; } while (b >= 0x80);
    return [n, at];
  }
  // The lists of one key (generator/search/index.py LISTS): "full" (every occurrence of a token),
  // "title" (its occurrences in titles), "chars" and "chars_title" (a character's documents).
  // A short list is in its bucket; a long one is cut into blocks, each a file (p/<n>.bin) holding
  // the documents after `after` up to `last`, newest first, which are fetched only when needed.
  var LISTS = ["full", "title", "chars", "chars_title"];
  function decodeList(positional, data, after) {
    var out = new Map(), at = 0, doc = after, v;
    while (at < data.length) {
      v = varint(data, at); doc += v[0] + 1;
      v = varint(data, v[1]); at = v[1];
      if (!positional) { out.set(doc, { count: Math.floor(v[0] / 2), title: (v[0] & 1) === 1 }); continue; }
      var count = Math.floor(v[0] / 2), inTitle = 0;
      if (v[0] & 1) { v = varint(data, at); inTitle = v[0]; at = v[1]; }
      var where = new Array(count), pos = -1;
      for (var i = 0; i < count; i++) { v = varint(data, at); pos += v[0] + 1; where[i] = pos; at = v[1]; }
      out.set(doc, { at: where, inTitle: inTitle });
    }
    return out;
  }
  function List(positional, data, blocked) {
    this.positional = positional;
    this.blocks = [];
    if (!blocked) {
      var map = decodeList(positional, data, -1);
      this.blocks.push({ after: -1, last: Infinity, docs: map.size, size: 0, file: -1, map: map, loading: null });
    } else {
      var v = varint(data, 0), file = v[0];
      v = varint(data, v[1]);
      var count = v[0], at = v[1], last = -1;
      for (var i = 0; i < count; i++) {
        var delta = varint(data, at), docs = varint(data, delta[1]), size = varint(data, docs[1]);
        at = size[1];
        this.blocks.push({ after: last, last: last + delta[0], docs: docs[0], size: size[0], file: file + i,
                           map: null, loading: null });
        last += delta[0];
      }
    }
    this.docs = this.blocks.reduce(function (n, b) { return n + b.docs; }, 0);
  }
  List.prototype.load = function (block) {
    var positional = this.positional;
    if (!block.loading) {
      block.loading = block.map ? Promise.resolve(block.map) : fetchFile("p/" + block.file + ".bin").then(function (data) {
        block.map = decodeList(positional, data, block.after);
        return block.map;
      });
      block.loading.catch(function () { block.loading = null; });
    }
    return block.loading;
  };
  List.prototype.blockOf = function (doc) {        // the block that would hold a document, or null
    var lo = 0, hi = this.blocks.length - 1;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (this.blocks[mid].last < doc) lo = mid + 1; else hi = mid;
    }
    var block = this.blocks[lo];
    return block && block.after < doc && doc <= block.last ? block : null;
  };
  List.prototype.beside = function (docs) {       // the blocks not fetched yet that would hold these documents
    var out = [], last = null;
    for (var i = 0; i < docs.length; i++) {
      var b = this.blockOf(docs[i]);
      if (b && b !== last && !b.map) out.push(b);     // documents ascend, so a block's come together
      if (b) last = b;
    }
    return out;
  };
  List.prototype.get = function (doc) {
    var block = this.blockOf(doc);
    return block && block.map ? block.map.get(doc) : undefined;
  };
  List.prototype.unread = function () {             // bytes of the blocks not fetched yet
    return this.blocks.reduce(function (n, b) { return n + (b.map ? 0 : b.size); }, 0);
  };
  var EMPTY = { full: new List(true, new Uint8Array(0), false), title: new List(true, new Uint8Array(0), false),
                chars: new List(false, new Uint8Array(0), false), chars_title: new List(false, new Uint8Array(0), false) };
  var buckets = {};
  function bucket(n) {
    if (!buckets[n]) {
      buckets[n] = fetchFile("t/" + n.toString(16) + ".bin").then(function (data) {
        var v = varint(data, 0), at = v[1], heads = [], out = new Map();
        for (var i = 0; i < v[0]; i++) {
          var len = varint(data, at), key = text8.decode(data.subarray(len[1], len[1] + len[0]));
          at = len[1] + len[0];
          var parts = [];
          for (var k = 0; k < LISTS.length; k++) { var p = varint(data, at); parts.push(p[0]); at = p[1]; }
          heads.push([key, parts]);
        }
        heads.forEach(function (h) {
          var lists = {};
          h[1].forEach(function (head, k) {
            var size = Math.floor(head / 2);
            lists[LISTS[k]] = new List(k < 2, data.subarray(at, at + size), (head & 1) === 1);
            at += size;
          });
          out.set(h[0], lists);
        });
        return out;
      });
      buckets[n].catch(function () { delete buckets[n]; });
    }
    return buckets[n];
  }
  function entry(token) {
    return bucket(window.GazetteDocNumber.fnv1a(token) & (manifest.buckets - 1)).then(function (b) { return b.get(token) || EMPTY; });
  }
  function has(sorted, value) {
    var lo = 0, hi = sorted.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] === value) return true;
      if (sorted[mid] < value) lo = mid + 1; else hi = mid - 1;
    }
    return false;
  }
  // Offsets of a phrase's tokens that must be asked (generator/search/index.py cover): every
  // one-character token, and every other bigram of a stretch and its last.
  function cover(tokens) {
    var keep = [], i = 0;
    while (i < tokens.length) {
      if (Array.from(tokens[i]).length !== 2) { keep.push(i++); continue; }
      var j = i;
      while (j < tokens.length && Array.from(tokens[j]).length === 2) j++;
      for (var k = i; k < j; k += 2) keep.push(k);
      if (keep[keep.length - 1] !== j - 1) keep.push(j - 1);
      i = j;
    }
    return keep;
  }
  // The terms of a query as the index asks them: a one-character term its character's lists, any
  // other the lists of its covering tokens at their offsets.
  function plan(words) {
    return Promise.all(words.map(function (term) {
      var tokens = queryTokens(term);
      var single = tokens.length === 1 && Array.from(tokens[0]).length === 1;
      var keep = single ? [0] : cover(tokens);
      return Promise.all(keep.map(function (k) { return entry(tokens[k]); })).then(function (entries) {
        return { single: single, keep: keep, entries: entries };
      });
    }));
  }
  // The starts of a term in a document that the lists asked (`asked(list)`) agree on: [] when one of
  // them does not hold the document, null when none is asked. Positions of the list with the fewest
  // are tried against the others'. Ascending.
  function starts(term, doc, asked) {
    var hits = [];
    for (var n = 0; n < term.lists.length; n++) {
      if (!asked(term.lists[n])) continue;
      var hit = term.lists[n].get(doc);
      if (!hit) return [];
      hits.push([hit.at, term.keep[n]]);
    }
    if (!hits.length) return null;
    var rarest = hits.reduce(function (a, b) { return b[0].length < a[0].length ? b : a; });
    return rarest[0].map(function (p) { return p - rarest[1]; }).filter(function (start) {
      return hits.every(function (h) { return h === rarest || has(h[0], start + h[1]); });
    });
  }
  function askAll() { return true; }
  // One term in one document: { count, first: position of its first match, title: a match in the
  // title }, or null.
  function matchDoc(term, doc) {
    if (term.single) {
      var c = term.lists[0].get(doc);
      return c ? { count: c.count, first: 0, title: c.title } : null;
    }
    var found = starts(term, doc, askAll);
    if (!found.length) return null;
    var end = term.lists[term.lists.length - 1].get(doc), lastOffset = term.keep[term.keep.length - 1];
    var title = end.inTitle > 0 && found.some(function (start) { return start + lastOffset <= end.at[end.inTitle - 1]; });
    return { count: found.length, first: found[0], title: title };
  }
  // Can a document still hold a term, judged by the lists fetched so far (`known`)? Each known
  // list must hold it, at offsets that agree with one start of the phrase.
  function possible(term, doc, known) {
    function isKnown(list) { return known.indexOf(list) >= 0; }
    if (term.single) return !isKnown(term.lists[0]) || !!term.lists[0].get(doc);
    var found = starts(term, doc, isKnown);
    return found === null || found.length > 0;
  }
  // A query's matches in one tier, "full" (anywhere) or "title" (in titles), read block by block,
  // newest documents first. The list with the fewest documents drives: a document without one of
  // the tokens cannot hold the phrase, so only the blocks of the other lists that hold the driver's
  // documents are fetched. The driver's documents are matched a few at a time, then twice as many
  // each step (FIRST_STEP): a rare token spread over every year would otherwise fetch, for its first
  // page, the blocks of the common tokens beside it over all those years. Within a step the other
  // lists narrow the documents one after another, fewest documents first, each fetching only the
  // blocks beside the documents still possible (positions checked): a phrase of common tokens with
  // few matches ("2012〕605") reads its common tokens' blocks beside a handful of documents, not
  // beside all of its rarest token's (at 100,000 documents its first page fell from 1.1 MB to about
  // 0.4 MB). Once the blocks the remaining lists need weigh little (the manifest's beside_bytes,
  // generator/search/index.py BESIDE_BYTES), they are fetched at once, so a common phrase's first
  // page takes no more round trips than before.
  // found: document → { count, first, title }, in number order; seen: the driver's documents read;
  // done: all of them.
  function Scanner(plans, tier) {
    var lists = [];
    this.terms = plans.map(function (p) {
      var name = p.single ? (tier === "title" ? "chars_title" : "chars") : tier;
      var own = p.entries.map(function (e) { return e[name]; });
      own.forEach(function (l) { if (lists.indexOf(l) < 0) lists.push(l); });
      return { single: p.single, keep: p.keep, lists: own };
    });
    this.lists = lists;
    this.driver = lists.reduce(function (a, b) { return b.docs < a.docs ? b : a; });
    var driver = this.driver;
    this.others = lists.filter(function (l) { return l !== driver; })       // fewest documents first (a stable sort)
      .sort(function (a, b) { return a.docs - b.docs; });
    this.next = 0;            // the driver's block being read
    this.at = 0;              // and how many of its documents are matched
    this.size = FIRST_STEP;   // documents matched in the next step
    this.found = new Map();
    this.bodies = 0;          // matches none of whose terms is in the title
    this.seen = 0;
    this.done = this.driver.blocks.length === 0;
    this.reading = Promise.resolve();
  }
  Scanner.prototype.unread = function () {
    return this.lists.reduce(function (n, l) { return n + l.unread(); }, 0);
  };
  Scanner.prototype.step = async function () {
    var driver = this.driver, block = driver.blocks[this.next], self = this;
    var all = Array.from((await driver.load(block)).keys());
    var docs = all.slice(this.at, this.at + this.size);
    this.at += docs.length;
    this.size *= 2;
    var alive = docs, known = [driver], rest = this.others.slice();
    while (rest.length) {
      var wanted = rest.map(function (list) { return list.beside(alive); });
      var weight = wanted.reduce(function (n, blocks) {
        return blocks.reduce(function (m, b) { return m + b.size; }, n);
      }, 0);
      var taken = weight <= manifest.beside_bytes ? rest.length : 1;
      await Promise.all(rest.slice(0, taken).map(function (list, n) {
        return Promise.all(wanted[n].map(function (b) { return list.load(b); }));
      }));
      known = known.concat(rest.splice(0, taken));
      alive = alive.filter(function (doc) {
        return self.terms.every(function (term) { return possible(term, doc, known); });
      });
    }
    alive.forEach(function (doc) {
      var count = 0, first = 0, title = true;
      for (var t = 0; t < self.terms.length; t++) {
        var h = matchDoc(self.terms[t], doc);
        if (!h) return;
        count += h.count; first += h.first; title = title && h.title;
      }
      self.found.set(doc, { id: doc, count: count, first: first, title: title });
      if (!title) self.bodies++;
    });
    this.seen += docs.length;
    if (this.at >= all.length) {
      this.at = 0;
      this.done = ++this.next >= driver.blocks.length;
    }
  };
  // Read on until enough() or the end; one reading at a time, so that the blocks are read in order
  // when the page and an embedder ask at once.
  Scanner.prototype.run = function (enough) {
    var self = this;
    var reading = this.reading.then(async function () { while (!self.done && !enough()) await self.step(); });
    this.reading = reading.catch(function () {});            // a failed fetch may be tried again
    return reading;
  };
  // The filter tables (value → its documents), loaded only when the reader opens the filters or the
  // address already chooses some: most searches never filter.
  var filtersLoaded = null, filterTables = null;
  function loadFilters() {
    if (!filtersLoaded) {
      filtersLoaded = loadEngine().then(function (m) {
        return Promise.all(m.filters.map(function (name, n) { return fetchJson("filter/" + n + ".bin"); }));
      }).then(function (tables) {
        filterTables = {};
        manifest.filters.forEach(function (name, n) {
          var sets = {}, byDoc = new Map();
          Object.keys(tables[n]).forEach(function (value) {
            sets[value] = new Set(tables[n][value]);
            tables[n][value].forEach(function (doc) {
              if (!byDoc.has(doc)) byDoc.set(doc, []);
              byDoc.get(doc).push(value);
            });
          });
          filterTables[name] = { sets: sets, byDoc: byDoc };
        });
        return filterTables;
      });
      filtersLoaded.catch(function () { filtersLoaded = null; });
    }
    return filtersLoaded;
  }
  function passes(doc, filters, except) {
    return Object.keys(filters).every(function (name) {
      if (name === except || !filters[name].length) return true;
      var sets = filterTables[name] ? filterTables[name].sets : {};
      return filters[name].some(function (value) { return sets[value] && sets[value].has(doc); });
    });
  }
  var fragments = {};
  function fragment(doc) {
    if (!fragments[doc]) {
      fragments[doc] = fetchJson("f/" + doc + ".bin").then(function (f) {
        return { url: pageUrl(f.url), meta: f.meta || {} };
      });
      fragments[doc].catch(function () { delete fragments[doc]; });
    }
    return fragments[doc];
  }

  // A query's results, ranked, as far as the page shown needs them (`want`; Infinity: all):
  // * a query whose lists weigh at most manifest.exact_bytes is read whole, and its documents whose
  //   title holds every term come first, then by the number of matches, the position of the
  //   first, and the date;
  // * a heavier one (a common phrase of a large archive) is read newest first, only as far as the
  //   page needs: the title matches first (from the title lists, which hold no body), then the
  //   others, each newest first, and its total is an estimate from the share of blocks read;
  // * sorted by date, both are newest first.
  // Filters count every result, so a query with filters loaded is read whole. Documents are
  // numbered newest first, so the date order is their number order.
  var current = null;        // the last query's scanners: the next page reads on from them
  async function search(query, filters, byDate, want) {
    await loadEngine();
    var words = terms(query);
    if (!words.length) return null;
    filters = filters || {};
    if (Object.keys(filters).length) await loadFilters();
    if (!current || current.key !== words.join(" ")) {
      var plans = await plan(words);
      var full = new Scanner(plans, "full");
      current = { key: words.join(" "), full: full, title: new Scanner(plans, "title"),
                  exact: full.unread() <= manifest.exact_bytes };
    }
    var s = current, full = s.full, title = s.title;
    want = want === undefined ? PER_PAGE : want;
    if (s.exact || filterTables || want === Infinity) {
      await full.run(function () { return false; });
    } else if (byDate) {
      await full.run(function () { return full.found.size >= want; });
    } else {
      await title.run(function () { return title.found.size >= want; });
      await full.run(function () {         // one block at least: the total is estimated from it
        return full.seen > 0 && (!title.done || full.bodies >= want - title.found.size);
      });
    }
    var found;
    if (full.done) {
      found = Array.from(full.found.values());
      found.sort(byDate ? function (a, b) { return a.id - b.id; } : s.exact ? function (a, b) {
        return (b.title - a.title) || (b.count - a.count) || (a.first - b.first) || (a.id - b.id);
      } : function (a, b) { return (b.title - a.title) || (a.id - b.id); });
    } else if (byDate) {
      found = Array.from(full.found.values());
    } else {
      found = Array.from(title.found.values());
      if (title.done) full.found.forEach(function (r) { if (!r.title) found.push(r); });
    }
    var counts = {};
    if (filterTables) {
      manifest.filters.forEach(function (name) {
        var c = counts[name] = {};
        Object.keys(filterTables[name].sets).forEach(function (value) { c[value] = 0; });
        found.forEach(function (r) {
          if (!passes(r.id, filters, name)) return;
          (filterTables[name].byDoc.get(r.id) || []).forEach(function (value) { c[value]++; });
        });
      });
      found = found.filter(function (r) { return passes(r.id, filters, null); });
    }
    var total = full.done ? found.length
      : Math.max(found.length, Math.round(full.found.size * full.driver.docs / Math.max(1, full.seen)));
    var results = found.map(function (r) { return { id: String(r.id), data: function () { return fragment(r.id); } }; });
    return { words: words, results: results, filters: counts, total: total, estimated: !full.done,
             recent: !s.exact && !byDate, counted: filterTables !== null };
  }
  // ---- excerpts: the whole phrase marked -------------------------------------------------------
  // [start, end) ranges in `text` of every match of the terms, in order, not overlapping.
  function matchRanges(text, words) {
    var map = searchableMap(text), ranges = [];
    words.forEach(function (w) {
      var pattern = phrasePattern(w), m;
      if (!pattern) return;
      while ((m = pattern.exec(map.s)) !== null) {
        var last = map.at[m.index + m[0].length - 1];      // where the match's last character is
        ranges.push([map.at[m.index], last + (text.codePointAt(last) > 0xFFFF ? 2 : 1)]);
        if (m[0].length === 0) pattern.lastIndex++;
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = [];
    ranges.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] < last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push(r.slice());
    });
    return out;
  }
  function appendMarked(parent, text, ranges, from, to) {
    var at = from;
    ranges.forEach(function (r) {
      if (r[1] <= from || r[0] >= to) return;
      var s = Math.max(r[0], from), e = Math.min(r[1], to);
      if (s > at) parent.appendChild(document.createTextNode(text.slice(at, s)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(s, e);
      parent.appendChild(mark);
      at = e;
    });
    if (at < to) parent.appendChild(document.createTextNode(text.slice(at, to)));
  }
  function excerpt(parent, text, words) {
    text = text.replace(/\s+/g, " ");
    var ranges = matchRanges(text, words);
    var first = ranges.length ? ranges[0] : [0, 0];
    var from = Math.max(0, first[0] - EXCERPT_BEFORE);
    var to = Math.min(text.length, Math.max(from + EXCERPT_LENGTH, first[1]));
    ranges.forEach(function (r) { if (r[0] < to && r[1] > to) to = r[1]; });   // never half a phrase
    if (from > 0) parent.appendChild(document.createTextNode("…"));
    appendMarked(parent, text, ranges, from, to);
    if (to < text.length) parent.appendChild(document.createTextNode("…"));
  }

  // ---- doc-number lookup -----------------------------------------------------------------------
  var numberShards = {};
  function exactMatches(query) {
    var parsed = window.GazetteDocNumber && window.GazetteDocNumber.parseDocNumber(query);
    if (!parsed) return Promise.resolve({ number: null, entries: [] });
    // the lookup is archive-wide: on the portal in an archive in parts (manifest.numbers), else here
    var numbers = loadEngine().then(function (m) { return m.numbers || BASE + "search/numbers/"; },
                                    function () { return BASE + "search/numbers/"; });
    return numbers.then(function (folder) {
      var url = folder + window.GazetteDocNumber.shard(parsed.seriesKey) + ".json";
      if (!numberShards[url]) {
        numberShards[url] = fetch(url).then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
      }
      return numberShards[url];
    }).then(function (table) {
      return { number: parsed.canonical, entries: table[parsed.canonical] || [] };
    });
  }
  function renderExact(box, found) {
    box.textContent = "";
    box.hidden = !found.entries.length;
    if (box.hidden) return;
    var heading = el("p", "gazette-exact__label", "文号精确匹配：" + found.number);
    var list = el("ul");
    found.entries.forEach(function (entry) {
      var link = el("a", "gazette-exact__link",
        (entry.title || found.number) + (entry.held ? "" : "（本站未收录，查看引用情况）"));
      link.href = pageUrl(entry.url);
      list.appendChild(el("li")).appendChild(link);
    });
    box.appendChild(heading);
    box.appendChild(list);
  }

  // ---- the search page -------------------------------------------------------------------------
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function dateCn(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? m[1] + "年" + Number(m[2]) + "月" + Number(m[3]) + "日" : "";
  }

  function readState(names) {
    var params = new URLSearchParams(location.search);
    var filters = {};
    names.forEach(function (name) {
      var values = params.getAll(name);
      if (values.length) filters[name] = values;
    });
    var page = parseInt(params.get("page") || "1", 10);
    return { q: params.get("q") || "", sort: params.get("sort") === "date", filters: filters,
             page: page > 0 ? page : 1 };
  }
  function stateUrl(state, names) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    if (state.sort) params.set("sort", "date");
    names.forEach(function (name) {
      (state.filters[name] || []).forEach(function (v) { params.append(name, v); });
    });
    if (state.page > 1) params.set("page", String(state.page));
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  function mountPage(root) {
    var form = root.querySelector(".gazette-search-form");
    var input = form.querySelector("input[name=q]");
    var sortBox = form.querySelector("input[name=sort]");
    var exactBox = root.querySelector(".gazette-exact");
    var status = root.querySelector(".gazette-status");
    var filterBox = root.querySelector(".gazette-filters");
    var list = root.querySelector(".gazette-results");
    var pager = root.querySelector(".gazette-pages");
    var names = (filterBox.getAttribute("data-filters") || "").split(" ").filter(Boolean);
    var expanded = {};
    var seq = 0, timer = null;
    var state = readState(names);

    function go(next, push) {
      state = next;
      var url = stateUrl(state, names);
      if (push) history.pushState(null, "", url);
      else history.replaceState(null, "", url);
      show();
    }

    async function show() {
      var mine = ++seq;
      input.value = input.value.trim() === state.q.trim() ? input.value : state.q;
      sortBox.checked = state.sort;
      if (!state.q.trim()) {
        status.textContent = "";
        list.textContent = "";
        pager.hidden = true;
        filterBox.hidden = true;
        exactBox.hidden = true;
        document.title = document.title.replace(/^.*? - /, "全文检索 - ");
        return;
      }
      status.textContent = "正在检索……";
      exactMatches(state.q).then(function (found) { if (mine === seq) renderExact(exactBox, found); });
      var found;
      try {
        found = await search(state.q, state.filters, state.sort, state.page * PER_PAGE);
      } catch (error) {
        if (mine === seq) status.textContent = "检索出错：" + error.message + "。请刷新页面重试。";
        return;
      }
      if (mine !== seq) return;
      if (!found) {
        status.textContent = "请输入要检索的文字（汉字、字母或数字）。";
        list.textContent = "";
        pager.hidden = true;
        return;
      }
      var pages = Math.max(1, Math.ceil(found.total / PER_PAGE));
      var page = Math.min(state.page, pages);
      var shown = found.results.slice((page - 1) * PER_PAGE, page * PER_PAGE);
      var data = await Promise.all(shown.map(function (r) { return r.data(); }));
      if (mine !== seq) return;
      renderResults(data, found.words, (page - 1) * PER_PAGE);
      renderFilters(found.filters, found.counted);
      renderPager(page, pages);
      var filtered = Object.keys(state.filters).length ? "（已按所选条件筛选）" : "";
      // a common phrase of a large archive: its count is estimated, and it is read newest first
      var about = found.estimated ? "约 " : " ";
      var order = found.recent && found.total > PER_PAGE ? "结果较多，标题含有检索词的排在前面，各按日期从新到旧排列。" : "";
      status.textContent = found.total
        ? "找到" + about + found.total + " 件包含“" + found.words.join("”和“") + "”的公文" + filtered +
          (pages > 1 ? "，第 " + page + "/" + (found.estimated ? "约 " : "") + pages + " 页" : "") + "。" + order
        : "没有找到包含“" + found.words.join("”和“") + "”的公文" + filtered + "。" +
          (filtered ? "可以取消筛选条件再试。" : "可以缩短检索的文字，或换一种说法。");
      document.title = document.title.replace(/^.*? - /, state.q + " - 全文检索 - ");
    }

    function renderResults(data, words, offset) {
      list.textContent = "";
      list.start = offset + 1;
      data.forEach(function (d) {
        var meta = d.meta || {};
        var item = el("li", "gazette-result");
        var heading = el("h2", "gazette-result__title");
        var link = el("a");
        link.href = d.url;
        var title = meta.title || d.url;
        appendMarked(link, title, matchRanges(title, words), 0, title.length);
        heading.appendChild(link);
        item.appendChild(heading);
        var facts = [meta.doc_number, meta.organ, dateCn(meta.date)].filter(Boolean);
        if (facts.length) item.appendChild(el("p", "gazette-result__meta", facts.join(" · ")));
        var text = el("p", "gazette-result__excerpt");
        excerpt(text, meta.text || "", words);
        item.appendChild(text);
        list.appendChild(item);
      });
    }

    function renderFilters(counts, counted) {
      filterBox.textContent = "";
      var details = el("details");
      details.open = counted && filterBox.getAttribute("data-open") !== "false";
      details.addEventListener("toggle", function () {
        filterBox.setAttribute("data-open", String(details.open));
        if (details.open && !counted) {          // first opened: load the filters, count again
          status.textContent = "正在载入筛选条件……";
          loadFilters().then(show).then(function () {
            var summary = filterBox.querySelector("summary");
            if (summary) summary.focus();
          });
        }
      });
      var active = Object.keys(state.filters).reduce(function (n, k) { return n + state.filters[k].length; }, 0);
      details.appendChild(el("summary", null, "筛选" + (active ? "（已选 " + active + " 项）" : counted ? "" : "：" + names.join("、"))));
      names.forEach(function (name) {
        var values = Object.keys(counts[name] || {}).filter(function (v) {
          return counts[name][v] > 0 || (state.filters[name] || []).indexOf(v) >= 0;
        }).sort(function (a, b) { return counts[name][b] - counts[name][a] || (a < b ? -1 : a > b ? 1 : 0); });
        if (!values.length) return;
        var set = el("fieldset", "gazette-filter");
        set.appendChild(el("legend", null, name));
        var limit = expanded[name] ? values.length : FILTER_SHOWN;
        values.forEach(function (value, n) {
          var chosen = (state.filters[name] || []).indexOf(value) >= 0;
          if (n >= limit && !chosen) return;
          var label = el("label", "gazette-filter__value");
          var box = el("input");
          box.type = "checkbox";
          box.checked = chosen;
          box.addEventListener("change", function () {
            var filters = Object.assign({}, state.filters);
            var now = (filters[name] || []).filter(function (v) { return v !== value; });
            if (box.checked) now.push(value);
            if (now.length) filters[name] = now; else delete filters[name];
            go({ q: state.q, sort: state.sort, filters: filters, page: 1 }, true);
          });
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + value + " "));
          label.appendChild(el("span", "gazette-filter__count", "（" + counts[name][value] + "）"));
          set.appendChild(label);
        });
        if (values.length > FILTER_SHOWN) {
          var more = el("button", "gazette-filter__more", expanded[name] ? "收起" : "显示全部（" + values.length + "）");
          more.type = "button";
          more.setAttribute("aria-expanded", String(!!expanded[name]));
          more.addEventListener("click", function () {
            expanded[name] = !expanded[name];
            renderFilters(counts, counted);
            var again = filterBox.querySelectorAll(".gazette-filter__more");
            for (var i = 0; i < again.length; i++) if (again[i].dataset.name === name) again[i].focus();
          });
          more.dataset.name = name;
          set.appendChild(more);
        }
        details.appendChild(set);
      });
      filterBox.appendChild(details);
      filterBox.hidden = false;
    }

    function renderPager(page, pages) {
      pager.textContent = "";
      pager.hidden = pages <= 1;
      if (pages <= 1) return;
      function button(label, target, current) {
        var b = el("button", "gazette-pages__page" + (current ? " gazette-pages__page--current" : ""), label);
        b.type = "button";
        if (current) b.setAttribute("aria-current", "page");
        b.disabled = target < 1 || target > pages;
        b.addEventListener("click", function () {
          go({ q: state.q, sort: state.sort, filters: state.filters, page: target }, true);
          status.focus();
        });
        return b;
      }
      pager.appendChild(button("上一页", page - 1));
      var from = Math.max(1, page - 3), to = Math.min(pages, from + 6);
      for (var p = from; p <= to; p++) {
        var b = button(String(p), p, p === page);
        b.setAttribute("aria-label", "第 " + p + " 页");
        pager.appendChild(b);
      }
      pager.appendChild(button("下一页", page + 1));
    }

    status.tabIndex = -1;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      go({ q: input.value.trim(), sort: sortBox.checked, filters: {}, page: 1 }, true);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (input.value.trim() === state.q) return;
        go({ q: input.value.trim(), sort: sortBox.checked, filters: {}, page: 1 }, false);
      }, 300);
    });
    sortBox.addEventListener("change", function () {
      go({ q: state.q, sort: sortBox.checked, filters: state.filters, page: 1 }, true);
    });
    window.addEventListener("popstate", function () { state = readState(names); show(); });
    show();
  }

  // ---- entry point for tests and embedders -----------------------------------------------------
  window.GazetteSearch = {
    query: async function (text, limit) {
      limit = limit === undefined ? PER_PAGE : limit;
      var found = await search(String(text || ""), {}, false, limit);
      if (!found) return [];
      var shown = found.results.slice(0, limit);
      var data = await Promise.all(shown.map(function (r) { return r.data(); }));
      return data.map(function (d) {
        var meta = d.meta || {};
        return { url: d.url, title: meta.title || "", doc_number: meta.doc_number || "",
                 organ: meta.organ || "", date: meta.date || "" };
      });
    },
    // every result's id (its fragment's name), ranked: what the search probe scores
    ranked: async function (text) {
      var found = await search(String(text || ""), {}, false, Infinity);
      return found ? found.results.map(function (r) { return r.id; }) : [];
    },
    // every value of every filter with the number of documents carrying it
    filters: async function () {
      var tables = await loadFilters(), out = {};
      Object.keys(tables).forEach(function (name) {
        out[name] = {};
        Object.keys(tables[name].sets).forEach(function (value) { out[name][value] = tables[name].sets[value].size; });
      });
      return out;
    },
    indexTokens: indexTokens,
    queryTokens: queryTokens,
    searchable: searchable,
    ready: function () { return loadEngine().then(function () { return true; }); }
  };

  // "/" focuses the search box (the page's own on the search page), as Material's search does.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var box = document.querySelector(".gazette-search-page input[name=q]") ||
              document.querySelector("form.gazette-search-box input[name=q]") ||
              document.getElementById("gazette-header-q");
    if (!box) return;
    event.preventDefault();
    var icon = document.querySelector(".md-header .gazette-icon--search");
    if (box.offsetParent === null && icon) icon.click();      // a phone: the header box opens from its icon
    else box.focus();
  });
  function start() {
    var root = document.querySelector(".gazette-search-page");
    if (root) mountPage(root);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
