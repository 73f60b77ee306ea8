"""Thai word segmentation, for the search index and its queries (done the same way on both sides) and for the
document centre's title search.

Thai is written without spaces between words, so neither PostgreSQL's text-search parser nor a plain
substring match serves Thai readers well. PyThaiNLP's ``newmm`` engine works offline, over its own word
list held in a lean ``WordList``; loading it takes a moment, so ``warm_up()`` runs at start-up
(jomthong_site/wsgi.py, in gunicorn's master when preload_app is on, so that workers share it).
"""

import re
import unicodedata
from importlib.resources import files

from pythainlp.tokenize import word_tokenize

# Characters that carry no meaning for search: zero-width marks, punctuation, symbols.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_WORD = re.compile(r"\w", re.UNICODE)
# PyThaiNLP's word list, the one thai_words() reads.
THAI_WORDS_FILE = "words_th.txt"


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

    PyThaiNLP keeps the list as a trie of Python objects, one per letter (about 75 MiB in every worker);
    even a frozenset of its 62,000 words takes 10 MiB. Only the words' hashes are kept here (64-bit
    SipHash: the chance that some text's piece is taken for a word is about one in 10^14 per lookup),
    read from the file one line at a time so that no copy of the whole list is ever held: about 4 MiB,
    as fast as the set. The lengths are tried up to the longest word that starts with the same two
    letters. Same words in, same answers out, so the segmentation is unchanged.
    """

    def __init__(self, words):
        longest: dict[str, int] = {}
        hashes = set()
        for line in words:
            word = line.rstrip("\r\n")  # as PyThaiNLP reads its file (thai_words())
            if not word:
                continue
            hashes.add(hash(word))
            key = word[:2]
            if len(word) > longest.get(key, 0):
                longest[key] = len(word)
        self._hashes = frozenset(hashes)
        self.longest = longest

    def __contains__(self, word: str) -> bool:
        return hash(word) in self._hashes

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        limit = self.longest.get(text[start : start + 2], 1 if text[start : start + 1] in self else 0)
        hashes = self._hashes
        found = []
        for end in range(start + 1, min(len(text), start + limit) + 1):
            piece = text[start:end]
            if hash(piece) in hashes:
                found.append(piece)
        return found

    def __len__(self) -> int:
        return len(self._hashes)


_word_list = None


def word_list() -> WordList:
    global _word_list
    if _word_list is None:
        # PyThaiNLP's file, the one thai_words() reads; thai_words() itself would keep a set of it for good.
        with files("pythainlp.corpus").joinpath(THAI_WORDS_FILE).open(encoding="utf-8-sig") as lines:
            _word_list = WordList(lines)
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
