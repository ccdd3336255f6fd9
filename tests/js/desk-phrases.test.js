// Unit tests of the desk's phrase ranking (theme/assets/kb/desk/phrases.js): node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const phrases = require(path.join(__dirname, "../../theme/assets/kb/desk/phrases.js"));

const RECORDS = [
  { text: "Thank you for calling, how can I help?", title: "Complaint call", heading: "Opening", url: "en/a/" },
  { text: "I understand you'd like a better price. Let me see what I can do.", title: "Discount request", heading: "When the customer asks for a discount", url: "en/d/#ask" },
  { text: "I'm passing you to my colleague [name], who can sort this out today.", title: "When and how to escalate", heading: "What to tell the customer", url: "en/e/#tell" },
  { text: "That's a good question. Let me find out properly.", title: "When you don't know the answer", heading: "Say so", url: "en/k/#say" },
  { text: "Λυπάμαι πολύ για την ταλαιπωρία, [όνομα].", title: "Κλιμάκωση", heading: "Τι λέτε στον πελάτη", url: "el/e/" },
  { text: "Przepraszam, [imię], że musiał Pan czekać.", title: "Eskalacja zgłoszenia", heading: "Co powiedzieć", url: "pl/e/" },
];
const prepared = phrases.prepare(RECORDS);
const first = (query) => phrases.rank(prepared, query, 1)[0]?.record.url;

test("fold lowercases and drops accents, ł and final sigma included", () => {
  assert.equal(phrases.fold("Κλιμάκωσης Łódź Árvíztűrő"), "κλιμακωσησ lodz arvizturo");
});

test("a heading word beats the same word in the text of another phrase", () => {
  assert.equal(first("discount"), "en/d/#ask");
});

test("a word still being typed matches the words it starts", () => {
  assert.equal(first("escal"), "en/e/#tell");
  assert.equal(first("disc"), "en/d/#ask");
});

test("another ending of the same word matches, with or without accents", () => {
  assert.equal(first("κλιμακωσης "), "el/e/");
  assert.equal(first("eskalacji "), "pl/e/");
});

test("one typo in a longer word still finds the phrase", () => {
  assert.equal(first("discuont "), "en/d/#ask");
});

test("common words weigh less than the word that says what the call is about", () => {
  assert.equal(first("customer asks for a discount"), "en/d/#ask");
  assert.equal(first("I don't know the answer"), "en/k/#say");
});

test("nothing that matches gives no phrase, and an empty query gives none", () => {
  assert.deepEqual(phrases.rank(prepared, "zzzz", 3), []);
  assert.deepEqual(phrases.rank(prepared, "   ", 3), []);
  assert.deepEqual(phrases.rank([], "discount", 3), []);
});

test("ties keep the order of the index (the first phrase of an article first)", () => {
  const same = phrases.prepare([
    { text: "One.", title: "Refunds", heading: "", url: "1" },
    { text: "Two.", title: "Refunds", heading: "", url: "2" },
  ]);
  assert.deepEqual(phrases.rank(same, "refunds", 2).map((hit) => hit.record.url), ["1", "2"]);
});

test("placeholders are cut out as fill-in marks, brackets kept, links and numbers left", () => {
  assert.deepEqual(phrases.segments("Hello [name], see you on [date]."), [
    { text: "Hello ", slot: false },
    { text: "[name]", slot: true },
    { text: ", see you on ", slot: false },
    { text: "[date]", slot: true },
    { text: ".", slot: false },
  ]);
  assert.deepEqual(phrases.segments("Γεια σας [όνομα]").map((s) => s.slot), [false, true]);
  assert.deepEqual(phrases.segments("Note [1] and [ ]"), [{ text: "Note [1] and [ ]", slot: false }]);
  const joined = phrases.segments("Dzień dobry [imię]!").map((s) => s.text).join("");
  assert.equal(joined, "Dzień dobry [imię]!");
});
