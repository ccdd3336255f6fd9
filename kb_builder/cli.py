"""The `kb` command: editors' and translators' tools over the same modules as the plugin."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from mkdocs.config.base import ValidationError
from mkdocs.exceptions import ConfigurationError

from kb_builder import __version__, site
from kb_builder.checks.command import CheckOptions, check_project
from kb_builder.checks.report import FORMATS, headline, render
from kb_builder.config import Duration
from kb_builder.files import write_file
from kb_builder.findings import Finding, sort_findings
from kb_builder.i18n import coverage, coverage_formats, history, translate
from kb_builder.project import Project, load_project

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
        help="check every article's front matter, file name and encoding, and the synonyms files",
        description="Check every article's front matter, file name and encoding, and each "
        "language's synonyms file, as 'mkdocs build' does, without building. Exit code 1 when "
        "there are errors.",
    )
    _add_config_option(validate)
    validate.add_argument(
        "--strict", action="store_true", help="also fail on warnings (as mkdocs build --strict)"
    )
    validate.set_defaults(run=run_validate)
    _add_translation_commands(commands)
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
        "--site-dir",
        metavar="DIR",
        help="build into DIR and keep it (default: a temporary folder, removed afterwards)",
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
    synonym_errors, synonym_warnings = project.synonym_problems()
    for finding in sort_findings(loaded.errors):
        print(f"error: {finding}")
    for message in synonym_errors:
        print(f"error: {message}")
    for finding in sort_findings(warnings):
        print(f"warning: {finding}")
    for message in synonym_warnings:
        print(f"warning: {message}")
    documents = sum(len(article.documents) for article in loaded.catalog)
    errors = len(loaded.errors) + len(synonym_errors)
    warned = len(warnings) + len(synonym_warnings)
    print(f"{documents} files checked: {errors} errors, {warned} warnings", file=sys.stderr)
    if errors or (args.strict and warned):
        return EXIT_FINDINGS
    return EXIT_OK


# -- translation coverage and the translator's tools -----------------------------------------


def _add_translation_commands(commands: argparse._SubParsersAction) -> None:
    status = commands.add_parser(
        "status",
        aliases=["coverage"],
        help="show which translations are current, stale, untracked, missing or orphaned",
        description="Show translation coverage per language and section, and every "
        "translation that needs work. Exit code 1 when a language is below its "
        "min_coverage (or, with --strict, when there is a finding at level warn).",
    )
    _add_config_option(status)
    status.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="text for a terminal (default), json for tools, markdown for a pull request",
    )
    status.add_argument(
        "--lang",
        action="append",
        metavar="LANG",
        help="only this language (repeat for several)",
    )
    status.add_argument(
        "--audience",
        choices=("public", "internal"),
        help="measure the public articles or all of them (default: the audience in mkdocs.yml)",
    )
    status.add_argument(
        "--min-coverage",
        action="append",
        default=[],
        type=_minimum,
        metavar="LANG=PERCENT",
        help="fail when LANG is below PERCENT (overrides min_coverage in mkdocs.yml)",
    )
    status.add_argument(
        "--summary", action="store_true", help="only the table of languages, no file lists"
    )
    status.add_argument(
        "--strict",
        action="store_true",
        help="also fail on findings whose level is warn (as mkdocs build --strict)",
    )
    status.add_argument(
        "--no-history",
        action="store_true",
        help="do not ask git which sections of stale translations' sources changed",
    )
    status.set_defaults(run=run_status)

    ack = commands.add_parser(
        "ack",
        help="record that translations match their sources as they are now",
        description="After checking that a translation says what its source says now, "
        "record the source's hash in the translation's source_hash line. Only that line "
        "changes. Nothing is written if any file is refused.",
    )
    _add_config_option(ack)
    ack.add_argument("paths", nargs="+", metavar="FILE", help="translation files")
    ack.add_argument("--dry-run", action="store_true", help="say what would change, write nothing")
    ack.set_defaults(run=run_ack)

    new = commands.add_parser(
        "new",
        help="start a translation from its original",
        description="Create the translation of an article from its original, in whatever "
        "language that was written: its text and front matter to translate, the original's "
        "language (translated_from) and the source_hash of the original as it is now.",
    )
    _add_config_option(new)
    new.add_argument(
        "--lang", action="append", required=True, metavar="LANG", help="target language"
    )
    new.add_argument("paths", nargs="+", metavar="FILE", help="original articles")
    new.set_defaults(run=run_new)


def _minimum(text: str) -> tuple[str, float]:
    lang, _, value = text.partition("=")
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not lang or not 0 <= number <= 100:
        raise argparse.ArgumentTypeError(f"expected LANG=PERCENT such as el=90, got {text!r}")
    return lang, number


def run_status(args: argparse.Namespace) -> int:
    project = load_project(args.config_file)
    loaded = project.loaded
    if loaded.errors:
        _print_findings("error", loaded.errors)
        print(
            f"kb: {len(loaded.errors)} content errors, so coverage was not measured. "
            "Fix them first ('kb validate' lists them).",
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    languages = project.languages
    minimums = {**project.kb.min_coverage, **dict(args.min_coverage)}
    problem = coverage.minimum_problem(minimums, languages.codes)
    for lang in args.lang or ():
        if lang not in languages:
            problem = f"--lang {lang}: not a language of this site"
    if problem is not None:
        print(f"kb: {problem}", file=sys.stderr)
        return EXIT_USAGE
    use_git = project.kb.git_history and not args.no_history
    report = history.measure_with_history(
        loaded.catalog,
        args.audience or project.kb.audience,
        minimums,
        project.docs_dir if use_git else None,
        args.lang,
    )
    names = {language.code: language.name for language in languages}
    if args.format == "json":
        sys.stdout.write(coverage_formats.dumps(report, names))
    elif args.format == "markdown":
        sys.stdout.write(coverage_formats.as_markdown(report, names, summary=args.summary))
    else:
        sys.stdout.write(coverage_formats.as_text(report, names, summary=args.summary))
    for message in coverage.shortfalls(report):
        print(f"kb: {message}.", file=sys.stderr)
    levels = dict(project.kb.validation)
    warned = [
        state
        for state in report.states()
        if state.status in coverage.KINDS
        and levels.get(coverage.KINDS[state.status], logging.WARNING) >= logging.WARNING
    ]
    if args.strict and warned:
        print(f"kb: {len(warned)} translations at level warn (--strict).", file=sys.stderr)
    if not report.ok or (args.strict and warned):
        return EXIT_FINDINGS
    return EXIT_OK


def _workspace(project: Project) -> translate.Workspace:
    return translate.Workspace(
        project.loaded.catalog,
        project.loaded.errors,
        project.docs_dir,
        site.docs_dir_shown(project.config),
    )


def _print_findings(label: str, findings: list[Finding]) -> None:
    for finding in sort_findings(findings):
        print(f"{label}: {finding}", file=sys.stderr)


def run_ack(args: argparse.Namespace) -> int:
    project = load_project(args.config_file)
    acks, refusals = translate.plan_acks(args.paths, _workspace(project))
    if refusals:
        _print_findings("error", refusals)
        print("kb: nothing was written.", file=sys.stderr)
        return EXIT_FINDINGS
    for ack in acks:
        shown = ack.translation.shown_path
        if ack.data is None:
            print(f"{shown}: already current")
            continue
        if not args.dry_run:
            write_file(ack.path, ack.data)
        verb = "would acknowledge" if args.dry_run else "acknowledged"
        print(f"{shown}: {verb} ({ack.before} -> current, {ack.source_hash[:15]}...)")
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    project = load_project(args.config_file)
    created, refusals = translate.plan_new(args.paths, args.lang, _workspace(project))
    if refusals:
        _print_findings("error", refusals)
        print("kb: nothing was written.", file=sys.stderr)
        return EXIT_FINDINGS
    for translation in created:
        write_file(translation.path, translation.text.encode("utf-8"))
        print(f"{translation.shown_path}: created from {translation.source.shown_path}")
    if created:
        print(
            "Translate the title, description and text, then commit. The new files record "
            "the source as it is now: if it changes before you finish, 'kb status' shows "
            "which sections to update.",
            file=sys.stderr,
        )
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
        external=args.external,
        exclude=args.exclude,
        timeout=args.timeout,
        cache_age=cache_age,
        site_dir=args.site_dir,
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
