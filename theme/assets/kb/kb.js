/* kb_builder: FAQ questions that open from a link, expand all, and print whole. */
(function () {
  "use strict";

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll("details.kb-faq__item"));
  }

  function openTarget() {
    if (!window.location.hash) return;
    var id;
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return; }
    var target = document.getElementById(id);
    var item = target && target.closest("details.kb-faq__item");
    if (item && !item.open) {
      item.open = true;
      target.scrollIntoView();
    }
  }

  function syncToggle() {
    var button = document.querySelector("[data-kb-faq-toggle]");
    if (!button) return;
    var allOpen = items().every(function (item) { return item.open; });
    button.textContent = button.getAttribute(allOpen ? "data-collapse" : "data-expand");
    button.setAttribute("aria-expanded", allOpen ? "true" : "false");
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest("[data-kb-faq-toggle]");
    if (!button) return;
    var open = !items().every(function (item) { return item.open; });
    items().forEach(function (item) { item.open = open; });
    syncToggle();
  });
  document.addEventListener("toggle", syncToggle, true);

  // Printing shows every answer, then puts the page back as the reader left it.
  var closedBeforePrint = [];
  window.addEventListener("beforeprint", function () {
    closedBeforePrint = items().filter(function (item) { return !item.open; });
    closedBeforePrint.forEach(function (item) { item.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedBeforePrint.forEach(function (item) { item.open = false; });
    closedBeforePrint = [];
  });

  window.addEventListener("hashchange", openTarget);
  openTarget();
  syncToggle();
})();

/* kb_builder: remember the reader's language; at the site root, go to it. */
(function () {
  "use strict";
  var KEY = "kb.language";

  function remember(code) {
    try { window.localStorage.setItem(KEY, code); } catch (e) { /* private mode */ }
  }

  function remembered() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest("a[data-kb-lang]");
    if (link) remember(link.getAttribute("data-kb-lang"));
  });

  var data = document.getElementById("kb-chooser");
  if (!data || /[?&]choose\b/.test(window.location.search)) return;
  var chooser = JSON.parse(data.textContent);
  var urls = chooser.languages;

  function pick() {
    var stored = remembered();
    if (stored && urls[stored]) return stored;
    var wanted = navigator.languages || [navigator.language || ""];
    for (var i = 0; i < wanted.length; i++) {
      var tag = String(wanted[i]).toLowerCase();
      for (var code in urls) {
        if (code.toLowerCase() === tag) return code;
      }
      var primary = tag.split("-")[0];
      for (var other in urls) {
        if (other.toLowerCase().split("-")[0] === primary) return other;
      }
    }
    return chooser["default"];
  }

  var target = urls[pick()];
  if (target) window.location.replace(target);
})();

/* kb_builder: the home page's search field hands over to the site search (search.js), which
 * opens when its own box gets focus and searches on input. */
(function () {
  "use strict";
  var field = document.querySelector("[data-kb-search-field]");
  var box = document.querySelector("[data-kb-search]");
  var input = box && box.querySelector(".md-search__input");
  if (!field || !input) return;

  function handOver() {
    var typed = field.value;
    field.value = "";
    if (typed) input.value = typed;
    input.focus();
    if (typed) input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  // A tap or click, or the first key typed; not focus alone, so that Tab moves on through
  // the page instead of being sent up to the header each time it reaches the field.
  field.addEventListener("click", handOver);
  field.addEventListener("input", handOver);
  field.form.addEventListener("submit", function (event) {
    event.preventDefault();
    handOver();
  });
})();
