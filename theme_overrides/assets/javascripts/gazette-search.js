// Search: exact Chinese phrases over the Pagefind bundle of our own tokens (generator/search/).
//
// * Every page's search box is a plain form that opens the search page (search/?q=…), so a
//   search is a link and works without this script up to the results. On the search page this
//   script reads the query, filters, order and page from the address, runs the search, and
//   writes them back (typing replaces the history entry; a submit, a filter or a page adds one,
//   so the back button returns to the results before).
// * Phrase rules are ported from generator/search/phrase.py (searchable, index/query tokens,
//   the phrase pattern); tests/search/test_phrase_js.py compares both on real gazette lines.
//   Traditional characters fold with search/t2s.json, the table the index was folded with.
// * A phrase is asked as the quoted sequence of its tokens (adjacent, in order: exact phrase),
//   once plain (every document holding it) and once with the title mark (documents whose title
//   holds it), which are listed first. Space-separated terms are all required.
// * A query that is a doc number (any common variant, canonicalised by doc-number.js) is looked
//   up in search/numbers/<shard>.json first and its document shown above the results.
// * window.GazetteSearch.query(text, limit) gives the ranked results as the page lists them
//   (without filters), for tests and embedders.
(function () {
  "use strict";
  var PER_PAGE = 10;
  var FILTER_SHOWN = 8;            // values of a filter listed before "显示全部"
  var MARK = "_";                  // generator/search/records.py TITLE_MARK
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

  // ---- the engine ------------------------------------------------------------------------------
  var engine = null;
  function loadTable() {
    return fetch(BASE + "search/t2s.json").then(function (r) { return r.ok ? r.json() : {}; })
      .catch(function () { return {}; }).then(function (table) { t2s = table; });
  }
  function loadEngine() {
    if (!engine) {
      engine = Promise.all([loadTable(), fetch(BASE + "pagefind/shards.json")
        .then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; })])
        .then(async function (loaded) {
          var list = loaded[1];
          var bundles = list && list.bundles && list.bundles.length ? list.bundles : [""];
          var first = BASE + "pagefind/" + bundles[0];
          var pf = await import(first + "pagefind.js");
          await pf.options({ basePath: first, baseUrl: BASE, excerptLength: 0 });
          // Pagefind takes the query language from <html lang> when it starts, and for "zh" it
          // cuts queries into words (Intl.Segmenter); our tokens are cut already, so it starts
          // under the index's own language, "und", and the page gets its language back at once.
          var html = document.documentElement, lang = html.getAttribute("lang");
          html.setAttribute("lang", "und");
          var started;
          try { started = pf.init(); } finally { if (lang === null) html.removeAttribute("lang"); else html.setAttribute("lang", lang); }
          await started;
          for (var i = 1; i < bundles.length; i++) {
            await pf.mergeIndex(BASE + "pagefind/" + bundles[i], { baseUrl: BASE, language: "und" });
          }
          return pf;
        });
    }
    return engine;
  }
  // The filter index (every value of every filter, with its documents) is loaded only when the
  // reader opens the filters or the address already chooses some: most searches never filter,
  // and at archive scale the filter index outweighs a page of results. Once loaded, every search
  // counts its results per value.
  var filtersLoaded = null;
  function loadFilters() {
    if (!filtersLoaded) filtersLoaded = loadEngine().then(function (pf) { return pf.filters(); });
    return filtersLoaded;
  }
  function pagefindQuery(tokens) {
    // A one-character query unquoted: Pagefind matches it as a prefix, so it finds every token the
    // character begins. Anything else quoted, as an exact sequence of whole tokens: unquoted,
    // Pagefind 1.5 cuts a word of two CJK characters into two and asks for both anywhere
    // (台州 found 台胞 …州; measured at 5,000 documents: 1,464 results for 491 documents).
    var single = tokens.length === 1 && Array.from(tokens[0].replace(MARK, "")).length === 1;
    return single ? tokens[0] : '"' + tokens.join(" ") + '"';
  }
  function intersect(lists) {
    var keep = lists.slice(1).map(function (l) { return new Set(l.map(function (r) { return r.id; })); });
    return lists[0].filter(function (r) { return keep.every(function (s) { return s.has(r.id); }); });
  }

  // Every result of a query, ranked: documents whose title holds every term first (unless sorted
  // by date), then the rest; with the filter counts of the (first term's) results.
  async function search(query, filters, byDate) {
    var pf = await loadEngine();
    var words = terms(query);
    if (!words.length) return null;
    if (filters && Object.keys(filters).length) await loadFilters();
    var options = { filters: filters || {} };
    if (byDate) options.sort = { date: "desc" };
    var bodies = await Promise.all(words.map(function (w) { return pf.search(pagefindQuery(queryTokens(w)), options); }));
    var results = intersect(bodies.map(function (b) { return b.results; }));
    if (!byDate && results.length) {
      var titled = await Promise.all(words.map(function (w) {
        return pf.search(pagefindQuery(queryTokens(w).map(function (t) { return MARK + t; })), { filters: filters || {} });
      }));
      var ids = new Set(intersect(titled.map(function (t) { return t.results; })).map(function (r) { return r.id; }));
      results = results.filter(function (r) { return ids.has(r.id); })
        .concat(results.filter(function (r) { return !ids.has(r.id); }));
    }
    return { words: words, results: results, filters: bodies[0].filters || {}, total: results.length,
             counted: filtersLoaded !== null };
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
    var url = BASE + "search/numbers/" + window.GazetteDocNumber.shard(parsed.seriesKey) + ".json";
    if (!numberShards[url]) {
      numberShards[url] = fetch(url).then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
    }
    return numberShards[url].then(function (table) {
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
      link.href = BASE + entry.url;
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
        found = await search(state.q, state.filters, state.sort);
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
      status.textContent = found.total
        ? "找到 " + found.total + " 件包含“" + found.words.join("”和“") + "”的公文" + filtered +
          (pages > 1 ? "，第 " + page + "/" + pages + " 页" : "") + "。"
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
      var found = await search(String(text || ""), {}, false);
      if (!found) return [];
      var shown = found.results.slice(0, limit === undefined ? PER_PAGE : limit);
      var data = await Promise.all(shown.map(function (r) { return r.data(); }));
      return data.map(function (d) {
        var meta = d.meta || {};
        return { url: d.url, title: meta.title || "", doc_number: meta.doc_number || "",
                 organ: meta.organ || "", date: meta.date || "" };
      });
    },
    // every result's id (its fragment's name), ranked: what the search probe scores
    ranked: async function (text) {
      var found = await search(String(text || ""), {}, false);
      return found ? found.results.map(function (r) { return r.id; }) : [];
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
              document.querySelector("form.gazette-search-box input[name=q]");
    if (box) {
      event.preventDefault();
      box.focus();
    }
  });
  function start() {
    var root = document.querySelector(".gazette-search-page");
    if (root) mountPage(root);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
