"""The extractor's words, read from data/lexicon.tsv: each word once, with the roles it plays.

A rule never lists words itself; it asks for the words of a role and compiles them:

    pattern("relation")   -> "控制在|…|增长(?![率点极])|…"   (longest first, with each word's context)
    words("object_verb")  -> {"完成", "实现", …}
    values("bound")       -> {"突破": ">=", "低于": "<=", …}

A line of the table is a word, its roles (role or role=value, comma-separated) and up to
three regular expressions: what must follow the word, what must not follow it, and what
must not stand before it. A word stands on a line of its own for each context some role
reads it in (仍 is a cue of a result only when no 将 follows; as the end of a subject it
stops before any word).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache, lru_cache

_TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "lexicon.tsv")


@dataclass(frozen=True, slots=True)
class Word:
    """One line of the lexicon."""

    text: str
    roles: dict[str, str]  # role -> value ("" when the role has none)
    followed_by: str = ""  # a regex that must follow the word
    not_followed_by: str = ""  # a regex that must not follow it
    not_preceded_by: str = ""  # words that must not stand right before it, |-separated

    def regex(self) -> str:
        """The word with its context, as a regular expression."""
        behind = "".join(f"(?<!{re.escape(word)})" for word in self.not_preceded_by.split("|") if word)
        ahead = (f"(?={self.followed_by})" if self.followed_by else "") + (
            f"(?!{self.not_followed_by})" if self.not_followed_by else "")
        return f"{behind}{re.escape(self.text)}{ahead}"


@lru_cache(maxsize=1)
def table() -> tuple[Word, ...]:
    """Every line of the lexicon."""
    lines = []
    with open(_TABLE, encoding="utf-8") as source:
        for line in source:
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t") + ["", "", ""]
            roles = dict((role.split("=", 1) + [""])[:2] for role in cells[1].split(",") if role)
            lines.append(Word(cells[0], roles, cells[2], cells[3], cells[4]))
    return tuple(lines)


@cache
def entries(role: str) -> tuple[Word, ...]:
    """The lines that play `role`, longest word first (so a regex tries 控制在 before 控制)."""
    found = [word for word in table() if role in word.roles]
    if not found:
        raise KeyError(f"no word plays the role {role!r} in the lexicon")
    return tuple(sorted(found, key=lambda word: -len(word.text)))


@cache
def pattern(role: str) -> str:
    """An alternation of the role's words with their contexts, longest first (no group around it)."""
    return "|".join(word.regex() for word in entries(role))


@cache
def words(role: str) -> frozenset[str]:
    """The role's words, without their contexts (for set look-ups)."""
    return frozenset(word.text for word in entries(role))


@cache
def values(role: str) -> dict[str, str]:
    """word -> the value the role gives it (bound: 突破 -> ">=")."""
    return {word.text: word.roles[role] for word in entries(role)}
