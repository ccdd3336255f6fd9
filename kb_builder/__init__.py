"""kb_builder: a multilingual, searchable help centre from Markdown, built with MkDocs."""

__version__ = "0.1.0"
