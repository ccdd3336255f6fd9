// Unit tests of the search box's pure logic (theme/assets/kb/search.core.js).
// Run: node --test tests/js/   (tests/test_search_js.py runs them with pytest)
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const core = require(path.join(__dirname, "..", "..", "theme", "assets", "kb", "search.core.js"));

/** A word list as the build writes it (most widespread first) and the browser reads it. */
function list(words, synonyms, common) {
  return core.readList({ words: words, common: common || 0, synonyms: synonyms || {} });
}

test("a word is looked for only in the lists of languages written in its script", () => {
  assert.equal(core.writtenIn("el", "εκπτωση"), true);
  assert.equal(core.writtenIn("el", "discount"), false);
  assert.equal(core.writtenIn("pl", "εκπτωση"), false);
  assert.equal(core.writtenIn("hu", "zniżka"), true);
  // A code with no known script: asked, as before.
  assert.equal(core.writtenIn("qaa", "anything"), true);
});

test("fold keeps one letter per letter: accents, ł and final sigma", () => {
  assert.equal(core.fold("Złożyć").join(""), "zlozyc");
  assert.equal(core.fold("ΠΑΡΆΠΟΝΟ").join(""), "παραπονο");
  assert.equal(core.fold("λόγος").join(""), "λογοσ");
  assert.equal(core.fold("panaszkezelés").length, "panaszkezelés".length);
  assert.equal(core.foldKey("  Money   BACK "), "money back");
});

test("distance counts a swap as one edit and gives up past the limit", () => {
  assert.equal(core.distance(core.fold("discuont"), core.fold("discount"), 2), 1);
  assert.equal(core.distance(core.fold("complaimt"), core.fold("complaint"), 1), 1);
  assert.equal(core.distance(core.fold("abcdef"), core.fold("uvwxyz"), 2), 3);
});

test("a word the site has is known, with its accents put back", () => {
  const found = core.classify("zniżka", list(["zniżka", "zniżki"]).entries, false);
  assert.equal(found.kind, "known");
  assert.equal(core.classify("znizka", list(["zniżka"]).entries, false).word, "zniżka");
});

test("an unfinished last word is the beginning of the most widespread site word", () => {
  const found = core.classify("escal", list(["escalate", "escalation"]).entries, true);
  assert.equal(found.kind, "partial");
  assert.equal(found.complete, "escalate");
});

test("a typo in the last letters is offered a correction although it starts like site words", () => {
  // 'complaimt' shares its first seven letters with 'complaint': before, it was taken
  // for another ending of the word and never corrected.
  const found = core.classify("complaimt", list(["complaint", "complaints", "company"]).entries, false);
  assert.equal(found.kind, "kept");
  assert.deepEqual(found.alternatives.map((a) => a.word), ["complaint", "complaints"]);
  assert.equal(found.alternatives[0].cost, 1);
});

test("end-of-word typos in Greek, Polish and Hungarian find their word", () => {
  const cases = [
    ["ενσυναισθησα", ["ενσυναίσθηση"], "ενσυναίσθηση"],
    ["reklamacjs", ["reklamacja", "reklamacje"], "reklamacja"],
    ["tünetej", ["tünetek", "tünet"], "tünetek"],
    ["nagykövey", ["nagykövet", "nagy"], "nagykövet"],
  ];
  for (const [typed, words, wanted] of cases) {
    const found = core.classify(typed, list(words).entries, false);
    assert.equal(found.alternatives[0].word, wanted, typed);
  }
});

test("a word unlike any site word's beginning is fixed to the closest word", () => {
  const found = core.classify("emapthy", list(["empathy", "empty"]).entries, false);
  assert.equal(found.kind, "fixed");
  assert.equal(found.word, "empathy");
});

test("short words are never corrected", () => {
  assert.deepEqual(core.corrections(core.fold("cat"), list(["car", "cap"]).entries, false), []);
});

test("the correction that finds pages wins over a closer one that finds none", () => {
  const alternatives = [{ word: "requesx", cost: 1 }, { word: "request", cost: 1 }, { word: "reques", cost: 1.5 }];
  const found = [{ count: 0, top: 0 }, { count: 6, top: 12 }, { count: 9, top: 20 }];
  assert.equal(core.pickCorrection(alternatives, found, { count: 0, top: 0 }).word, "request");
});

test("no correction that finds nothing, and none for a word that finds enough on its own", () => {
  const alternatives = [{ word: "complaint", cost: 1 }];
  assert.equal(core.pickCorrection(alternatives, [{ count: 0, top: 0 }], { count: 0, top: 0 }), null);
  // Another ending the stemming finds, scoring as well as the alternative: kept.
  assert.equal(core.pickCorrection(alternatives, [{ count: 8, top: 10 }], { count: 7, top: 9 }), null);
  // Found by the stemming, but only weakly (matched to unrelated words): corrected.
  assert.equal(
    core.pickCorrection(alternatives, [{ count: 4, top: 22 }], { count: 9, top: 3 }).word,
    "complaint"
  );
});

test("synonym phrases are matched longest first, in folded form", () => {
  const tables = [
    list([], { "money back": ["refund"], money: ["cash"] }).synonyms,
    list([], {}).synonyms,
    list([], { now: ["today"] }).synonyms,
  ];
  const matches = core.synonymMatches(["Money", "BACK", "now"], tables);
  assert.deepEqual(
    matches.map((m) => [m.start, m.end, m.others]),
    [[0, 2, ["refund"]], [2, 3, ["today"]]]
  );
  assert.equal(core.replacePhrase(["money", "back", "now"], matches[0], "refund"), "refund now");
});

test("a phrase with no synonyms on the site is no match", () => {
  const tables = [list([], { rebate: [] }).synonyms];
  assert.deepEqual(core.synonymMatches(["rebate"], tables), []);
});

test("another language is used only when it has every word the reader's lacks", () => {
  const knows = { en: [true, true], pl: [true, false] };
  assert.equal(core.foreignLanguage(["goodwill", "gesture"], ["pl", "en"], knows), "en");
  assert.equal(core.foreignLanguage(["goodwill", "gesture"], ["pl"], knows), null);
});

test("words the reader's language has (names, brand words) never send the search elsewhere", () => {
  // Such words are known in the reader's list, so they are not among the unknown words.
  assert.equal(core.foreignLanguage([], ["en"], { en: [] }), null);
});

test("a title that says what was typed fits better than one that says more", () => {
  const typed = ["complaints"].map(core.fold);
  assert.equal(core.titleFit("Complaints", typed), 1);
  assert.ok(core.titleFit("Handling a complaint call", typed) < 1);
  assert.equal(core.titleFit("Prices", typed), 0);
});

test("merged searches list each page once, with its best score", () => {
  const hit = (id, score) => ({ result: { id: id }, score: score });
  const merged = core.mergeHits([
    { hits: [hit("a", 5), hit("b", 3)] },
    { hits: [hit("b", 10), hit("c", 1)], scale: 0.5 },
  ]);
  assert.deepEqual(merged.map((h) => [h.result.id, h.score]), [["a", 5], ["b", 5], ["c", 0.5]]);
});

test("a section's overview keeps its score only when its title is what was typed", () => {
  assert.equal(core.overviewWeight(1), 1);
  assert.ok(core.overviewWeight(1 / 3) < core.overviewWeight(1 / 2));
  assert.ok(core.overviewWeight(0) < 1);
});

test("an overview whose title says more or less than was typed keeps less of its score", () => {
  const typed = ["complaint", "call"].map(core.fold);
  const fit = core.titleFit("Complaints", typed);
  const share = core.queryShare("Complaints", typed);
  assert.equal(fit, 1);
  assert.equal(share, 0.5);
  assert.ok(core.overviewWeight(fit, share) < core.overviewWeight(1, 1));
  assert.equal(core.overviewWeight(1, 1), 1);
  assert.ok(core.overviewWeight(0, 0) > 0);
});

test("query share counts the typed words a text has, other endings included", () => {
  const typed = ["discount", "requests"].map(core.fold);
  assert.equal(core.queryShare("When a customer asks for a discount. How we respond to a request.", typed), 1);
  assert.equal(core.queryShare("Prices and discounts", typed), 0.5);
  assert.equal(core.queryShare("Anything", []), 0);
});

test("a FAQ question keeps the square root of its part of its page's matches", () => {
  assert.deepEqual(core.questionShares([5]), [1]);
  const shares = core.questionShares([3, 1]);
  assert.equal(shares[0], Math.sqrt(0.75));
  assert.equal(shares[1], 0.5);
  assert.deepEqual(core.questionShares([0, 0]), [0, 0]);
  // Matches in the page's title and introduction are the page's: a question keeps less.
  assert.equal(core.questionShares([1], 4)[0], 0.5);
});

test("the public article an internal page builds on comes just before it when it has every word", () => {
  const typed = ["discount", "request"].map(core.fold);
  const script = { article: "scripts/discount.md", basis: ["pricing/discount.md"], internal: true, score: 40, about: "Call script for a discount request" };
  const article = { article: "pricing/discount.md", basis: [], internal: false, score: 18, about: "When a customer asks for a discount. How we answer a request for one." };
  const other = { article: "pricing/faq.md", basis: [], internal: false, score: 12, about: "Prices FAQ" };
  core.basisFirst([script, article, other], typed);
  assert.ok(article.score > script.score);
  assert.ok(article.score < script.score * 1.1);
  assert.equal(other.score, 12);
});

test("the basis rule leaves an article that lacks a word searched, or already ahead, alone", () => {
  const typed = ["goodwill", "limit"].map(core.fold);
  const limits = { article: "agents/limits.md", basis: ["pricing/goodwill.md"], internal: true, score: 30, about: "Goodwill limits by level" };
  const gestures = { article: "pricing/goodwill.md", basis: [], internal: false, score: 20, about: "Goodwill gestures, when they are right" };
  core.basisFirst([limits, gestures], typed);
  assert.equal(gestures.score, 20);
  // Found through a synonym, the article is judged by the synonym's words.
  gestures.words = ["goodwill"].map(core.fold);
  core.basisFirst([limits, gestures], typed);
  assert.ok(gestures.score > limits.score);
  const ahead = { article: "pricing/goodwill.md", basis: [], internal: false, score: 50, about: "Goodwill limit" };
  core.basisFirst([limits, ahead], typed);
  assert.equal(ahead.score, 50);
});

test("a typo of a synonyms-file word that no page has is put right to that word", () => {
  const found = list(["bonus", "bonusy"], { bonifikata: ["rekompensata"] });
  const fixed = core.classify("bonifkata", found.entries, false, found.extra);
  assert.equal(fixed.kind, "fixed");
  assert.equal(fixed.word, "bonifikata");
  assert.equal(fixed.alternatives[0].synonym, true);
  // Typed as the synonyms file has it: kept, for the synonyms to find its pages.
  const exact = core.classify("bonifikata", found.entries, false, found.extra);
  assert.equal(exact.kind, "kept");
  assert.deepEqual(exact.alternatives, []);
  // A word the pages have is no extra candidate.
  assert.equal(list(["rabat"], { rabat: ["upust"] }).extra.length, 0);
});

test("a page no other page links to keeps less of its score; linked pages keep all", () => {
  assert.equal(core.citedWeight(1), 1);
  assert.equal(core.citedWeight(12), 1);
  assert.ok(core.citedWeight(0) < 1);
  assert.ok(core.citedWeight(0) > 0);
});

test("remember makes an answer once and keeps the most recently used ones", () => {
  const recall = core.remember(2);
  let made = 0;
  const make = (value) => () => { made += 1; return value; };
  assert.equal(recall("a", make(1)), 1);
  assert.equal(recall("a", make(9)), 1); // kept: not made again
  assert.equal(made, 1);
  recall("b", make(2));
  recall("a", make(9)); // used again: now the most recent
  recall("c", make(3)); // one too many: the least recently used ("b") goes
  assert.equal(recall("a", make(9)), 1);
  assert.equal(recall("b", make(4)), 4);
  assert.equal(made, 4);
});

test("remember forgets a promise that failed, so the next call tries again", async () => {
  const recall = core.remember(4);
  const failed = recall("q", () => Promise.reject(new Error("offline")));
  await assert.rejects(failed);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(await recall("q", () => Promise.resolve("found")), "found");
});

test("a word whose search finds half the pages or more is frequent, and so is the beginning of one", () => {
  // πελάτη: on few pages itself, but its stem is on most (words.py lists its position).
  const read = core.readList({ words: ["και", "πελάτες", "παράπονο", "πελάτη"], common: 1, frequent: [0, 1, 3] });
  assert.deepEqual(read.entries.map((entry) => entry.frequent), [true, true, false, true]);
  assert.deepEqual(read.entries.map((entry) => entry.common), [true, false, false, false]);
  assert.equal(core.classify("πελατες", read.entries, false).frequent, true);
  assert.equal(core.classify("πελατη", read.entries, false).frequent, true);
  assert.equal(core.classify("πελάτ", read.entries, true).frequent, true);
  assert.equal(core.classify("παράπονο", read.entries, false).frequent, false);
  // Lists that gave a count (the first words), or nothing: common words are frequent.
  const counted = core.readList({ words: ["και", "πελάτες", "παράπονο"], common: 1, frequent: 2 });
  assert.deepEqual(counted.entries.map((entry) => entry.frequent), [true, true, false]);
  const old = core.readList({ words: ["και", "πελάτες"], common: 1 });
  assert.deepEqual(old.entries.map((entry) => entry.frequent), [true, false]);
});

test("pages with some of the words score by the square of the share they have", () => {
  const a = { id: "a", score: 4 };
  const b = { id: "b", score: 2 };
  // Three words, each searched: a has two of them, b one.
  const found = core.someWords([[a, b], [{ id: "a", score: 2 }], []], 3);
  assert.deepEqual(found.map((page) => [page.id, page.score]), [["a", 6 * (4 / 9)], ["b", 2 * (1 / 9)]]);
  assert.equal(found[0].result, a);
});

test("a frequent word not searched on its own counts as had", () => {
  // Three words, the third on half the pages and not searched: a page with the two
  // others has all the query asks for, one with one of them two words of three.
  const found = core.someWords([[{ id: "a", score: 4 }, { id: "b", score: 2 }], [{ id: "a", score: 2 }]], 3);
  assert.deepEqual(found.map((page) => [page.id, page.score]), [["a", 6], ["b", 2 * (4 / 9)]]);
});

test("the next key is due within the pause in a burst, or after a search that took long", () => {
  // A key every 20 ms: due whatever the search took.
  assert.equal(core.keyDue(3, 20, 40), true);
  // A key every 60 ms: a search of 5 ms ends 55 ms before the next key, past a 40 ms wait;
  // one of 25 ms ends 35 ms before it, within the wait.
  assert.equal(core.keyDue(5, 60, 40), false);
  assert.equal(core.keyDue(25, 60, 40), true);
  // A person's pace, and the first key of a query: not due.
  assert.equal(core.keyDue(30, 250, 40), false);
  assert.equal(core.keyDue(2, Infinity, 40), false);
});
