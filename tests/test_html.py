"""The HTML view: filtering, capping, escaping, determinism, self-containment, and `kg render`."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import RenderError
from kg.html import (
    DEFAULT_LIMIT,
    find_node,
    human_range,
    json_for_html,
    render_exports,
    render_html,
    role_title,
    select_view,
    view_data,
)
from kg.network import load_quads, to_networkx

HOSTILE_SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">'


@pytest.fixture(scope="module")
def seed_graph(seed_export) -> nx.MultiDiGraph:
    return to_networkx(load_quads(seed_export))


@pytest.fixture(scope="module")
def seed_page(seed_graph) -> str:
    return render_html(seed_graph).decode("utf-8")


def drawn_edges(g: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    """The edges a page draws: parallel edges of one relation between two nodes count once."""
    return {(u, v, d["relation"]) for u, v, d in g.edges(data=True)}


def washington_meeting(g: nx.MultiDiGraph) -> str:
    found = [n for n, d in g.nodes(data=True) if d["type"] == "meeting" and d.get("place") == "place:washington-us" and d.get("start") == "2023-10-26"]
    assert len(found) == 1, found
    return found[0]


def page_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


# ---------------------------------------------------------------- views


def test_whole_graph_when_uncapped(seed_graph):
    view = select_view(seed_graph, limit=None)
    assert view.nodes == sorted(seed_graph.nodes)
    assert set(view.edges) == drawn_edges(seed_graph)
    assert view.notes == []


def test_default_page_shows_the_seeds_whole_or_says_it_caps(seed_graph, seed_page):
    meta = page_data(seed_page)["meta"]
    if seed_graph.number_of_nodes() <= DEFAULT_LIMIT:
        assert meta["nodes"] == seed_graph.number_of_nodes()
        assert meta["edges"] == len(drawn_edges(seed_graph))
    else:
        assert meta["nodes"] == DEFAULT_LIMIT
        assert any("most connected" in n for n in meta["notes"])


def test_types_filter(seed_graph):
    view = select_view(seed_graph, types="person,meeting")
    assert view.nodes
    assert {seed_graph.nodes[n]["type"] for n in view.nodes} <= {"person", "meeting"}
    expected = {n for n, d in seed_graph.nodes(data=True) if d["type"] in ("person", "meeting")}
    assert set(view.nodes) == expected
    assert all(rel == "attended" for _u, _v, rel in view.edges)


def test_types_accept_plurals_and_reject_unknown(seed_graph):
    assert select_view(seed_graph, types="people,docs").filters["types"] == ["person", "document"]
    with pytest.raises(RenderError, match=r"^--types: unknown type 'meetingz'; use person, meeting, place, organization, issue, document$"):
        select_view(seed_graph, types="person,meetingz")


def test_since_until_keep_overlapping_meetings(seed_graph):
    view = select_view(seed_graph, since="2023-10", until="2023-10-31")
    meetings = [n for n in view.nodes if seed_graph.nodes[n]["type"] == "meeting"]
    assert washington_meeting(seed_graph) in meetings
    for m in meetings:
        d = seed_graph.nodes[m]
        assert (d.get("end") or d["start"])[:7] >= "2023-10" and d["start"] <= "2023-10-31"
    # the meeting's people, place and sources come along; other meetings' raised edges do not
    w = washington_meeting(seed_graph)
    assert set(nx.all_neighbors(seed_graph, w)) <= set(view.nodes)
    for u, v, rel in view.edges:
        if rel == "raised":
            assert all(d.get("meeting") in meetings for d in view.edges[(u, v, rel)])


def test_partial_dates_overlap(seed_graph):
    june = [n for n, d in seed_graph.nodes(data=True) if d["type"] == "meeting" and (d.get("start") or "").startswith("2023-06")]
    view = select_view(seed_graph, since="2023-06-10", until="2023-06-20")
    assert set(june) <= set(view.nodes)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"since": "2023-13"}, "--since '2023-13': not a date; use YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"until": "yesterday"}, "--until 'yesterday': not a date; use YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"since": "2024", "until": "2023"}, "--since 2024 is after --until 2023"),
        ({"depth": 1}, "--depth needs --focus"),
        ({"focus": "xyzzy-nobody"}, "--focus 'xyzzy-nobody': no node has that name; give a name, an alias or an id such as person:antony-blinken"),
    ],
)
def test_bad_options(seed_graph, kwargs, message):
    with pytest.raises(RenderError) as err:
        select_view(seed_graph, **kwargs)
    assert str(err.value) == message


def test_focus_by_name_alias_and_id(seed_graph):
    assert find_node(seed_graph, "Antony Blinken") == "person:antony-blinken"
    assert find_node(seed_graph, "antony blinken") == "person:antony-blinken"
    assert find_node(seed_graph, "person:antony-blinken") == "person:antony-blinken"
    assert find_node(seed_graph, "Antony J. Blinken") == "person:antony-blinken"


def test_focus_typo_lists_close_matches(seed_graph):
    with pytest.raises(RenderError, match=r"^--focus 'Antony Blinkn': no node has that name; close matches: Antony Blinken \(person:antony-blinken\)"):
        select_view(seed_graph, focus="Antony Blinkn")


def people_and_meetings(view) -> set:
    return {n for n in view.nodes if n.split(":")[0] in ("person", "meeting")}


def test_focus_depth_counts_hops_through_meetings(seed_graph):
    """Depth 1 is who Wang Yi met (Blinken), not who shares his country; depth 2 adds who they met."""
    wang = {m for m in seed_graph.succ["person:wang-yi"] if m.startswith("meeting:")}
    assert people_and_meetings(select_view(seed_graph, focus="Wang Yi", depth=0)) == {"person:wang-yi"}
    one = select_view(seed_graph, focus="Wang Yi", depth=1)
    assert people_and_meetings(one) == {"person:wang-yi", "person:antony-blinken"} | wang
    assert "place:cn" in seed_graph.succ["person:xi-jinping"] and "place:cn" in seed_graph.succ["person:wang-yi"]
    two = select_view(seed_graph, focus="Wang Yi", depth=2)
    blinken = {m for m in seed_graph.succ["person:antony-blinken"] if m.startswith("meeting:")}
    assert people_and_meetings(two) == {"person:wang-yi", "person:antony-blinken", "person:qin-gang"} | wang | blinken
    assert "person:xi-jinping" not in two.nodes  # met Biden, whom no one here met
    assert washington_meeting(seed_graph) in one.nodes
    # a meeting's place comes with it
    assert "place:washington-us" in one.nodes
    assert one.notes == ["Within 1 meeting hop of Wang Yi (person → meeting → person)."]


def test_focus_on_a_meeting_starts_with_its_participants(seed_graph):
    w = washington_meeting(seed_graph)
    assert people_and_meetings(select_view(seed_graph, focus=w, depth=0)) == {w, "person:antony-blinken", "person:wang-yi"}


def test_focus_outside_period_is_an_error(seed_graph):
    with pytest.raises(RenderError, match=r"has no meeting since 1 Jan 2090$"):
        select_view(seed_graph, focus="Antony Blinken", since="2090")


def big_graph(n_meetings: int = 400) -> nx.MultiDiGraph:
    """A synthetic graph of thousands of nodes: meetings, people, places, documents."""
    g = nx.MultiDiGraph()
    for i in range(40):
        g.add_node(f"person:p{i}", type="person", label=f"Person {i}", roles=[], aliases=[])
    for i in range(20):
        g.add_node(f"place:c{i}", type="place", label=f"City {i}")
    for i in range(n_meetings):
        m = f"meeting:m{i:04d}"
        day = f"20{10 + i % 14}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        g.add_node(m, type="meeting", label=f"Meeting {i}", start=day, end=day, place=f"place:c{i % 20}", sources=[])
        g.add_edge(m, f"place:c{i % 20}", key="held in", relation="held in", evidence=[])
        for p in (i % 40, (i * 7 + 3) % 40):
            g.add_edge(f"person:p{p}", m, key="attended", relation="attended", evidence=[{"doc": f"doc:d{i}", "quote": f"P{p} met in M{i}.", "start": 0, "end": 9, "rule": "r"}])
        for k in range(4):
            doc = f"doc:d{i}-{k}"
            g.add_node(doc, type="document", label=doc, title=f"Report {i}/{k}", publisher="Wire", date=day)
            g.add_edge(m, doc, key="reported by", relation="reported by", evidence=[])
    return g


def test_large_graph_is_capped_and_says_so():
    g = big_graph()
    assert g.number_of_nodes() > 2000
    view = select_view(g)
    assert len(view.nodes) == DEFAULT_LIMIT
    assert all(u in view.nodes and v in view.nodes for u, v, _ in view.edges)
    assert f"Showing {DEFAULT_LIMIT} of {g.number_of_nodes()} nodes, to stay readable: the meetings with the most sources" in " ".join(view.notes)
    # meetings first, each with all its people and its place; documents, the least connected, are left out
    kinds = {g.nodes[n]["type"] for n in view.nodes}
    assert "document" not in kinds and {"meeting", "person", "place"} <= kinds
    for m in (n for n in view.nodes if g.nodes[n]["type"] == "meeting"):
        assert {x for x in nx.all_neighbors(g, m) if g.nodes[x]["type"] in ("person", "place")} <= set(view.nodes)
    page = render_html(g).decode()
    assert page_data(page)["meta"]["notes"] == view.notes
    # a focus is always kept, even when the cap cuts
    assert "meeting:m0007" in select_view(g, focus="meeting:m0007", depth=3, limit=20).nodes


def test_large_graph_narrowed_by_since_and_types():
    g = big_graph()
    view = select_view(g, since="2023-01-01", until="2023-12-31", types="meeting,place", limit=None)
    assert view.nodes
    for n in view.nodes:
        d = g.nodes[n]
        assert d["type"] in ("meeting", "place")
        if d["type"] == "meeting":
            assert d["start"].startswith("2023")


def hub_graph(meetings: int, quotes: int = 1) -> nx.MultiDiGraph:
    """One person at ``meetings`` meetings in one city, each link stated by ``quotes`` sentences."""
    g = nx.MultiDiGraph()
    g.add_node("person:hub", type="person", label="Hub Person", roles=[], aliases=[])
    g.add_node("place:city", type="place", label="City")
    for i in range(meetings):
        m = f"meeting:m{i:05d}"
        day = f"{2000 + i // 300}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        g.add_node(m, type="meeting", label=f"Meeting {i}", start=day, end=day, place="place:city", sources=[])
        ev = [{"doc": f"doc:d{i}-{k}", "quote": f"The hub met them, said source {k} of meeting {i}.", "start": 0, "end": 9, "rule": "r"} for k in range(quotes)]
        g.add_edge("person:hub", m, key="attended", relation="attended", evidence=ev)
        g.add_edge(m, "place:city", key="held in", relation="held in", evidence=ev[:1])
    return g


def test_panels_are_capped_and_say_how_many_more():
    from kg.html import _EVIDENCE_MAX, _SECTION_MAX

    g = hub_graph(_SECTION_MAX * 3, quotes=_EVIDENCE_MAX + 2)
    view = select_view(g, limit=_SECTION_MAX + 2)
    data = view_data(view)
    sections = {s["title"]: s for s in data["nodes"]["person:hub"]["sections"]}
    meetings = sections["Meetings, in date order"]
    assert len(meetings["items"]) == _SECTION_MAX and meetings["more"] == _SECTION_MAX * 2
    # the meetings drawn in the view are listed first, still in date order
    shown = [i["node"] for i in meetings["items"] if i["node"] in data["nodes"]]
    assert len(shown) == sum(1 for n in view.nodes if n.startswith("meeting:"))
    starts = [g.nodes[i["node"]]["start"] for i in meetings["items"]]
    assert starts == sorted(starts)
    item = meetings["items"][0]
    assert len(item["ev"]) == _EVIDENCE_MAX and item["evMore"] == 2
    edge = next(e for e in data["edges"] if e["rel"] == "attended")
    assert len(edge["ev"]) == _EVIDENCE_MAX and edge["evMore"] == 2


def test_each_quote_is_stored_once():
    g = hub_graph(20, quotes=2)
    data = view_data(select_view(g, limit=None))
    keys = [(q["q"], q["d"]) for q in data["quotes"]]
    assert len(keys) == len(set(keys)) == 20 * 2
    # the link and the panels of both its ends cite the same entries
    edge = next(e for e in data["edges"] if e["rel"] == "attended" and e["to"] == "meeting:m00000")
    meeting = {s["title"]: s for s in data["nodes"]["meeting:m00000"]["sections"]}
    assert meeting["Participants"]["items"][0]["ev"] == edge["ev"]


def test_page_size_follows_the_view_not_the_corpus():
    small = render_html(hub_graph(200), limit=50)
    large = render_html(hub_graph(4000), limit=50)
    assert len(large) < len(small) * 1.1


def test_layout_is_computed_and_physics_is_off(seed_graph, seed_page):
    m = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", seed_page, re.S)
    drawn = json.loads(m.group(1))
    data = page_data(seed_page)
    linked = {x for e in data["edges"] for x in (e["from"], e["to"])}
    laid_out = {n for n, d in data["nodes"].items() if d["drawn"]}
    assert linked == laid_out
    assert len(laid_out) < data["meta"]["nodes"]  # the seeds have places and organizations with no link: not drawn
    # vis-network starts with what shows at first (people, meetings, places); the rest comes from the data when ticked
    from kg.html import visible_at_first

    assert {n["id"] for n in drawn} == visible_at_first(data)[0] < laid_out
    assert {data["nodes"][n["id"]]["type"] for n in drawn} == {"person", "meeting", "place"}
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in drawn)
    assert all((data["nodes"][n]["x"], data["nodes"][n]["y"]) for n in laid_out)
    assert len({(data["nodes"][n]["x"], data["nodes"][n]["y"]) for n in laid_out}) == len(laid_out)
    assert '"physics": {"enabled": false' in seed_page


def test_grid_field_approximates_the_exact_one():
    import numpy as np

    from kg.html import _GRID, _grid_field, _grid_kernel

    pos = np.random.default_rng(1).random((600, 2)) * 4000
    fx, fy = _grid_field(pos, _grid_kernel(_GRID))
    dx = pos[None, :, 0] - pos[:, None, 0]
    dy = pos[None, :, 1] - pos[:, None, 1]
    d2 = dx * dx + dy * dy
    np.fill_diagonal(d2, np.inf)
    ex, ey = (dx / d2).sum(1), (dy / d2).sum(1)
    assert np.corrcoef(fx, ex)[0, 1] > 0.97 and np.corrcoef(fy, ey)[0, 1] > 0.97
    assert 0.9 < np.median(fx / ex) < 1.1


def test_large_view_is_laid_out_apart():
    from kg.html import _EXACT_MAX

    g = big_graph(700)
    page = render_html(g, limit=_EXACT_MAX + 300).decode()
    drawn = json.loads(re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, re.S).group(1))
    xy = sorted((n["x"], n["y"]) for n in drawn)
    assert len(set(xy)) == len(xy)
    width = max(x for x, _ in xy) - min(x for x, _ in xy)
    assert 1000 < width < 50000


# ---------------------------------------------------------------- facts shown


def test_meeting_panel_has_participants_evidence_and_sources(seed_graph):
    w = washington_meeting(seed_graph)
    data = view_data(select_view(seed_graph, limit=None))
    sections = {s["title"]: s["items"] for s in data["nodes"][w]["sections"]}
    people = {i["node"] for i in sections["Participants"]}
    assert {"person:antony-blinken", "person:wang-yi"} <= people
    blinken = next(i for i in sections["Participants"] if i["node"] == "person:antony-blinken")
    assert blinken["note"] == "Secretary of State"
    quotes = [data["quotes"][i] for i in blinken["ev"]]
    assert quotes and all(e["q"] and e["d"] in data["docs"] for e in quotes)
    facts = {i["k"]: i for i in sections["Facts"]}
    assert facts["When"]["text"] == "26–27 Oct 2023"
    assert facts["Where"]["node"] == "place:washington-us"
    sources = {i["node"] for i in sections["Sources"]}
    assert sources == set(seed_graph.nodes[w]["sources"]) | set(seed_graph.nodes[w]["reported_in"])
    for doc in sources:
        d = seed_graph.nodes[doc]
        shown = data["docs"].get(doc) or {}
        if d.get("title"):
            assert shown["title"] == d["title"]


def test_person_meetings_in_date_order(seed_graph):
    data = view_data(select_view(seed_graph, limit=None))
    sections = {s["title"]: s["items"] for s in data["nodes"]["person:wang-yi"]["sections"]}
    meetings = [i["node"] for i in sections["Meetings, in date order"]]
    starts = [seed_graph.nodes[m].get("start") or "9999" for m in meetings]
    assert len(meetings) >= 2 and starts == sorted(starts)


def test_roles_at_the_time():
    wang = {
        "roles": [
            {"title": "Foreign Minister", "kind": "foreign-minister", "start": "2013-03-16", "end": "2022-12-30"},
            {"title": "Director of the Office of the Central Foreign Affairs Commission", "kind": "party-official", "start": "2023-01-01", "end": None},
            {"title": "Foreign Minister", "kind": "foreign-minister", "start": "2023-07-25", "end": None},
        ]
    }
    assert role_title(wang, "2020-05-01") == "Foreign Minister"
    assert role_title(wang, "2023-06-18") == "Director of the Office of the Central Foreign Affairs Commission"
    assert role_title(wang, "2023-10-26") == "Foreign Minister"
    assert role_title({"roles": [{"title": "Envoy", "kind": "envoy", "start": None, "end": None}]}, "2023-01-01") == "Envoy"


def test_dates_read_like_labels():
    assert human_range("2023-10-26", "2023-10-27") == "26–27 Oct 2023"
    assert human_range("2023-10-30", "2023-11-02") == "30 Oct – 2 Nov 2023"
    assert human_range("2023-06", "2023-06") == "Jun 2023"
    assert human_range("2022-12-30", "2023-01-02") == "30 Dec 2022 – 2 Jan 2023"


# ---------------------------------------------------------------- the page


def test_page_loads_nothing_over_the_network(seed_page):
    assert "cdn.jsdelivr.net" not in seed_page and "cdnjs" not in seed_page
    assert not re.search(r"""\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", seed_page, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", seed_page, re.I)
    assert not re.search(r"@import", seed_page)
    assert not re.search(r"<(?:link|iframe|object|embed)\b", seed_page, re.I)
    # vis-network itself is embedded
    assert "new vis.Network(" in seed_page and "vis-network" in seed_page
    assert re.search(r"default-src 'none'", seed_page)


def test_bootstrap_cdn_tags_from_pyvis_are_removed(seed_graph):
    from pyvis.network import Network

    raw = Network(cdn_resources="in_line").generate_html()
    assert "cdn.jsdelivr.net/npm/bootstrap" in raw  # pyvis 0.3.2 still links it: the reason for the post-processing
    assert "bootstrap" not in render_html(seed_graph).decode()


def test_every_script_is_allowed_by_hash(seed_page):
    import base64
    import hashlib

    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', seed_page).group(1)
    scripts = [m.group(2) for m in re.finditer(r"<script([^>]*)>(.*?)</script>", seed_page, re.S) if "application/json" not in m.group(1)]
    assert len(scripts) >= 3
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]


def test_page_is_deterministic(seed_graph, seed_export, seed_page):
    again = render_html(to_networkx(load_quads(seed_export))).decode()
    assert again == seed_page
    assert render_exports(seed_graph) == {"graph.html": seed_page.encode()}


def test_json_for_html_escapes_markup():
    text = json_for_html({"a": "</script><b>&amp;\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><b>&amp;\u2028"}


def test_visual_grammar(seed_page):
    data = page_data(seed_page)
    shapes = {t["shape"] for t in data["types"].values()}
    colors = {t["color"] for t in data["types"].values()}
    assert set(data["types"]) == {"person", "meeting", "place", "organization", "issue", "document"}
    assert len(shapes) == 6 and len(colors) == 6
    assert {"attended", "held in", "discussed", "raised", "reported by"} <= set(data["relations"])
    assert "stabilizationIterationsDone" in seed_page and '"randomSeed": 7' in seed_page


@pytest.fixture
def hostile_export(corpus, rules, tmp_path):
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
                "publisher": f"Evil <b>Press</b> {HOSTILE_IMG}",
                "kind": "official readout",
                "published": "2023-10-27",
                "url": "javascript:window.__pwned=1",
            }
        },
    )
    out = tmp_path / "hostile-export"
    build(folder, out, rules=rules, html=True)
    return out


def test_hostile_document_is_escaped(hostile_export):
    page = (hostile_export / "graph.html").read_text(encoding="utf-8")
    assert "window.__pwned" in page  # the text is there...
    assert HOSTILE_SCRIPT not in page and "<img src=x" not in page and "<b>Press" not in page  # ...but never as markup
    data = page_data(page)
    doc = data["nodes"]["doc:evil"]
    assert HOSTILE_SCRIPT in doc["label"]
    facts = {i["k"]: i for i in doc["sections"][0]["items"]}
    assert facts["Link"]["text"] == "javascript:window.__pwned=1" and "href" not in facts["Link"]
    assert "url" not in data["docs"].get("doc:evil", {})
    assert "popup.innerHTML" not in page


# ---------------------------------------------------------------- the command


def test_cli_render_writes_a_view(seed_export, tmp_path):
    out = tmp_path / "wang.html"
    result = CliRunner().invoke(main, ["render", "--data", str(seed_export), "--focus", "Wang Yi", "--depth", "1", "--types", "person,meeting,place", "-o", str(out)])
    assert result.exit_code == 0, result.output
    g = to_networkx(load_quads(seed_export))
    view = select_view(g, focus="Wang Yi", depth=1, types="person,meeting,place")
    assert result.output.splitlines()[-1] == f"wrote {out}: {len(view.nodes)} nodes (of {g.number_of_nodes()}), {len(view.edges)} edges"
    assert "note: Within 1 meeting hop of Wang Yi (person → meeting → person)." in result.output
    page = out.read_text(encoding="utf-8")
    assert page_data(page)["meta"]["nodes"] == len(view.nodes)
    assert "<title>Around Wang Yi · kg</title>" in page


def test_cli_render_default_out(seed_export, tmp_path):
    import shutil

    data = tmp_path / "export"
    shutil.copytree(seed_export, data)
    result = CliRunner().invoke(main, ["render", "--data", str(data), "--since", "2023-10"])
    assert result.exit_code == 0, result.output
    assert (data / "view.html").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--focus", "Nobody Atall"], "Error: --focus 'Nobody Atall': no node has that name; give a name, an alias or an id such as person:antony-blinken"),
        (["--since", "2023-02-30"], "Error: --since '2023-02-30': not a date; use YYYY, YYYY-MM or YYYY-MM-DD"),
        (["--types", "person,planet"], "Error: --types: unknown type 'planet'; use person, meeting, place, organization, issue, document"),
        (["--depth", "3"], "Error: --depth needs --focus"),
    ],
)
def test_cli_render_errors(seed_export, tmp_path, args, message):
    result = CliRunner().invoke(main, ["render", "--data", str(seed_export), "--out", str(tmp_path / "x.html"), *args])
    assert result.exit_code == 1
    assert result.output.strip() == message
    assert not (tmp_path / "x.html").exists()


def test_cli_render_missing_export(tmp_path):
    result = CliRunner().invoke(main, ["render", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path / 'nowhere'}: not found; run 'kg build' first, or give --data"


def test_cli_screenshot_needs_a_page(tmp_path):
    result = CliRunner().invoke(main, ["screenshot", str(tmp_path / "none.html"), "--out", str(tmp_path / "x.png")])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path / 'none.html'}: no such page; run 'kg build' or 'kg render' first"


# ---------------------------------------------------------------- what an analyst sees first


def test_default_view_draws_people_meetings_places_and_no_unlinked_node(seed_graph, seed_page):
    from kg.html import visible_at_first

    data = page_data(seed_page)
    shown, links = visible_at_first(data)
    types = {data["nodes"][n]["type"] for n in shown}
    assert types == {"person", "meeting", "place"}
    # every node shown has a link shown; every meeting with a participant is shown
    ends = {x for e in data["edges"] if e["id"] in links for x in (e["from"], e["to"])}
    assert shown == ends
    assert {n for n, d in seed_graph.nodes(data=True) if d["type"] == "meeting"} <= shown
    # issues and organizations are in the page, for the panel, the legend and the search
    assert sum(1 for d in data["nodes"].values() if d["type"] == "issue") == sum(1 for _n, d in seed_graph.nodes(data=True) if d["type"] == "issue")
    assert data["shownTypes"] == ["person", "meeting", "place"]
    assert not data["relations"]["national of"]["shown"] and data["relations"]["attended"]["shown"]
    drawn = json.loads(re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", seed_page, re.S).group(1))
    assert {n["id"] for n in drawn} == shown  # vis-network holds only these; the rest is added when ticked


def test_types_option_chooses_what_is_drawn_first(seed_graph):
    data = page_data(render_html(seed_graph, types="meeting,issue").decode())
    assert data["shownTypes"] == ["meeting", "issue"]


def test_meeting_labels_name_people_as_they_are_said(seed_graph):
    from kg.html import meeting_title, spoken_name

    assert spoken_name(seed_graph.nodes["person:antony-blinken"]) == "Blinken"
    assert spoken_name(seed_graph.nodes["person:qin-gang"]) == "Qin Gang"  # family name first: said whole
    assert spoken_name(seed_graph.nodes["person:xi-jinping"]) == "Xi Jinping"
    assert meeting_title(seed_graph, "meeting:2023-06-18-beijing-cn-antony-blinken-qin-gang") == "Blinken – Qin Gang · Beijing · 18 Jun 2023"
    data = view_data(select_view(seed_graph, limit=None))
    assert data["nodes"]["meeting:2022-11-bali-joe-biden-xi-jinping"]["short"] == "Biden – Xi Jinping · Nov 2022"


def test_meeting_issues_most_written_about_first_the_rest_folded(seed_graph):
    w = washington_meeting(seed_graph)
    data = view_data(select_view(seed_graph, limit=None))
    section = next(s for s in data["nodes"][w]["sections"] if s["title"].startswith("Issues"))
    said = {}
    for _m, i, e in seed_graph.out_edges(w, data=True):
        if e["relation"] == "discussed":
            said.setdefault(i, set()).update((q["doc"], q["quote"]) for q in e["evidence"])
    for u, i, e in seed_graph.edges(data=True):
        if e["relation"] == "raised" and e.get("meeting") == w:
            said.setdefault(i, set()).update((q["doc"], q["quote"]) for q in e["evidence"])
    weights = [sum(len(q) for _d, q in said[it["node"]]) for it in section["items"]]
    assert weights == sorted(weights, reverse=True) and weights[0] > weights[-1]
    assert section["fold"] == 5 and len(section["items"]) > 5
    top = section["items"][0]
    assert top["note"] == f"{len(said[top['node']])} sentences"


def test_days_with_no_year_read_as_said():
    from kg.html import human_range

    assert human_range("--02-02", "--02-03") == "2–3 Feb"
    assert human_range("--03", None) == "Mar"
    assert human_range("--06-18", "--06-18") == "18 Jun"
    assert human_range("2023-10-26", "2023-10-27") == "26–27 Oct 2023"


def test_layout_is_wider_than_high(seed_graph):
    data = page_data(render_html(seed_graph, limit=None).decode())
    from kg.html import visible_at_first

    shown = [data["nodes"][n] for n in visible_at_first(data)[0]]
    xs, ys = [d["x"] for d in shown], [d["y"] for d in shown]
    assert max(xs) - min(xs) > 1.2 * (max(ys) - min(ys))
