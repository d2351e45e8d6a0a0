"""Read a built site's search index (docs/search-index.md) the way the browser does, for
tests that check what it holds: written from the format document, not from the
engine's code, so a file that strays from the format fails here."""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from pathlib import Path


def fnv1a(text: str) -> int:
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def read_list(data: bytes, at: int, first: int, impacts: bool = True) -> tuple[list[tuple[int, int]], int]:
    """A posting list at ``at``: [(document id, impact)], and the offset after it."""
    n, width = struct.unpack_from("<IB", data, at)
    at += 5
    gaps = struct.unpack_from(f"<{n}{'H' if width == 2 else 'I'}", data, at)
    at += n * width
    ids, doc = [], first
    for gap in gaps:
        doc += gap
        ids.append(doc)
    weights = list(data[at:at + n]) if impacts else [0] * n
    return list(zip(ids, weights)), at + (n if impacts else 0)


@dataclass
class SearchIndex:
    root: Path  # the site's cari/indeks/

    @property
    def manifest(self) -> dict:
        return json.loads((self.root / "manifest.json").read_text(encoding="utf-8"))

    def cards(self) -> list[dict]:
        """Every document's card, in id order."""
        m = self.manifest
        out = []
        for block in range(-(-m["docs"] // m["block"])):
            out += json.loads((self.root / f"c/{block}.json").read_text(encoding="utf-8"))
        return out

    def bucket(self, word: str) -> dict:
        path = self.root / f"d/{fnv1a(word[:3]) % self.manifest['dict_buckets']}.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"w": [], "t": {}}

    def term(self, word: str) -> str | None:
        return dict(map(tuple, self.bucket(word)["w"])).get(word)

    def postings(self, word: str) -> dict[int, int]:
        """Document id -> impact of the term of ``word`` ({} when no document has it)."""
        term = self.term(word)
        if term is None:
            return {}
        df, loc, _forms = self.bucket(word)["t"][term]
        m = self.manifest
        found: list[tuple[int, int]] = []
        if loc.startswith("c/"):
            for part in range(max(1, -(-m["docs"] // m["range"]))):
                data = (self.root / f"p/{loc}-{part}.bin").read_bytes()
                found += read_list(data, 0, part * m["range"])[0]
        else:
            data = (self.root / f"p/{loc}.bin").read_bytes()
            at = 0
            while at < len(data):
                size = data[at]
                name = data[at + 1:at + 1 + size].decode("utf-8")
                items, at = read_list(data, at + 1 + size, 0)
                if name == term:
                    found = items
        assert len(found) == df, f"{word}: the dictionary says {df} documents, the postings hold {len(found)}"
        return dict(found)

    def facets(self) -> dict[str, dict[str, list[int]]]:
        """Facet key -> value -> document ids."""
        spec = json.loads((self.root / "facets.json").read_text(encoding="utf-8"))
        data = (self.root / "facets.bin").read_bytes()
        return {f["key"]: {label: [i for i, _ in read_list(data, offset, 0, impacts=False)[0]]
                           for label, offset, _n in f["values"]} for f in spec["facets"]}

    def urls_with(self, word: str) -> set[str]:
        cards = self.cards()
        return {cards[i]["u"] for i in self.postings(word)}
