"""The HTML view in a real browser: Debian's headless Chromium, driven by playwright.

One browser per module. If Chromium is missing these tests fail (CI installs it).
"""

from __future__ import annotations

import os
import re
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
    # drawn at first: the people, meetings and places with a link, nothing else
    shown = page.evaluate("kg.visible()")
    assert page.evaluate("nodes.length") == len(shown)
    assert {seed_graph.nodes[n]["type"] for n in shown} == {"person", "meeting", "place"}
    assert {n for n, d in seed_graph.nodes(data=True) if d["type"] == "meeting"} <= set(shown)
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

    # issues are a tick away: ticked, they are drawn with their links; unticked, gone again
    issues = "nodes.get({filter: n => !n.hidden && n.group === 'issue'}).length"
    assert page.evaluate(issues) == 0
    page.check('#kg-types input[data-type="issue"]')
    discussed = {v for _u, v, d in seed_graph.edges(data=True) if d["relation"] == "discussed"}
    assert page.evaluate(issues) == len(discussed | {v for _u, v, d in seed_graph.edges(data=True) if d["relation"] == "raised"})
    page.uncheck('#kg-types input[data-type="issue"]')
    assert page.evaluate(issues) == 0

    # a link's own panel: its two ends and the sentences that state it
    held = page.evaluate("window.kg.data.edges.find(e => e.rel === 'held in' && e.ev.length).id")
    page.evaluate("(id) => window.kg.showEdge(id)", held)
    text = w.panel_text().lower()
    assert "held in" in text and "from" in text and "to" in text and "\u201c" in text

    meetings = sum(1 for _n, d in seed_graph.nodes(data=True) if d["type"] == "meeting")
    assert page.locator("#kg-timeline .kg-mark").count() == meetings
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
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1))
    laid = {n: (d["x"], d["y"]) for n, d in data["nodes"].items() if d["drawn"] and d["type"] in data["shownTypes"]}
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
    page.evaluate("window.kg.select('doc:evil', {animate: false})")
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


# ---------------------------------------------------------------- what an analyst reads at a glance


def overlap(a: dict, b: dict) -> bool:
    return a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]


def test_every_drawn_node_has_a_drawn_link(browser, seed_graph, seed_page):
    w = Watched(browser, seed_page)
    page = w.page
    for tick in (None, "issue", "organization"):
        if tick:
            page.check(f'#kg-types input[data-type="{tick}"]')
        alone = page.evaluate(
            """() => { const shown = new Set(nodes.get({filter: n => !n.hidden}).map(n => n.id));
                       const linked = new Set(); edges.get({filter: e => !e.hidden}).forEach(e => {
                           if (shown.has(e.from) && shown.has(e.to)) { linked.add(e.from); linked.add(e.to); } });
                       return [...shown].filter(id => !linked.has(id)); }"""
        )
        assert alone == [], tick
    # a place no meeting was held in (only 'within' another) is in the page, but not drawn
    unlinked = page.evaluate("Object.keys(kg.data.nodes).filter(id => !kg.data.nodes[id].drawn)")
    assert unlinked and not set(unlinked) & set(page.evaluate("nodes.getIds()"))
    w.close()


def test_labels_do_not_overlap_and_most_connected_come_first(browser, seed_graph, seed_page, tmp_path):
    from tests.test_html import big_graph

    w = Watched(browser, seed_page)
    labels = w.page.evaluate("kg.labels()")
    assert labels and all(l["font"] >= 12 for l in labels)
    assert not [(a["id"], b["id"]) for i, a in enumerate(labels) for b in labels[i + 1:] if overlap(a, b)]
    shown = set(w.page.evaluate("kg.visible()"))
    labelled = {l["id"] for l in labels}
    # the seeds' people, meetings and places all fit at the page's own zoom
    people = {n for n in shown if n.startswith("person:")}
    assert people <= labelled
    assert shown == labelled  # beside or above a node when below is taken
    width, height = w.page.evaluate("[document.getElementById('mynetwork').clientWidth, document.getElementById('mynetwork').clientHeight]")
    assert all(0 <= l["x0"] and l["x1"] <= width and 0 <= l["y0"] and l["y1"] <= height for l in labels)  # none cut by the edge
    texts = {l["id"]: l["text"] for l in labels}
    assert texts["meeting:2023-06-18-beijing-cn-antony-blinken-qin-gang"] == "Blinken – Qin Gang · 18 Jun 2023"
    w.close()

    # a dense view: only some labels fit, the biggest nodes first; zooming in shows more
    path = tmp_path / "dense.html"
    path.write_bytes(render_html(big_graph(300), limit=None))
    w = Watched(browser, path)
    page = w.page
    labels = page.evaluate("kg.labels()")
    assert not [(a["id"], b["id"]) for i, a in enumerate(labels) for b in labels[i + 1:] if overlap(a, b)]
    sizes = page.evaluate("Object.fromEntries(kg.visible().map(id => [id, kg.data.nodes[id].size]))")
    labelled = {l["id"] for l in labels}
    assert 0 < len(labelled) < len(sizes)
    # a label that would cover a node is left off, so not every big node gets one; most do
    biggest = sorted(sizes, key=lambda n: (-sizes[n], n))[:10]
    assert len(set(biggest) & labelled) >= 5
    assert _median([sizes[n] for n in labelled]) >= _median(list(sizes.values()))
    page.evaluate("network.moveTo({scale: network.getScale() * 4, animation: false})")
    page.wait_for_timeout(200)
    zoomed = page.evaluate("kg.labels()")
    assert not [(a["id"], b["id"]) for i, a in enumerate(zoomed) for b in zoomed[i + 1:] if overlap(a, b)]
    assert len({l["id"] for l in zoomed} - labelled) > 0  # labels that did not fit now show
    w.close()


def _median(values: list) -> float:
    values = sorted(values)
    return values[len(values) // 2]


def test_meeting_table_sorts_filters_and_follows_the_selection(browser, seed_graph, seed_page):
    w = Watched(browser, seed_page)
    page = w.page
    meetings = [n for n, d in seed_graph.nodes(data=True) if d["type"] == "meeting"]
    rows = page.locator("#kg-table tbody tr")
    assert rows.count() == len(meetings)
    assert page.eval_on_selector_all("#kg-table th", "ths => ths.map(t => t.textContent)") == ["Date", "Participants", "Place", "Format", "Status", "Sources"]
    # by date: dated meetings in order, the undated last
    order = page.eval_on_selector_all("#kg-table tbody tr", "trs => trs.map(t => t.dataset.node)")
    starts = [seed_graph.nodes[m].get("start") or "9999" for m in order]
    assert starts == sorted(starts)
    page.click('#kg-table th[data-col="sources"] button')
    page.click('#kg-table th[data-col="sources"] button')  # twice: most sources first
    first = page.eval_on_selector("#kg-table tbody tr", "t => t.dataset.node")
    assert first == washington_meeting(seed_graph)
    assert page.get_attribute('#kg-table th[data-col="sources"]', "aria-sort") == "descending"
    page.fill("#kg-table-filter", "qin gang")
    shown = page.eval_on_selector_all("#kg-table tbody tr", "trs => trs.map(t => t.dataset.node)")
    assert sorted(shown) == sorted(m for m in meetings if "person:qin-gang" in seed_graph.pred[m])
    assert page.inner_text("#kg-table-count") == f"{len(shown)} of {len(meetings)} meetings"
    page.fill("#kg-table-filter", "")
    # row -> graph, panel and timeline
    meeting = washington_meeting(seed_graph)
    page.click(f'#kg-table tbody tr[data-node="{meeting}"]')
    page.wait_for_selector(f'#kg-panel-body[data-node="{meeting}"]')
    assert page.evaluate("network.getSelectedNodes()") == [meeting]
    assert page.get_attribute(f'#kg-timeline .kg-mark[data-node="{meeting}"]', "class").split().count("selected") == 1
    # graph -> row
    other = "meeting:2023-07-13-jakarta-id-antony-blinken-wang-yi"
    page.evaluate("network.fit({animation: false})")
    w.click_node(other)
    page.wait_for_selector(f'#kg-table tbody tr.selected[data-node="{other}"]')
    assert page.locator("#kg-table tbody tr.selected").count() == 1
    w.close()


def test_timeline_shows_every_meeting_with_its_participants(browser, seed_graph, seed_page):
    w = Watched(browser, seed_page)
    page = w.page
    marks = page.eval_on_selector_all("#kg-timeline .kg-mark", "ms => ms.map(m => [m.getAttribute('data-node'), m.textContent])")
    assert sorted(m for m, _t in marks) == sorted(n for n, d in seed_graph.nodes(data=True) if d["type"] == "meeting")
    from kg.html import spoken_name

    for m, text in marks:
        for p in seed_graph.pred[m]:
            if seed_graph.nodes[p]["type"] == "person":
                assert spoken_name(seed_graph.nodes[p]) in text, (m, text)
    # every mark is inside the timeline's box, where it can be seen (or scrolled to)
    box = page.evaluate("(() => { const r = document.getElementById('kg-timeline-box'); return [r.scrollHeight, r.clientHeight]; })()")
    assert box[0] <= box[1]  # the seeds' meetings fit without scrolling
    phone = "meeting:2023-06-unplaced-antony-blinken-qin-gang"
    page.click(f'#kg-timeline .kg-mark[data-node="{phone}"]')
    page.wait_for_selector(f'#kg-panel-body[data-node="{phone}"]')
    assert page.evaluate("network.getSelectedNodes()") == [phone]
    assert page.eval_on_selector("#kg-table tbody tr.selected", "t => t.dataset.node") == phone
    w.close()


def test_focus_view_follows_meetings(browser, seed_graph, tmp_path):
    path = tmp_path / "wang.html"
    path.write_bytes(render_html(seed_graph, focus="Wang Yi", depth=1))
    w = Watched(browser, path)
    shown = set(w.page.evaluate("kg.visible()"))
    assert {"person:wang-yi", "person:antony-blinken"} <= shown
    assert "person:xi-jinping" not in w.page.evaluate("Object.keys(kg.data.nodes)")
    assert w.page.locator("#kg-table tbody tr").count() == 3
    w.close()


def test_meeting_panel_quotes_once_and_folds_minor_issues(browser, seed_graph, seed_page):
    w = Watched(browser, seed_page)
    page = w.page
    meeting = washington_meeting(seed_graph)
    page.evaluate("(id) => window.kg.select(id, {animate: false})", meeting)
    page.wait_for_selector(f'#kg-panel-body[data-node="{meeting}"]')
    quotes = page.eval_on_selector_all("#kg-panel-body blockquote", "bs => bs.map(b => b.textContent)")
    assert len(quotes) == len(set(quotes))
    facts = page.inner_text('#kg-panel-body section[data-section="Facts"]')
    assert facts.count("quoted above") >= 2  # where and format: the sentence that gives the date
    # a source's date is said once in its citation
    for cite in page.eval_on_selector_all("#kg-panel-body .kg-cite", "cs => cs.map(c => c.textContent)"):
        assert not re.search(r"(\d{1,2} \w{3} \d{4}).*\1", cite), cite
    issues = '#kg-panel-body section[data-section="Issues, most written about first"]'
    visible = page.eval_on_selector_all(f"{issues} > ul > li.kg-item", "ls => ls.length")
    folded = page.eval_on_selector_all(f"{issues} details.kg-fold li.kg-item", "ls => ls.length")
    assert visible == 5 and folded > 0
    assert page.inner_text(f"{issues} details.kg-fold > summary") == f"{folded} more"
    w.close()


def test_issues_and_organizations_are_in_the_legend_search_and_panel(browser, seed_graph, seed_page):
    """Not drawn at first, but listed with their counts, found by the search, named in the panel, and a tick away."""
    w = Watched(browser, seed_page)
    page = w.page
    for kind in ("issue", "organization"):
        box = f'#kg-types input[data-type="{kind}"]'
        assert not page.is_checked(box)
        count = page.inner_text(f'#kg-types li:has(input[data-type="{kind}"]) .kg-count')
        assert int(count) == sum(1 for _n, d in seed_graph.nodes(data=True) if d["type"] == kind) > 0
        assert page.evaluate(f"kg.visible().filter(id => kg.data.nodes[id].type === '{kind}').length") == 0
    # organizations link only to documents here: ticked alone they draw nothing, and the legend says what else to tick
    assert page.is_hidden("#kg-type-note")
    page.check('#kg-types input[data-type="organization"]')
    assert page.evaluate("kg.visible().filter(id => kg.data.nodes[id].type === 'organization').length") == 0
    note = page.inner_text("#kg-type-note")
    assert note.startswith("No organization is linked to what is shown; also tick Document") and "\u201cpublished by\u201d" in note
    page.check('#kg-types input[data-type="document"]')
    page.check('#kg-rels input[data-rel="published by"]')
    publishers = {v for _u, v, d in seed_graph.edges(data=True) if d["relation"] == "published by"}
    assert set(page.evaluate("kg.visible().filter(id => kg.data.nodes[id].type === 'organization')")) == publishers
    assert page.is_hidden("#kg-type-note")
    for box in ('#kg-types input[data-type="organization"]', '#kg-types input[data-type="document"]', '#kg-rels input[data-rel="published by"]'):
        page.uncheck(box)
    # selecting an issue or an organization ticks its type, so that it is drawn with its links
    page.fill("#kg-search", "taiwan question")
    page.wait_for_selector("#kg-results li")
    page.keyboard.press("Enter")
    page.wait_for_selector('#kg-panel-body[data-node="issue:taiwan"]')
    assert "Taiwan" in w.panel_text()
    assert page.is_checked('#kg-types input[data-type="issue"]') and "issue:taiwan" in page.evaluate("kg.visible()")
    page.fill("#kg-search", "department of state")
    page.wait_for_selector("#kg-results li")
    page.keyboard.press("Enter")
    page.wait_for_selector('#kg-panel-body[data-node="org:us-department-of-state"]')
    # a meeting's panel names its issues, as links to them
    meeting = washington_meeting(seed_graph)
    page.evaluate("(id) => window.kg.select(id, {animate: false})", meeting)
    page.wait_for_selector(f'#kg-panel-body[data-node="{meeting}"]')
    linked = page.eval_on_selector_all('#kg-panel-body section[data-section="Issues, most written about first"] li.kg-item > a.kg-link', "as => as.map(a => a.dataset.node)")
    discussed = {v for _u, v, d in seed_graph.out_edges(meeting, data=True) if d["relation"] == "discussed"}
    from kg.html import _SECTION_MAX

    assert set(linked) <= discussed and len(set(linked)) == len(linked) == min(len(discussed), _SECTION_MAX)
    w.close()


def test_focus_depth_two_follows_meetings_not_nationality(browser, seed_graph, tmp_path):
    """--depth 2: the people met by those Wang Yi met, and their meetings; no one reached by a 'national of' link."""
    people = lambda m: {p for p in seed_graph.pred[m] if seed_graph.nodes[p]["type"] == "person"}  # noqa: E731
    meetings = lambda p: {m for m in seed_graph.succ[p] if seed_graph.nodes[m]["type"] == "meeting"}  # noqa: E731
    reach, frontier = {"person:wang-yi"}, {"person:wang-yi"}
    for _hop in range(2):
        frontier = {q for p in frontier for m in meetings(p) for q in people(m)} - reach
        reach |= frontier
    path = tmp_path / "wang2.html"
    path.write_bytes(render_html(seed_graph, focus="Wang Yi", depth=2))
    w = Watched(browser, path)
    shown = set(w.page.evaluate("kg.visible()"))
    assert {n for n in shown if n.startswith("person:")} == reach
    assert "person:antony-blinken" in reach and "person:qin-gang" in reach  # Qin Gang met Blinken, who met Wang Yi
    assert "person:xi-jinping" not in reach  # a fellow national, never at a meeting with either
    rows = w.page.eval_on_selector_all("#kg-table tbody tr", "trs => trs.map(t => t.dataset.node)")
    assert set(rows) == {m for p in reach - frontier for m in meetings(p)}
    w.close()


def test_meeting_issues_follow_how_much_is_written_about_them(browser, seed_graph, seed_page):
    """The panel's order is the order of the characters of distinct sentences about each issue at that meeting."""
    meeting = washington_meeting(seed_graph)
    said: dict[str, set] = {}
    for _m, issue, d in seed_graph.out_edges(meeting, data=True):
        if d["relation"] == "discussed":
            said.setdefault(issue, set()).update((q.get("doc"), q.get("quote")) for q in d.get("evidence") or () if q.get("quote"))
    for _p, issue, d in seed_graph.edges(data=True):
        if d["relation"] == "raised" and d.get("meeting") == meeting:
            said.setdefault(issue, set()).update((q.get("doc"), q.get("quote")) for q in d.get("evidence") or () if q.get("quote"))
    weight = {i: sum(len(q) for _d, q in quotes) for i, quotes in said.items()}
    w = Watched(browser, seed_page)
    page = w.page
    page.evaluate("(id) => window.kg.select(id, {animate: false})", meeting)
    page.wait_for_selector(f'#kg-panel-body[data-node="{meeting}"]')
    section = '#kg-panel-body section[data-section="Issues, most written about first"]'
    first = page.eval_on_selector_all(f"{section} > ul > li.kg-item > a.kg-link", "as => as.map(a => a.dataset.node)")
    rest = page.eval_on_selector_all(f"{section} details.kg-fold li.kg-item > a.kg-link", "as => as.map(a => a.dataset.node)")
    order = first + rest
    assert len(first) == 5 and rest
    assert [weight.get(i, 0) for i in order] == sorted((weight.get(i, 0) for i in order), reverse=True)
    assert min(weight.get(i, 0) for i in first) >= max(weight.get(i, 0) for i in rest)
    assert not page.eval_on_selector(f"{section} details.kg-fold", "d => d.open")  # the rest is behind "more"
    page.click(f"{section} details.kg-fold > summary")
    assert page.is_visible(f"{section} details.kg-fold li.kg-item >> nth=0")
    w.close()


def test_meetings_with_no_year_are_neither_first_nor_on_the_axis(browser, seed_graph, tmp_path):
    """A day with no year ('--06-18', xsd:gMonthDay) reads '18 Jun', sorts after the dated meetings, and sits with the undated."""
    g = seed_graph.copy()
    m = "meeting:2023-06-18-beijing-cn-antony-blinken-qin-gang"
    g.nodes[m]["start"] = g.nodes[m]["end"] = "--06-18"
    path = tmp_path / "noyear.html"
    path.write_bytes(render_html(g, limit=None))
    w = Watched(browser, path)
    page = w.page
    row = page.locator(f'#kg-table tbody tr[data-node="{m}"] td').first.inner_text()
    assert row == "18 Jun"
    order = page.eval_on_selector_all("#kg-table tbody tr", "trs => trs.map(t => t.dataset.node)")
    dated = [n for n in order if (g.nodes[n].get("start") or "")[:1].isdigit()]
    assert order[: len(dated)] == dated and order[len(dated)] == m
    assert page.locator(f'#kg-timeline .kg-undated-row .kg-mark[data-node="{m}"]').count() == 1
    assert "--" not in page.inner_text("#kg-timeline") + page.inner_text("#kg-table")
    w.close()


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
