"""Generated Danish and Swedish text from the word lists, deterministic for a random source."""

from __future__ import annotations

import itertools
import random

from kvalitet.bench.words import DANISH_TAIL, SWEDISH_TAIL, WORDS

TAIL = {"da": DANISH_TAIL, "sv": SWEDISH_TAIL}
HEADINGS = {
    "da": ["Formål", "Ansvar", "Fremgangsmåde", "Dokumentation", "Opfølgning", "Henvisninger"],
    "sv": ["Syfte", "Ansvar", "Tillvägagångssätt", "Dokumentation", "Uppföljning", "Hänvisningar"],
}
TITLE_PREFIXES = {
    "da": ["Procedure for", "Instruks for", "Tjekliste til", "Vejledning om", "Politik for"],
    "sv": ["Rutin för", "Instruktion för", "Checklista för", "Vägledning om", "Policy för"],
}
AND = {"da": "og", "sv": "och"}


class TextMaker:
    """Sentences with Zipf-distributed words; a pool of paragraphs reused across documents (as
    real handbooks repeat their standard passages) plus fresh sentences in every text."""

    def __init__(self, language: str, rng: random.Random, *, pool_size: int = 600) -> None:
        self.language = language
        self.rng = rng
        self.words = WORDS[language]
        self.tail = TAIL[language]
        self.cum = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(self.words))))
        self.pool = [self.paragraph() for _ in range(pool_size)]

    def sentence(self, low: int = 6, high: int = 18) -> str:
        words = self.rng.choices(self.words, cum_weights=self.cum, k=self.rng.randint(low, high))
        if self.rng.random() < 0.15:
            words[self.rng.randrange(len(words))] = self.rng.choice(self.tail)
        text = " ".join(words)
        return text[:1].upper() + text[1:] + "."

    def paragraph(self, sentences: tuple[int, int] = (3, 7)) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(*sentences)))

    def phrase(self, count: int) -> str:
        domain = self.words[40 : -len(self.tail)]
        return f" {AND[self.language]} ".join(self.rng.sample(domain, count))

    def title(self) -> str:
        return f"{self.rng.choice(TITLE_PREFIXES[self.language])} {self.phrase(2)}"

    def body(self, paragraphs: tuple[int, int] = (3, 8)) -> str:
        """A Markdown text: headed sections of pooled paragraphs and one fresh paragraph."""
        parts = []
        headings = HEADINGS[self.language]
        for index in range(self.rng.randint(*paragraphs)):
            if index % 2 == 0:
                parts.append(f"## {headings[(index // 2) % len(headings)]}")
            parts.append(self.rng.choice(self.pool))
        parts.append(self.paragraph((2, 4)))
        if self.rng.random() < 0.3:
            parts.append(
                "\n".join(f"- {self.sentence(3, 8)}" for _ in range(self.rng.randint(2, 5)))
            )
        return "\n\n".join(parts)
