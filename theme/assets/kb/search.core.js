/* kb_builder: the search box's pure logic, without the page: folding words the way the
 * build folds them (kb_builder/search/words.py), typo correction against the site's word
 * lists, synonyms, which words belong to another language, and how well a title fits.
 *
 * Loaded before search.js, which reads it as `window.kbSearchCore`; Node loads it with
 * require() for the unit tests in tests/js/ (`node --test tests/js/`).
 */
(function (root, make) {
  "use strict";
  var core = make();
  if (typeof module === "object" && module.exports) module.exports = core;
  else root.kbSearchCore = core;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /* -- words ----------------------------------------------------------------------------- */

  // Letters Unicode does not decompose but readers type without their mark; one letter
  // each, so a folded word has as many letters as the word.
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

  /** A word or phrase folded to one string, words one space apart. */
  function foldKey(text) {
    return text.trim().split(/\s+/).map(function (word) { return fold(word).join(""); }).join(" ");
  }

  function letters(word) {
    return Array.from(word.normalize("NFC"));
  }

  function isWord(token) {
    return LETTERS.test(token);
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

  /* -- word lists ------------------------------------------------------------------------ */

  /**
   * One downloaded word list (`{"words": [...], "common": n, "frequent": [i, ...],
   * "synonyms": {...}}`, see words.py) as the browser uses it: each word with its folded
   * letters, most widespread first, whether it is common or frequent, and the synonyms by
   * folded phrase. Lists written before `frequent` listed positions gave a count: the first
   * words.
   */
  function readList(found) {
    found = found || {};
    var often = {};
    var first = 0; // the count form: the first words
    if (Array.isArray(found.frequent)) found.frequent.forEach(function (index) { often[index] = true; });
    else first = found.frequent || 0;
    var entries = (found.words || []).map(function (word, index) {
      var folded = fold(word);
      var common = index < (found.common || 0);
      return {
        word: word,
        folded: folded,
        key: folded.join(""),
        common: common,
        frequent: common || index < first || Boolean(often[index]),
      };
    });
    var synonyms = {};
    var known = {};
    entries.forEach(function (entry) { known[entry.key] = true; });
    // One-word phrases of the synonyms file that no page has: a typo of one is put right
    // too (`bonifkata`: `bonifikata`), and the synonyms then find the pages.
    var extra = [];
    Object.keys(found.synonyms || {}).forEach(function (phrase) {
      var key = foldKey(phrase);
      synonyms[key] = { phrase: phrase, others: found.synonyms[phrase] };
      if (key.indexOf(" ") < 0 && !known[key]) {
        known[key] = true;
        extra.push({ word: phrase, folded: fold(phrase), key: key, common: false, frequent: false });
      }
    });
    return { entries: entries, synonyms: synonyms, extra: extra };
  }

  var MAX_ALTERNATIVES = 4;

  /** How many letters may be wrong in a word of this length. */
  function typoLimit(length) {
    if (length < 4) return 0;
    return length >= 8 ? 2 : 1;
  }

  /**
   * The site's words a typed word may be a typo of, the closest first (the most widespread
   * first among equally close ones, as lists are ordered). Every letter counts, the last
   * ones too: a word that starts like site words but ends otherwise is a candidate.
   * `typing`: the reader may not have finished the word, so a site word's beginning
   * counts too (it is returned as that beginning, cost half a letter more).
   */
  function corrections(folded, entries, typing) {
    var limit = typoLimit(folded.length);
    if (!limit) return [];
    var found = [];
    var seen = {};
    entries.forEach(function (entry, order) {
      var cost = distance(folded, entry.folded, limit);
      var word = entry.word;
      if (typing && entry.folded.length > folded.length) {
        var start = distance(folded, entry.folded.slice(0, folded.length), limit) + 0.5;
        if (start < cost) {
          cost = start;
          word = letters(entry.word).slice(0, folded.length).join("");
        }
      }
      if (cost > limit || cost === 0) return;
      var key = fold(word).join("");
      if (seen[key]) return;
      seen[key] = true;
      found.push({ word: word, cost: cost, order: order });
    });
    found.sort(function (a, b) { return a.cost - b.cost || a.order - b.order; });
    return found.slice(0, MAX_ALTERNATIVES).map(function (item) {
      return { word: item.word, cost: item.cost, order: item.order };
    });
  }

  /**
   * What the site knows of a typed word, from the list of site words that start with its
   * first two letters. `typing`: the reader may not have finished it.
   *   known     the site has it (ł and accents put right, if they were missing);
   *             `common` when it is on nine pages in ten, `frequent` on half of them
   *   partial   the beginning of site words; `complete` is the most widespread of them
   *             (`frequent` when that one is)
   *   fixed     not the site's and not like any of its words' beginnings: `word` is the
   *             closest site word
   *   kept      not the site's, but close to the start of a site word (another ending,
   *             which Pagefind's stemming may find), or nothing close
   * `fixed` and `kept` carry `alternatives`: the closest site words, to try when the query
   * as searched finds little. `extra`: more words a typo may be of (see readList), after
   * the site's own.
   */
  function classify(word, entries, typing, extra) {
    var folded = fold(word);
    var key = folded.join("");
    var completion = null;
    var near = false;
    for (var k = 0; k < entries.length; k++) {
      var entry = entries[k];
      if (entry.key === key) return { kind: "known", word: entry.word, common: entry.common, frequent: entry.frequent };
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
        frequent: completion.frequent,
      };
    }
    extra = extra || [];
    for (k = 0; k < extra.length; k++) {
      // A word of the synonyms file, as written there: the synonyms find its pages.
      if (extra[k].key === key) return { kind: "kept", word: word, typed: word, alternatives: [], near: near };
    }
    var alternatives = corrections(folded, entries.concat(extra), typing).map(function (alternative) {
      return alternative.order >= entries.length ? Object.assign({ synonym: true }, alternative) : alternative;
    });
    if (!near && alternatives.length) {
      return { kind: "fixed", word: alternatives[0].word, typed: word, alternatives: alternatives };
    }
    return { kind: "kept", word: word, typed: word, alternatives: alternatives, near: near };
  }

  /* -- queries --------------------------------------------------------------------------- */

  var FEW = 5;
  var STRONGER = 2;

  /**
   * The correction to use for a typed word, from what the word and each of its
   * `alternatives` find on their own (`{count, top}`: pages, best score). The closest
   * alternative that finds pages (the best-scoring among equally close ones) replaces the
   * word when the word finds few pages, or when the alternative's best page scores far
   * higher (the stemming matched the typo to unrelated words). Null: keep the word; never a
   * correction that finds nothing.
   */
  function pickCorrection(alternatives, found, typed) {
    var best = -1;
    for (var i = 0; i < alternatives.length; i++) {
      if (!found[i] || !found[i].count) continue;
      if (best < 0 || alternatives[i].cost < alternatives[best].cost ||
          (alternatives[i].cost === alternatives[best].cost && found[i].top > found[best].top)) {
        best = i;
      }
    }
    if (best < 0) return null;
    typed = typed || { count: 0, top: 0 };
    if (typed.count < FEW || found[best].top > STRONGER * typed.top) return alternatives[best];
    return null;
  }

  /**
   * Synonym phrases in a query. `tokens`: the typed words; `tables[i]`: the synonyms of
   * the word list token i was looked up in (phrases starting with its first two letters).
   * Returns `[{start, end, phrase, others}]`, longest phrase first at each position and
   * phrases that do not overlap.
   */
  function synonymMatches(tokens, tables) {
    var folded = tokens.map(function (token) { return fold(token).join(""); });
    var found = [];
    var i = 0;
    while (i < tokens.length) {
      var table = tables[i] || {};
      var match = null;
      for (var end = tokens.length; end > i; end--) {
        var entry = table[folded.slice(i, end).join(" ")];
        if (entry && entry.others && entry.others.length) {
          match = { start: i, end: end, phrase: entry.phrase, others: entry.others };
          break;
        }
      }
      if (match) {
        found.push(match);
        i = match.end;
      } else {
        i += 1;
      }
    }
    return found;
  }

  /** The query with synonym match `match` replaced by `other`. */
  function replacePhrase(tokens, match, other) {
    return tokens.slice(0, match.start).concat([other], tokens.slice(match.end)).join(" ");
  }

  /**
   * The language a query was typed in, when not the reader's: the first of `others` whose
   * word lists have every word the reader's language lacks. `unknown`: those words;
   * `knows[code]`: for each of them, whether that language's list has it. Null when the
   * reader's language has every word, or no other language has all it lacks (a name or a
   * brand word on the reader's site never sends the search elsewhere).
   */
  function foreignLanguage(unknown, others, knows) {
    if (!unknown.length) return null;
    for (var i = 0; i < others.length; i++) {
      var known = knows[others[i]] || [];
      if (unknown.every(function (word, index) { return known[index]; })) return others[i];
    }
    return null;
  }

  var scriptPatterns = {};

  /**
   * Whether a word could be in a language's word list: some letter of it is in the script
   * the language is written in (the likely script of its code: Greek for `el`, Latin for
   * `pl`). Not asked for another script's words: that list cannot have them, and a host
   * answers a missing file with the whole 404 page. A code without a known script: yes.
   */
  function writtenIn(code, word) {
    if (!(code in scriptPatterns)) {
      var pattern = null;
      try {
        var script = new Intl.Locale(code).maximize().script;
        if (script) pattern = new RegExp("\\p{Script=" + script + "}", "u");
      } catch (error) {
        pattern = null; // an older browser, or a script the pattern syntax does not name
      }
      scriptPatterns[code] = pattern;
    }
    var found = scriptPatterns[code];
    return !found || found.test(word);
  }

  /* -- ranking --------------------------------------------------------------------------- */

  function wordsOf(text) {
    return (String(text || "").toLowerCase().match(/[\p{L}\p{M}]+/gu) || []).map(fold);
  }

  /** Whether a written word and a typed word are the same word (another ending counts). */
  function sameWord(word, typed) {
    var shorter = Math.min(word.length, typed.length);
    if (shorter <= 3) return word.join("") === typed.join("");
    return commonStart(word, typed) >= Math.max(3, shorter - 2);
  }

  /** Share of a title's words that the query names (another ending still counts). */
  function titleFit(title, queryWords) {
    var words = wordsOf(title);
    if (!words.length) return 0;
    var named = words.filter(function (word) {
      return queryWords.some(function (typed) { return sameWord(word, typed); });
    });
    return named.length / words.length;
  }

  /** Share of the query's words that a text has (another ending still counts). */
  function queryShare(text, queryWords) {
    if (!queryWords.length) return 0;
    var words = wordsOf(text);
    var had = queryWords.filter(function (typed) {
      return words.some(function (word) { return sameWord(word, typed); });
    });
    return had.length / queryWords.length;
  }

  /**
   * What each question of a FAQ page keeps of the page's score, from the questions' own
   * match scores. A FAQ page scores on all its questions together (and its title), so one
   * question of a page that names the words in many places must not take all of it: each
   * keeps the square root of its part of the page's total (one question that has the
   * words alone keeps everything). `total`: the whole page's, title and introduction
   * included (matches there are the page's, not a question's); by default the questions'.
   */
  function questionShares(scores, total) {
    var sum = scores.reduce(function (all, score) { return all + score; }, 0);
    total = Math.max(total || 0, sum);
    return scores.map(function (score) { return total > 0 ? Math.sqrt(score / total) : 0; });
  }

  var ORPHAN = 1 / 3;

  /**
   * What a page keeps of its score by how many other pages link to it (`count`): a page no
   * other page links to keeps ORPHAN. A knowledge base links its articles from its section
   * pages and from one another; a page nothing leads to is seldom the answer, and among
   * pages that match alike the one the knowledge base refers to comes first. (On a site
   * whose pages never link to each other, every page keeps the same share.)
   */
  function citedWeight(count) {
    return count > 0 ? 1 : ORPHAN;
  }

  var OVERVIEW = 0.35;

  /**
   * How much a section's overview page keeps of its score: it lists its articles' titles
   * and descriptions, so it matches what each of them is about; an article that answers
   * comes first, unless the overview's title is what was typed. `fit`: the share of the
   * title's words that were typed; `share`: the share of typed words in the title (both 1:
   * "Complaints" for `complaints`; "complaint call" names more than the overview).
   */
  function overviewWeight(fit, share) {
    var exact = fit * (share === undefined ? 1 : share);
    return OVERVIEW + (1 - OVERVIEW) * exact * exact;
  }

  /**
   * On the agent desk, the public article an internal page builds on (its `basis`: the
   * article that page puts into an agent's words) comes right before that page when both
   * are listed and the article's title or description has every word searched: the answer
   * the customer reads first, the agent's wording for it next. `entries`: `{article, basis,
   * internal, score, about, words}` (`about`: title and description; `words`: what found
   * the entry, when a synonym of what was typed), changed in place.
   */
  function basisFirst(entries, queryWords) {
    var byArticle = {};
    entries.forEach(function (entry) {
      if (entry.article && !entry.internal && !byArticle[entry.article]) byArticle[entry.article] = entry;
    });
    var builders = entries.filter(function (entry) { return entry.internal && entry.basis && entry.basis.length; });
    builders.sort(function (a, b) { return b.score - a.score; });
    builders.forEach(function (entry) {
      entry.basis.forEach(function (path) {
        var source = byArticle[path];
        if (!source || source.score > entry.score) return;
        if (queryShare(source.about, source.words || queryWords) < 1) return;
        source.score = entry.score * BASIS_AHEAD;
      });
    });
    return entries;
  }

  var BASIS_AHEAD = 1.01;

  /**
   * Hits of several searches of one language as one list: each page once, with its best
   * score; `scale` lowers the scores of a search that stands in for what was typed.
   */
  function mergeHits(lists) {
    var byId = {};
    var order = [];
    lists.forEach(function (list) {
      list.hits.forEach(function (hit) {
        var score = hit.score * (list.scale === undefined ? 1 : list.scale);
        var id = hit.result.id;
        if (!byId[id]) {
          order.push(id);
          byId[id] = Object.assign({}, hit, { score: score });
        } else if (score > byId[id].score) {
          byId[id] = Object.assign({}, hit, { score: score });
        }
      });
    });
    return order.map(function (id) { return byId[id]; });
  }

  /**
   * Pages with some of a query's `count` words, from searches of some of them on their own
   * (`singles`: each a list of `{id, score}`, one list per word searched). The page that
   * answers may not use every word of the question: each page scores the sum of its words'
   * scores times the square of the share of words it has (as Pagefind weighs a title with
   * some of them). Words not searched (frequent ones, on half the pages) count as had.
   * Returns `[{id, result, score}]` (`result`: the page's first search result), in the
   * order found.
   */
  function someWords(singles, count) {
    var assumed = count - singles.length;
    var pages = {};
    var order = [];
    singles.forEach(function (results) {
      results.forEach(function (result) {
        var page = pages[result.id];
        if (!page) {
          page = pages[result.id] = { id: result.id, result: result, score: 0, words: 0 };
          order.push(page);
        }
        page.score += result.score;
        page.words += 1;
      });
    });
    return order.map(function (page) {
      var share = (page.words + assumed) / count;
      return { id: page.id, result: page.result, score: page.score * share * share };
    });
  }

  /* -- typing ------------------------------------------------------------------------ */

  /**
   * Whether the reader's next key is due within `pause` ms, `since` ms after their last
   * key, at their pace of a key every `gap` ms (Infinity after a first key). A download of
   * results is worth waiting `pause` for only then: the next key would make it useless.
   * A search that took long brings the next key near; a quick one at a steady pace does not.
   */
  function keyDue(since, gap, pause) {
    return since + pause > gap;
  }

  /* -- work done once ------------------------------------------------------------------- */

  /**
   * A store of the last `limit` answers by key, for work a query repeats as it grows one
   * key at a time (the words typed before the last one are searched again on every key).
   * `recall(key, make)` returns the answer kept for `key`, else `make()`'s, kept; used
   * answers are kept longest. A promise that fails is forgotten, so the next call tries
   * again.
   */
  function remember(limit) {
    var kept = new Map();
    return function recall(key, make) {
      if (kept.has(key)) {
        var answer = kept.get(key);
        kept.delete(key);
        kept.set(key, answer);
        return answer;
      }
      var made = make();
      kept.set(key, made);
      if (kept.size > limit) kept.delete(kept.keys().next().value);
      if (made && typeof made.then === "function") {
        made.then(null, function () {
          if (kept.get(key) === made) kept.delete(key);
        });
      }
      return made;
    };
  }

  return {
    PLAIN: PLAIN,
    FEW: FEW,
    STRONGER: STRONGER,
    fold: fold,
    foldKey: foldKey,
    letters: letters,
    isWord: isWord,
    commonStart: commonStart,
    distance: distance,
    readList: readList,
    typoLimit: typoLimit,
    corrections: corrections,
    classify: classify,
    pickCorrection: pickCorrection,
    synonymMatches: synonymMatches,
    replacePhrase: replacePhrase,
    foreignLanguage: foreignLanguage,
    writtenIn: writtenIn,
    titleFit: titleFit,
    queryShare: queryShare,
    questionShares: questionShares,
    citedWeight: citedWeight,
    overviewWeight: overviewWeight,
    basisFirst: basisFirst,
    mergeHits: mergeHits,
    keyDue: keyDue,
    remember: remember,
    someWords: someWords,
  };
});
