/* kb_builder desk: finding the phrase to say for what an agent types (no DOM here).
 *
 * The desk's phrase index (assets/kb/desk/phrases/<lang>.json) lists every say phrase of a
 * language with its article's title and the heading above it. `rank` scores each phrase for a
 * query: a word of the heading counts most, then the title, then the phrase itself; a word
 * found in few phrases counts more than one found in many ("customer" is everywhere); a word
 * still being typed matches the words it starts, another ending of the same word matches
 * (discount, discounts; κλιμάκωση, κλιμάκωσης), and so does one typo in a longer word.
 * Runs in the browser (window.kbPhrases) and under `node --test`.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.kbPhrases = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var PLAIN = { "ł": "l", "đ": "d", "ø": "o", "ħ": "h", "ı": "i", "ŀ": "l", "ς": "σ" };
  var MARKS = /\p{M}/gu;
  var WORD = /[\p{L}\p{N}]+/gu;
  var WEIGHTS = { heading: 3, title: 2, text: 1 };
  var SLOT = /\[(?=[^\]]*\p{L})[^\[\]<>\n]{1,60}\]/gu;

  /** Lowercase, without accents, ł as l: the form words are compared in. */
  function fold(text) {
    return Array.from(String(text).toLowerCase().normalize("NFC"), function (letter) {
      if (PLAIN[letter]) return PLAIN[letter];
      return letter.normalize("NFD").replace(MARKS, "") || letter;
    }).join("");
  }

  /** The folded words of a text, two letters or longer. */
  function words(text) {
    return (fold(text).match(WORD) || []).filter(function (word) { return word.length > 1; });
  }

  function commonStart(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  /** Whether a and b are at most one edit apart (a letter changed, added, dropped, swapped). */
  function oneEdit(a, b) {
    if (a === b) return true;
    if (Math.abs(a.length - b.length) > 1) return false;
    var start = commonStart(a, b);
    var restA = a.slice(start);
    var restB = b.slice(start);
    if (restA.slice(1) === restB.slice(1)) return true;
    if (restA.slice(1) === restB || restA === restB.slice(1)) return true;
    return restA.length > 1 && restA[0] === restB[1] && restA[1] === restB[0] &&
      restA.slice(2) === restB.slice(2);
  }

  /** How well a typed word `q` matches a word of a phrase `w`, from 0 to 1. */
  function match(q, w, typing) {
    if (w === q) return 1;
    if (typing && w.indexOf(q) === 0) return 0.9;
    var shorter = Math.min(q.length, w.length);
    var common = commonStart(q, w);
    if (shorter >= 4 && common >= Math.max(4, shorter - 2)) return 0.8;
    // Words of one root with endings apart (eskalacja, eskalować; panasz, panaszos).
    if (common >= 5 && common * 2 >= shorter) return 0.7;
    if (q.length >= 5 && (oneEdit(q, w) || (typing && oneEdit(q, w.slice(0, q.length))))) {
      return 0.6;
    }
    return 0;
  }

  /** Phrase records made ready for ranking (words of each part, folded once). */
  function prepare(records) {
    return records.map(function (record, position) {
      return {
        record: record,
        position: position,
        parts: {
          heading: words(record.heading || ""),
          title: words(record.title || ""),
          text: words(record.text || ""),
        },
      };
    });
  }

  function best(q, list, typing) {
    var top = 0;
    for (var i = 0; i < list.length && top < 1; i++) top = Math.max(top, match(q, list[i], typing));
    return top;
  }

  /**
   * The phrases for `query`, best first, at most `limit`: [{record, score}]. The last word is
   * taken as still being typed unless the query ends with a space.
   */
  function rank(prepared, query, limit) {
    var typed = words(query);
    if (!typed.length || !prepared.length) return [];
    var open = !/\s$/.test(query);
    var table = prepared.map(function (entry) {
      return typed.map(function (q, index) {
        var typing = open && index === typed.length - 1;
        var scores = {};
        Object.keys(WEIGHTS).forEach(function (part) {
          scores[part] = best(q, entry.parts[part], typing);
        });
        return scores;
      });
    });
    // A word in few phrases tells more than one in many (inverse document frequency).
    var weights = typed.map(function (q, index) {
      var found = table.filter(function (row) {
        var s = row[index];
        return s.heading || s.title || s.text;
      }).length;
      return Math.log(1 + prepared.length / (1 + found));
    });
    var scored = [];
    table.forEach(function (row, n) {
      var score = 0;
      var named = 0;
      row.forEach(function (s, index) {
        var part = Math.max(WEIGHTS.heading * s.heading, WEIGHTS.title * s.title, WEIGHTS.text * s.text);
        // The phrase's own words add to its heading's: "discount" in both beats either.
        part += 0.5 * s.text * (part > WEIGHTS.text * s.text ? 1 : 0);
        if (part > 0) named++;
        score += weights[index] * part;
      });
      if (score > 0) {
        score *= (named / typed.length) * (named / typed.length);
        scored.push({ record: prepared[n].record, score: score, position: prepared[n].position });
      }
    });
    scored.sort(function (a, b) { return b.score - a.score || a.position - b.position; });
    return scored.slice(0, limit || scored.length).map(function (hit) {
      return { record: hit.record, score: hit.score };
    });
  }

  /** A phrase cut into plain text and placeholders ([name]) for showing as fill-in marks. */
  function segments(text) {
    var out = [];
    var last = 0;
    String(text).replace(SLOT, function (slot, offset) {
      if (offset > last) out.push({ text: text.slice(last, offset), slot: false });
      out.push({ text: slot, slot: true });
      last = offset + slot.length;
      return slot;
    });
    if (last < text.length) out.push({ text: text.slice(last), slot: false });
    return out;
  }

  return { fold: fold, words: words, match: match, prepare: prepare, rank: rank, segments: segments };
});
