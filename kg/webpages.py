"""Saved web pages (``.html``, ``.htm``) as documents: their main text and metadata, by trafilatura.

trafilatura (Apache-2.0) drops navigation, related-story lists, share
widgets and footers, and reads the page's own metadata (``<meta>``,
Open Graph, JSON-LD).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Optional

from .errors import DocumentError

#: the file name endings read as saved web pages
PAGE_SUFFIXES = (".html", ".htm")
#: a paragraph that reads as a sentence: four words or more and a closing mark
_SENTENCE = re.compile(r"(?:\S+\s+){3,}\S+[.!?][\"'”’)]?\s*$")


@dataclass
class Page:
    """The main text of a saved page and what its metadata says."""

    text: str
    title: Optional[str] = None
    publisher: Optional[str] = None
    published: Optional[dt.date] = None
    url: Optional[str] = None


def read_page(raw: bytes, path: str) -> Page:
    """Extract the main text, title, publisher, publication date and URL of a saved page.

    Args:
        raw: the page's bytes, in the encoding it declares.
        path: the file, for messages.

    Raises:
        DocumentError: the page has no main text.
    """
    import trafilatura

    # trafilatura logs every page it finds nothing in; the build reports that once, itself
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    found = trafilatura.bare_extraction(
        raw,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
        # the page's own date only: a search of the body would take the dates of other stories
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (found.text or "") if found is not None else ""
    # with no article, trafilatura falls back on whatever text is left (a menu, a footer)
    if not any(_SENTENCE.search(line) for line in text.splitlines()):
        raise DocumentError(path, "empty file (no main text on the page); skipped")
    return Page(
        text=text.strip() + "\n",
        title=_clean(found.title),
        publisher=_clean(found.sitename),
        published=_date(found.date),
        url=_clean(found.url),
    )


def _clean(value: Optional[str]) -> Optional[str]:
    value = " ".join((value or "").split())
    return value or None


def _date(value: Optional[str]) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
