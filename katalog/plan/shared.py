"""Shared view dicts: many pages show them, their repr is a digest (see ``Shared``)."""

from __future__ import annotations

import hashlib


class Shared(dict):
    """A view dict that many pages show (an entry's card, the site header).

    Its repr is a short digest of its contents, computed once, so that a page's
    signature (a digest of the repr of its context, see ``katalog.render``) costs
    little however many cards the page lists. Never change one after it is shown.
    """

    __slots__ = ("_digest",)

    def __repr__(self) -> str:
        try:
            return self._digest
        except AttributeError:
            text = dict.__repr__(self).encode("utf-8", "surrogatepass")
            self._digest = "<" + hashlib.blake2b(text, digest_size=12).hexdigest() + ">"
            return self._digest
