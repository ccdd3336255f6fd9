"""The `kb` command: editors' and translators' tools over the same modules as the plugin."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from mkdocs.exceptions import ConfigurationError

from kb_builder import __version__
from kb_builder.findings import sort_findings
from kb_builder.project import load_project

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # MkDocs logs while loading mkdocs.yml; editors only need kb's own output here.
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        return int(args.run(args))
    except ConfigurationError as error:
        print(f"kb: {error}", file=sys.stderr)
        return EXIT_USAGE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kb",
        description="Tools for the editors and translators of a kb_builder help centre.",
    )
    parser.add_argument("--version", action="version", version=f"kb_builder {__version__}")
    parser.set_defaults(run=lambda _args: parser.print_help() or EXIT_USAGE)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check every article's front matter, file name and encoding",
        description="Check every article's front matter, file name and encoding, as "
        "'mkdocs build' does, without building. Exit code 1 when there are errors.",
    )
    _add_config_option(validate)
    validate.add_argument(
        "--strict", action="store_true", help="also fail on warnings (as mkdocs build --strict)"
    )
    validate.set_defaults(run=run_validate)
    return parser


def _add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        help="the site's mkdocs.yml (default: ./mkdocs.yml)",
    )


def run_validate(args: argparse.Namespace) -> int:
    project = load_project(args.config_file)
    loaded = project.loaded
    levels = dict(project.kb.validation)
    warnings = [
        finding
        for finding in loaded.warnings
        if levels.get(finding.kind, logging.WARNING) >= logging.WARNING
    ]
    for finding in sort_findings(loaded.errors):
        print(f"error: {finding}")
    for finding in sort_findings(warnings):
        print(f"warning: {finding}")
    documents = sum(len(article.documents) for article in loaded.catalog)
    print(
        f"{documents} files checked: {len(loaded.errors)} errors, {len(warnings)} warnings",
        file=sys.stderr,
    )
    if loaded.errors or (args.strict and warnings):
        return EXIT_FINDINGS
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
