"""Language recognition on first messages written apart from the product (`make eval`).

    python -m integrations.languages.evaluate --other tests/eval/other_languages_v1.tsv \\
        --labels tests/eval/first_turn_languages_v1.tsv SET.tsv ...

- `--other`: a set with a language column (language<TAB>route<TAB>utterance): how many rows
  of each language are recognised, and how many would have gone to a Dutch route;
- each SET (route<TAB>channel<TAB>utterance): its rows are Dutch unless `--labels` names
  their line with another language; the Dutch false-language rate (Dutch rows answered in
  another language) and English recall.
"""

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from integrations.languages.decision import RASA_LANGUAGES, conversation_language
from integrations.languages.detection import DUTCH, ENGLISH, LanguageReader


def rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            yield number, line.split("\t")


def read_labels(path: Path | None) -> dict[tuple[str, int], str]:
    if path is None:
        return {}
    return {(cols[0], int(cols[1])): cols[2] for _, cols in rows(path)}


def other_languages(reader: LanguageReader, path: Path) -> bool:
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    to_rasa = 0
    for _, cols in rows(path):
        expected, text = cols[0], cols[-1]
        got = conversation_language(None, text, reader.read(text))
        total[expected] += 1
        right[expected] += got == expected
        to_rasa += got in RASA_LANGUAGES
    print(f"{path.name}: other languages recognised")
    for language in sorted(total):
        print(f"  {language}  {right[language]:>3}/{total[language]:<3}  "
              f"{right[language] / total[language]:.2f}")  # fmt: skip
    all_right, all_rows = sum(right.values()), sum(total.values())
    print(f"  all {all_right:>3}/{all_rows:<3}  {all_right / all_rows:.2f}")
    print(f"  sent to a Dutch or English route: {to_rasa}")
    return to_rasa == 0


def dutch_set(reader: LanguageReader, path: Path, labels: dict[tuple[str, int], str]) -> None:
    dutch = wrong = english = english_right = 0
    for number, cols in rows(path):
        text = cols[-1]
        expected = labels.get((path.stem, number), DUTCH)
        got = conversation_language(None, text, reader.read(text))
        if expected == DUTCH:
            dutch += 1
            wrong += got != DUTCH
        elif expected == ENGLISH:
            english += 1
            english_right += got == ENGLISH
    rate = wrong / dutch if dutch else 0.0
    print(
        f"{path.name}: Dutch rows answered in another language {wrong}/{dutch} ({rate:.3f})", end=""
    )
    print(f"; English rows answered in English {english_right}/{english}" if english else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path)
    parser.add_argument("--other", type=Path)
    parser.add_argument("--labels", type=Path)
    args = parser.parse_args(argv)
    reader = LanguageReader.load()
    labels = read_labels(args.labels)
    for path in args.sets:
        dutch_set(reader, path, labels)
    if args.other is not None:
        other_languages(reader, args.other)
    return 0


if __name__ == "__main__":
    sys.exit(main())
