"""`b1-check`: check texts for B1 Dutch. Exit status 1 when a text fails.

b1-check integrations/nlg/content/*.yml   every response, chat text and voice variant
b1-check notes.txt                        one text per line
echo "Indien u vragen heeft ..." | b1-check
"""

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from integrations.b1.checker import B1Checker, B1Report
from integrations.b1.config import load_rules
from integrations.b1.frequency import dutch_zipf
from integrations.nlg.constants import phrasing_constants
from integrations.nlg.phrasing import fill_placeholders, parse_phrasing
from integrations.settings import Settings

Text = tuple[str, str, bool]  # label, text, spoken on the phone


def texts_of_phrasing(path: Path, constants: dict[str, str]) -> Iterator[Text]:
    """Every response of a phrasing file, as residents read it and as the phone says it."""
    phrases = parse_phrasing({path.name: yaml.safe_load(path.read_text(encoding="utf-8"))})
    for name, phrase in phrases.items():
        yield f"{name} (chat)", fill_placeholders(phrase.text, constants), False
        spoken = phrase.voice or phrase.text
        yield f"{name} (telefoon)", fill_placeholders(spoken, constants), True
        if phrase.closed:
            yield f"{name} (buiten kantoortijd)", fill_placeholders(phrase.closed, constants), True


def texts_of_lines(lines: Iterable[str], source: str, voice: bool) -> Iterator[Text]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield f"{source}:{number}", line.strip(), voice


def print_report(label: str, report: B1Report, quiet: bool) -> None:
    if quiet and report.verdict != "fail":
        return
    print(f"{report.verdict.upper():<4} {label}")
    for finding in report.findings:
        hint = f" -> {finding.suggestion}" if finding.suggestion else ""
        print(f"     {finding.severity}: {finding.rule}: {finding.message}{hint}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="b1-check", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--voice", action="store_true", help="plain texts are for the phone")
    parser.add_argument("--quiet", action="store_true", help="show only texts that fail")
    args = parser.parse_args(argv)

    checker = B1Checker(load_rules(), dutch_zipf)
    constants = phrasing_constants(Settings())
    texts: list[Text] = []
    if not args.files:
        texts.extend(texts_of_lines(sys.stdin.read().splitlines(), "stdin", args.voice))
    for path in args.files:
        if path.suffix in (".yml", ".yaml"):
            texts.extend(texts_of_phrasing(path, constants))
        else:
            lines = path.read_text(encoding="utf-8").splitlines()
            texts.extend(texts_of_lines(lines, path.name, args.voice))

    failed = 0
    for label, text, voice in texts:
        report = checker.check(text, voice=voice)
        print_report(label, report, args.quiet)
        failed += report.verdict == "fail"
    print(f"{len(texts)} texts checked, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
