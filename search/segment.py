"""Thai word segmentation for the search index and for queries, done the same way on both sides.

Thai is written without spaces between words, so neither PostgreSQL's text-search parser nor a plain
substring match serves Thai readers well. PyThaiNLP's ``newmm`` engine works offline, over its own word
list held in a lean ``WordList``; loading it takes a moment, so ``warm_up()`` runs at start-up
(jomthong_site/wsgi.py, in gunicorn's master when preload_app is on, so that workers share it).
"""

import re
import unicodedata

from pythainlp.corpus import thai_words
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


class WordList:
    """PyThaiNLP's own word list, answering the one question its ``newmm`` engine asks of a dictionary:
    which words start at this position of the text.

    PyThaiNLP keeps the list as a trie of Python objects, one per letter: about 75 MiB in every worker.
    This answers from the set of words itself (about 8 MiB, the set PyThaiNLP has loaded anyway), trying
    each length up to the longest word that starts with the same two letters. Same words in, same
    answers out, so the segmentation is unchanged.
    """

    def __init__(self, words):
        if not isinstance(words, frozenset) or any(word != word.strip() or not word for word in words):
            words = frozenset(word.strip() for word in words if word.strip())
        self.words = words  # PyThaiNLP's own frozenset when it is clean already: no second copy
        longest: dict[str, int] = {}
        for word in self.words:
            key = word[:2]
            if len(word) > longest.get(key, 0):
                longest[key] = len(word)
        self.longest = longest

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        limit = self.longest.get(text[start : start + 2], 1 if text[start : start + 1] in self.words else 0)
        words = self.words
        found = []
        for end in range(start + 1, min(len(text), start + limit) + 1):
            piece = text[start:end]
            if piece in words:
                found.append(piece)
        return found

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def __len__(self) -> int:
        return len(self.words)

    def __iter__(self):
        return iter(self.words)


_word_list = None


def word_list() -> WordList:
    global _word_list
    if _word_list is None:
        _word_list = WordList(thai_words())
    return _word_list


def tokens(text: str) -> list[str]:
    """Words of the text, lower-cased, without spaces and punctuation."""
    text = normalise(text)
    if not text.strip():
        return []
    words = (
        _without_edge_punctuation(word)
        for word in word_tokenize(text, custom_dict=word_list(), engine="newmm", keep_whitespace=False)
    )
    return [word for word in words if _WORD.search(word)]


def segmented(text: str) -> str:
    """The text as space-separated words, the form stored in the index."""
    return " ".join(tokens(text))


def warm_up():
    tokens("ภูมิปัญญาท้องถิ่น")
