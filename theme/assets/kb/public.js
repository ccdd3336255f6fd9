/* kb_builder: the public help centre's own behaviour (kept apart from search.js and desk.js).
 *
 * - When a search finds nothing or little, show how to reach a person
 *   (partials/kb/search-contact.html), listening to search.js's "kb-search:results" event.
 * - "Was this page helpful?" (partials/kb/feedback.html): with an endpoint configured,
 *   post the answer there, show the thank-you note, and tell other scripts with a
 *   "kb:feedback" event.
 */
(function () {
  "use strict";
  var FEW = 3; // fewer pages found than this: also offer the contact details

  var box = document.querySelector("[data-kb-search]");
  var offer = box && box.querySelector("[data-kb-search-contact]");
  if (!box || !offer) return;
  box.addEventListener("kb-search:results", function () {
    var list = box.querySelector(".md-search-result__list");
    var pages = list ? list.querySelectorAll(".kb-search__item").length : 0;
    var more = list ? list.querySelector(".kb-search__more") : null;
    offer.hidden = Boolean(more) || pages >= FEW;
  });
  // search.js removes data-kb-query when the box is emptied: no results, no offer.
  new MutationObserver(function () {
    if (!box.hasAttribute("data-kb-query")) offer.hidden = true;
  }).observe(box, { attributes: true, attributeFilter: ["data-kb-query"] });
})();

(function () {
  "use strict";
  var form = document.querySelector("form[data-kb-feedback][data-endpoint]");
  if (!form) return;
  var endpoint = form.getAttribute("data-endpoint");
  var buttons = form.querySelectorAll("button[data-md-value]");

  function send(rating) {
    var body = new URLSearchParams();
    body.set("page", window.location.pathname);
    body.set("lang", form.getAttribute("data-lang") || "");
    body.set("title", form.getAttribute("data-title") || "");
    body.set("rating", rating);
    // A simple form POST needs no permission from the receiving server (no preflight);
    // no cookies go with it, and its answer is not read.
    return window.fetch(endpoint, {
      method: "POST",
      body: body,
      mode: "no-cors",
      credentials: "omit",
      keepalive: true,
    }).catch(function () { /* an answer that cannot be sent is not the reader's problem */ });
  }

  Array.prototype.forEach.call(buttons, function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var rating = button.getAttribute("data-md-value");
      if (form.getAttribute("data-kb-sent")) return;
      form.setAttribute("data-kb-sent", rating);
      form.firstElementChild.disabled = true;
      var note = form.querySelector(".md-feedback__note [data-md-value='" + rating + "']");
      if (note) note.hidden = false;
      send(rating);
      form.dispatchEvent(new CustomEvent("kb:feedback", {
        bubbles: true,
        detail: { page: window.location.pathname, lang: form.getAttribute("data-lang"), rating: rating },
      }));
    });
  });
  form.hidden = false;
})();
