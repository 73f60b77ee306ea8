"""Thai word segmentation for the search index and for queries, done the same way on both sides.

Thai is written without spaces between words, so neither PostgreSQL's text-search parser nor a plain
substring match serves Thai readers well. PyThaiNLP's ``newmm`` engine works offline; its first call
builds a dictionary trie (~0.5 s), so ``warm_up()`` runs at start-up (jomthong_site/wsgi.py).
"""

import re
import unicodedata

from pythainlp.tokenize import word_tokenize

# Characters that carry no meaning for search: zero-width marks, punctuation, symbols.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_WORD = re.compile(r"\w", re.UNICODE)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").translate(_INVISIBLE).lower()


def _without_edge_punctuation(word: str) -> str:
    # "อบต." and "อบต" are one word, as PostgreSQL's parser also sees them. Only punctuation and
    # symbols go: Thai vowel and tone marks are not \w, yet they belong to the word.
    start, end = 0, len(word)
    while start < end and unicodedata.category(word[start])[0] in "PS":
        start += 1
    while end > start and unicodedata.category(word[end - 1])[0] in "PS":
        end -= 1
    return word[start:end]


def tokens(text: str) -> list[str]:
    """Words of the text, lower-cased, without spaces and punctuation."""
    text = normalise(text)
    if not text.strip():
        return []
    words = (_without_edge_punctuation(word) for word in word_tokenize(text, engine="newmm", keep_whitespace=False))
    return [word for word in words if _WORD.search(word)]


def segmented(text: str) -> str:
    """The text as space-separated words, the form stored in the index."""
    return " ".join(tokens(text))


def warm_up():
    tokens("ภูมิปัญญาท้องถิ่น")
