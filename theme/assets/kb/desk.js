/* kb_builder: the copy button of "say this" blocks copies exactly the phrase. */
(function () {
  "use strict";
  var RESET_AFTER_MS = 2000;

  // The phrase as the agent reads it: paragraphs and line breaks kept, nothing else.
  function phraseOf(box) {
    var phrase = box.querySelector("[data-kb-say-phrase]");
    if (!phrase) return "";
    var text = phrase.innerText || phrase.textContent || "";
    return text
      .replace(/\r\n?/g, "\n")
      .split("\n")
      .map(function (line) { return line.replace(/[ \t\u00a0]+/g, " ").trim(); })
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
  }

  // Pages served over plain http (an intranet) have no clipboard API: copy the old way.
  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "-1000px";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    document.body.removeChild(area);
    return copied;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyWithSelection(text); }
      );
    }
    return Promise.resolve(copyWithSelection(text));
  }

  // When copying is impossible, select the phrase so that Ctrl+C does it.
  function selectPhrase(box) {
    var phrase = box.querySelector("[data-kb-say-phrase]");
    var selection = window.getSelection && window.getSelection();
    if (!phrase || !selection) return;
    var range = document.createRange();
    range.selectNodeContents(phrase);
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function announce(box, button, text) {
    button.textContent = text;
    var status = box.querySelector(".kb-say__status");
    if (status) status.textContent = text;
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest("[data-kb-say-copy]");
    if (!button) return;
    var box = button.closest("[data-kb-say]");
    if (!box) return;
    copy(phraseOf(box)).then(function (copied) {
      button.classList.toggle("kb-say__copy--done", copied);
      button.classList.toggle("kb-say__copy--failed", !copied);
      window.clearTimeout(Number(button.getAttribute("data-kb-timer")) || 0);
      if (!copied) {
        // Stays until the next click: the phrase is selected, ready for Ctrl+C.
        selectPhrase(box);
        announce(box, button, button.getAttribute("data-failed"));
        return;
      }
      announce(box, button, button.getAttribute("data-copied"));
      var timer = window.setTimeout(function () {
        button.textContent = button.getAttribute("data-copy");
        button.classList.remove("kb-say__copy--done");
        var status = box.querySelector(".kb-say__status");
        if (status) status.textContent = "";
      }, RESET_AFTER_MS);
      button.setAttribute("data-kb-timer", String(timer));
    });
  });
})();
