// Document pages: copy buttons (doc number, citation, permalink) and the permalink in
// the citation. The buttons are written hidden (generator/templates/document.md.j2)
// and shown here, so a reader without JavaScript never sees a button that does nothing.
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

  function wire() {
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
