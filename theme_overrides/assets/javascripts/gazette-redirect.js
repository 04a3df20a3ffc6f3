// The portal's redirect pages of an archive in parts (address.html: a document on a part;
// citation.html: a number not held, sent on to its ledger). A reader arriving with the 关怀版 choice in
// the address (?gazette-care=on|off, added by gazette-page.js on a link from another site of the
// archive) keeps it: it is stored for this site and carried on to the page the redirect goes to,
// before the meta refresh fires. So does a place in the page (#第三条): a meta refresh drops it, so
// a link to an article of a document at its portal address would land at the top. Without script
// the refresh still goes to the page.
(function () {
  "use strict";
  var found = /[?&]gazette-care=(on|off)(&|$)/.exec(location.search);
  var refresh = document.querySelector('meta[http-equiv="refresh"]');
  if (!refresh || (!found && !location.hash)) return;
  var target = new URL(refresh.content.slice(refresh.content.indexOf("url=") + 4), location.href);
  if (found) {
    try {
      if (found[1] === "on") localStorage.setItem("gazette-care", "on");
      else localStorage.removeItem("gazette-care");
    } catch (e) { /* private mode: still carried on below */ }
    target.searchParams.set("gazette-care", found[1]);
  }
  if (location.hash && !target.hash) target.hash = location.hash;     // a ledger row's own place stays
  location.replace(target.href);
})();
