"""Headless Chromium through playwright: the one way kg's pages are opened by code.

Used by ``kg screenshot`` and by the browser tests. It drives the system's
Chromium (Debian's ``chromium`` package; ``KG_CHROMIUM`` names another
binary) and never downloads a browser of its own.
"""

from __future__ import annotations

import base64
import contextlib
import os
import struct
import time
import zlib
from pathlib import Path
from typing import Iterator, Optional

from .errors import KGError

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


class BrowserError(KGError):
    """Chromium or playwright is missing, or the page did not load."""


def chromium_path() -> str:
    """The Chromium binary to drive: $KG_CHROMIUM, else /usr/bin/chromium."""
    return os.environ.get("KG_CHROMIUM") or CHROMIUM


@contextlib.contextmanager
def launch() -> Iterator[object]:
    """A playwright Browser on the system Chromium; closed on exit.

    Raises:
        BrowserError: playwright is not installed or Chromium is missing.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BrowserError("playwright is not installed: pip install 'kg[browser]' (it drives the system's Chromium; no 'playwright install' needed)") from None
    path = chromium_path()
    if not Path(path).exists():
        raise BrowserError(f"{path}: no Chromium here; install it (apt-get install chromium) or set KG_CHROMIUM")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser, html_path: str | Path, width: int = 1400, height: int = 900, timeout: float = 30.0):
    """Open a kg page from file:// and wait until its layout has settled.

    Returns:
        (page, seconds from navigation to settled).

    Raises:
        BrowserError: the page is not a kg page or did not settle in time.
    """
    url = Path(html_path).resolve().as_uri()
    page = browser.new_page(viewport={"width": width, "height": height})
    started = time.perf_counter()
    try:
        # one deadline for both: a large page can take longer than playwright's 30 s to fire 'load'
        page.goto(url, timeout=timeout * 1000)
        left = max(timeout - (time.perf_counter() - started), 0.001)
        page.wait_for_function("() => window.kg && window.kg.ready === true", timeout=left * 1000)
    except Exception as exc:  # playwright's TimeoutError and friends
        page.close()
        raise BrowserError(f"{html_path}: the page did not settle in {timeout:g} s ({str(exc).splitlines()[0]})") from None
    return page, time.perf_counter() - started


def screenshot(
    html_path: str | Path,
    out: str | Path,
    select: Optional[str] = None,
    width: int = 1280,
    height: int = 800,
) -> tuple[Path, float]:
    """Take a PNG of a kg page, optionally with one node selected and its panel open.

    Args:
        html_path: the page (e.g. exports/graph.html).
        out: the PNG to write.
        select: a node id or label to select first (its panel shows).
        width, height: the viewport in CSS pixels.

    Returns:
        the PNG's path and the page's load-and-settle time in seconds.

    Raises:
        BrowserError: no browser, the page did not settle, or ``select`` names no node.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with launch() as browser:
        page, settle = open_page(browser, html_path, width, height)
        try:
            if select:
                found = page.evaluate(
                    """(name) => {
                        const d = window.kg.data.nodes;
                        if (d[name]) return name;
                        const want = name.toLowerCase();
                        for (const id of Object.keys(d)) if ((d[id].label || '').toLowerCase() === want) return id;
                        for (const id of Object.keys(d)) if ((d[id].label || '').toLowerCase().includes(want)) return id;
                        return null;
                    }""",
                    select,
                )
                if not found:
                    raise BrowserError(f"--select {select!r}: no node of the page has that id or label")
                page.evaluate("(id) => window.kg.select(id, {animate: false})", found)
                page.wait_for_timeout(600)
            png = page.screenshot(type="png")
        finally:
            page.close()
        png = compact_png(browser, png)
    out.write_bytes(png)
    return out, settle


_PIXELS_JS = """async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let s = '';
    for (let i = 0; i < px.length; i += 0x8000) s += String.fromCharCode.apply(null, px.subarray(i, i + 0x8000));
    return [c.width, c.height, btoa(s)];
}"""


def compact_png(browser, png: bytes, colors: int = 256) -> bytes:
    """The same picture as an 8-bit palette PNG, usually a third of the size.

    Chromium decodes the PNG (a canvas on a blank page), numpy picks the
    ``colors`` most used colours and maps each pixel to the nearest; the
    result is kept only if it is smaller. Without numpy the PNG is returned as is.
    """
    try:
        import numpy as np
    except ImportError:
        return png
    page = browser.new_page()
    try:
        w, h, raw = page.evaluate(_PIXELS_JS, "data:image/png;base64," + base64.b64encode(png).decode())
    finally:
        page.close()
    rgb = np.frombuffer(base64.b64decode(raw), dtype=np.uint8).reshape(h, w, 4)[:, :, :3].reshape(-1, 3)
    bins = (rgb[:, 0].astype(np.int32) >> 3 << 10) | (rgb[:, 1].astype(np.int32) >> 3 << 5) | (rgb[:, 2].astype(np.int32) >> 3)
    uniq, inverse, counts = np.unique(bins, return_inverse=True, return_counts=True)
    sums = np.zeros((len(uniq), 3))
    np.add.at(sums, inverse, rgb)
    means = sums / counts[:, None]
    top = np.argsort(-counts, kind="stable")[:colors]
    palette = means[top]
    # nearest palette colour of every bin, in chunks to bound memory
    nearest = np.empty(len(uniq), dtype=np.uint8)
    for i in range(0, len(uniq), 4096):
        d = ((means[i : i + 4096, None, :] - palette[None, :, :]) ** 2).sum(axis=2)
        nearest[i : i + 4096] = d.argmin(axis=1)
    index = nearest[inverse].reshape(h, w)
    rows = np.concatenate([np.zeros((h, 1), dtype=np.uint8), index], axis=1).tobytes()
    pal = np.clip(np.rint(palette), 0, 255).astype(np.uint8).tobytes()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    out = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 3, 0, 0, 0))
        + chunk(b"PLTE", pal)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )
    return out if len(out) < len(png) else png
