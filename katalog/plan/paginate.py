"""Split a long list into numbered pages: 'inovasi/', 'inovasi/halaman/2/', ..."""

from __future__ import annotations

from typing import Any, Callable


def paginate(base: str, items: list, per_page: int, link: Callable[[str], str]) -> list[tuple[str, list, dict[str, Any]]]:
    """(path, items on that page, pagination view) for every page; one page when empty."""
    count = max(1, -(-len(items) // per_page))

    def path(n: int) -> str:
        return base if n == 1 else f"{base}halaman/{n}/"

    pages = []
    for n in range(1, count + 1):
        view = {
            "current": n,
            "total": count,
            "prev_url": link(path(n - 1)) if n > 1 else None,
            "next_url": link(path(n + 1)) if n < count else None,
            "pages": [{"number": i, "url": link(path(i)), "current": i == n} for i in _window(n, count)],
        }
        pages.append((path(n), items[(n - 1) * per_page:n * per_page], view))
    return pages


def _window(n: int, count: int, size: int = 2) -> list[int]:
    """Page numbers to show: first, last and a few around the current one."""
    shown = {1, count} | set(range(max(1, n - size), min(count, n + size) + 1))
    return sorted(shown)
