"""FAQ pages (`type: faq`): one H2 per question, rendered as expandable items."""
