/* kb_builder: site search in Material's search box, over Pagefind's JavaScript API.
 *
 * Every language has its own Pagefind bundle (pagefind/<lang>/) with its own stemming.
 * The reader's language is searched first; "All languages" adds the others, each result
 * labelled with its language. Pagefind folds accents that Unicode decomposes (ά, ż, é),
 * stems, and matches word beginnings while the reader types. Before searching, each word
 * is checked against the site's own word list (pagefind/words/<lang>/): that fixes letters
 * Unicode does not decompose (ł) and typos, which Pagefind does not do.
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

  var PAGE_SIZE = 6; // results loaded at a time (each needs one small download)
  var PAUSE = 40; // ms without a key before results that need a download are fetched
  var SUB_RESULTS = 2; // sections shown under an article
  var QUESTIONS = 3; // questions shown from one FAQ page
  var FEW = 5; // fewer pages than this have every word: look for pages with some of them
  var MIN_LETTERS = 3; // shorter queries match too much to be worth a download
  var TITLE_FIT = 1; // how much a title that says what was typed lifts a result
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
    var key = "results." + (plurals ? plurals.select(count) : count === 1 ? "one" : "other");
    return say(text[key] ? key : "results.other", { count: count.toLocaleString(config.lang) });
  }

  /* -- words: the same rules as kb_builder/search/words.py ------------------------------ */

  var PLAIN = { "ł": "l", "đ": "d", "ø": "o", "ħ": "h", "ı": "i", "ŀ": "l", "ς": "σ" };
  var MARKS = /\p{M}/gu;
  var LETTERS = /^[\p{L}\p{M}]+$/u;

  function foldLetter(letter) {
    if (PLAIN[letter]) return PLAIN[letter];
    return letter.normalize("NFD").replace(MARKS, "") || letter;
  }

  /** A word as letters, lowercase, without accents; as many letters as the word has. */
  function fold(word) {
    return Array.from(word.toLowerCase().normalize("NFC"), foldLetter);
  }

  function letters(word) {
    return Array.from(word.normalize("NFC"));
  }

  function commonStart(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
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

  /** The site's words that start with the two folded letters `start`, most widespread first. */
  function wordList(language, start) {
    var key = language.code + " " + start.join("");
    if (!wordLists[key]) {
      var name = start.map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
      var url = new URL(language.words + name + ".json", root);
      wordLists[key] = fetch(url.href)
        // No list (404): the site has no word starting with those letters.
        .then(function (response) { return response.ok ? response.json() : {}; })
        .catch(function () { return {}; })
        .then(function (found) {
          return (found.words || []).map(function (word, index) {
            var folded = fold(word);
            return { word: word, folded: folded, key: folded.join(""), common: index < found.common };
          });
        });
    }
    return wordLists[key];
  }

  /**
   * What the site knows of a typed word. `typing`: the reader may not have finished it.
   *   known     the site has it (ł and accents put right, if they were missing);
   *             `common` when it is on nine pages in ten
   *   partial   the beginning of site words; `complete` is the most widespread of them
   *   fixed     a typo; `word` is the site's closest word
   *   kept      not the site's, but close to the start of a site word (another ending),
   *             or nothing close: Pagefind's stemming gets the last word
   */
  async function lookup(language, word, typing) {
    var folded = fold(word);
    var key = folded.join("");
    var entries = await wordList(language, folded.slice(0, 2));
    var completion = null;
    var near = false;
    for (var k = 0; k < entries.length; k++) {
      var entry = entries[k];
      if (entry.key === key) return { kind: "known", word: entry.word, common: entry.common };
      if (typing && !completion && entry.key.length > key.length && entry.key.indexOf(key) === 0) {
        completion = entry;
      }
      if (!near && commonStart(entry.folded, folded) >= Math.max(4, folded.length - 2)) near = true;
    }
    if (completion) {
      return {
        kind: "partial",
        word: letters(completion.word).slice(0, folded.length).join(""),
        complete: completion.word,
      };
    }
    if (near || folded.length < 4) return { kind: "kept", word: word };
    var limit = folded.length >= 8 ? 2 : 1;
    var best = null;
    var bestCost = limit + 1;
    for (k = 0; k < entries.length && bestCost > 0; k++) {
      entry = entries[k];
      // Lists start with the most widespread words, so the first at a cost wins ties.
      var cost = distance(folded, entry.folded, limit);
      if (cost < bestCost) {
        best = entry.word;
        bestCost = cost;
      }
      if (typing && entry.folded.length > folded.length) {
        var start = distance(folded, entry.folded.slice(0, folded.length), limit) + 0.5;
        if (start < bestCost) {
          best = letters(entry.word).slice(0, folded.length).join("");
          bestCost = start;
        }
      }
    }
    return best ? { kind: "fixed", word: best } : { kind: "kept", word: word };
  }

  /** A long word that the site has as two words (panaszkezelés: panasz kezelés), or null. */
  async function split(language, word) {
    var folded = fold(word);
    if (folded.length < 8) return null;
    var heads = await wordList(language, folded.slice(0, 2));
    for (var cut = folded.length - 4; cut >= 4; cut--) {
      var left = folded.slice(0, cut).join("");
      var head = heads.find(function (entry) { return entry.key === left; });
      if (!head) continue;
      var rest = folded.slice(cut);
      var tails = await wordList(language, rest.slice(0, 2));
      // The second part may end otherwise on the pages (kezelés in kezelése, kezelési).
      var least = Math.max(4, rest.length - 2);
      var tail = tails.find(function (entry) { return commonStart(entry.folded, rest) >= least; });
      if (tail) return head.word + " " + letters(word).slice(cut).join("");
    }
    return null;
  }

  /**
   * The query as the site spells it. `query` leaves out common words when rarer ones are
   * there, and a last word of one or two letters still being typed; `shown` is every word
   * as corrected, and `fixed` says whether that differs from what the reader typed.
   */
  async function spell(language, raw) {
    var tokens = raw.split(" ").filter(Boolean);
    var typing = !/\s$/.test(input.value);
    var quoted = /"/.test(raw);
    var looked = await Promise.all(tokens.map(function (token, index) {
      var word = token.toLowerCase();
      if (quoted || letters(word).length < 2 || !LETTERS.test(word)) {
        return { kind: "kept", word: token };
      }
      return lookup(language, word, typing && index === tokens.length - 1);
    }));
    var last = looked.length - 1;
    var unfinished = typing && tokens.length > 1 && letters(tokens[last]).length < 3;
    var kept = looked.filter(function (found, index) {
      return !(unfinished && index === last);
    });
    var rare = kept.filter(function (found) { return !found.common; });
    if (rare.length) kept = rare;
    return {
      query: kept.map(function (found) { return found.word; }).join(" "),
      complete: kept.map(function (found) { return found.complete || found.word; }).join(" "),
      shown: looked.map(function (found) { return found.word; }).join(" "),
      fixed: looked.some(function (found) { return found.kind === "fixed"; }),
      words: kept.length,
    };
  }

  /* -- Pagefind ------------------------------------------------------------------------ */

  var engines = {};

  function engine(language) {
    if (!engines[language.code]) {
      var bundle = new URL(language.bundle, root);
      // Each language's own copy of pagefind.js: a module keeps one WebAssembly program
      // (the first it loads), and each language's program carries that language's stemmer.
      engines[language.code] = import(new URL("pagefind.js", bundle).href).then(
        async function (module) {
          // A bundle holds one language, so Pagefind takes that language's index from it.
          // On the page's own thread: searches take a few milliseconds, and the worker
          // script would be one more download before the first result.
          var instance = module.createInstance({ basePath: bundle.pathname, noWorker: true });
          await instance.options({ baseUrl: root.pathname, ranking: config.ranking });
          return instance;
        }
      );
    }
    return engines[language.code];
  }

  /**
   * Results of one language, scored: pages with every word; when those are few, pages with
   * some of the words and pages with a long word's two parts follow, scored lower.
   */
  async function searchLanguage(language, raw) {
    var instance = await engine(language);
    var spelled = await spell(language, raw);
    var found = await instance.search(spelled.query);
    if (!found.results.length && spelled.complete !== spelled.query) {
      // Typed past a word's stem (escalat for escal-ation): search the whole word.
      found = await instance.search(spelled.complete);
    }
    var hits = found.results.map(function (result) {
      return { language: language, result: result, score: result.score };
    });
    var parts = [];
    if (hits.length < FEW) {
      var seen = {};
      hits.forEach(function (hit) { seen[hit.result.id] = true; });
      var words = spelled.query.split(" ");
      var extra = {};
      var add = function (result, score) {
        if (seen[result.id] || (extra[result.id] && extra[result.id].score >= score)) return;
        extra[result.id] = { language: language, result: result, score: score };
      };
      if (words.length > 1) {
        // The page that answers may not use every word of the question: pages with some of
        // the words follow, scored as the sum of their words' scores, times the square of
        // the share of words they have (as Pagefind weighs a title that has some of them).
        var singles = await Promise.all(words.map(function (word) { return instance.search(word); }));
        var pages = {};
        singles.forEach(function (search) {
          search.results.forEach(function (result) {
            var page = pages[result.id] || (pages[result.id] = { result: result, score: 0, words: 0 });
            page.score += result.score;
            page.words += 1;
          });
        });
        Object.keys(pages).forEach(function (id) {
          var share = pages[id].words / words.length;
          add(pages[id].result, pages[id].score * share * share);
        });
      }
      // A compound the pages write as two words (Hungarian above all) finds those pages.
      var splits = await Promise.all(words.map(function (word) { return split(language, word); }));
      var apart = [];
      splits.forEach(function (pair, index) {
        if (!pair) return;
        parts = parts.concat(pair.split(" "));
        apart.push(words.slice(0, index).concat([pair], words.slice(index + 1)).join(" "));
      });
      var separate = await Promise.all(apart.map(function (query) { return instance.search(query); }));
      separate.forEach(function (search) {
        // Half the score: the words are apart on the page, not the compound that was typed.
        search.results.forEach(function (result) { add(result, result.score / 2); });
      });
      hits = hits.concat(Object.keys(extra).map(function (id) { return extra[id]; }));
    }
    return { hits: hits, corrected: spelled.fixed ? spelled.shown : null, parts: parts };
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

  /** Share of a title's words that the query names (another ending still counts). */
  function titleFit(title, queryWords) {
    var words = (title.toLowerCase().match(/[\p{L}\p{M}]+/gu) || []).map(fold);
    if (!words.length) return 0;
    var named = words.filter(function (word) {
      return queryWords.some(function (typed) {
        var shorter = Math.min(word.length, typed.length);
        if (shorter <= 3) return word.join("") === typed.join("");
        return commonStart(word, typed) >= Math.max(3, shorter - 2);
      });
    });
    return named.length / words.length;
  }

  /** What to list for one page: its best questions for a FAQ page, else the page. */
  function entries(hit, data, queryWords) {
    var page = {
      language: hit.language,
      url: data.url,
      title: data.meta.title || data.url,
      path: filter(data, "section"),
      excerpt: data.excerpt,
      internal: filter(data, "audience") === "internal",
      sections: [],
      score: hit.score,
    };
    var anchored = (data.sub_results || []).filter(function (sub) { return sub.anchor; });
    anchored.sort(function (a, b) { return sectionScore(b) - sectionScore(a); });
    if (filter(data, "kind") === "faq") {
      var questions = anchored.filter(function (sub) { return sub.anchor.element === "h2"; });
      if (questions.length) {
        var top = sectionScore(questions[0]) || 1;
        return questions.slice(0, QUESTIONS).map(function (sub) {
          var share = sectionScore(sub) / top;
          return {
            language: hit.language,
            url: sub.url,
            title: sub.title,
            path: page.title,
            excerpt: sub.excerpt,
            internal: page.internal,
            sections: [],
            score: hit.score * share * (1 + TITLE_FIT * titleFit(sub.title, queryWords)),
          };
        });
      }
    }
    page.sections = anchored.slice(0, SUB_RESULTS);
    page.score *= 1 + TITLE_FIT * titleFit(page.title, queryWords);
    return [page];
  }

  function ownLanguageUrl(entry) {
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
    var here = ownLanguageUrl(entry);
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
  var shown = { query: null, hits: [], count: 0, words: [] };
  var fetched = {}; // results whose text is already downloaded

  function hitId(hit) {
    return hit.language.code + " " + hit.result.id;
  }

  function sleep(ms) {
    return new Promise(function (resolve) { window.setTimeout(resolve, ms); });
  }

  function scopeLanguages() {
    return widen ? languages : [home];
  }

  function current() {
    return input.value.trim().replace(/\s+/g, " ");
  }

  async function run() {
    var query = current();
    if (letters(query.replace(/\s/g, "")).length < MIN_LETTERS) {
      clear();
      return;
    }
    var searches = await Promise.all(scopeLanguages().map(function (language) {
      return searchLanguage(language, query);
    }));
    if (current() !== query) return; // the reader typed on; the next run shows that
    var hits = [];
    var corrected = null;
    var parts = [];
    searches.forEach(function (search) {
      if (search.corrected && !corrected) corrected = search.corrected;
      hits = hits.concat(search.hits);
      parts = parts.concat(search.parts);
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    var needed = hits.slice(0, PAGE_SIZE).some(function (hit) { return !fetched[hitId(hit)]; });
    if (needed) {
      // While the reader is still typing, do not download results they will not see.
      await sleep(PAUSE);
      if (current() !== query) return;
    }
    var words = (corrected || query).toLowerCase().split(" ").concat(parts).map(fold);
    shown = { query: query, hits: hits, count: 0, words: words };
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
        fetched[hitId(hit)] = true;
        return data;
      });
    }));
    if (shown.query !== query || current() !== query) return;
    shown.count += batch.length;
    var listed = [];
    batch.forEach(function (hit, index) {
      listed = listed.concat(entries(hit, loaded[index], shown.words));
    });
    // Within what is loaded, a title that says what was typed goes first: the answer on top.
    listed.sort(function (a, b) { return b.score - a.score; });
    var existing = list.querySelector(".kb-search__more");
    if (existing) existing.remove();
    listed.forEach(function (entry) { list.appendChild(renderEntry(entry)); });
    if (shown.count < shown.hits.length) {
      var item = element("li", "kb-search__more");
      var button = element("button", "md-button", text.more);
      button.type = "button";
      button.addEventListener("click", function () {
        var before = resultLinks().length;
        more().then(function () {
          var links = resultLinks();
          if (links.length > before) links[before].focus();
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
    // A hook for other scripts (the agent desk adds its say phrases above these results when
    // this event fires, and reads data-kb-query): keep both when changing this file.
    box.dispatchEvent(new CustomEvent("kb-search:results", { bubbles: true, detail: { query: query } }));
  }

  function offerWiderSearch(nothing) {
    var offer = list.querySelector(".kb-search__widen");
    if (offer) offer.remove();
    if (!nothing || widen || languages.length < 2) return;
    var item = element("li", "kb-search__widen");
    var button = element("button", "md-button", text["scope.hint"]);
    button.type = "button";
    button.addEventListener("click", function () {
      setScope(true);
      input.focus();
    });
    item.appendChild(button);
    list.appendChild(item);
  }

  function clear() {
    shown = { query: null, hits: [], count: 0, words: [] };
    list.textContent = "";
    note.hidden = true;
    status.textContent = placeholder;
    box.removeAttribute("data-kb-query");
  }

  function fail(error) {
    running = false;
    waiting = false;
    loadingMore = false;
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
    if (current()) schedule();
  }

  if (home && languages.length > 1) {
    scopeButton.hidden = false;
    scopeButton.setAttribute("aria-pressed", widen ? "true" : "false");
    scopeButton.addEventListener("click", function () { setScope(!widen); });
  }

  /* -- opening, closing, keys ---------------------------------------------------------- */

  function open() {
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    // Fetch Pagefind while the reader starts typing.
    if (languages.length) engine(home || languages[0]).catch(fail);
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
    window.setTimeout(function () {
      clear();
      input.focus();
    });
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
        var next = position + (event.key === "ArrowDown" ? 1 : -1);
        if (position === -1) next = event.key === "ArrowDown" ? 0 : links.length - 1;
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
