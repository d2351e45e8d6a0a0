"""YAML reading that keeps line numbers and refuses what YAML would silently hide.

Values are built by PyYAML's own (C, when available) safe loader; alongside them we
keep, for every key and list item, the line it stands on and the literal text of
scalars, so validation can point at the right line and explain that an unquoted
``32.10`` was read as the number 32.1.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class BadDate(str):
    """A value shaped like a date (``2017-02-30``) that is not a real day."""


class _Loader(_Base):  # type: ignore[misc,valid-type]
    pass


def _timestamp(loader: Any, node: yaml.Node) -> Any:
    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return BadDate(node.value)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _int(loader: Any, node: yaml.Node) -> Any:
    """An integer, or, for a digit string longer than any count or year (or YAML 1.1's
    base-60 '1:59:59'), the text as written: Python refuses to convert ints of thousands
    of digits, and no field wants one."""
    if len(node.value) > 30 or ":" in node.value:
        return node.value
    return SafeConstructor.construct_yaml_int(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:int", _int)


class Located(NamedTuple):
    """Where a value stands: 1-based line and, for scalars, the text as written."""

    line: int
    raw: str | None = None
    tag: str = ""
    key: str | None = None  # for a mapping value: its key as written


@dataclass(frozen=True)
class YamlDoc:
    data: Any
    # ("visitors", 1) -> where the second visitor code stands
    marks: dict[tuple, Located] = field(default_factory=dict)
    duplicates: tuple[tuple[str, int], ...] = ()

    def line_of(self, *path: Any, default: int = 0) -> int:
        """Line of the value at ``path``, falling back to its parents."""
        while path:
            mark = self.marks.get(tuple(path))
            if mark:
                return mark.line
            path = path[:-1]
        return default

    def key_of(self, key: Any) -> str:
        """A top-level key as written in the file."""
        mark = self.marks.get((key,))
        return mark.key if mark and mark.key is not None else str(key)

    def raw_of(self, *path: Any) -> str | None:
        mark = self.marks.get(tuple(path))
        return mark.raw if mark else None


class YamlError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


# libyaml's problems, said in Indonesian with what to do about them: (pattern, message,
# whether the line where the construct began says more than where parsing failed)
_EXPLAINED = (
    (r"did not find expected ',' or '\]'", "daftar yang dibuka dengan '[' di baris ini tidak ditutup dengan ']', "
     "atau item-itemnya tidak dipisah koma", True),
    (r"did not find expected ',' or '\}'", "pasangan yang dibuka dengan '{' di baris ini tidak ditutup dengan '}', "
     "atau isinya tidak dipisah koma", True),
    (r"found unexpected end of stream", "tanda kutip yang dibuka di baris ini tidak pernah ditutup", True),
    (r"mapping values are not allowed", "tanda ':' di tempat yang tidak diharapkan; bila sebuah nilai mengandung "
     "': ', tulis nilai itu dalam tanda kutip, dan periksa indentasi baris ini", False),
    (r"tab character|character '\\t'", "ada karakter tab; YAML hanya menerima spasi untuk indentasi", False),
    (r"did not find expected key", "baris ini tidak sejajar dengan field di atasnya; samakan indentasinya "
     "(jumlah spasi di awal baris)", False),
    (r"did not find expected '-' indicator", "setiap item daftar harus diawali '- ' dengan indentasi yang sama", False),
    (r"could not find expected ':'", "tanda ':' setelah nama field tidak ditemukan; tulis 'field: nilai'", False),
    (r"found undefined alias", "tanda '*' di awal nilai punya arti khusus di YAML; tulis nilai itu dalam tanda kutip", False),
)


def _problem(exc: yaml.YAMLError, first_line: int, text: str = "") -> YamlError:
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML refuses anywhere, e.g. a bell copied from a web page
        at = text.find(chr(exc.character))  # libyaml counts bytes, not characters
        line = first_line + text.count("\n", 0, at if at >= 0 else 0)
        return YamlError(line, f"YAML tidak valid: ada karakter kontrol tak terlihat (kode {exc.character:#06x}) di baris "
                               "ini, biasanya terbawa saat menyalin teks; hapus karakter itu")
    problem = getattr(exc, "problem", None) or str(exc)
    context_mark = getattr(exc, "context_mark", None)
    problem_mark = getattr(exc, "problem_mark", None)
    if problem_mark is not None and "cannot start any token" in problem:
        lines = text.split("\n")
        row = lines[problem_mark.line] if problem_mark.line < len(lines) else ""
        char = row[problem_mark.column:problem_mark.column + 1]
        message = ("ada karakter tab; YAML hanya menerima spasi untuk indentasi" if char == "\t" else
                   f"nilai di baris ini diawali '{char}', karakter yang punya arti khusus di YAML; "
                   "tulis nilai itu dalam tanda kutip")
        return YamlError(first_line + problem_mark.line, f"YAML tidak valid: {message}")
    for pattern, message, at_start in _EXPLAINED:
        found = re.search(pattern, problem)
        if found:
            mark = (context_mark if at_start else problem_mark) or problem_mark or context_mark
            line = first_line + mark.line if mark else first_line
            return YamlError(line, f"YAML tidak valid: {message}")
    mark = context_mark or problem_mark
    line = first_line + mark.line if mark else first_line
    context = getattr(exc, "context", None)
    return YamlError(line, f"YAML tidak valid: {f'{context}, {problem}' if context else problem}")


MAX_CHARS = 256 * 1024  # a front-matter of 40 fields is under 5,000
MAX_DEPTH = 16  # the schemas go three levels deep
# Cheap signs that a text may nest deeply or use aliases; only such texts get the full
# check of every event (a C parse without recursion, so no input can crash it).
_MAYBE_DEEP = re.compile(r"[\n\x85\u2028\u2029] {32,}|[\t\x85\u2028\u2029]|(?:[-?] +){4}|(?:^|[\s\[{,:?-])\*\S")


def _refuse_shapes(text: str, first_line: int) -> None:
    """Refuse, before anything is built from it, YAML that could exhaust time, memory or
    the stack: huge documents, nesting deeper than any schema, aliases (a few lines of
    aliases can stand for billions of values)."""
    if len(text) > MAX_CHARS:
        raise YamlError(first_line, f"YAML terlalu besar ({len(text) // 1024} KB); batasnya {MAX_CHARS // 1024} KB")
    if text.count("[") + text.count("{") <= 8 and not _MAYBE_DEEP.search(text):
        return
    loader = _Loader(text)
    depth = 0
    anchors = set()
    try:
        while loader.check_event():
            event = loader.get_event()
            kind = type(event)
            if getattr(event, "anchor", None) and kind is not yaml.AliasEvent:
                anchors.add(event.anchor)
            elif kind is yaml.AliasEvent and event.anchor in anchors:  # an undefined one is explained by load()
                raise YamlError(first_line + event.start_mark.line,
                                f"YAML tidak valid: alias '*{event.anchor}' tidak didukung; tulis nilainya langsung "
                                "(bila nilai memang diawali '*', tulis dalam tanda kutip)")
            if kind in (yaml.SequenceStartEvent, yaml.MappingStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlError(first_line + event.start_mark.line,
                                    f"YAML bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat); "
                                    "field katalog paling dalam hanya tiga tingkat")
            elif kind in (yaml.SequenceEndEvent, yaml.MappingEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _problem(exc, first_line, text) from None
    finally:
        loader.dispose()


def load(text: str, first_line: int = 1) -> YamlDoc:
    """Parse one YAML document; line numbers are offset so ``first_line`` is line 1 of text."""
    _refuse_shapes(text, first_line)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(None)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise _problem(exc, first_line, text) from None
    except (ValueError, TypeError, KeyError, IndexError, OverflowError):  # e.g. '!!int "abc"'
        at = text.find("!!")
        raise YamlError(first_line + text.count("\n", 0, max(at, 0)),
                        "YAML tidak valid: nilai bertanda '!!' ini tidak dapat dibaca; hapus tanda '!!...' dan tulis "
                        "nilainya biasa") from None
    except RecursionError:
        raise YamlError(first_line, f"YAML bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat); "
                                    "field katalog paling dalam hanya tiga tingkat") from None
    finally:
        loader.dispose()
    marks: dict[tuple, Located] = {}
    duplicates: list[tuple[str, int]] = []
    try:
        _walk(node, (), marks, duplicates, first_line - 1, set())
    except RecursionError:  # _refuse_shapes lets no such text through; this is the last guard
        raise YamlError(first_line, f"YAML bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat); "
                                    "field katalog paling dalam hanya tiga tingkat") from None
    return YamlDoc(data, marks, tuple(duplicates))


def _walk(node, path, marks, duplicates, offset, seen, key_line=0, key_raw=None) -> None:
    """Record where every value stands; a mapping value is placed on its key's line,
    where a reader looks for the field."""
    if id(node) in seen:  # aliases point back at nodes already walked
        return
    seen.add(id(node))
    line = key_line or node.start_mark.line + 1 + offset
    cls = type(node)
    if cls is ScalarNode:
        marks[path] = Located(line, node.value, node.tag, key_raw)
    elif cls is SequenceNode:
        marks[path] = Located(line, None, node.tag, key_raw)
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), marks, duplicates, offset, seen)
    elif cls is MappingNode:
        marks[path] = Located(line, None, node.tag, key_raw)
        keys: set = set()
        for key_node, value_node in node.value:
            key = _key(key_node)
            k_line = key_node.start_mark.line + 1 + offset
            if key in keys:
                dotted = ".".join(str(p) for p in path + (key,))
                duplicates.append((dotted, k_line))
            keys.add(key)
            raw = key_node.value if type(key_node) is ScalarNode else None
            _walk(value_node, path + (key,), marks, duplicates, offset, seen, k_line, raw)


def _key(node: yaml.Node):
    """The Python key YAML makes of a key node: 32.10 unquoted is the float 32.1. Read from
    the node's own text and tag, never parsed again (a key may hold anything)."""
    if type(node) is not ScalarNode:
        return "?"
    value = node.value
    if node.tag.endswith(":float") and re.fullmatch(r"[-+]?[0-9_]{1,30}\.[0-9_]{0,30}", value):
        return float(value.replace("_", ""))
    if node.tag.endswith(":int") and re.fullmatch(r"[-+]?[0-9]{1,30}", value):
        return int(value)
    return value


def is_date(value: Any) -> bool:
    return isinstance(value, datetime.date) and not isinstance(value, BadDate)
