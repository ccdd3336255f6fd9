/* kb_builder desk: clipboard, the start page, recently opened pages, links for customers. */
(function () {
  "use strict";
  var settings = document.getElementById("kb-desk-config");
  if (!settings) return;
  var config = JSON.parse(settings.textContent);
  var text = config.strings || {};
  var RECENT_KEY = "kb.desk.recent";
  var RECENT_MAX = 8;
  var WIDE = "(min-width: 60em)"; // where Material shows the search field in the header

  // Pages served over plain http (an intranet) have no clipboard API: copy the old way.
  function copyWithSelection(value) {
    var area = document.createElement("textarea");
    area.value = value;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "-1000px";
    var focused = document.activeElement;
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    document.body.removeChild(area);
    if (focused && focused.focus) focused.focus();
    return copied;
  }

  /** Put `value` on the clipboard; resolves to whether it worked. */
  function copy(value) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(value).then(
        function () { return true; },
        function () { return copyWithSelection(value); }
      );
    }
    return Promise.resolve(copyWithSelection(value));
  }

  window.kbDesk = { config: config, copy: copy };

  /* -- recently opened pages (this browser only) -------------------------------------- */

  function readRecent() {
    try {
      var list = JSON.parse(window.localStorage.getItem(RECENT_KEY) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }

  var pageData = document.getElementById("kb-desk-page");
  if (pageData) {
    var current = JSON.parse(pageData.textContent);
    var here = window.location.pathname;
    var kept = readRecent().filter(function (item) { return item && item.url !== here; });
    kept.unshift({ url: here, title: current.title, lang: current.lang });
    try {
      window.localStorage.setItem(RECENT_KEY, JSON.stringify(kept.slice(0, RECENT_MAX)));
    } catch (e) { /* private mode: nothing remembered */ }
  }

  var recentList = document.querySelector("[data-kb-desk-recent]");
  if (recentList) {
    var mine = readRecent().filter(function (item) {
      return item && item.lang === config.lang && typeof item.url === "string" &&
        item.url.charAt(0) === "/" && item.url.charAt(1) !== "/";
    });
    mine.forEach(function (item) {
      var entry = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title || item.url;
      entry.appendChild(link);
      recentList.appendChild(entry);
    });
    var none = document.querySelector("[data-kb-desk-recent-none]");
    if (none) none.hidden = mine.length > 0;
    recentList.hidden = mine.length === 0;
  }

  /* -- the start page: the search field has the focus -------------------------------- */

  // The field has the focus, but the results panel stays shut until the agent types, so
  // the pinned pages under it are still one click away.
  function focusSearch() {
    var input = document.querySelector("[data-kb-search] .md-search__input");
    var toggle = document.getElementById("__search");
    if (!input || !window.matchMedia(WIDE).matches) return;
    input.focus();
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.addEventListener("input", function () {
      if (toggle && !toggle.checked) {
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change"));
      }
    });
  }

  if (document.querySelector("[data-kb-desk-start]")) {
    // After the deferred search script, so that focusing the field opens the search.
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", focusSearch);
    } else {
      focusSearch();
    }
  }

  /* -- copy link for the customer ---------------------------------------------------- */

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest("[data-kb-share-copy]");
    if (!button) return;
    var box = button.closest("[data-kb-share]");
    var choice = box && box.querySelector("[data-kb-share-lang]");
    var status = box && box.querySelector(".kb-share__status");
    if (!choice || !choice.value) return;
    copy(choice.value).then(function (copied) {
      if (status) status.textContent = copied ? text["share.copied"] : text["share.failed"];
      button.classList.toggle("kb-share__copy--done", copied);
      if (!copied) window.prompt(text["share.failed"], choice.value);
    });
  });
})();

/* kb_builder desk: the header keeps clear of the sticky internal banner, whatever its height. */
(function () {
  "use strict";
  var banner = document.querySelector('[data-md-component="announce"]');
  if (!banner || !banner.querySelector(".kb-audience-banner") || !window.ResizeObserver) return;
  new ResizeObserver(function () {
    document.documentElement.style.setProperty("--kb-desk-banner-height", banner.offsetHeight + "px");
  }).observe(banner);
})();
