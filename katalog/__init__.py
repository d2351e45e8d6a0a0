"""Katalog Inovasi: a static site generator for Indonesian regional innovations.

The build is a one-way pipeline; each stage lives in its own module:

    discover  files on disk              -> SourceFile
    parse     SourceFile                 -> Entry (validated against schema)
    catalogue entries + regions          -> Catalogue (cross-references, indexes)
    plan      Catalogue                  -> PageSpec list (url, template, context)
    render    PageSpec                   -> bytes
    write     rendered files             -> output folder, swapped in atomically

``katalog.builder.build`` calls them in that order.
"""

__version__ = "0.1.0"
