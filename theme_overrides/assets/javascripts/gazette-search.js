// Search: Pagefind UI in the header search box (and in the search boxes of the home
// and 404 pages), with an exact doc-number lookup in front of full-text search.
//
// * The Pagefind bundle lives in <site>/pagefind/; its base is the element's
//   data-pagefind-base (MkDocs' relative base_url), resolved against this page, so
//   the site works at a domain root, under a GitHub Pages project path and in
//   `mkdocs serve`.
// * Pagefind segments 绍政发〔2017〕7号 one way when indexing and a typed
//   绍政发[2017]7号 another, so a query that is a doc number (in any common variant,
//   canonicalised by doc-number.js, the port of generator/doc_number.py) is looked
//   up in search/numbers/<shard>.json and the document is shown above the results.
// * Filters (发文机关, 年份, 文种, 文号系列, 地区, 公报) come from data-pagefind-filter in
//   document pages; "按日期" re-runs the search sorted by data-pagefind-sort date.
(function () {
  "use strict";
  var shards = {};   // shard file URL -> Promise of its table

  function siteBase(el) {
    return new URL(el.getAttribute("data-pagefind-base") || "./", document.baseURI).pathname;
  }

  function loadShard(base, seriesKey) {
    var url = base + "search/numbers/" + window.GazetteDocNumber.shard(seriesKey) + ".json";
    if (!shards[url]) {
      shards[url] = fetch(url).then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
    }
    return shards[url];
  }

  // The exact matches of a query: [] unless it is a doc number the archive knows.
  function exactMatches(base, query) {
    var parsed = window.GazetteDocNumber && window.GazetteDocNumber.parseDocNumber(query);
    if (!parsed) return Promise.resolve({ number: null, entries: [] });
    return loadShard(base, parsed.seriesKey).then(function (table) {
      return { number: parsed.canonical, entries: table[parsed.canonical] || [] };
    });
  }

  function renderExact(box, base, found) {
    box.textContent = "";
    if (!found.entries.length) {
      box.hidden = true;
      return;
    }
    var heading = document.createElement("p");
    heading.className = "gazette-exact__label";
    heading.textContent = "文号精确匹配：" + found.number;
    box.appendChild(heading);
    var list = document.createElement("ul");
    found.entries.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.className = "gazette-exact__link";
      link.href = base + entry.url;
      link.textContent = (entry.title || found.number) + (entry.held ? "" : "（本站未收录，查看引用情况）");
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
    box.hidden = false;
  }

  function mount(el) {
    var base = siteBase(el);
    var sortByDate = false;
    var ui = null;
    var seq = 0;
    var exactBox = document.createElement("div");
    exactBox.className = "gazette-exact";
    exactBox.hidden = true;
    exactBox.setAttribute("data-pagefind-ignore", "all");

    var sortLabel = document.createElement("label");
    sortLabel.className = "gazette-sort";
    var sortBox = document.createElement("input");
    sortBox.type = "checkbox";
    sortLabel.appendChild(sortBox);
    sortLabel.appendChild(document.createTextNode(" 按成文日期排序（新→旧）"));

    function input() {
      return el.querySelector(".pagefind-ui__search-input");
    }

    var bundles = ["pagefind/"];

    function create(term) {
      if (ui) ui.destroy();
      el.textContent = "";
      ui = new PagefindUI({
        element: el,
        baseUrl: base,
        bundlePath: base + bundles[0],
        mergeIndex: bundles.slice(1).map(function (b) { return { bundlePath: base + b }; }),
        showSubResults: true,
        showImages: false,
        resetStyles: false,
        excerptLength: 40,
        sort: sortByDate ? { date: "desc" } : null,
        translations: {
          placeholder: el.getAttribute("data-placeholder") || "搜索公文标题、正文或文号",
          zero_results: "没有找到 [SEARCH_TERM] 的全文结果",
          filters_label: "筛选",
          clear_search: "清除"
        }
      });
      var drawer = el.querySelector(".pagefind-ui__drawer");
      if (drawer) {
        drawer.insertBefore(sortLabel, drawer.firstChild);
        drawer.insertBefore(exactBox, drawer.firstChild);
      }
      var box = input();
      if (box) box.addEventListener("input", function () { lookup(box.value); });
      if (term) {
        ui.triggerSearch(term);
        if (box) box.value = term;
        lookup(term);
      }
    }

    function lookup(query) {
      var mine = ++seq;
      exactMatches(base, query).then(function (found) {
        if (mine === seq) renderExact(exactBox, base, found);
      });
    }

    // Re-run the current search in the other order. Pagefind UI has no public setter for
    // `sort`; its component takes it as a prop ($$set, as its own triggerSearch does), and a
    // search runs when the term changes, so the term is re-sent with a trailing space toggled
    // (Pagefind ignores it). Rebuilding the UI instead would kill its worker mid-search.
    sortBox.addEventListener("change", function () {
      sortByDate = sortBox.checked;
      var box = input();
      var term = box ? box.value : "";
      if (!ui || !ui._pfs || typeof ui._pfs.$$set !== "function") {
        create(term);
        return;
      }
      ui._pfs.$$set({ sort: sortByDate ? { date: "desc" } : null });
      if (term.trim()) ui.triggerSearch(/ $/.test(term) ? term.replace(/ +$/, "") : term + " ");
    });
    // A large archive is indexed in shards (generator/search.py); pagefind/shards.json lists the
    // bundles, the first is the main one and the others are merged into every query.
    fetch(base + "pagefind/shards.json")
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; })
      .then(function (list) {
        if (list && list.bundles && list.bundles.length) bundles = list.bundles;
        create("");
      });
  }

  function mountAll() {
    if (typeof PagefindUI === "undefined") return;
    var els = document.querySelectorAll(".gazette-search");
    for (var i = 0; i < els.length; i++) mount(els[i]);
  }

  // "/" focuses the header search box, as Material's own search does.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var box = document.querySelector("#gazette-search input");
    if (box) {
      event.preventDefault();
      box.focus();
    }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
