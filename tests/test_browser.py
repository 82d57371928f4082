"""The HTML view in a real browser: Debian's headless Chromium, driven by playwright.

One browser per module. If Chromium is missing these tests fail (CI installs it).
"""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx
import pytest

from kg.browser import chromium_path, launch
from kg.html import render_html
from kg.network import load_quads, to_networkx

HOSTILE_SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">'


@pytest.fixture(scope="module")
def browser():
    if not Path(chromium_path()).exists():
        pytest.fail(f"{chromium_path()} is missing: apt-get install chromium (the browser tests need it)")
    with launch() as b:
        yield b


class Watched:
    """A page with its console errors and network requests recorded."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_function("() => window.kg && window.kg.ready === true", timeout=30000)

    def click_node(self, node: str) -> None:
        """Click a node where it is drawn on the canvas, as a person would."""
        x, y = self.page.evaluate(
            """(id) => {
                const p = network.canvasToDOM(network.getPositions([id])[id]);
                const r = document.getElementById('mynetwork').getBoundingClientRect();
                return [r.left + p.x, r.top + p.y];
            }""",
            node,
        )
        self.page.mouse.click(x, y)

    def panel_text(self) -> str:
        return self.page.inner_text("#kg-panel-body")

    def close(self) -> None:
        assert self.errors == [], self.errors
        assert self.requests == [self.url], self.requests  # the page itself, and nothing else
        self.page.close()


def washington_meeting(g: nx.MultiDiGraph) -> str:
    return next(n for n, d in g.nodes(data=True) if d["type"] == "meeting" and d.get("place") == "place:washington-us" and d.get("start") == "2023-10-26")


@pytest.fixture(scope="module")
def seed_graph(seed_export):
    return to_networkx(load_quads(seed_export))


@pytest.fixture(scope="module")
def seed_page(seed_graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "graph.html"
    path.write_bytes(render_html(seed_graph, limit=None))
    return path


def test_seed_page_counts_click_and_evidence(browser, seed_graph, seed_page):
    w = Watched(browser, seed_page)
    page = w.page
    assert page.evaluate("nodes.length") == seed_graph.number_of_nodes()
    assert page.evaluate("edges.length") == len({(u, v, d["relation"]) for u, v, d in seed_graph.edges(data=True)})
    assert page.evaluate("network.physics.physicsEnabled") is False  # settled, then stopped

    meeting = washington_meeting(seed_graph)
    w.click_node(meeting)
    page.wait_for_selector(f'#kg-panel-body[data-node="{meeting}"]')
    text = w.panel_text()
    assert seed_graph.nodes[meeting]["label"] in text
    assert "Antony Blinken" in text and "Wang Yi" in text
    # a quoted evidence sentence and its source's title and publisher
    attended = seed_graph.get_edge_data("person:antony-blinken", meeting)["attended"]["evidence"][0]
    assert " ".join(attended["quote"].split())[:60] in " ".join(text.split())
    doc = seed_graph.nodes[attended["doc"]]
    assert (doc.get("title") or "")[:40] in text and (doc.get("publisher") or "") in text
    w.close()


def test_search_type_filter_and_timeline(browser, seed_graph, seed_page):
    w = Watched(browser, seed_page)
    page = w.page
    page.fill("#kg-search", "wang y")
    page.wait_for_selector("#kg-results li")
    page.keyboard.press("Enter")
    page.wait_for_selector('#kg-panel-body[data-node="person:wang-yi"]')
    assert page.evaluate("network.getSelectedNodes()") == ["person:wang-yi"]
    meetings = page.eval_on_selector_all(
        '#kg-panel-body section[data-section="Meetings, in date order"] li > a.kg-link', "els => els.map(e => e.dataset.node)"
    )
    starts = [seed_graph.nodes[m].get("start") or "9999" for m in meetings]
    assert len(meetings) >= 2 and starts == sorted(starts)

    documents = sum(1 for _n, d in seed_graph.nodes(data=True) if d["type"] == "document")
    page.uncheck('#kg-types input[data-type="document"]')
    assert page.evaluate("nodes.get({filter: n => n.hidden}).length") == documents
    page.check('#kg-types input[data-type="document"]')
    assert page.evaluate("nodes.get({filter: n => n.hidden}).length") == 0

    # a link's own panel: its two ends and the sentences that state it
    held = page.evaluate("window.kg.data.edges.find(e => e.rel === 'held in' && e.ev.length).id")
    page.evaluate("(id) => window.kg.showEdge(id)", held)
    text = w.panel_text().lower()
    assert "held in" in text and "from" in text and "to" in text and "\u201c" in text

    dated = sum(1 for _n, d in seed_graph.nodes(data=True) if d["type"] == "meeting" and d.get("start"))
    assert page.locator("#kg-timeline .kg-mark").count() == dated
    meeting = washington_meeting(seed_graph)
    page.click(f'#kg-timeline .kg-mark[data-node="{meeting}"]')
    page.wait_for_selector(f'#kg-panel-body[data-node="{meeting}"]')
    w.close()


def test_large_view_is_drawn_where_python_laid_it_out(browser, tmp_path):
    """A view past the exact-layout size: no simulation in the page, capped panels that say so, tooltips."""
    import json
    import re

    from kg.html import _EXACT_MAX, _SECTION_MAX
    from tests.test_html import big_graph

    g = big_graph(900)
    path = tmp_path / "big.html"
    path.write_bytes(render_html(g, limit=_EXACT_MAX + 500))
    html = path.read_text(encoding="utf-8")
    laid = {n["id"]: (n["x"], n["y"]) for n in json.loads(re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", html, re.S).group(1))}
    w = Watched(browser, path)
    page = w.page
    assert page.evaluate("network.physics.physicsEnabled") is False
    drawn = page.evaluate("(() => { const p = network.getPositions(); return Object.keys(p).map(k => [k, Math.round(p[k].x), Math.round(p[k].y)]); })()")
    assert {k: (x, y) for k, x, y in drawn} == laid

    # a person at more meetings than a section lists: the panel says how many more
    busy = max((n for n in laid if n.startswith("person:")), key=lambda n: g.out_degree(n))
    assert g.out_degree(busy) > _SECTION_MAX
    page.evaluate("(id) => window.kg.select(id, {animate: false})", busy)
    page.wait_for_selector(f'#kg-panel-body[data-node="{busy}"]')
    assert "more, not listed here" in w.panel_text()

    w.click_node(busy)  # the pointer rests on the node: its tooltip shows
    page.mouse.move(*page.evaluate(
        """(id) => { const p = network.canvasToDOM(network.getPositions([id])[id]);
                     const r = document.getElementById('mynetwork').getBoundingClientRect(); return [r.left + p.x + 1, r.top + p.y + 1]; }""",
        busy,
    ))
    page.wait_for_selector("#kg-tip:not([hidden])")
    assert g.nodes[busy]["label"] in page.inner_text("#kg-tip")
    w.close()


def test_hostile_document_shows_as_text(browser, corpus, rules, tmp_path):
    from kg.build import build

    folder = corpus(
        {
            "evil": (
                "Secretary of State Antony Blinken met with Foreign Minister Wang Yi in Washington on October 26, 2023 "
                f"{HOSTILE_SCRIPT} and {HOSTILE_IMG} for talks.\n"
            )
        },
        meta={
            "evil": {
                "title": f"Readout {HOSTILE_SCRIPT}{HOSTILE_IMG}",
                "publisher": f"Evil Press {HOSTILE_IMG}",
                "kind": "official readout",
                "published": "2023-10-27",
                "url": "javascript:window.__pwned=1",
            }
        },
    )
    build(folder, tmp_path / "out", rules=rules, html=True)
    g = to_networkx(load_quads(tmp_path / "out"))
    w = Watched(browser, tmp_path / "out" / "graph.html")
    page = w.page
    meeting = next(n for n, d in g.nodes(data=True) if d["type"] == "meeting")
    w.click_node(meeting)
    page.wait_for_selector(f'#kg-panel-body[data-node="{meeting}"]')
    assert HOSTILE_SCRIPT in w.panel_text() and 'onerror="window.__pwned=1"' in w.panel_text()
    page.evaluate("window.kg.select('doc:evil')")
    page.wait_for_selector('#kg-panel-body[data-node="doc:evil"]')
    text = w.panel_text()
    assert f"Readout {HOSTILE_SCRIPT}{HOSTILE_IMG}" in text
    assert "javascript:window.__pwned=1" in text
    w.click_node("doc:evil")
    page.mouse.move(*page.evaluate(
        """(id) => { const p = network.canvasToDOM(network.getPositions([id])[id]);
                     const r = document.getElementById('mynetwork').getBoundingClientRect(); return [r.left + p.x + 1, r.top + p.y + 1]; }""",
        "doc:evil",
    ))
    page.wait_for_selector("#kg-tip:not([hidden])")
    assert HOSTILE_SCRIPT in page.inner_text("#kg-tip")
    page.fill("#kg-search", "readout")
    page.wait_for_selector("#kg-results li")
    assert HOSTILE_SCRIPT in page.inner_text("#kg-results")
    page.hover("#kg-timeline .kg-mark")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("document.querySelectorAll('a[href^=\"javascript\" i]').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 5  # utils, vis-network, pyvis's, kg's data and script
    w.close()


def test_screenshot_command(tmp_path, seed_graph, seed_page):
    """`kg screenshot`, run as a separate process (playwright's sync API does not nest)."""
    import subprocess
    import sys

    out = tmp_path / "shot.png"
    result = subprocess.run(
        [sys.executable, "-m", "kg", "screenshot", str(seed_page), "--out", str(out), "--select", washington_meeting(seed_graph)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) < 150 * 1024
    assert result.stdout.startswith(f"wrote {out} (")


def test_screenshot_without_out_writes_beside_the_page(tmp_path, seed_page):
    """Not into docs/ of the folder it is run from."""
    import shutil
    import subprocess
    import sys

    page = tmp_path / "pages" / "view.html"
    page.parent.mkdir()
    shutil.copy(seed_page, page)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    result = subprocess.run([sys.executable, "-m", "kg", "screenshot", str(page)], capture_output=True, text=True, timeout=120, cwd=elsewhere, env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "pages" / "view.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert list(elsewhere.iterdir()) == []


def test_without_playwright_the_message_names_the_extra(monkeypatch):
    import sys

    from kg.browser import BrowserError, launch

    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    with pytest.raises(BrowserError, match=r"^playwright is not installed: pip install 'kg\[browser\]'"):
        with launch():
            pass
