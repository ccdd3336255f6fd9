"""Link checks over the built pages: every link a reader could follow, in every language.

`html` reads links and anchors out of a page, `urls` classifies and validates addresses,
`sitemap` knows what the build produced, `internal` decides what is wrong with each link,
`locate` finds the line an editor must change, `external` checks web addresses, and
`report` prints the result. `collector` is the thin layer the MkDocs plugin calls.
"""
