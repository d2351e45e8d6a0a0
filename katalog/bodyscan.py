"""What a body shows, for ``build.py check``: its links and images and the raw HTML tags
it holds, found by the build's own Markdown parser, each with the line of the file it
comes from.

The parser is the renderer's (``katalog.markup.MarkdownRenderer``: the same extensions,
time limit and messages), with one more tree processor that runs before the renderer's
own link tidying and then ends the conversion (serialising and sanitising find no
links). So a link inside a code block or an HTML comment, which the page does not show
as a link, is never reported, and a link the page shows always is. A body holding
neither '[' nor '<' has no link or tag to find and, unless it holds a definition list
(which the parser can fail on), is not parsed at all.

Python-Markdown keeps no line numbers, so each link is found again in the body's text
(see ``_Lines``), searching forward from just after the previous link: first the target
written as a link (``](target``, ``]: target``, ``<target>``) outside fenced or indented
code and HTML comments, then the target anywhere; failing both, the previous link's
line. Only a target written twice, once inside code and once outside, can be given the
wrong one of its lines; the report itself (whether there is a broken link) depends on
the parser alone.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from bisect import bisect_right
from dataclasses import dataclass
from html.parser import HTMLParser
from types import MappingProxyType

from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from .markup import MarkdownRenderer
from .sanitize import DROPPED_WHOLE

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_DEFINITION = re.compile(r"^ {0,3}:[ \t]", re.M)  # thousands of these end the parser in RecursionError
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s")
_LINKED_ATTRIBUTE = MappingProxyType({"a": "href", "img": "src"})  # what the sanitiser keeps as a link


@dataclass(frozen=True)
class Link:
    """A link or image of a body: its target, whether it is an image, its alt text (None
    for one written in HTML) and its line."""

    target: str
    image: bool
    alt: str | None
    line: int


@dataclass(frozen=True)
class Tag:
    """A start tag written as HTML in a body, with its attributes (values decoded)."""

    name: str
    attrs: tuple[tuple[str, str | None], ...]
    line: int


@dataclass(frozen=True)
class Shown:
    links: tuple[Link, ...]  # written in Markdown or in HTML
    tags: tuple[Tag, ...]  # written in HTML


NOTHING = Shown((), ())


class _Seen(Exception):
    """Ends a conversion once the links are collected."""


class _Collect(Treeprocessor):
    """Every link and image, in document order, before anything changes them; then ends
    the conversion. Elements written in HTML around Markdown (``markdown="1"``) count as
    HTML (alt None)."""

    def __init__(self, md, scan: "_State"):
        super().__init__(md)
        self.scan = scan

    def run(self, root):
        for el in root.iter():
            attr = _LINKED_ATTRIBUTE.get(el.tag)
            value = el.get(attr) if attr else None
            if value is not None:
                value = html.unescape(value.replace(AMP_SUBSTITUTE, "&"))  # an autolinked e-mail address
                written_in_html = id(el) in self.scan.raw_elements
                self.scan.found.append((value, el.tag == "img", None if written_in_html else el.get("alt", "")))
        raise _Seen()


class _Mark(Preprocessor):
    """Notes how many pieces of HTML the fenced code blocks left with the parser (they run
    first): those are Markdown's own code, not HTML the writer wrote."""

    def __init__(self, md, scan: "_State"):
        super().__init__(md)
        self.scan = scan

    def run(self, lines):
        self.scan.fenced = len(self.md.htmlStash.rawHtmlBlocks)
        return lines


class _Blocks(Preprocessor):
    """Keeps the block-level HTML as the parser found it, before Markdown inside HTML
    (``markdown="1"``) is parsed into its elements and taken from the stash."""

    def __init__(self, md, scan: "_State"):
        super().__init__(md)
        self.scan = scan

    def run(self, lines):
        blocks = self.md.htmlStash.rawHtmlBlocks
        self.scan.blocks = [b if isinstance(b, str) else _element_tags(b, self.scan.raw_elements) for b in blocks]
        return lines


def _element_tags(el: etree.Element, seen: set[int]) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """The start tags of an HTML element holding Markdown, and of the HTML elements inside
    it (not inside one the sanitiser drops whole); their ids go to ``seen``."""
    seen.add(id(el))
    attrs = [(k, v) for k, v in el.attrib.items() if k != "markdown"]  # Markdown's own instruction, never published
    tags = [(str(el.tag), attrs)]
    if el.tag not in DROPPED_WHOLE:
        for child in el:
            tags += _element_tags(child, seen)
    return tags


@dataclass
class _State:
    """What the parser's processors note about the body being scanned."""

    found: list
    raw_elements: set
    blocks: list
    fenced: int = 0


class _Tags(HTMLParser):
    """Start tags of one piece of raw HTML, with their line within it; comments are not
    tags, and neither is anything inside an element the sanitiser drops whole (its
    container is reported). ``dropped``: the elements of that kind still open, shared by
    the pieces of one body."""

    def __init__(self, dropped: list[str]):
        super().__init__(convert_charrefs=True)
        self.dropped = dropped
        self.tags: list[tuple[str, list[tuple[str, str | None]], int, str]] = []

    def handle_starttag(self, tag, attrs):
        if not self.dropped:
            self.tags.append((tag, attrs, self.getpos()[0] - 1, self.get_starttag_text() or ""))
        if tag in DROPPED_WHOLE and tag != "embed":  # <embed> has no end tag
            self.dropped.append(tag)

    def handle_startendtag(self, tag, attrs):
        if not self.dropped:
            self.tags.append((tag, attrs, self.getpos()[0] - 1, self.get_starttag_text() or ""))

    def handle_endtag(self, tag):
        if tag in self.dropped:
            while self.dropped.pop() != tag:
                pass


class Scanner:
    """One parser for every body of a check (reset between bodies, as the renderer does)."""

    def __init__(self):
        self.renderer = MarkdownRenderer("/")
        self.state = _State([], set(), [])
        md = self.renderer.md
        md.treeprocessors.register(_Collect(md, self.state), "katalog_check_links", 2)  # before the renderer's tidying
        md.preprocessors.register(_Mark(md, self.state), "katalog_check_mark", 22)  # after fenced code, before HTML
        md.preprocessors.register(_Blocks(md, self.state), "katalog_check_blocks", 10)  # after HTML blocks
        # Heading ids, the table of contents (links within the page only) and whitespace:
        # left out to save time (tree processors that make no link and take no time to speak of).
        for name in ("toc", "prettify"):
            md.treeprocessors.deregister(name, strict=False)

    def scan(self, body: str, first_line: int) -> Shown:
        """The links and tags of ``body``, whose first line is line ``first_line`` of its file.
        Raises katalog.markup.BodyProblem when the parser cannot finish (the build's own message)."""
        if "[" not in body and "<" not in body and not _DEFINITION.search(body):
            return NOTHING  # no link, image, autolink or HTML, and no definition list the parser could fail on
        state = self.state
        state.found, state.raw_elements, state.blocks, state.fenced = [], set(), [], 0
        try:
            self.renderer._convert(body)
        except _Seen:
            pass
        lines = _Lines(body, first_line)
        links = [Link(target, image, alt, lines.find(target, _LINKED)) for target, image, alt in state.found]
        tags: list[Tag] = []
        stash = self.renderer.md.htmlStash.rawHtmlBlocks
        # Block-level HTML, then HTML within paragraphs (stashed later), each in order of its own.
        for pieces in (state.blocks[state.fenced:], stash[len(state.blocks):]):
            lines.restart()
            dropped: list[str] = []
            for piece in pieces:
                if isinstance(piece, list):  # an element holding Markdown: its links are the parser's
                    # stashed as it closes (inner ones first), so each is searched from the same place
                    tags += [Tag(name, tuple(attrs), lines.find("<" + name, ("",), advance=False))
                             for name, attrs in piece]
                    continue
                self._html(piece, lines, dropped, links, tags)
        return Shown(tuple(links), tuple(tags))

    @staticmethod
    def _html(piece: str, lines: "_Lines", dropped: list[str], links: list[Link], tags: list[Tag]) -> None:
        parser = _Tags(dropped)
        parser.feed(piece)
        parser.close()
        start = None
        for name, attrs, offset, raw in parser.tags:
            if start is None:
                start = lines.find(raw, ("",)) - offset
            tags.append(Tag(name, tuple(attrs), start + offset))
            for attr, value in attrs:
                if attr == _LINKED_ATTRIBUTE.get(name) and value is not None:
                    links.append(Link(value, name == "img", None, start + offset))


# How a link's target is written around it in Markdown, to tell its line from a mention.
_LINKED = ("](", "]: ", "]:", "<", "](<")
_DEFINED = ("]: ", "]:")  # a reference definition: links to it can come before and after it


class _Lines:
    """A body's text, searched forward for what the parser found (see the module's note).
    The cursor is an offset in the text: each search starts just after the last match."""

    def __init__(self, body: str, first_line: int):
        self.text = body
        self.first = first_line
        self.starts = [0] + [m.end() for m in re.finditer("\n", body)]
        self.hidden = _hidden(body.split("\n"))
        self.cursor = 0
        self.missing: set[str] = set()  # not after the cursor: not searched for again until a restart
        self._plain: tuple[str, list[int]] | None = None

    def restart(self) -> None:
        self.cursor = 0
        self.missing.clear()

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def find(self, text: str, before: tuple[str, ...], advance: bool = True) -> int:
        """The line of ``text``'s next place after the cursor (written after one of
        ``before``, on a shown line, when it is); the cursor's line when it is nowhere.
        The cursor moves past it unless ``advance`` is false or it is a reference definition."""
        if text not in self.missing:
            forms = list(dict.fromkeys((text, text.replace("&", "&amp;"))))  # '&' as the writer may have written it
            at = self._first([(b, f) for b in before for f in forms], shown=True)
            if at is None:
                at = self._first([("", f) for f in dict.fromkeys((*forms, text.replace("\\", "")))], shown=False)
            if at is None:
                at = self._unescaped(text)
            if at is not None:
                start, end, prefix = at
                if advance and prefix not in _DEFINED:
                    self.cursor = end
                return self.first + self.line(start)
            self.missing.add(text)
        return self.first + self.line(max(self.cursor - 1, 0))

    def _first(self, candidates: list[tuple[str, str]], shown: bool) -> tuple[int, int, str] | None:
        """(start of the target, end of the match, prefix) of the earliest candidate after
        the cursor, on a line outside code and comments when ``shown``."""
        best: tuple[int, int, str] | None = None
        for prefix, form in candidates:
            needle = prefix + form
            stop = best[0] + len(needle) if best else len(self.text)
            at = self.text.find(needle, self.cursor, stop)
            while at >= 0 and shown and self.line(at) in self.hidden:
                after = self.line(at) + 1
                at = self.text.find(needle, self.starts[after], stop) if after < len(self.starts) else -1
            if at >= 0 and (best is None or at < best[0]):
                best = (at, at + len(needle), prefix)
        return None if best is None else (best[0] + len(best[2]), best[1], best[2])

    def _unescaped(self, text: str) -> tuple[int, int, str] | None:
        """``text`` in the body read without its backslashes ('a\\_b' holds 'a_b')."""
        if "\\" not in self.text or not text:
            return None
        if self._plain is None:
            where = [i for i, ch in enumerate(self.text) if ch != "\\"]
            self._plain = ("".join(self.text[i] for i in where), where)
        plain, where = self._plain
        at = plain.find(text, bisect_right(where, self.cursor - 1))
        if at < 0:
            return None
        return where[at], where[at + len(text) - 1] + 1, ""


def _hidden(lines: list[str]) -> set[int]:
    """Indexes of lines inside fenced or indented code or an HTML comment."""
    hidden, fenced, comment = set(), False, False
    code, in_list, blank = False, False, True
    for i, line in enumerate(lines):
        if comment or fenced:
            hidden.add(i)
        if not comment and _FENCE.match(line):
            fenced = not fenced
            hidden.add(i)
            continue
        if fenced:
            continue
        indented = bool(line.strip()) and line.startswith(("    ", "\t"))
        code = indented and not comment and not in_list and (blank or code)  # after a blank line, outside a list
        if code:
            hidden.add(i)
        elif line.strip() and not indented:
            if _LIST_ITEM.match(line):
                in_list = True
            elif blank and not line[0].isspace():
                in_list = False  # a paragraph after a blank line ends a list
        blank = not line.strip()
        if code:
            continue
        opened, closed = line.rfind("<!--"), line.rfind("-->")
        if opened > closed:
            comment = True
            hidden.add(i)
        elif closed >= 0 and comment:
            comment = False
    return hidden
