/* kb_builder desk: say phrases as search results of their own, copied without opening a page.
 *
 * Listens to the search box (assets/kb/search.js): whenever it shows results
 * ("kb-search:results"), the best phrases for the query are listed above them. ↓ reaches
 * a phrase and Enter or Space copies it; Shift+Enter in the search field copies the best
 * phrase straight away. The phrase index is downloaded once, when the search opens.
 */
(function () {
  "use strict";
  var desk = window.kbDesk;
  var logic = window.kbPhrases;
  var box = document.querySelector("[data-kb-search]");
  if (!desk || !logic || !box) return;
  var config = desk.config;
  var text = config.strings || {};
  var input = box.querySelector(".md-search__input");
  var list = box.querySelector(".md-search-result__list");
  var SHOWN = 3; // phrases listed above the results
  var RESET_AFTER_MS = 2000;

  var root = new URL(String(config.root || ".").replace(/\/?$/, "/"), document.baseURI);
  var loading = null;

  /** The phrase index, downloaded once. */
  function index() {
    if (!loading) {
      loading = fetch(new URL(config.phrases, root).href)
        .then(function (response) { return response.ok ? response.json() : { phrases: [] }; })
        .catch(function () { return { phrases: [] }; })
        .then(function (data) { return logic.prepare(data.phrases || []); });
    }
    return loading;
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }

  function phraseBody(value) {
    var body = element("span", "kb-phrase__text");
    logic.segments(value).forEach(function (part) {
      body.appendChild(part.slot ? element("span", "kb-slot", part.text) : document.createTextNode(part.text));
    });
    return body;
  }

  function source(record) {
    var label = record.heading ? record.title + " › " + record.heading : record.title;
    var where = element("span", "kb-phrase__source", label);
    where.setAttribute("data-href", new URL(record.url, root).href);
    where.title = label;
    return where;
  }

  function announce(message) {
    var status = box.querySelector(".kb-phrases__status");
    if (status) status.textContent = message;
  }

  function copied(button, ok) {
    var action = button && button.querySelector(".kb-phrase__action");
    announce(ok ? text["phrases.copied"] : text["phrases.failed"]);
    if (!action) return;
    action.textContent = ok ? text["phrases.copied"] : text["phrases.failed"];
    button.classList.toggle("kb-phrase--done", ok);
    window.clearTimeout(Number(button.getAttribute("data-kb-timer")) || 0);
    var timer = window.setTimeout(function () {
      action.textContent = text["phrases.copy"];
      button.classList.remove("kb-phrase--done");
    }, RESET_AFTER_MS);
    button.setAttribute("data-kb-timer", String(timer));
  }

  function copyRecord(record, button) {
    return desk.copy(record.text).then(function (ok) {
      copied(button, ok);
      box.dispatchEvent(new CustomEvent("kb-desk:copied", {
        bubbles: true, detail: { text: record.text, ok: ok },
      }));
      return ok;
    });
  }

  function render(query, hits) {
    var old = list.querySelector(".kb-phrases");
    if (old) old.remove();
    if (!hits.length) return;
    var group = element("li", "kb-phrases");
    group.setAttribute("data-pagefind-ignore", "");
    var titleId = "kb-phrases-title";
    var heading = element("p", "kb-phrases__title", text["phrases.title"]);
    heading.id = titleId;
    group.appendChild(heading);
    var items = element("ol", "kb-phrases__list");
    items.setAttribute("aria-labelledby", titleId);
    hits.forEach(function (hit) {
      var item = element("li", "kb-phrases__item");
      var button = element("button", "kb-phrase");
      button.type = "button";
      button.lang = config.lang;
      button.appendChild(phraseBody(hit.record.text));
      button.appendChild(source(hit.record));
      button.appendChild(element("span", "kb-phrase__action", text["phrases.copy"]));
      button.addEventListener("click", function (event) {
        var link = event.target instanceof Element && event.target.closest(".kb-phrase__source");
        if (link && event.detail > 0) {
          // A click on the article's name opens it; Enter and Space always copy.
          window.location.href = link.getAttribute("data-href");
          return;
        }
        copyRecord(hit.record, button);
      });
      item.appendChild(button);
      items.appendChild(item);
    });
    group.appendChild(items);
    group.appendChild(element("p", "kb-phrases__keys", text["phrases.keys"]));
    var status = element("p", "kb-phrases__status");
    status.setAttribute("role", "status");
    group.appendChild(status);
    list.insertBefore(group, list.firstChild);
    box.setAttribute("data-kb-phrases", query);
  }

  // search.js announces every result list it shows; the phrases go above it.
  box.addEventListener("kb-search:results", function (event) {
    var query = event.detail && event.detail.query;
    if (!query) return;
    index().then(function (prepared) {
      if (box.getAttribute("data-kb-query") !== query) return; // typed on meanwhile
      if (box.getAttribute("data-kb-phrases") === query && list.querySelector(".kb-phrases")) return;
      render(query, logic.rank(prepared, input.value, SHOWN));
    });
  });

  input.addEventListener("focus", function () { index(); });

  // Shift+Enter in the search field: the best phrase, on the clipboard, page left as it is.
  // Caught on the way down, before the search's own Enter (open the first result).
  box.addEventListener("keydown", function (event) {
    if (event.target !== input) return;
    if (event.key !== "Enter" || !event.shiftKey || event.isComposing) return;
    event.preventDefault();
    event.stopPropagation();
    var query = input.value;
    index().then(function (prepared) {
      var hits = logic.rank(prepared, query, 1);
      if (!hits.length) return;
      var first = list.querySelector(".kb-phrase");
      copyRecord(hits[0].record, box.getAttribute("data-kb-phrases") === query ? first : null);
    });
  }, true);
})();
