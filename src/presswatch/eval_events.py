"""``presswatch eval events``: score event coding on the PLOVER gold standard and PETRARCH2 records.

PLOVER GSR (``--plover DIR`` holding ``PLOVER_GSR_CAMEO.txt``): 322 sentences,
each with one gold event. The 2016 names are mapped to current PLOVER
(DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT).
For each sentence the *main* predicted event is the one whose cue is highest
in the dependency tree (then the first), among those that are not the
complement of a request. Reported:

- event type accuracy: main event type == gold type, over all sentences (no
  event counts as wrong); also "any": the gold type is among the predicted types;
- source (target) country accuracy: the main event's source (target) actor
  country is one of the gold codes, over sentences with a gold source (target).
  Countries are ISO3 from the actor; alliances and international organisations
  count as ``IGO``.

The GSR has no train split; it is a test set, and the lexicon was not fitted to it.

Dev sentences (``--dev FILE``, JSONL with ``id``, ``text``, ``event``, ``source`` and
``target`` code lists, optional ``date``) are scored the same way; the team's own set is
``tests/data/events/dev_sentences.jsonl``. Codes: ISO3, ``IGO`` for alliances and
international organisations, ``NGO`` for non-governmental organisations the events layer names.

PETRARCH2 (``--petrarch DIR`` holding ``PETR.UnitTest.records.xml`` and
``PETR.Validate.actors.txt``): stylised sentences with fictional actors, coded
in CAMEO. Actor texts are mapped to codes with the suite's own actor dictionary
(longest name match). Reported per gold triple: the PLOVER type of its CAMEO
code is among the predicted events (type recall), and the same with the first
three letters of the source code (type+source) and of both codes (triple);
the same for the actors alone, whatever the type (source, source-target
pair), since the suite's gold codes come from its own toy verb dictionary
(``PETR.Validate.verbs.txt``: "restore ties" is coded 064 there), not from
CAMEO's meaning; plus the share of "no event" records where nothing was coded.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Optional

from .event_lexicon import OLD_PLOVER, load_lexicon
from .types import Analysis, Article, Event

LAYERS = ["quotes", "actors", "events"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plover", metavar="DIR", help="folder with PLOVER_GSR_CAMEO.txt")
    parser.add_argument("--petrarch", metavar="DIR", help="folder with PETR.UnitTest.records.xml and actor dictionary")
    parser.add_argument("--dev", metavar="FILE", help="JSONL dev sentences (id, text, event, source, target codes)")
    parser.add_argument("--speed", metavar="DIR", help="measure the events layer's added time on the texts in DIR")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N records of each set")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", metavar="PATH", help="write per-record predictions (JSONL) here")
    parser.add_argument("--config", metavar="PATH", help="a presswatch TOML config (e.g. [events] settings to compare)")
    parser.add_argument("--mechanisms", action="store_true",
                        help="also print aggregate counts of error mechanisms over the misses (counts only, no text)")


def run(args: argparse.Namespace) -> int:
    if not args.plover and not args.petrarch and not args.speed and not args.dev:
        print("presswatch: error: give --plover DIR, --petrarch DIR, --dev FILE and/or --speed DIR", file=sys.stderr)
        return 2
    from .pipeline import Analyzer

    from .errors import PresswatchError

    try:
        analyzer = Analyzer(getattr(args, "config", None), layers=LAYERS)
    except PresswatchError as exc:
        print(f"presswatch: {exc}", file=sys.stderr)
        return 2
    results: dict[str, dict] = {}
    rows: list[dict] = []
    try:
        if args.dev:
            records = load_dev(Path(args.dev))[: args.limit]
            facts: list[dict] = []
            results["dev"], r = score_gsr(records, _analyse(analyzer, records, facts), name="dev")
            rows.extend(r)
            if args.mechanisms:
                results["dev_mechanisms"] = error_mechanisms(records, r, facts)
        if args.plover:
            records = load_gsr(Path(args.plover))[: args.limit]
            facts = []
            results["plover_gsr"], r = score_gsr(records, _analyse(analyzer, records, facts))
            rows.extend(r)
            if args.mechanisms:
                results["plover_gsr_mechanisms"] = error_mechanisms(records, r, facts)
        if args.petrarch:
            sentences = load_petrarch(Path(args.petrarch))[: args.limit]
            actors = load_actor_dictionary(Path(args.petrarch) / "PETR.Validate.actors.txt")
            results["petrarch2"], r = score_petrarch(sentences, _analyse(analyzer, sentences), actors)
            rows.extend(r)
        if args.speed:
            results["speed"] = measure_speed(Path(args.speed), args.limit or 40)
    except (OSError, ValueError, ET.ParseError) as exc:
        print(f"presswatch: error: {exc}".splitlines()[0], file=sys.stderr)
        return 1
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for name, scores in results.items():
            print(name)
            for key, value in scores.items():
                print(f"  {key:28s} {value:.3f}" if isinstance(value, float) else f"  {key:28s} {value}")
    return 0


def _analyse(analyzer, records: list[dict], facts: Optional[list[dict]] = None) -> list[Analysis]:
    """Analyses whose events are ordered main-clause first (parse depth of the cue, then position);
    with ``facts``, also appends each record's :func:`main_event_facts`."""
    out = []
    docs = (analyzer._make_doc(Article(id=r["id"], text=r["text"], published=r.get("date"))) for r in records)
    for doc in analyzer.nlp.pipe(docs, batch_size=32):
        analysis = analyzer.to_analysis(doc)
        analysis.events.sort(key=lambda e: (e.modality == "demanded", _cue_depth(doc, e), e.cue[0] if e.cue else 0))
        out.append(analysis)
        if facts is not None:
            facts.append(main_event_facts(doc, analysis))
    return out


def main_event_facts(doc, analysis: Analysis) -> dict:
    """Categories (never text) about the main event of a one-sentence record, for error counts: which
    lexicon coded it, its modality, how its source was found, and the country codes of the actors the
    sentence names in order."""
    from .events import REPORTING

    ev = main_event(analysis.events)
    codes = []
    for actor in sorted(analysis.actors, key=lambda a: min((m[0] for m in a.mentions), default=10 ** 9)):
        if actor.mentions:
            codes.append(actor_code(analysis, actor.id))
    facts = {"codes": [c for c in codes if c], "event_sources": [actor_code(analysis, e.source.actor)
                                                                 for e in analysis.events]}
    if ev is None:
        return facts
    origin = doc.user_data.get("presswatch.event_origin", {}).get(ev.id, "?")
    cue = doc.char_span(ev.cue[0], ev.cue[1], alignment_mode="expand") if ev.cue else None
    passive = cue is not None and any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.root.children)
    head_kind = _head_kind(doc, ev.source.span)
    src_actor = next((a for a in analysis.actors if a.id == ev.source.actor), None)
    roles = {"source_dep": _arg_relation(doc, ev.source.span), "target_dep": _arg_relation(doc, ev.target.span)}
    # reported speech: the subject of the nearest reporting verb above the cue, or the quote's speaker
    reporter, reported = None, False
    node = cue.root if cue is not None else None
    for _ in range(8):
        if node is None or node.head.i == node.i:
            break
        node = node.head
        if node.lemma_.lower() in REPORTING:
            reported = True
            subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            span = doc[subj[0].left_edge.i: subj[0].right_edge.i + 1] if subj else None
            reporter = next((a.id for a in analysis.actors for m in a.mentions if span is not None
                             and span.start_char <= m[0] < span.end_char), None)
            break
    quote = next((q for q in analysis.quotes if q.id == ev.quote), None) if ev.quote else None
    if quote is not None and quote.speaker is not None and reporter is None:
        reporter = quote.speaker.actor
    first = min(analysis.events, key=lambda e: e.cue[0] if e.cue else 10 ** 9)
    facts.update({
        "reported": reported or ev.quote is not None, "reporter_code": actor_code(analysis, reporter),
        "speaker_actor": None if quote is None or quote.speaker is None else bool(quote.speaker.actor),
        "speaker_kind": _head_kind(doc, quote.source[0]) if quote is not None and quote.source else "none",
        "first_cue_type": first.type, "main_is_first_cue": first is ev,
        "origin": origin, "modality": ev.modality, "negated": ev.negated, "passive": passive,
        "quote": ev.quote is not None, "head_kind": head_kind,
        "source_state": "actor" if ev.source.actor else "text" if ev.source.text else "empty",
        "source_type": (src_actor.type + (":local" if src_actor.local else "")) if src_actor else None,
        "first_code": facts["codes"][0] if facts["codes"] else None, **roles,
    })
    return facts


def error_mechanisms(records: list[dict], rows: list[dict], facts: list[dict]) -> dict:
    """Aggregate counts of why the main event's type or source missed (no text, no names)."""
    out: Counter = Counter()
    for rec, row, f in zip(records, rows, facts):
        pred_type, src, tgt = row["pred"]
        gold_src = rec["source"]
        if not row["ok"]:
            out["type_miss"] += 1
            out[f"type_miss origin={f.get('origin', 'no_event')}"] += 1
            if f.get("modality"):
                out[f"type_miss modality={f['modality']}"] += 1
            out[f"type_confusion {rec['event']}->{pred_type}"] += 1
        else:
            out[f"type_ok origin={f.get('origin')}"] += 1
        if f.get("main_is_first_cue") is False:  # the main event is a higher clause than the first cue
            out["main_not_first_cue"] += 1
            out[f"main_not_first_cue type_ok={row['ok']}"] += 1
            out[f"main_not_first_cue first_cue_type_ok={f['first_cue_type'] == rec['event']}"] += 1
        if not gold_src or src in gold_src:
            continue
        out["source_miss"] += 1
        out[f"source_miss type_ok={row['ok']}"] += 1
        if pred_type is None:
            out["source_miss no_event"] += 1
            continue
        state = f["source_state"]
        out[f"source_miss state={state}"] += 1
        out[f"source_miss state={state} head={f['head_kind']}"] += 1
        named = bool(set(gold_src) & set(f["codes"]))
        out[f"source_miss state={state} head={f['head_kind']} gold_named={named}"] += 1
        if state == "actor":
            out[f"source_miss wrong_actor type={f['source_type']}"] += 1
        for flag in ("passive", "quote", "negated", "reported"):
            if f.get(flag):
                out[f"source_miss {flag}"] += 1
        if f.get("reported"):
            out[f"source_miss reported reporter_is_gold={f['reporter_code'] in gold_src}"] += 1
            if f.get("speaker_actor") is False:
                out["source_miss reported quote_speaker_without_actor"] += 1
                named = bool(set(gold_src) & set(f["codes"]))
                out[f"source_miss reported quote_speaker_without_actor speaker={f['speaker_kind']} "
                    f"gold_named={named} gold_first={f['first_code'] in gold_src}"] += 1
        out[f"source_miss origin={f['origin']}"] += 1
        if set(gold_src) & set(f["codes"]):
            out["source_miss gold_code_named_in_sentence"] += 1
            if f["first_code"] in gold_src:
                out["source_miss gold_is_first_actor_named"] += 1
            if tgt in gold_src:
                out["source_miss gold_is_predicted_target"] += 1
                out[f"source_miss gold_is_predicted_target gold_type={rec['event']} passive={f['passive']}"] += 1
                out[f"source_miss gold_is_predicted_target deps={f['source_dep']}/{f['target_dep']}"] += 1
            if any(c in gold_src for c in f["event_sources"]):
                out["source_miss gold_is_source_of_another_event"] += 1
        else:
            out["source_miss gold_code_not_named_in_sentence"] += 1
        if src and src in rec["target"]:
            out["source_miss predicted_source_is_gold_target"] += 1
        if set(gold_src) & {"IGO", "NGO"}:
            out["source_miss gold_IGO_or_NGO"] += 1
    return dict(sorted(out.items()))


def _head_kind(doc, span_offsets) -> str:
    """What heads an argument or a quote's source: pronoun, an entity label, generic ("police"),
    titled ("a spokesman"), else its part of speech; "none" without a span. Labels only."""
    from .event_actors import GENERIC_HEADS
    from .events import PRONOUNS, TITLE_WORDS

    span = doc.char_span(span_offsets[0], span_offsets[1], alignment_mode="expand") if span_offsets else None
    if span is None:
        return "none"
    head = span.root
    if head.lower_ in PRONOUNS or head.lower_ in ("we", "i"):
        return "pronoun"
    if head.ent_type_:
        return head.ent_type_
    if head.lower_ in GENERIC_HEADS or head.lemma_.lower() in GENERIC_HEADS:
        return "generic"
    if {t.lower_ for t in span} & TITLE_WORDS:
        return "titled"
    return head.pos_.lower()


def _arg_relation(doc, span_offsets) -> str:
    """The dependency label of an argument's head, with its head's label when it hangs on a
    preposition ("pobj<agent" is a passive's by-phrase): a closed set of labels, never text."""
    if not span_offsets:
        return "none"
    span = doc.char_span(span_offsets[0], span_offsets[1], alignment_mode="expand")
    if span is None:
        return "none"
    root = span.root
    return f"{root.dep_}<{root.head.dep_}" if root.dep_ == "pobj" else root.dep_


def _cue_depth(doc, event: Event) -> int:
    span = doc.char_span(event.cue[0], event.cue[1], alignment_mode="expand") if event.cue else None
    if span is None:
        return 99
    tok, depth = span.root, 0
    while tok.head.i != tok.i and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


def measure_speed(folder: Path, limit: int, rounds: int = 3) -> dict:
    """Time of the events component alone vs the rest of the pipeline on the same parsed texts.

    Timing the component on already-parsed documents isolates it from the
    noise of a shared machine better than two full runs; best of ``rounds``.
    """
    import time

    from .events import EventsComponent
    from .pipeline import Analyzer

    files = sorted(p for p in folder.rglob("*") if p.is_file())[:limit]
    texts = [t for t in (p.read_text("utf-8", errors="replace") for p in files) if t.strip()]
    if not texts:
        raise ValueError(f"no texts in {folder}")
    rest = Analyzer(layers=[l for l in LAYERS if l != "events"])
    comp = EventsComponent()
    best_rest = best_events = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        docs = list(rest.nlp.pipe((rest._make_doc(Article(id=str(i), text=t)) for i, t in enumerate(texts)),
                                  batch_size=16))
        best_rest = min(best_rest, time.perf_counter() - start)
        start = time.perf_counter()
        for doc in docs:
            comp(doc)
        best_events = min(best_events, time.perf_counter() - start)
    return {"texts": len(texts), "layers_before_events": ",".join(rest.layers),
            "events_added_time_pct": round(100 * best_events / best_rest, 1)}


# -- PLOVER GSR ---------------------------------------------------------------
def gold_type(name: str) -> str:
    return OLD_PLOVER.get(name, name)


def load_gsr(folder: Path) -> list[dict]:
    path = folder / "PLOVER_GSR_CAMEO.txt" if folder.is_dir() else folder
    data = json.loads(path.read_text("utf-8"))
    out = []
    for rec in data:
        if rec.get("event") == "DOCUMENT" or not rec.get("text"):
            continue
        out.append({
            "id": rec["id"],
            "text": rec["text"].strip(" {}"),
            "date": _iso(rec.get("date")),
            "event": gold_type(rec["event"]),
            "source": _codes(rec.get("source")),
            "target": _codes(rec.get("target")),
        })
    return out


def _codes(value) -> list[str]:
    if not isinstance(value, list):
        return []
    return [a["code"] for a in value if isinstance(a, dict) and a.get("code")]


def _iso(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", value.strip())
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def main_event(events: list[Event]) -> Optional[Event]:
    """The sentence's main event: the first listed that is not a complement of a request."""
    ranked = sorted(events, key=lambda e: e.modality == "demanded")  # stable: keeps the given order
    return ranked[0] if ranked else None


def actor_code(analysis: Analysis, actor_id: Optional[str]) -> Optional[str]:
    """ISO3 country of an actor, ``IGO`` for alliances and international organisations and for
    people whose role on the article date is a post at one (a UN Secretary-General)."""
    if not actor_id:
        return None
    if actor_id.startswith("ngo:"):  # a non-governmental organisation the events layer named
        return "NGO"
    for actor in analysis.actors:
        if actor.id == actor_id:
            if actor.type in ("alliance", "organization", "government_body") and not actor.country:
                return "IGO"
            if actor.type == "person" and actor.roles and _international_post(actor.roles):
                return "IGO"
            return actor.country
    try:  # an actor the events layer guessed from the knowledge base (no actors layer)
        from .kb import load_kb
        entry = load_kb().get(actor_id)
    except ImportError:
        entry = None
    if entry is not None:
        if entry.type in ("alliance", "organization", "government_body") and not entry.country:
            return "IGO"
        return entry.country
    return actor_id if re.fullmatch(r"[A-Z]{3}", actor_id) else None


def _international_post(roles) -> bool:
    """True when the first of a person's roles (the actors layer lists those held on the article
    date, curated before generated) is a post at an international organisation."""
    try:
        from .kb import load_kb
    except ImportError:
        return False
    return load_kb().international_post(roles[0]) is not None


def load_dev(path: Path) -> list[dict]:
    """Dev sentences (JSONL): ``id``, ``text``, ``event`` (PLOVER), ``source``/``target`` (lists of codes),
    optional ``date``; scored like the GSR."""
    out = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            out.append({"id": str(rec["id"]), "text": str(rec["text"]), "date": _iso(rec.get("date")),
                        "event": gold_type(str(rec["event"])), "source": [str(c) for c in rec.get("source") or []],
                        "target": [str(c) for c in rec.get("target") or []]})
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: bad dev record ({exc})") from None
    return out


def score_gsr(records: list[dict], analyses: list[Analysis], name: str = "plover_gsr") -> tuple[dict, list[dict]]:
    n = len(records)
    hits = Counter()
    rows = []
    for rec, an in zip(records, analyses):
        ev = main_event(an.events)
        types = {e.type for e in an.events}
        src = actor_code(an, ev.source.actor) if ev else None
        tgt = actor_code(an, ev.target.actor) if ev else None
        ok_type = ev is not None and ev.type == rec["event"]
        hits["type"] += ok_type
        hits["any"] += rec["event"] in types
        hits["found"] += ev is not None
        if rec["source"]:
            hits["n_source"] += 1
            hits["source"] += src in rec["source"]
        if rec["target"]:
            hits["n_target"] += 1
            hits["target"] += tgt in rec["target"]
        rows.append({"set": name, "id": rec["id"], "gold": [rec["event"], rec["source"], rec["target"]],
                     "pred": [ev.type if ev else None, src, tgt], "ok": ok_type})
    per_type = Counter(r["gold"][0] for r in rows)
    scores = {
        "records": n,
        "event_type_accuracy": hits["type"] / n if n else 0.0,
        "event_type_any": hits["any"] / n if n else 0.0,
        "records_with_event": hits["found"] / n if n else 0.0,
        "source_country_accuracy": hits["source"] / hits["n_source"] if hits["n_source"] else 0.0,
        "target_country_accuracy": hits["target"] / hits["n_target"] if hits["n_target"] else 0.0,
    }
    for t in sorted(per_type):
        ok = sum(1 for r in rows if r["gold"][0] == t and r["ok"])
        scores[f"type_acc[{t}]"] = ok / per_type[t]
    return scores, rows


# -- PETRARCH2 ----------------------------------------------------------------
def load_petrarch(folder: Path) -> list[dict]:
    path = folder / "PETR.UnitTest.records.xml" if folder.is_dir() else folder
    root = ET.parse(path).getroot()
    out = []
    for sent in root.iter("Sentence"):
        text_el = sent.find("Text")
        if text_el is None or not (text_el.text or "").strip():
            continue
        codings, none_expected = [], False
        for ec in sent.findall("EventCoding"):
            if ec.get("noevents"):
                none_expected = True
            elif ec.get("eventcode"):
                codings.append((ec.get("sourcecode") or "", ec.get("targetcode") or "", ec.get("eventcode")))
        out.append({"id": sent.get("id"), "text": " ".join(text_el.text.split()),
                    "date": _iso(sent.get("date")), "codings": codings, "none": none_expected})
    return out


def load_actor_dictionary(path: Path) -> dict[tuple[str, ...], str]:
    """PETRARCH actor dictionary -> {name words (upper case): code}; the first code block of an entry wins."""
    names: dict[tuple[str, ...], str] = {}
    pending: list[tuple[str, ...]] = []
    code = None
    text = re.sub(r"<!--.*?-->", "", path.read_text("utf-8", errors="replace"), flags=re.S)

    def flush():
        if code and code not in ("---", "+++"):
            for words in pending:
                names.setdefault(words, code)

    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        m = re.search(r"\[([A-Za-z+\-]{3,})", line)
        head = line.split("[", 1)[0].strip()
        if raw[:1] in ("\t", " ") and not head:
            if m and code is None:
                code = m.group(1).upper()
            continue
        if head.startswith("+"):
            pending.append(tuple(head[1:].strip("_").upper().replace("_", " ").split()))
        elif head:
            flush()
            pending = [tuple(head.strip("_").upper().replace("_", " ").split())]
            code = None
        if m and code is None:
            code = m.group(1).upper()
    flush()
    return {k: v for k, v in names.items() if k}


def code_text(text: Optional[str], names: dict[tuple[str, ...], str]) -> Optional[str]:
    """The code of the longest dictionary name in ``text`` (names match whole words; a last word also prefixes)."""
    if not text:
        return None
    words = re.findall(r"[A-Za-z][A-Za-z'.-]*", text.upper())
    best, best_len = None, 0
    for i in range(len(words)):
        for key, code in names.items():
            n = len(key)
            if n <= best_len or i + n > len(words):
                continue
            if all(words[i + k] == key[k] for k in range(n - 1)) and (
                    words[i + n - 1] == key[-1] or (len(key[-1]) > 4 and words[i + n - 1].startswith(key[-1]))):
                best, best_len = code, n
    return best


def score_petrarch(sentences: list[dict], analyses: list[Analysis],
                   names: dict[tuple[str, ...], str]) -> tuple[dict, list[dict]]:
    lex = load_lexicon()
    hits = Counter()
    rows = []
    for rec, an in zip(sentences, analyses):
        preds = [(e.type, code_text(e.source.text, names), code_text(e.target.text, names)) for e in an.events]
        if rec["none"] and not rec["codings"]:
            hits["none_records"] += 1
            hits["none_ok"] += not preds
        for src, tgt, cameo in rec["codings"]:
            plover = lex.plover(cameo)
            if plover is None:
                continue  # CAMEO 01 statements have no PLOVER type
            hits["gold"] += 1
            hits["type"] += any(p[0] == plover for p in preds)
            hits["type_source"] += any(p[0] == plover and (p[1] or "")[:3] == src[:3] for p in preds)
            hits["source"] += any((p[1] or "")[:3] == src[:3] for p in preds)
            hits["pair"] += any((p[1] or "")[:3] == src[:3] and (p[2] or "")[:3] == tgt[:3] for p in preds)
            hits["triple"] += any(p[0] == plover and (p[1] or "")[:3] == src[:3] and (p[2] or "")[:3] == tgt[:3]
                                  for p in preds)
        rows.append({"set": "petrarch2", "id": rec["id"], "gold": rec["codings"], "pred": preds})
    g = hits["gold"]
    return {
        "records": len(sentences),
        "gold_triples_with_plover_type": g,
        "type_recall": hits["type"] / g if g else 0.0,
        "type_source_recall": hits["type_source"] / g if g else 0.0,
        "triple_recall": hits["triple"] / g if g else 0.0,
        "source_recall": hits["source"] / g if g else 0.0,
        "source_target_pair_recall": hits["pair"] / g if g else 0.0,
        "no_event_records_correct": (hits["none_ok"] / hits["none_records"]) if hits["none_records"] else 0.0,
        "predicted_events": sum(len(r["pred"]) for r in rows),
    }, rows


__all__ = ["add_arguments", "run", "load_gsr", "load_dev", "score_gsr", "load_petrarch", "score_petrarch",
           "load_actor_dictionary", "code_text", "main_event", "gold_type"]
