"""Who may read a page. Fail closed: anything not clearly public is internal."""

from __future__ import annotations

from kb_builder.content.frontmatter import FrontMatter
from kb_builder.findings import Finding

PUBLIC = "public"
INTERNAL = "internal"


def original_audience(front: FrontMatter, shown_path: str) -> tuple[str, Finding | None]:
    """Audience of an article's original: as declared, else internal with a warning."""
    if front.audience is not None:
        return front.audience, None
    return INTERNAL, Finding(
        shown_path,
        front.lines.get("title"),
        "no 'audience' is set, so the page is treated as internal and left out of the public site",
        "Add 'audience: public' to publish it, or 'audience: internal' to silence this",
        kind="missing_audience",
    )


def translation_audience(
    front: FrontMatter, shown_path: str, original: str | None, original_path: str | None
) -> tuple[str, Finding | None]:
    """A translation is never more public than its original.

    An orphan (no original) keeps its own declared audience, defaulting to internal.
    """
    declared = front.audience
    if original is None:
        return (declared or INTERNAL), None
    if declared == PUBLIC and original == INTERNAL:
        return INTERNAL, Finding(
            shown_path,
            front.lines.get("audience"),
            f"'audience: public' but its source {original_path} is internal, so it stays internal",
            "Make the source public first, or set 'audience: internal' here",
            kind="audience_mismatch",
        )
    if declared == INTERNAL:
        return INTERNAL, None
    return original, None
