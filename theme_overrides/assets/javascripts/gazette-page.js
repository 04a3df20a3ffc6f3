// Every page: the outline in the right sidebar (see partials/toc.html), built from the
// article's headings as Python-Markdown's toc extension nests them and as Material's
// partials/toc-item.html writes them. It runs as soon as this script loads, before
// DOMContentLoaded, so Material's script (which starts on DOMContentLoaded) tracks it.
(function () {
  "use strict";

  function item(heading) {
    var li = document.createElement("li");
    li.className = "md-nav__item";
    var a = document.createElement("a");
    a.className = "md-nav__link";
    a.setAttribute("href", "#" + heading.id);
    var span = document.createElement("span");
    span.className = "md-ellipsis";
    span.textContent = heading.textContent.trim();
    a.appendChild(span);
    li.appendChild(a);
    return { li: li, level: Number(heading.tagName.charAt(1)), title: span.textContent, list: null };
  }

  // The list an item's children go into: Material's nested <nav class="md-nav"><ul>.
  function childList(parent) {
    if (!parent.list) {
      var nav = document.createElement("nav");
      nav.className = "md-nav";
      nav.setAttribute("aria-label", parent.title);
      parent.list = document.createElement("ul");
      parent.list.className = "md-nav__list";
      nav.appendChild(parent.list);
      parent.li.appendChild(nav);
    }
    return parent.list;
  }

  // Python-Markdown's nest_toc_tokens: a deeper heading nests under the one before it;
  // a shallower one closes every open level it is not deeper than.
  function nest(items, root) {
    if (!items.length) return;
    var last = items[0], levels = [last.level], parents = [];
    root.appendChild(last.li);
    for (var i = 1; i < items.length; i++) {
      var t = items[i];
      if (t.level < levels[levels.length - 1]) {
        levels.pop();
        var pop = 0;
        for (var j = parents.length - 1; j >= 0 && t.level <= parents[j].level; j--) pop++;
        if (pop) {
          levels = levels.slice(0, levels.length - pop);
          parents = parents.slice(0, parents.length - pop);
        }
        levels.push(t.level);
      }
      if (t.level === levels[levels.length - 1]) {
        (parents.length ? childList(parents[parents.length - 1]) : root).appendChild(t.li);
      } else {
        childList(last).appendChild(t.li);
        parents.push(last);
        levels.push(t.level);
      }
      last = t;
    }
  }

  function outline(root, article) {
    var headings = article.querySelectorAll("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]");
    var items = [];
    for (var k = 0; k < headings.length; k++) items.push(item(headings[k]));
    // Like Material: when the outline starts with the page's h1, list only what is under it.
    if (items.length && items[0].level === 1) {
      var end = 1;
      while (end < items.length && items[end].level > 1) end++;
      items = items.slice(1, end);
    }
    nest(items, root);
  }

  // The sidebar's outline, and for a page in the navigation also the copy Material puts
  // under its entry in the drawer (for phones).
  var article = document.querySelector(".md-content article");
  var roots = document.querySelectorAll("[data-gazette-toc]");
  for (var r = 0; article && r < roots.length; r++) outline(roots[r], article);
})();

// Document pages: the 引用本文 block (built here), copy buttons (doc number, citation,
// permalink) and the permalink in the citation. The doc-number button is written hidden
// (generator/templates/document.md.j2) and shown here, so a reader without JavaScript never
// sees a button that does nothing (nor the citation block, which is made here).
// Copying uses navigator.clipboard where the page is allowed to, else a selected
// off-screen textarea and execCommand("copy") (plain-http previews, older browsers).
(function () {
  "use strict";

  // This page's address without query or fragment: the canonical URL when site_url is set.
  function permalink() {
    var canonical = document.querySelector('link[rel="canonical"]');
    if (canonical && canonical.href) return canonical.href;
    return location.href.split("#")[0].split("?")[0];
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "-1000px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  // The text a button copies: its data-copy, the citation it names, or the permalink.
  function textOf(button) {
    if (button.hasAttribute("data-copy")) return button.getAttribute("data-copy");
    if (button.hasAttribute("data-copy-permalink")) return permalink();
    var name = button.getAttribute("data-copy-from");
    var source = name && document.querySelector('.doc-cite__text[data-cite="' + name + '"]');
    return source ? source.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function flash(button, label) {
    var original = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", original);
    button.textContent = label;
    setTimeout(function () { button.textContent = original; }, 1500);
  }

  // 引用本文: the two ways to cite the page, GB/T 7714 style and 《标题》（文号）, made from the
  // page's own JSON-LD (render/head.py) into the empty .doc-cite block document.md.j2 writes.
  // Written once here rather than into 25,000 pages: they repeat the title, organs, number and
  // date the page already states, and their copy buttons need this script anyway.
  function citationLine(text, name) {
    var p = document.createElement("p");
    p.className = "doc-cite__line";
    var span = document.createElement("span");
    span.className = "doc-cite__text";
    span.setAttribute("data-cite", name);
    span.textContent = text;
    p.appendChild(span);
    return p;
  }

  function button(label, attribute, value) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "doc-copy";
    b.setAttribute(attribute, value || "");
    b.textContent = label;
    return b;
  }

  function buildCitations() {
    var block = document.querySelector(".doc-cite");
    var script = document.querySelector('script[type="application/ld+json"]');
    if (!block || !script) return;
    var ld;
    try { ld = JSON.parse(script.textContent); } catch (e) { return; }
    var organs = (ld.legislationPassedBy || []).map(function (o) { return o.name; });
    var title = ld.name || "", number = ld.legislationIdentifier, date = ld.legislationDate;
    var gbt = (organs.length ? organs.join(", ") + ". " : "") + title + (number ? ": " + number : "") +
              "[A/OL]." + (date ? " (" + date + ")." : "") + " ";
    var heading = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = "引用本文";
    heading.appendChild(strong);
    var first = citationLine(gbt, "gbt");
    var link = document.createElement("span");
    link.className = "doc-permalink";
    first.firstChild.appendChild(link);
    first.appendChild(document.createTextNode(" "));
    first.appendChild(button("复制引文", "data-copy-from", "gbt"));
    var second = citationLine("《" + title + "》" + (number ? "（" + number + "）" : ""), "short");
    second.appendChild(document.createTextNode(" "));
    second.appendChild(button("复制", "data-copy-from", "short"));
    second.appendChild(document.createTextNode(" "));
    second.appendChild(button("复制本页链接", "data-copy-permalink"));
    block.appendChild(heading);
    block.appendChild(first);
    block.appendChild(second);
    block.hidden = false;
  }

  // A table wider than the page scrolls inside its own box (Material's table style); keyboard
  // users scroll it once it can take focus (WCAG 2.1.1; axe-core: scrollable-region-focusable).
  function focusableTables() {
    var tables = document.querySelectorAll("article table");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      if (table.scrollWidth > table.clientWidth + 1 || table.scrollHeight > table.clientHeight + 1) {
        table.tabIndex = 0;
        table.classList.add("doc-table--scrolls");
      }
    }
  }

  function wire() {
    buildCitations();
    focusableTables();
    var links = document.querySelectorAll(".doc-permalink");
    for (var i = 0; i < links.length; i++) links[i].textContent = permalink();
    var buttons = document.querySelectorAll("button.doc-copy");
    for (var j = 0; j < buttons.length; j++) {
      var button = buttons[j];
      button.hidden = false;
      button.addEventListener("click", function (event) {
        var target = event.currentTarget;
        copy(textOf(target)).then(function () { flash(target, "已复制"); },
                                  function () { flash(target, "复制失败"); });
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();

// The header on every page: the drawer's button opens on Enter or Space as a button does (it is
// Material's label of a hidden checkbox, which a keyboard cannot reach by itself), and on phones
// the search icon (a link to the search page) opens the search box inside the bar instead.
// A page without the navigation tree (main.html: documents, issues …) has no drawer of its own:
// its drawer is made here from the footer's line of the site's sections, so it costs no bytes.
(function () {
  "use strict";

  function sectionsDrawer() {
    var line = document.querySelector(".md-footer .gazette-sections");
    var main = document.querySelector(".md-main__inner");
    if (!line || !main || document.querySelector(".md-sidebar--primary")) return;
    var sidebar = document.createElement("div");
    sidebar.className = "md-sidebar md-sidebar--primary gazette-drawer";
    var wrap = document.createElement("div");
    wrap.className = "md-sidebar__scrollwrap";
    var nav = document.createElement("nav");
    nav.className = "md-nav md-nav--primary gazette-sections";
    nav.setAttribute("aria-label", line.getAttribute("aria-label") || "");
    var title = document.createElement("label");
    title.className = "md-nav__title";
    title.htmlFor = "__drawer";
    title.textContent = document.querySelector(".md-header__topic .md-ellipsis").textContent.trim();
    nav.appendChild(title);
    var links = line.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) nav.appendChild(links[i].cloneNode(true));
    wrap.appendChild(nav);
    sidebar.appendChild(wrap);
    main.insertBefore(sidebar, main.firstChild);
  }

  function actLikeAButton(control, act) {
    control.setAttribute("role", "button");
    control.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      act();
    });
  }

  function drawer() {
    var toggle = document.getElementById("__drawer");
    var button = document.querySelector(".md-header label[for=__drawer]");
    if (!toggle || !button) return;
    actLikeAButton(button, function () {
      toggle.click();
      var first = toggle.checked && document.querySelector(".md-sidebar--primary a[href]");
      if (first) first.focus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) {
        toggle.click();
        button.focus();
      }
    });
  }

  function searchIcon() {
    var icon = document.querySelector(".md-header .gazette-icon--search");
    var form = document.querySelector(".md-header__search-form");
    var box = form && form.querySelector("input[name=q]");
    if (!icon || !box) return;
    icon.setAttribute("aria-expanded", "false");
    function show(open) {
      form.classList.toggle("gazette-search--open", open);
      icon.setAttribute("aria-expanded", String(open));
    }
    function open(event) {
      if (event) event.preventDefault();
      show(true);
      box.focus();
    }
    icon.addEventListener("click", open);
    actLikeAButton(icon, open);
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && form.classList.contains("gazette-search--open")) {
        show(false);
        icon.focus();
      }
    });
    form.addEventListener("focusout", function (event) {
      if (!form.contains(event.relatedTarget)) show(false);
    });
  }

  sectionsDrawer();
  drawer();
  searchIcon();
})();

// 关怀版 (a switch in the header of every page): large text, high contrast, larger targets and
// wider spacing (gazette.css, html.gazette-care), as the MIIT 互联网网站适老化通用设计规范 asks.
// The choice is kept in localStorage under one key for every page and every part of the archive
// (no cookie, no request); the inline script in main.html's head applies it before the first
// paint, this one writes the switch (so without JavaScript there is none) and follows other tabs.
(function () {
  "use strict";
  var KEY = "gazette-care", root = document.documentElement;

  function remember(on) {
    try {
      if (on) localStorage.setItem(KEY, "on");
      else localStorage.removeItem(KEY);
    } catch (e) { /* private mode: the switch still works on this page */ }
  }

  function apply(on, button) {
    root.classList.toggle(KEY, on);
    button.setAttribute("aria-pressed", String(on));
  }

  function mount() {
    var form = document.querySelector(".md-header__search-form");
    if (!form) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button gazette-care-switch";
    button.textContent = "关怀版";
    button.title = "大字号、高对比度（再按一次恢复）";
    apply(root.classList.contains(KEY), button);
    button.addEventListener("click", function () {
      var on = !root.classList.contains(KEY);
      apply(on, button);
      remember(on);
    });
    window.addEventListener("storage", function (event) {
      if (event.key === KEY) apply(event.newValue === "on", button);
    });
    form.parentNode.insertBefore(button, form.nextSibling);
  }

  // An archive in parts is several sites, each with its own localStorage: a link followed into
  // another of them (listed in <meta name="gazette-archive">) carries the choice in its address,
  // which that site's head script stores and applies, and which is then taken out of the address.
  function sites() {
    var meta = document.querySelector('meta[name="gazette-archive"]');
    return meta ? meta.content.split(/\s+/).filter(Boolean) : [];
  }
  function siteOf(url, list) {
    return list.filter(function (site) { return url.indexOf(site) === 0; })
      .sort(function (a, b) { return b.length - a.length; })[0] || null;
  }
  function carry(event) {
    var link = event.target.closest && event.target.closest("a[href]");
    var list = sites();
    if (!link || !list.length) return;
    var there = siteOf(link.href, list);
    if (!there || there === siteOf(location.href, list)) return;
    var url = new URL(link.href);
    url.searchParams.set(KEY, root.classList.contains(KEY) ? "on" : "off");
    link.href = url.href;
  }
  function tidy() {
    if (!/[?&]gazette-care=/.test(location.search) || !window.history.replaceState) return;
    var url = new URL(location.href);
    url.searchParams.delete(KEY);
    history.replaceState(history.state, "", url.href);
  }

  mount();
  if (sites().length) {
    document.addEventListener("click", carry, true);
    document.addEventListener("auxclick", carry, true);
    tidy();
  }
})();

// 朗读 on document pages: the title and the text read aloud by the browser's own speech synthesis,
// a paragraph at a time (each its own utterance, so pausing, stopping and marking the paragraph
// being read are exact), in a zh-CN voice, preferring one on this device (localService). The
// buttons appear only once such a voice exists; headless browsers and many desktops have none.
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  var article = document.querySelector(".md-content article");
  var meta = article && article.querySelector(".doc-meta");
  if (!synth || !window.SpeechSynthesisUtterance || !meta) return;
  var READING = "doc-reading";
  var BLOCKS = "p, li, h2, h3, h4, h5, h6, tr, dt, dd";
  var STOP_AT = ".doc-cite, .doc-links, .doc-provenance, .doc-warnings";

  // A Chinese voice, the device's own first (no text sent to a speech service), zh-CN first.
  function chineseVoice() {
    var voices = synth.getVoices() || [], best = null, bestScore = -1;
    for (var i = 0; i < voices.length; i++) {
      var lang = String(voices[i].lang || "").replace("_", "-").toLowerCase();
      if (lang.indexOf("zh") !== 0) continue;
      var score = (voices[i].localService ? 2 : 0) + (lang === "zh-cn" ? 1 : 0);
      if (score > bestScore) { best = voices[i]; bestScore = score; }
    }
    return best;
  }

  function spoken(element) {
    var copy = element.cloneNode(true), marks = copy.querySelectorAll(".headerlink, button");
    for (var i = 0; i < marks.length; i++) marks[i].remove();
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  // The title, then each paragraph of the text: the blocks after the particulars and the note on
  // the unofficial version, up to the citation and source notes; a list or table is read by item.
  function paragraphs() {
    var out = [article.querySelector("h1")];
    var start = article.querySelector(".doc-unofficial") || meta;
    for (var el = start.nextElementSibling; el && !el.matches(STOP_AT); el = el.nextElementSibling) {
      if (el.matches(BLOCKS)) { out.push(el); continue; }
      var inner = el.querySelectorAll(BLOCKS);
      for (var i = 0; i < inner.length; i++) {
        if (!inner[i].querySelector(BLOCKS)) out.push(inner[i]);
      }
    }
    return out.filter(function (e) { return e && spoken(e); });
  }

  function mount(voice) {
    var bar = document.createElement("div"), queue = paragraphs(), at = -1, run = 0;
    bar.className = "doc-read";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "朗读");
    function control(label, act) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.addEventListener("click", act);
      bar.appendChild(b);
      return b;
    }
    var play = control("朗读", start), pause = control("暂停", hold), stop = control("停止", end);
    pause.hidden = stop.hidden = true;

    function mark(i) {
      if (at >= 0 && queue[at]) queue[at].classList.remove(READING);
      at = i;
      if (queue[i]) {
        queue[i].classList.add(READING);
        queue[i].scrollIntoView({ block: "nearest" });
      }
    }
    function say(i, token) {
      if (token !== run) return;
      if (i >= queue.length) { end(); return; }
      mark(i);
      var u = new SpeechSynthesisUtterance(spoken(queue[i]));
      u.lang = "zh-CN";
      u.voice = voice;
      u.onend = function () { say(i + 1, token); };
      synth.speak(u);
    }
    function start() {
      if (synth.paused && at >= 0) {
        synth.resume();
      } else {
        synth.cancel();
        run += 1;
        say(0, run);
      }
      play.hidden = true;
      pause.hidden = stop.hidden = false;
      pause.focus();
    }
    function hold() {
      synth.pause();
      play.textContent = "继续";
      play.hidden = false;
      pause.hidden = true;
      play.focus();
    }
    function end() {
      run += 1;
      synth.cancel();
      mark(-1);
      play.textContent = "朗读";
      play.hidden = false;
      pause.hidden = stop.hidden = true;
    }
    window.addEventListener("pagehide", function () { synth.cancel(); });
    meta.parentNode.insertBefore(bar, meta.nextSibling);
  }

  function offer() {
    var voice = chineseVoice();
    if (!voice || document.querySelector(".doc-read")) return false;
    mount(voice);
    return true;
  }

  if (!offer() && synth.addEventListener) {
    // Chromium lists its voices only after they load
    synth.addEventListener("voiceschanged", function once() {
      if (offer()) synth.removeEventListener("voiceschanged", once);
    });
  }
})();
