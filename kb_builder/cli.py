"""The `kb` command: editors' and translators' tools over the same modules as the plugin."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from mkdocs.config.base import ValidationError
from mkdocs.exceptions import ConfigurationError

from kb_builder import __version__
from kb_builder.checks.command import CheckOptions, check_project
from kb_builder.checks.report import FORMATS, headline, render
from kb_builder.config import Duration
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
    _add_check(commands)
    return parser


def _add_check(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser(
        "check",
        help="check every link and anchor of the site, in every language",
        description="Build the site into a temporary folder and check every link and anchor "
        "of every language site, as 'mkdocs build' does. Exit code 1 when there is an error "
        "or a warning (what would fail 'mkdocs build --strict'), 2 when the site cannot be "
        "checked.",
    )
    _add_config_option(check)
    check.add_argument(
        "--format", choices=FORMATS, default="text", help="report format (default: text)"
    )
    check.add_argument(
        "--external", action="store_true", help="also check web addresses (needs the network)"
    )
    check.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="PATTERN",
        help="web addresses not to check, such as 'https://intranet.example.com/*' "
        "(repeatable; added to 'exclude' in mkdocs.yml)",
    )
    check.add_argument(
        "--timeout", type=float, metavar="SECONDS", help="seconds to wait for each server"
    )
    check.add_argument(
        "--cache-age",
        metavar="AGE",
        help="how long web addresses that worked are not checked again: 12h, 7d; 0 = no cache",
    )
    check.set_defaults(run=run_check)


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


def run_check(args: argparse.Namespace) -> int:
    cache_age = None
    if args.cache_age is not None:
        try:
            cache_age = Duration().run_validation(args.cache_age)
        except ValidationError as error:
            raise ConfigurationError(f"--cache-age: {error}") from None
    if args.timeout is not None and args.timeout <= 0:
        raise ConfigurationError("--timeout: give a number of seconds greater than 0")
    options = CheckOptions(
        external=args.external, exclude=args.exclude, timeout=args.timeout, cache_age=cache_age
    )
    result = check_project(args.config_file, options)
    if result.failure is not None and not result.summary.entries:
        print(f"kb: the site could not be checked: {result.failure}", file=sys.stderr)
        for line in result.log:
            print(f"  {line}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(render(result.summary, args.format))
    if args.format == "text":
        print(headline(result.summary), file=sys.stderr)
    return EXIT_OK if result.summary.passed else EXIT_FINDINGS


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
