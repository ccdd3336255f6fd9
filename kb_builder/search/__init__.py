"""Search: which pages are indexed and how, the Pagefind index per language, and the word
lists the browser uses to forgive typos and missing accents."""
