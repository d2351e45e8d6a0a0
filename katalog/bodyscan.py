"""What a body shows, for ``build.py check``: its links and images and the raw HTML tags
it holds, found by the build's own Markdown parser, each with the line of the file it
comes from.

The parser is the renderer's (``katalog.render.MarkdownRenderer``: the same extensions,
time limit and messages), with one more tree processor that runs before the renderer's
own link tidying. So a link inside a code block or an HTML comment, which the page does
not show as a link, is never reported, and a link the page shows always is.

Python-Markdown keeps no line numbers, so each link is found again in the body's lines
(see ``_Lines``): the first line at or after the previous link's line that holds the
target written as a link (``](target``, ``]: target``, ``<target>``), outside fenced code
and HTML comments; failing that, any line at or after it holding the target; failing
that, any line holding it; failing that, the previous link's line. Only a target written
twice, once inside code and once outside, can be given the wrong one of its lines; the
report itself (whether there is a broken link) depends on the parser alone.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from .render import MarkdownRenderer

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


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


class _Collect(Treeprocessor):
    """Every element with an href or src, in document order, before anything changes them."""

    def __init__(self, md, found: list):
        super().__init__(md)
        self.found = found

    def run(self, root):
        self.found.clear()
        for el in root.iter():
            for attr in ("href", "src"):
                value = el.get(attr)
                if value is not None:
                    value = html.unescape(value.replace(AMP_SUBSTITUTE, "&"))  # an autolinked e-mail address
                    self.found.append((value, el.tag == "img", el.get("alt", "")))


class _Mark(Preprocessor):
    """Notes how many pieces of HTML the fenced code blocks left with the parser (they run
    first): those are Markdown's own code, not HTML the writer wrote."""

    def __init__(self, md, mark: list):
        super().__init__(md)
        self.mark = mark

    def run(self, lines):
        self.mark[:] = [len(self.md.htmlStash.rawHtmlBlocks)]
        return lines


class _Tags(HTMLParser):
    """Start tags of one piece of raw HTML, with their line within it; comments are not tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]], int, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs, self.getpos()[0] - 1, self.get_starttag_text() or ""))

    handle_startendtag = handle_starttag


class Scanner:
    """One parser for every body of a check (reset between bodies, as the renderer does)."""

    def __init__(self):
        self.renderer = MarkdownRenderer("/")
        self._found: list[tuple[str, bool, str]] = []
        self._fenced = [0]
        md = self.renderer.md
        md.treeprocessors.register(_Collect(md, self._found), "katalog_check_links", 2)  # before the renderer's tidying
        md.preprocessors.register(_Mark(md, self._fenced), "katalog_check_mark", 22)  # after fenced code, before HTML

    def scan(self, body: str, first_line: int) -> Shown:
        """The links and tags of ``body``, whose first line is line ``first_line`` of its file.
        Raises katalog.render.TemplateProblem when the parser cannot finish (the build's own message)."""
        self._found.clear()
        self.renderer._convert(body)
        lines = _Lines(body, first_line)
        links = [Link(target, image, alt, lines.find(target, _LINKED)) for target, image, alt in self._found]
        tags: list[Tag] = []
        lines.cursor = 0  # HTML is searched for in order of its own
        for block in self.renderer.md.htmlStash.rawHtmlBlocks[self._fenced[0]:]:
            if isinstance(block, etree.Element):  # Markdown inside HTML (md_in_html): already parsed
                continue
            parser = _Tags()
            parser.feed(block)
            parser.close()
            start = None
            for name, attrs, offset, raw in parser.tags:
                if start is None:
                    start = lines.find(raw, ())
                tags.append(Tag(name, tuple(attrs), start + offset))
                for attr, value in attrs:
                    if attr in ("href", "src") and name in ("a", "img") and value is not None:
                        links.append(Link(value, name == "img", None, start + offset))
        return Shown(tuple(links), tuple(tags))


# How a link's target is written around it in Markdown, to tell its line from a mention.
_LINKED = ("](", "]: ", "]:", "<", "](<")


class _Lines:
    """A body's lines, searched in order for what the parser found (see the module's note)."""

    def __init__(self, body: str, first_line: int):
        self.lines = body.split("\n")
        self.first = first_line
        self.cursor = 0
        self.hidden = _hidden(self.lines)
        self.missing: set[str] = set()  # found nowhere: not searched for again

    def find(self, text: str, before: tuple[str, ...]) -> int:
        if text in self.missing:
            return self.first + self.cursor
        unescaped = text.replace("\\", "")
        at = (self._search(lambda i, line: i not in self.hidden and any(b + text in line for b in before), self.cursor)
              if before else None)
        for start in (self.cursor, 0):
            if at is None:
                at = self._search(lambda i, line: text in line or text in line.replace("\\", "")
                                  or unescaped in line, start)
        if at is None:
            self.missing.add(text)
        else:
            self.cursor = at
        return self.first + (self.cursor if at is None else at)

    def _search(self, test, start: int) -> int | None:
        return next((i for i in range(start, len(self.lines)) if test(i, self.lines[i])), None)


def _hidden(lines: list[str]) -> set[int]:
    """Indexes of lines inside fenced code or an HTML comment."""
    hidden, fenced, comment = set(), False, False
    for i, line in enumerate(lines):
        if comment or fenced:
            hidden.add(i)
        if not comment and _FENCE.match(line):
            fenced = not fenced
            hidden.add(i)
            continue
        if not fenced:
            opened, closed = line.rfind("<!--"), line.rfind("-->")
            if opened > closed:
                comment = True
                hidden.add(i)
            elif closed >= 0 and comment:
                comment = False
    return hidden
