// Mount Pagefind UI in the header search box. The bundle lives in <site>/pagefind/;
// its base is computed from this page's relative base_url so the site also works
// when served from a sub-path.
(function () {
  function mount() {
    var el = document.getElementById("gazette-search");
    if (!el || typeof PagefindUI === "undefined") return;
    var base = new URL(el.getAttribute("data-pagefind-base") || "./", document.baseURI).pathname;
    new PagefindUI({
      element: "#gazette-search",
      baseUrl: base,
      bundlePath: base + "pagefind/",
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      translations: { placeholder: "搜索公文标题或正文", zero_results: "没有找到 [SEARCH_TERM] 的结果" }
    });
  }
  // "/" focuses the search box, as Material's own search does.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var input = document.querySelector("#gazette-search input");
    if (input) {
      event.preventDefault();
      input.focus();
    }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
