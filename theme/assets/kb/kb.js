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
