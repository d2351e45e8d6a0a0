"""Everything the incremental build knows between builds, in one place.

- ``stamps``: stamps of input files (scan_folder, settle, racy stamps);
- ``key``: the cache key, one function over everything that shapes the output, and the
  window of days an output is right for;
- ``records``: what is recorded (Manifest, PagesRecord, EntryPage, ParsedFile, TreeRecord);
- ``store``: where and how it is kept (the Cache folder, its marshal, pickle, SQLite and
  context files).

The output trees these records describe, and how a build switches between them, are
``katalog.trees``; the one step every build ends in is ``katalog.publish``.
"""

from .key import cache_key, code_digest, day_still_valid, library_versions
from .records import EntryPage, FileStamp, Manifest, PagesRecord, ParsedFile, TreeRecord
from .stamps import OUTSIDE, RACY_NS, UNKNOWN, UNREADABLE, Stamp, racy, scan_folder, settle
from .store import Cache, KeptPages, new_generation, store_contexts

__all__ = ["cache_key", "code_digest", "day_still_valid", "library_versions", "EntryPage",
           "FileStamp", "Manifest", "PagesRecord", "ParsedFile", "TreeRecord", "OUTSIDE", "RACY_NS", "UNKNOWN",
           "UNREADABLE", "Stamp", "racy", "scan_folder", "settle", "Cache", "KeptPages", "new_generation",
           "store_contexts"]
