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
