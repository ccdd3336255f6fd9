"""Link checks over the built pages: every link a reader could follow, in every language.

`html` reads links and anchors out of a page, `urls` classifies and validates addresses,
`sitemap` knows what the build wrote, `internal` decides what is wrong with each link and
`missing` explains targets that are not there, `external` checks web addresses, `locate`
finds the line an editor must change, `summary` folds problems into findings, and
`report` prints them. `collector` is the thin layer the MkDocs plugin calls; `command` is
`kb check`.
"""
