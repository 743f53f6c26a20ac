"""Dutch syllables, for the Flesch-Douma reading ease. Pure.

Dutch writes one vowel sound with several letters (aa, ie, oe, eu, ij, ui, ou, eeuw, ooi ...),
so counting vowel letters overcounts; a diaeresis (ideeën, geïnteresseerd) starts a new
syllable, so counting vowel runs undercounts. Each vowel group here is one syllable, longest
group first, and a letter with a diaeresis always starts a new one.
"""

import re
import unicodedata

_GROUPS = re.compile(
    r"eeuw|ieuw|aai|ooi|oei|eau|ieu|aa|ee|oo|uu|ie|oe|eu|ei|ij|ui|ou|au|uw|[aeiouy]"
)
_DIAERESIS = "\u0308"


def syllables(word: str) -> int:
    """The number of syllables of one Dutch word (at least 1 for a word with letters)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    parts: list[str] = []
    for ch in decomposed:
        if ch == _DIAERESIS:
            # the diaeresis belongs to the letter before it: split that letter off
            parts[-1:] = ["|", parts[-1]] if parts else []
        elif not unicodedata.combining(ch):
            parts.append(ch)
    letters = "".join(parts)
    count = sum(len(_GROUPS.findall(chunk)) for chunk in letters.split("|"))
    return max(count, 1) if re.search(r"[a-z]", letters) else 0
