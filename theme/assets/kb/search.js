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
  var PAUSE = 40; // ms without a key before results that need a download are fetched, if one is due
  var SUB_RESULTS = 2; // sections shown under an article
  var QUESTIONS = 3; // questions shown from one FAQ page
  var FEW = 5; // fewer pages than this have every word: look for pages with some of them
  var MANY_WORDS = 3; // from this many words, pages with some of them are always looked for
  var MIN_LETTERS = 3; // shorter queries match too much to be worth a download
  var QUICK_LETTERS = 5; // shorter queries are searched only once typing pauses:
  var SHORT_PAUSE = 150; // ms without a key, for them
  var TITLE_FIT = 1; // how much a title that says what was typed lifts a result
  var SYNONYM = 0.9; // a page found through a synonym of what was typed, against one with the word
  var CROSSING = 5; // pages of another language looked up in the reader's
  var SEARCHES_KEPT = 200; // searches a language keeps the results of (see engine)
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

  /* -- words: the same rules as kb_builder/search/words.py (in search.core.js) ---------- */

  var core = window.kbSearchCore;
  var fold = core.fold;
  var letters = core.letters;
  var commonStart = core.commonStart;

  var wordLists = {};

  /** The site's words that start with the two folded letters `start`, most widespread
   *  first, and the synonyms of phrases that start with them (see core.readList). */
  function wordList(language, start) {
    var key = language.code + " " + start.join("");
    if (!wordLists[key]) {
      var name = start.map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
      var url = new URL(language.words + name + ".json", root);
      wordLists[key] = fetch(url.href)
        // No list (404): the site has no word starting with those letters.
        .then(function (response) { return response.ok ? response.json() : {}; })
        .catch(function () { return {}; })
        .then(core.readList);
    }
    return wordLists[key];
  }

  /** What the site knows of a typed word (see core.classify), with the synonyms of
   *  phrases that start like it. */
  async function lookup(language, word, typing) {
    var list = await wordList(language, fold(word).slice(0, 2));
    var found = core.classify(word, list.entries, typing, list.extra);
    found.synonyms = list.synonyms;
    return found;
  }

  /** Whether a language's site has the word (accents and case aside). */
  async function hasWord(language, word) {
    var folded = fold(word);
    var key = folded.join("");
    var list = await wordList(language, folded.slice(0, 2));
    return list.entries.some(function (entry) { return entry.key === key; });
  }

  /** A long word that the site has as two words (panaszkezelés: panasz kezelés), or null. */
  async function split(language, word) {
    var folded = fold(word);
    if (folded.length < 8) return null;
    var heads = (await wordList(language, folded.slice(0, 2))).entries;
    for (var cut = folded.length - 4; cut >= 4; cut--) {
      var left = folded.slice(0, cut).join("");
      var head = heads.find(function (entry) { return entry.key === left; });
      if (!head) continue;
      var rest = folded.slice(cut);
      var tails = (await wordList(language, rest.slice(0, 2))).entries;
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
   * A phrase of the language's synonyms file (content/<lang>/synonyms.yml) is searched as
   * typed and, in `variants`, as each of its synonyms; `strange`: its words the site does
   * not have. `unknown`: other typed words the site does not have.
   */
  async function spell(language, raw, typing) {
    var tokens = raw.split(" ").filter(Boolean);
    var quoted = /"/.test(raw);
    var looked = await Promise.all(tokens.map(function (token, index) {
      var word = token.toLowerCase();
      if (quoted || letters(word).length < 2 || !core.isWord(word)) {
        return { kind: "kept", word: token, alternatives: [] };
      }
      return lookup(language, word, typing && index === tokens.length - 1);
    }));
    var unknown = [];
    looked.forEach(function (found, index) {
      var token = tokens[index].toLowerCase();
      // Words of three letters or more: shorter ones say too little about their language.
      // Letters only, as in the word lists: `e-mail` or `"reklamacja"` is in none of them,
      // and asking for its list would cost a 404 page per language.
      if ((found.kind === "kept" || found.kind === "fixed") && letters(token).length >= MIN_LETTERS) {
        if (found.alternatives && core.isWord(token)) unknown.push(token);
      }
    });
    // A typo of a synonym is that synonym (as put right: `bonifkata` is `bonifikata`).
    var phrased = looked.map(function (found, index) {
      return found.kind === "fixed" && found.alternatives[0].synonym ? found.word : tokens[index];
    });
    var matches = quoted ? [] : core.synonymMatches(phrased, looked.map(function (found) { return found.synonyms; }));
    var typedWords = looked.map(function (found) { return found.word; });
    var variants = [];
    var strange = []; // words of synonym phrases that the site does not have as typed
    var synonymWords = []; // the language knows these through its synonyms file
    matches.forEach(function (match) {
      match.others.forEach(function (other) { variants.push(core.replacePhrase(typedWords, match, other)); });
      for (var k = match.start; k < match.end; k++) {
        synonymWords.push(tokens[k].toLowerCase());
        var found = looked[k];
        // Known, or another ending of a site word: searched as typed, with the synonyms.
        if (found.kind === "known" || found.kind === "partial") continue;
        // A word of the synonyms file is not a typo of some other site word.
        looked[k] = { kind: "kept", word: tokens[k].toLowerCase(), alternatives: [] };
        // Another ending of a site word is searched as typed, with the synonyms.
        if (!found.near) strange.push(looked[k].word);
      }
    });
    unknown = unknown.filter(function (word) { return synonymWords.indexOf(word) < 0; });
    var last = looked.length - 1;
    var unfinished = typing && tokens.length > 1 && letters(tokens[last]).length < 3;
    var kept = looked.filter(function (found, index) {
      return !(unfinished && index === last);
    });
    var rare = kept.filter(function (found) { return !found.common; });
    if (rare.length) kept = rare;
    var query = kept.map(function (found) { return found.word; }).join(" ");
    return {
      query: query,
      complete: kept.map(function (found) { return found.complete || found.word; }).join(" "),
      shown: looked.map(function (found) { return found.word; }).join(" "),
      fixed: looked.some(function (found) { return found.kind === "fixed"; }),
      words: kept.length,
      kept: kept,
      variants: variants,
      strange: strange,
      unknown: unknown,
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
          // The program and the index's table of contents, before the first search needs them.
          await instance.init();
          // A query grows one key at a time, and the words before the last one are searched
          // again on every key (on their own, with each correction): each search is run once.
          var recall = core.remember(SEARCHES_KEPT);
          return {
            search: function (query, options) {
              if (options || typeof query !== "string") return instance.search(query, options);
              return recall(query, function () { return instance.search(query); });
            },
          };
        }
      );
    }
    return engines[language.code];
  }

  /**
   * Results of one language, scored: pages with every word; when those are few, pages with
   * some of the words and pages with a long word's two parts follow, scored lower.
   */
  async function searchLanguage(language, raw, ask) {
    var instance = await engine(language);
    ask.check();
    var spelled = await spell(language, raw, ask.typing);
    ask.check();
    // A word the site does not have as typed, alone, is looked for as two words below
    // (`compound`): their word lists download while Pagefind searches.
    var unknownAlone = spelled.kept.length === 1 && spelled.kept[0].kind !== "known";
    if (unknownAlone) split(language, spelled.query);
    var found = await instance.search(spelled.query);
    ask.check();
    if (!found.results.length && spelled.complete !== spelled.query) {
      // Typed past a word's stem (escalat for escal-ation): search the whole word.
      found = await instance.search(spelled.complete);
    }
    var toHits = function (results, words) {
      return results.map(function (result) {
        var hit = { language: language, result: result, score: result.score };
        // Found through a synonym: its title is judged against the synonym's words.
        if (words) hit.words = words.toLowerCase().split(" ").map(fold);
        return hit;
      });
    };
    var topScore = function (search) { return search.results.length ? search.results[0].score : 0; };
    var lists = [{ hits: toHits(found.results) }];
    var corrected = spelled.fixed ? spelled.shown : null;
    var also = null;
    var query = spelled.query;
    if (spelled.variants.length) {
      ask.check();
      var synonyms = await Promise.all(spelled.variants.map(function (q) { return instance.search(q); }));
      var alone = await Promise.all(spelled.strange.map(function (word) { return instance.search(word); }));
      var best = Math.max.apply(null, synonyms.map(function (search) { return topScore(search); }));
      var weak = function (search) { return search.results.length < FEW || core.STRONGER * topScore(search) < best; };
      if (spelled.strange.length && alone.every(weak)) {
        // The reader's word is not the site's: what the synonyms find is the answer.
        lists = [];
        corrected = spelled.variants[0];
        query = spelled.variants[0];
      }
      synonyms.forEach(function (search, index) {
        lists.push({ hits: toHits(search.results, spelled.variants[index]), scale: lists.length ? SYNONYM : 1 });
      });
    }
    // A typo, possibly in a word's last letters (which stemming does not forgive): Pagefind
    // leaves out a word it has no page for, so each word not on the site that finds few
    // pages on its own is replaced by the closest site word that finds some.
    var forms = [];
    var settled = []; // typed words put right
    var measure = function (search) {
      return { count: search.results.length, top: search.results.length ? search.results[0].score : 0 };
    };
    // With other words, a correction is judged by what the whole query finds with it: the
    // one that makes the query match (`root cause` stays, although `room` is a site word).
    var together = spelled.kept.length > 1 ? query.split(" ") : null;
    ask.check();
    var fixes = await Promise.all(spelled.kept.map(async function (item) {
      if (!item.alternatives || !item.alternatives.length) return null;
      var within = function (word) {
        return together ? together.map(function (w) { return w === item.word ? word : w; }).join(" ") : word;
      };
      var typed = { count: 0, top: 0 };
      if (item.kind === "kept" || together) typed = measure(await instance.search(within(item.typed || item.word)));
      var found = await Promise.all(item.alternatives.map(function (alternative) {
        return instance.search(within(alternative.word)).then(measure);
      }));
      var pick = core.pickCorrection(item.alternatives, found, typed);
      if (!pick && item.kind === "fixed" && together) {
        // The correction spelled in does not help the query: search the word as typed.
        return { from: item.word, to: item.typed.toLowerCase(), had: typed.count, back: true };
      }
      if (!pick) {
        if (item.kind === "kept") forms.push(item.word); // another form of a site word
        return null;
      }
      settled.push((item.typed || item.word).toLowerCase());
      return pick.word !== item.word ? { from: item.word, to: pick.word, had: typed.count } : null;
    }));
    fixes = fixes.filter(Boolean);
    var swap = function (words, list) {
      return words.map(function (word) {
        var fix = list.find(function (f) { return f.from === word; });
        return fix ? fix.to : word;
      }).join(" ");
    };
    var back = fixes.filter(function (fix) { return fix.back; });
    fixes = fixes.filter(function (fix) { return !fix.back; });
    if (back.length) {
      query = swap(query.split(" "), back);
      spelled.shown = swap(spelled.shown.split(" "), back);
      lists[0] = { hits: toHits((await instance.search(query)).results) };
      // Still "Showing results for ..." only if another word was put right.
      var still = spelled.kept.some(function (item) {
        return item.kind === "fixed" && !back.some(function (fix) { return fix.from === item.word; });
      });
      if (corrected) corrected = still ? spelled.shown : null;
    }
    if (fixes.length) {
      query = swap(query.split(" "), fixes);
      var fixed = await instance.search(query);
      var shown = swap(spelled.shown.split(" "), fixes);
      if (fixes.some(function (fix) { return fix.had; })) {
        also = shown;
        lists.push({ hits: toHits(fixed.results) });
      } else {
        // What was typed found nothing of its own: show only what the correction finds.
        corrected = shown;
        lists = [{ hits: toHits(fixed.results) }];
      }
    }
    var hits = core.mergeHits(lists);
    var parts = [];
    // Pages with only some of the words, or a long word's two parts: when every word finds
    // few pages, and whenever the query has MANY_WORDS or more (the page that answers may
    // lack one of them, "my" or "to", while pages that only look alike have them all).
    // A long word typed alone that the site does not write as typed is the whole question:
    // its two parts are always looked for (pages that only look alike may have a form of
    // the compound, the answer the words apart).
    var words = query.split(" ");
    var some = hits.length < FEW || words.length >= MANY_WORDS;
    var compound = words.length === 1 && unknownAlone;
    if (some || compound) {
      ask.check();
      var seen = {};
      hits.forEach(function (hit) { seen[hit.result.id] = true; });
      var extra = {};
      var add = function (result, score) {
        if (seen[result.id] || (extra[result.id] && extra[result.id].score >= score)) return;
        extra[result.id] = { language: language, result: result, score: score };
      };
      // Words on half the pages or more are not searched on their own: thousands of pages
      // of tiny scores, the slowest search of a keystroke (core.someWords counts them as had).
      var frequent = {};
      spelled.kept.forEach(function (item) { if (item.frequent) frequent[item.word] = true; });
      var rarer = words.filter(function (word) { return !frequent[word]; });
      if (some && words.length > 1 && rarer.length) {
        // The page that answers may not use every word of the question (core.someWords).
        var singles = await Promise.all(rarer.map(function (word) { return instance.search(word); }));
        core.someWords(singles.map(function (search) { return search.results; }), words.length).forEach(function (page) {
          add(page.result, page.score);
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
    // Words the reader's language has no use for: not another form of a site word, and not
    // a typo the search put right. Only these may send the search to another language.
    var unknown = spelled.unknown.filter(function (word) {
      return forms.indexOf(word) < 0 && settled.indexOf(word) < 0;
    });
    return { hits: await linkedFirst(language, instance, hits), corrected: corrected, also: also, parts: parts, unknown: unknown };
  }

  var linkedSets = {};

  /**
   * Hits with the score of pages no other page links to lowered (core.citedWeight), before
   * the first results are chosen: the pages that link to each other are the `linked`
   * filter of the language's index, fetched once (a few bytes).
   */
  async function linkedFirst(language, instance, hits) {
    if (!linkedSets[language.code]) {
      linkedSets[language.code] = instance.search(null, { filters: { linked: "yes" } }).then(function (found) {
        var ids = {};
        found.results.forEach(function (result) { ids[result.id] = true; });
        return found.results.length ? ids : null;
      }, function () { return null; });
    }
    var linked = await linkedSets[language.code];
    if (!linked) return hits; // no page links to another: nothing to tell them apart by
    return hits.map(function (hit) {
      return linked[hit.result.id] ? hit : Object.assign({}, hit, { score: hit.score * core.citedWeight(0) });
    });
  }

  /**
   * A query typed in another of the site's languages: words the reader's language lacks
   * that another language's word list has. That language is searched; each article it
   * finds is shown as the reader's own page where the article is translated ("found via"),
   * else as it was found (with its language, and a link to the reader's fallback page).
   */
  async function crossLanguage(search, ask) {
    var unknown = search.unknown;
    var others = languages.filter(function (language) { return language !== home; });
    if (!home || !unknown.length || !others.length) return null;
    ask.check();
    var knows = {};
    await Promise.all(others.map(function (language) {
      return Promise.all(unknown.map(function (word) {
        return core.writtenIn(language.code, word) ? hasWord(language, word) : false;
      })).then(function (known) { knows[language.code] = known; });
    }));
    ask.check();
    var code = core.foreignLanguage(unknown, others.map(function (language) { return language.code; }), knows);
    if (!code) return null;
    var via = unknown.join(" ");
    var found = await searchLanguage(byCode[code], via, ask);
    var top = found.hits.slice(0, CROSSING);
    var typed = via.split(" ").map(fold);
    ask.check();
    var loaded = await Promise.all(top.map(function (hit) { return hit.result.data(); }));
    var articles = top.map(function (hit, index) {
      fetched[hitId(hit)] = true;
      return filter(loaded[index], "article");
    });
    var ids = articles.filter(Boolean);
    // The reader's pages of those articles, through the article filter of their own index.
    var own = ids.length
      ? await (await engine(home)).search(null, { filters: { article: { any: ids } } })
      : { results: [] };
    var ownData = await Promise.all(own.results.map(function (result) { return result.data(); }));
    var mine = {};
    own.results.forEach(function (result, index) {
      mine[filter(ownData[index], "article")] = { result: result, data: ownData[index] };
    });
    var hits = top.map(function (hit, index) {
      // How well the title fits is judged in the language the words were typed in.
      var title = loaded[index].meta.title || "";
      var judged = {
        fit: core.titleFit(title, typed),
        share: core.queryShare(title, typed),
        about: aboutOf(loaded[index]),
      };
      // A FAQ page found in another language counts as its best question does there.
      var questions = questionsOf(loaded[index]);
      if (questions.length) judged.scale = questionShares(loaded[index], questions)[0];
      var page = mine[articles[index]];
      if (!page) return Object.assign({ language: hit.language, result: hit.result, score: hit.score * (judged.scale || 1), data: loaded[index], via: via }, judged);
      return Object.assign({ language: home, result: page.result, score: hit.score * (judged.scale || 1), data: page.data, via: via }, judged);
    });
    return { hits: hits, via: via };
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

  /** What each of a FAQ page's questions keeps of the page's score (core.questionShares). */
  function questionShares(data, questions) {
    var whole = (data.sub_results || []).reduce(function (sum, sub) { return sum + sectionScore(sub); }, 0);
    return core.questionShares(questions.map(sectionScore), whole);
  }

  /** The questions of a FAQ page that matched, best first; none for other pages. */
  function questionsOf(data) {
    if (filter(data, "kind") !== "faq") return [];
    var anchored = (data.sub_results || []).filter(function (sub) { return sub.anchor && sub.anchor.element === "h2"; });
    return anchored.sort(function (a, b) { return sectionScore(b) - sectionScore(a); });
  }

  function aboutOf(data) {
    return (data.meta.title || "") + " " + (data.meta.description || "");
  }

  /** How well a title fits what was typed: as found in another language, or here. */
  function fitOf(hit, title, queryWords) {
    return hit.fit !== undefined ? hit.fit : core.titleFit(title, queryWords);
  }

  /** What to list for one page: its best questions for a FAQ page, else the page. */
  function entries(hit, data, typedWords) {
    var queryWords = hit.words || typedWords;
    var page = {
      language: hit.language,
      url: data.url,
      title: data.meta.title || data.url,
      path: filter(data, "section"),
      excerpt: data.excerpt,
      internal: filter(data, "audience") === "internal",
      sections: [],
      score: hit.score,
      via: hit.via,
      sites: (data.filters && data.filters.site) || null,
      article: filter(data, "article"),
      basis: (data.filters && data.filters.basis) || [],
      // What the basis rule reads (core.basisFirst): found in another language, that page's.
      about: hit.about !== undefined ? hit.about : aboutOf(data),
      words: hit.words,
    };
    var anchored = (data.sub_results || []).filter(function (sub) { return sub.anchor; });
    anchored.sort(function (a, b) { return sectionScore(b) - sectionScore(a); });
    if (filter(data, "kind") === "faq") {
      var questions = anchored.filter(function (sub) { return sub.anchor.element === "h2"; });
      if (questions.length) {
        var shares = questionShares(data, questions);
        return questions.slice(0, QUESTIONS).map(function (sub, index) {
          var share = shares[index];
          return {
            language: hit.language,
            url: sub.url,
            title: sub.title,
            path: page.title,
            excerpt: sub.excerpt,
            internal: page.internal,
            sites: page.sites,
            sections: [],
            score: hit.score * share * (1 + TITLE_FIT * fitOf(hit, sub.title, queryWords)),
            via: hit.via,
          };
        });
      }
    }
    page.sections = anchored.slice(0, SUB_RESULTS);
    var fit = fitOf(hit, page.title, queryWords);
    page.score *= 1 + TITLE_FIT * fit;
    if (filter(data, "kind") === "section") {
      var share = hit.share !== undefined ? hit.share : core.queryShare(page.title, queryWords);
      page.score *= core.overviewWeight(fit, share);
    }
    return [page];
  }

  function ownLanguageUrl(entry) {
    // Every article has a page in every language at <lang>/<same path> (the kb_builder
    // site plan), so the reader's own language is one folder away.
    var url = new URL(entry.url, root);
    var prefix = root.pathname + entry.language.code + "/";
    if (!home || entry.language === home || url.pathname.indexOf(prefix) !== 0) return null;
    // Pages say which language sites have the article (an article may skip some).
    if (entry.sites && entry.sites.indexOf(home.code) < 0) return null;
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
    var foreign = widen || entry.language !== home;
    if (path || entry.internal || foreign) {
      var crumbs = element("div", "kb-search__path");
      if (foreign) {
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
    if (entry.via) {
      var via = element("p", "kb-search__via", say("found_via", { word: entry.via }));
      via.lang = item.lang;
      item.appendChild(via);
    }
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
  var lastKey = -Infinity;
  var keyGap = Infinity; // ms between the last two changes to the query
  var waiting = false;
  var SUPERSEDED = {}; // thrown by a search whose query is no longer in the box
  var loadingMore = false;
  var placeholder = status.textContent;
  var shown = { query: null, hits: [], count: 0, words: [] };
  var fetched = {}; // results whose text is already downloaded

  function hitId(hit) {
    return hit.language.code + " " + hit.result.id;
  }

  /** Resolves after `ms`, or as soon as the reader types again: a query typed past does
   *  not hold up the next one. */
  function pause(ms) {
    return new Promise(function (resolve) {
      var timer = window.setTimeout(done, ms);
      function done() {
        window.clearTimeout(timer);
        input.removeEventListener("input", done);
        resolve();
      }
      input.addEventListener("input", done);
    });
  }

  function scopeLanguages() {
    return widen ? languages : [home];
  }

  function current() {
    return input.value.trim().replace(/\s+/g, " ");
  }

  async function run() {
    var query = current();
    var count = letters(query.replace(/\s/g, "")).length;
    if (count < MIN_LETTERS) {
      clear();
      return;
    }
    if (count < QUICK_LETTERS) {
      // Three or four letters begin many of the site's words, and Pagefind downloads the
      // index chunks of all of them: searched only once the reader stops typing.
      await pause(SHORT_PAUSE);
      if (current() !== query) return;
    }
    // A query the reader has typed past stops at its next step: the next run searches what
    // is in the box then, and the words typed past cost no more downloads.
    var ask = {
      typing: !/\s$/.test(input.value),
      check: function () { if (current() !== query) throw SUPERSEDED; },
    };
    try {
      var searches = await Promise.all(scopeLanguages().map(function (language) {
        return searchLanguage(language, query, ask);
      }));
      // Only for words the reader's language does not know at all (not typos it put right,
      // not other forms of its words): what it found for them matches by accident.
      var crossing = widen ? null : await crossLanguage(searches[0], ask);
      ask.check();
    } catch (error) {
      if (error === SUPERSEDED) return;
      throw error;
    }
    var hits = [];
    var corrected = null;
    var also = null;
    var parts = [];
    searches.forEach(function (search) {
      if (search.corrected && !corrected) corrected = search.corrected;
      if (search.also && !also) also = search.also;
      hits = hits.concat(search.hits);
      parts = parts.concat(search.parts);
    });
    if (crossing && crossing.hits.length) {
      // Typed in another language: its pages (as the reader's own) come first; what the
      // reader's language made of those words follows, and is not announced.
      var mine = {};
      crossing.hits.forEach(function (hit) { mine[hitId(hit)] = true; });
      var top = crossing.hits[0].score;
      hits = crossing.hits.concat(hits.filter(function (hit) { return !mine[hitId(hit)]; }).map(function (hit) {
        return Object.assign({}, hit, { score: Math.min(hit.score, top) / 2 });
      }));
      corrected = also = null;
    }
    hits.sort(function (a, b) { return b.score - a.score; });
    // A page found through another language comes with its data (see crossLanguage).
    var needed = hits.slice(0, PAGE_SIZE).some(function (hit) { return !hit.data && !fetched[hitId(hit)]; });
    if (needed && core.keyDue(performance.now() - lastKey, keyGap, PAUSE)) {
      // The next key would come before the download is of use: wait for it rather than
      // download results the reader will not see. When it is not due (a steady pace, a
      // search that took little time), the wait would spare no download, only delay.
      await pause(PAUSE);
      if (current() !== query) return;
    }
    var words = (corrected || query).toLowerCase().split(" ").concat(parts).map(fold);
    shown = { query: query, hits: hits, count: 0, words: words };
    list.textContent = "";
    note.textContent = corrected
      ? say("corrected", { query: corrected })
      : also ? say("also", { query: also }) : "";
    note.hidden = !corrected && !also;
    await more();
  }

  /** Show the next results of the current query. */
  async function more() {
    var query = shown.query;
    var batch = shown.hits.slice(shown.count, shown.count + PAGE_SIZE);
    var loaded = await Promise.all(batch.map(function (hit) {
      return (hit.data ? Promise.resolve(hit.data) : hit.result.data()).then(function (data) {
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
    // Within what is loaded, a title that says what was typed goes first: the answer on top;
    // on the agent desk, a customer article before the internal page that builds on it.
    core.basisFirst(listed, shown.words);
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
  input.addEventListener("input", function () {
    var now = performance.now();
    keyGap = now - lastKey;
    lastKey = now;
  });
  input.addEventListener("input", schedule);
  // The search program of the reader's language loads while the first letters are typed.
  input.addEventListener("input", function () {
    if (home) engine(home).catch(function () {}); // a failure is reported by the search
  }, { once: true });
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
