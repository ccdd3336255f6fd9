/* kb_builder: site search in Material's search box, over Pagefind's JavaScript API.
 *
 * Every language has its own Pagefind bundle (pagefind/<lang>/) with its own stemming.
 * The reader's language is searched first; "All languages" adds the others, each result
 * labelled with its language. Pagefind folds accents that Unicode decomposes (ά, ż, é),
 * stems, and matches word beginnings while the reader types. A query word that finds
 * nothing is looked up in the site's own word list (pagefind/words/<lang>/), which fixes
 * letters that Unicode does not decompose (ł) and typos, and the search runs again.
 *
 * Keys: "/" or "s" opens the search, arrows move through results, Enter opens, Esc closes.
 */
(function () {
  "use strict";

  var box = document.querySelector("[data-kb-search]");
  var settings = document.getElementById("kb-search-config");
  if (!box || !settings) return;
  var config = JSON.parse(settings.textContent);
  var text = config.strings;

  var toggle = document.getElementById("__search");
  var form = box.querySelector("form");
  var input = box.querySelector(".md-search__input");
  var status = box.querySelector(".kb-search__status");
  var scopeButton = box.querySelector(".kb-search__scope");
  var note = box.querySelector(".kb-search__note");
  var list = box.querySelector(".md-search-result__list");
  var scrollwrap = box.querySelector(".md-search__scrollwrap");

  var PAGE_SIZE = 10;
  var SUB_RESULTS = 2;
  var QUESTIONS = 3;
  var SCOPE_KEY = "kb.search.scope";

  var root = new URL(String(config.root || ".").replace(/\/?$/, "/"), document.baseURI);
  var languages = config.languages;
  var byCode = {};
  languages.forEach(function (language) { byCode[language.code] = language; });
  var home = byCode[config.lang] || null;
  // A language without pages of its own has no index: its readers search all languages.
  var widen = !home || readScope() === "all";

  /* -- text ---------------------------------------------------------------------------- */

  function say(key, values) {
    var template = text[key] || "";
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? String(values[name]) : all;
    });
  }

  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(config.lang) : null;

  function countText(count) {
    var form = plurals ? plurals.select(count) : count === 1 ? "one" : "other";
    var key = "results." + form;
    return say(text[key] ? key : "results.other", { count: count.toLocaleString(config.lang) });
  }

  /* -- words: the same rules as kb_builder/search/words.py ------------------------------ */

  var PLAIN = { "ł": "l", "đ": "d", "ø": "o", "ħ": "h", "ı": "i", "ŀ": "l", "ς": "σ" };
  var MARKS = /\p{M}/gu;
  var WORD = /[\p{L}\p{M}]+/gu;

  function foldLetter(letter) {
    if (PLAIN[letter]) return PLAIN[letter];
    return letter.normalize("NFD").replace(MARKS, "") || letter;
  }

  function fold(word) {
    return Array.from(word.toLowerCase().normalize("NFC"), foldLetter).join("");
  }

  function letters(word) {
    return Array.from(word.normalize("NFC"));
  }

  /** Restricted Damerau-Levenshtein distance, giving up once it exceeds `limit`. */
  function distance(a, b, limit) {
    var n = a.length;
    var m = b.length;
    if (Math.abs(n - m) > limit) return limit + 1;
    var before = null;
    var previous = [];
    for (var j = 0; j <= m; j++) previous.push(j);
    for (var i = 1; i <= n; i++) {
      var current = [i];
      var best = i;
      for (j = 1; j <= m; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current.push(value);
        if (value < best) best = value;
      }
      if (best > limit) return limit + 1;
      before = previous;
      previous = current;
    }
    return previous[m];
  }

  var wordLists = {};

  function wordList(language, letter) {
    var key = language.code + " " + letter;
    if (!wordLists[key]) {
      var url = new URL(language.words + letter.codePointAt(0).toString(16) + ".json", root);
      wordLists[key] = fetch(url.href)
        .then(function (response) { return response.ok ? response.json() : []; })
        .catch(function () { return []; })
        .then(function (words) {
          return words.map(function (word) { return { word: word, folded: letters(fold(word)) }; });
        });
    }
    return wordLists[key];
  }

  /** The site's word closest to `term`, or null. `typing`: the reader may not be done. */
  async function correct(language, term, typing) {
    var folded = letters(fold(term));
    if (folded.length < 3) return null;
    var entries = await wordList(language, folded[0]);
    var joined = folded.join("");
    var completion = null;
    for (var k = 0; k < entries.length; k++) {
      var candidate = entries[k].folded;
      if (candidate.join("") === joined) return entries[k].word;
      if (typing && !completion && candidate.length > folded.length &&
          candidate.slice(0, folded.length).join("") === joined) {
        completion = entries[k];
      }
    }
    if (completion) {
      // Typed without a mark Unicode cannot strip (zloz for złoż): the word's own beginning.
      var beginning = letters(completion.word).slice(0, folded.length).join("");
      if (beginning !== term) return beginning;
      // Typed past a word's stem (escalat for escal-ation): Pagefind matches stems, so
      // search the most widespread word that starts this way.
      return completion.word;
    }
    if (folded.length < 4) return null;
    var limit = folded.length >= 8 ? 2 : 1;
    var best = null;
    var bestCost = limit + 1;
    for (k = 0; k < entries.length && bestCost > 0; k++) {
      candidate = entries[k].folded;
      // Lists start with the most widespread words, so the first at a cost wins ties.
      var cost = distance(folded, candidate, limit);
      if (cost < bestCost) {
        best = entries[k].word;
        bestCost = cost;
      }
      if (typing && candidate.length > folded.length) {
        var start = distance(folded, candidate.slice(0, folded.length), limit) + 0.5;
        if (start < bestCost) {
          best = letters(entries[k].word).slice(0, folded.length).join("");
          bestCost = start;
        }
      }
    }
    return best;
  }

  /* -- Pagefind ------------------------------------------------------------------------ */

  var pagefind = null;
  var engines = {};

  function bundlePath(language) {
    return new URL(language.bundle, root).pathname;
  }

  function engine(language) {
    if (!engines[language.code]) {
      if (!pagefind) {
        // Every bundle ships the same pagefind.js: load it once, from the reader's bundle.
        pagefind = import(new URL("pagefind.js", new URL((home || languages[0]).bundle, root)).href);
      }
      engines[language.code] = pagefind.then(async function (module) {
        // A bundle holds one language, so Pagefind picks that language's stemming for it.
        var instance = module.createInstance({ basePath: bundlePath(language) });
        await instance.options({ baseUrl: root.pathname, ranking: config.ranking });
        return instance;
      });
    }
    return engines[language.code];
  }

  function terms(query) {
    return query.toLowerCase().match(WORD) || [];
  }

  /** Search one language, correcting words that find nothing. */
  async function searchLanguage(language, query) {
    var instance = await engine(language);
    var found = await instance.search(query);
    var words = terms(query);
    if (!words.length || /["]/.test(query)) return { language: language, found: found, corrected: null };
    var typing = !/\s$/.test(query);
    var missing;
    if (!found.results.length) {
      missing = words.map(function (word, index) { return index; });
    } else if (words.length > 1) {
      // Pagefind leaves out words it does not know; find them, to correct them.
      var alone = await Promise.all(words.map(function (word) {
        return word.length < 3 ? null : instance.search(word);
      }));
      missing = [];
      alone.forEach(function (result, index) {
        if (result && !result.results.length) missing.push(index);
      });
    } else {
      missing = [];
    }
    if (!missing.length) return { language: language, found: found, corrected: null };
    var fixed = words.slice();
    var changed = false;
    await Promise.all(missing.map(async function (index) {
      var word = await correct(language, words[index], typing && index === words.length - 1);
      if (word && word !== words[index]) {
        fixed[index] = word;
        changed = true;
      }
    }));
    if (!changed) return { language: language, found: found, corrected: null };
    var retry = await instance.search(fixed.join(" "));
    if (!retry.results.length) return { language: language, found: found, corrected: null };
    return { language: language, found: retry, corrected: fixed.join(" ") };
  }

  /* -- results ------------------------------------------------------------------------- */

  function sectionScore(sub) {
    return (sub.weighted_locations || []).reduce(function (sum, location) {
      return sum + (location.balanced_score || 0);
    }, 0);
  }

  function filter(data, name) {
    var values = data.filters && data.filters[name];
    return values && values.length ? values[0] : "";
  }

  /** Entries to show for one page: its questions for a FAQ page, else the page itself. */
  function entries(hit) {
    var data = hit.data;
    var page = {
      language: hit.language,
      url: data.url,
      title: data.meta.title || data.url,
      path: filter(data, "section"),
      excerpt: data.excerpt,
      internal: filter(data, "audience") === "internal",
      sections: [],
    };
    var anchored = (data.sub_results || []).filter(function (sub) { return sub.anchor; });
    anchored.sort(function (a, b) { return sectionScore(b) - sectionScore(a); });
    if (filter(data, "kind") === "faq") {
      var questions = anchored.filter(function (sub) { return sub.anchor.element === "h2"; });
      if (questions.length) {
        return questions.slice(0, QUESTIONS).map(function (sub) {
          return {
            language: hit.language,
            url: sub.url,
            title: sub.title,
            path: page.title,
            excerpt: sub.excerpt,
            internal: page.internal,
            sections: [],
          };
        });
      }
    }
    page.sections = anchored.slice(0, SUB_RESULTS);
    return [page];
  }

  function otherLanguageUrl(entry) {
    // Every article has a page in every language at <lang>/<same path> (the kb_builder
    // site plan), so the reader's own language is one folder away.
    var url = new URL(entry.url, root);
    var prefix = root.pathname + entry.language.code + "/";
    if (!home || entry.language === home || url.pathname.indexOf(prefix) !== 0) return null;
    return root.pathname + home.code + "/" + url.pathname.slice(prefix.length) + url.hash;
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }

  function article(title, level, path, excerpt, entry, withIcon) {
    var body = element("article", "md-search-result__article md-typeset");
    if (withIcon) body.appendChild(element("div", "md-search-result__icon md-icon"));
    if (path || entry.internal || widen) {
      var crumbs = element("div", "kb-search__path");
      if (widen) {
        var tag = element("span", "kb-search__lang", entry.language.name);
        tag.lang = entry.language.code;
        crumbs.appendChild(tag);
      }
      if (entry.internal) crumbs.appendChild(element("span", "kb-search__internal", text.internal));
      if (path) crumbs.appendChild(element("span", "kb-search__section", path));
      body.appendChild(crumbs);
    }
    body.appendChild(element(level, null, title));
    if (excerpt) {
      var paragraph = element("p");
      // Pagefind escapes the page text before adding <mark> around matches.
      paragraph.innerHTML = excerpt;
      body.appendChild(paragraph);
    }
    return body;
  }

  function link(url, child) {
    var anchor = element("a", "md-search-result__link");
    anchor.href = url;
    anchor.appendChild(child);
    return anchor;
  }

  function renderEntry(entry) {
    var item = element("li", "md-search-result__item kb-search__item");
    item.lang = entry.language.code;
    item.appendChild(link(entry.url, article(entry.title, "h1", entry.path, entry.excerpt, entry, true)));
    entry.sections.forEach(function (sub) {
      var section = link(sub.url, article(sub.title, "h2", "", sub.excerpt, entry, false));
      section.classList.add("kb-search__sub");
      item.appendChild(section);
    });
    var here = otherLanguageUrl(entry);
    if (here) {
      var open = element("a", "kb-search__here", text.open_here);
      open.href = here;
      open.lang = home.code;
      item.appendChild(open);
    }
    return item;
  }

  /* -- running a search ---------------------------------------------------------------- */

  var running = false;
  var waiting = false;
  var loadingMore = false;
  var placeholder = status.textContent;
  var shown = { query: null, hits: [], count: 0 };

  function scopeLanguages() {
    return widen ? languages : [home];
  }

  async function run() {
    var query = input.value.trim();
    if (!query) {
      clear();
      return;
    }
    var searches = await Promise.all(scopeLanguages().map(function (language) {
      return searchLanguage(language, query);
    }));
    if (input.value.trim() !== query) return; // the reader typed on; the next run shows it
    var hits = [];
    var corrected = null;
    searches.forEach(function (search) {
      if (search.corrected) corrected = search.corrected;
      search.found.results.forEach(function (result) {
        hits.push({ language: search.language, result: result });
      });
    });
    hits.sort(function (a, b) { return b.result.score - a.result.score; });
    shown = { query: query, hits: hits, count: 0 };
    list.textContent = "";
    note.textContent = corrected ? say("corrected", { query: corrected }) : "";
    note.hidden = !corrected;
    await more();
  }

  /** Show the next results of the current query. */
  async function more() {
    var query = shown.query;
    var batch = shown.hits.slice(shown.count, shown.count + PAGE_SIZE);
    var loaded = await Promise.all(batch.map(function (hit) {
      return hit.result.data().then(function (data) {
        return { language: hit.language, data: data };
      });
    }));
    if (shown.query !== query || input.value.trim() !== query) return;
    shown.count += batch.length;
    var existing = list.querySelector(".kb-search__more");
    if (existing) existing.remove();
    loaded.forEach(function (hit) {
      entries(hit).forEach(function (entry) { list.appendChild(renderEntry(entry)); });
    });
    if (shown.count < shown.hits.length) {
      var item = element("li", "kb-search__more");
      var button = element("button", "md-button", text.more);
      button.type = "button";
      button.addEventListener("click", function () {
        more().then(function () {
          var links = resultLinks();
          if (links.length) links[Math.min(links.length - 1, shown.count - PAGE_SIZE)].focus();
        });
      });
      item.appendChild(button);
      list.appendChild(item);
    }
    status.textContent = shown.hits.length
      ? countText(shown.hits.length)
      : say("results.none", { query: query });
    offerWiderSearch(!shown.hits.length);
    box.setAttribute("data-kb-query", query);
    box.dispatchEvent(new CustomEvent("kb-search:results", { detail: { query: query } }));
  }

  function offerWiderSearch(nothing) {
    var offer = list.querySelector(".kb-search__widen");
    if (offer) offer.remove();
    if (!nothing || widen || languages.length < 2) return;
    var item = element("li", "kb-search__widen");
    var button = element("button", "md-button", text["scope.hint"]);
    button.type = "button";
    button.addEventListener("click", function () { setScope(true); input.focus(); });
    item.appendChild(button);
    list.appendChild(item);
  }

  function clear() {
    shown = { query: null, hits: [], count: 0 };
    list.textContent = "";
    note.hidden = true;
    status.textContent = placeholder;
    box.removeAttribute("data-kb-query");
  }

  function fail(error) {
    running = false;
    waiting = false;
    status.textContent = text.unavailable;
    if (window.console) console.warn("kb search:", error);
  }

  /** Run a search for what is in the box now; one at a time, the latest query last. */
  function schedule() {
    if (running) {
      waiting = true;
      return;
    }
    running = true;
    run().then(function () {
      running = false;
      if (waiting) {
        waiting = false;
        schedule();
      }
    }, fail);
  }

  /* -- scope --------------------------------------------------------------------------- */

  function readScope() {
    try { return window.localStorage.getItem(SCOPE_KEY); } catch (e) { return null; }
  }

  function setScope(all) {
    widen = all || !home;
    scopeButton.setAttribute("aria-pressed", widen ? "true" : "false");
    try { window.localStorage.setItem(SCOPE_KEY, widen ? "all" : "language"); } catch (e) { /* private mode */ }
    if (input.value.trim()) schedule();
  }

  if (home && languages.length > 1) {
    scopeButton.hidden = false;
    scopeButton.setAttribute("aria-pressed", widen ? "true" : "false");
    scopeButton.addEventListener("click", function () { setScope(!widen); });
  }

  /* -- opening, closing, keys ---------------------------------------------------------- */

  function isOpen() {
    return !!(toggle && toggle.checked);
  }

  function open() {
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    if (home || languages.length) engine(home || languages[0]).catch(fail);
  }

  function close() {
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  }

  function resultLinks() {
    return Array.prototype.slice.call(list.querySelectorAll("a[href], button"));
  }

  function typingElsewhere(target) {
    if (!(target instanceof Element) || box.contains(target)) return false;
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", schedule);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { clear(); input.focus(); });
  });

  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked && document.activeElement !== input) input.focus();
    });
  }

  box.addEventListener("keydown", function (event) {
    if (event.isComposing) return;
    var links = resultLinks();
    var position = links.indexOf(document.activeElement);
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp":
        if (!links.length) return;
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        var next = position === -1 ? (step > 0 ? 0 : links.length - 1) : position + step;
        if (next < 0 || next >= links.length) input.focus();
        else links[next].focus();
        break;
      case "Enter":
        if (document.activeElement === input) {
          event.preventDefault();
          var first = list.querySelector("a.md-search-result__link");
          if (first) first.click();
        }
        break;
      case "Escape":
        event.preventDefault();
        close();
        break;
      default:
        // Typing while a result has focus goes on in the box, as in Material.
        if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey &&
            document.activeElement !== input && document.activeElement !== scopeButton) {
          input.focus();
        }
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (event.key !== "/" && event.key !== "s" && event.key !== "S") return;
    if (box.contains(event.target) || typingElsewhere(event.target)) return;
    event.preventDefault();
    open();
    input.focus();
    input.select();
  });

  box.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (target) close();
  });

  box.addEventListener("focusout", function (event) {
    // Leaving the search with Tab closes it, as clicking outside does.
    if (event.relatedTarget instanceof Element && !box.contains(event.relatedTarget)) close();
  });

  if (scrollwrap) {
    scrollwrap.addEventListener("scroll", function () {
      var end = scrollwrap.scrollTop + scrollwrap.clientHeight >= scrollwrap.scrollHeight - 40;
      if (end && shown.count < shown.hits.length && !running && !loadingMore) {
        loadingMore = true;
        more().then(function () { loadingMore = false; }, fail);
      }
    });
  }

  // ?q=... opens the search with a query, as Material's does (browser search shortcuts).
  var asked = new URL(window.location.href).searchParams.get("q");
  if (asked) {
    input.value = asked;
    open();
    input.focus();
    schedule();
  }
})();
