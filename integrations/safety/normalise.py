"""Text as a resident typed or a phone heard it, made plain before anything looks for a signal.

Pure, standard library only (the Rasa environment imports it too). What it undoes:
broken characters (half an emoji left by a length limit), look-alike letters from other
scripts (Cyrillic and Greek), full-width and styled letters, accents, leetspeak inside
words ("z3lfm00rd"), letters written apart ("z e l f m o o r d", "z.e.l.f.m.o.o.r.d"),
and punctuation. Repeated letters ("dooood") are folded later, with the spelling.
"""

import re
import unicodedata

# Letters of other scripts that look like Latin ones: read as the Latin letter.
HOMOGLYPHS = str.maketrans(
    "\u0430\u0432\u0435\u0451\u043a\u043c\u043d\u043e\u0440\u0441\u0442\u0443\u0445\u0456\u0458\u0455"
    "\u0501\u0261\u0578\u057d\u03b1\u03b2\u03b5\u03b9\u03ba\u03bd\u03bf\u03c1\u03c4\u03c5\u03c7\u03c9\u0131",
    "abeekmhopctyxijsdgnuabeikvoptuxwi",
)
# Digits and signs used as letters, but only inside a word that has letters too ("0800" stays).
LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                      "$": "s", "€": "e"})  # fmt: skip
_WORD = re.compile(r"[^\W_]+(?:['\u2019@$€][^\W_]+)*", re.UNICODE)
_LEET_WORD = re.compile(r"^(?=.*[a-z])(?=.*[0-9@$€])[a-z0-9@$€]+$")
SPACED_MIN_LETTERS = 4


def repaired(text: str) -> str:
    """The text without broken characters: a lone half of a surrogate pair, the replacement
    character, control characters. Never raises."""
    whole = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return "".join(
        ch for ch in whole if ch != "\ufffd" and (ch in "\n\t" or unicodedata.category(ch) != "Cc")
    )


def _plain_letters(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).lower().translate(HOMOGLYPHS)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _unleet(word: str) -> str:
    return word.translate(LEET) if _LEET_WORD.match(word) else word


def _join_spaced(words: list[str]) -> list[str]:
    """Runs of single letters ("z e l f m o o r d") become one word."""
    out: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if len(run) >= SPACED_MIN_LETTERS:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if word:
            out.append(word)
    return out


def plain_words(text: str) -> list[str]:
    """Lowercase Latin words without accents or punctuation; "m'n" stays one word ("mn")."""
    plain = _plain_letters(repaired(text))
    tokens = [_unleet(token) for token in _WORD.findall(plain)]
    words = [re.sub(r"['\u2019]", "", token) for token in tokens]
    words = [piece for word in words for piece in re.findall(r"[a-z0-9]+", word)]
    return _join_spaced(words)
