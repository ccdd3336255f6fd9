"""Blocks for agents only: left out of the public build while Markdown is converted.

An editor marks a say block (or any admonition, or any block with attr_list) as
`agent-only`:

    !!! say agent-only
        I can see a note on your account from last week.

    Some text for agents.
    { .agent-only }

The public build removes these elements from the page before anything else reads it, so
they reach no file: not the page, the search index, the word lists or the link checks.
The agent desk shows them as usual.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError

CLASS = "agent-only"
PRIORITY = 7
"""After attr_list (8), which sets classes written as `{ .agent-only }`; before toc (5),
so headings inside agent-only blocks stay out of the table of contents."""

_UNPARSED = re.compile(r"^(?:!!!|\?\?\?\+?)[ \t]*[\w\- ]*\bagent-only\b", re.M)


def _marked(element: etree.Element) -> bool:
    return CLASS in (element.get("class") or "").split()


class _DropAgentOnly(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            previous: etree.Element | None = None
            for child in list(parent):
                if _marked(child):
                    _keep_tail(parent, previous, child.tail)
                    parent.remove(child)
                    continue
                if child.tag == "p" and _UNPARSED.search(child.text or ""):
                    # Without the admonition extensions the marker stays text and the
                    # phrase would be published as an ordinary paragraph.
                    raise PluginError(
                        "a block is marked 'agent-only' but was not read as a block, so "
                        "it would be published. Enable the 'admonition' and "
                        "'pymdownx.details' Markdown extensions in mkdocs.yml, and indent "
                        "the block's text by four spaces."
                    )
                previous = child


def _keep_tail(parent: etree.Element, previous: etree.Element | None, tail: str | None) -> None:
    if not tail:
        return
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail


class AgentOnlyExtension(Extension):
    """Python-Markdown extension the kb plugin adds to public builds."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_DropAgentOnly(md), "kb_agent_only", PRIORITY)


def use(markdown_extensions: list) -> None:
    """Add the extension to a public build's Markdown extensions (once)."""
    if not any(isinstance(ext, AgentOnlyExtension) for ext in markdown_extensions):
        markdown_extensions.append(AgentOnlyExtension())
