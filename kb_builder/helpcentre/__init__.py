"""What a customer needs around an article: a way to reach a person, where the page sits
(breadcrumbs), when it was last checked, what else to read, and a "was this helpful?" control.

Each module does one of these as pure functions over kb's data classes; `view.py` gathers
them into what templates see as `kb_help`.
"""
