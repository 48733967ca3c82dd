"""``presswatch_quotes``: who said what, from quotation marks, the dependency parse and a learned cue model.

It runs after the base spaCy pipeline (parser, NER) and reads
``doc._.pw_regions``, ``pw_entities`` and (when present) ``pw_actors``; it
writes ``doc._.pw_quotes``:

1. **Quotation marks** (:func:`scan_quotes`): straight, curly, low-9, guillemets,
   single marks and two typed marks standing for a double one (``''...''``, or two
   backticks and two apostrophes), paired
   per paragraph with a stack. Sloppy typing is tolerated: spaces inside the
   marks, an opening mark used to close (``“1/6“``), a closing mark shared by a
   quote and the quote nested in it, a quote left open at a paragraph end when
   the next paragraph opens again (a continued quote). Apostrophes are not
   quotation marks.
2. **Direct quotes** (rules): a quoted passage with a reporting verb right after
   it (``“...,” the minister said`` / ``said X``), right before it (``X said: “...”``,
   ``X told Y, “...”``), or around it (``“A,” he said, “B.”``: one quote, two
   content spans); a colon after a name (``X: “...”``); interview transcript
   turns (``WALLACE: ...``); a quoted sentence with no cue of its own after
   another attribution in the same or previous paragraph (a follow-on quote).
3. **Indirect and mixed quotes**: every candidate predicate (a verb, or a noun
   with a complement) is scored by a logistic regression trained on PolNeAR
   train (:mod:`presswatch.quote_cues`, ``models/quotes/cue_model.json``); above
   ``cue_threshold`` a second model picks its content among the complements
   the parse offers (that-clause, infinitive, object, prepositional object,
   the clause around a parenthetical ``X said,``, ...) and a third decides
   whether its subject is the source. Where the model is unsure (between
   ``rule_threshold`` and ``cue_threshold``), hand rules over a reporting-verb
   lexicon still apply; ``according to X, ...`` is a rule. One report per
   stretch of text: a report inside another's content gives way to it. A
   clause holding a quoted fragment is ``mixed``.
4. **Not quotes**: quoted words with no reporting cue and not sentence-like
   (scare quotes, titles, nicknames, slogans) are dropped; reporting verbs
   inside a direct quote are the quoted person's words, not new quotes, except
   a quoted passage nested in it with its own cue (``parent`` is then set); the
   writer's own voice (``it must be said that``, ``you can recall``) is no quote.
5. **Speakers**: the cue's subject (or the agent of a passive), resolved with
   :mod:`presswatch.coref` (pronouns, surnames, role descriptions, acronyms) to
   the canonical name; ``speaker.actor`` from ``doc._.pw_actors`` when that
   layer ran.

Limits: English only; quality follows the parser (long or garbled sentences
lose their complements); the learned models know US election news of
2015-2016 (PolNeAR) and report beliefs and intentions as PolNeAR does
("Trump hopes to ..."), not only speech.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .coref import PERSON_PRONOUNS, Resolver
from .errors import ModelError
from .quote_cues import (LinearModel, content_candidates, content_features, features, is_candidate, load_models,
                         source_features, subject_of)
from .extensions import register_extensions
from .types import Actor, Quote, Speaker

MODEL_DIR = Path(__file__).resolve().parent / "models" / "quotes"

# -- lexicon -----------------------------------------------------------------
# Reporting verbs (lemmas). Thinking verbs are included: news attributes beliefs
# and intentions the same way ("Trump believes that ...").
SPEECH_VERBS = frozenset("""
say tell add write note claim argue state explain announce report insist warn ask reply respond declare assert
acknowledge admit suggest predict urge promise vow pledge accuse deny confirm stress emphasize emphasise recall
continue conclude tweet post testify complain point remark observe contend maintain mention reveal indicate agree
comment counter retort joke quip concede allege charge propose recommend demand threaten remind inform assure
advise reaffirm reiterate repeat disclose shout yell whisper muse wonder boast brag lament caution signal hint
describe call think believe hope fear worry feel know expect estimate show find read question dismiss criticize
criticise praise blame tout vowed decline refuse plan intend want seek pledge complain assert predict recount
acknowledge cite slam blast attack defend endorse support oppose reject welcome hail condemn denounce
""".split())
# Verbs whose direct object is the reported content ("announced the decision").
NP_CONTENT_VERBS = frozenset("""
announce deny confirm report describe criticize criticise praise note propose express reveal acknowledge cite
recommend demand support endorse oppose reject welcome hail condemn denounce dismiss blame tout defend slam
blast attack question admit claim predict disclose reaffirm reiterate stress emphasize emphasise mention
""".split())
# Verbs that take the reported content as an infinitive ("urged them to leave").
INFINITIVE_VERBS = frozenset("""
urge call promise vow pledge threaten refuse decline agree plan intend want ask tell warn advise remind offer
expect hope seek demand propose encourage invite order instruct appeal
""".split())
# Cues of direct quotes only ("he continued: ..."); as plain verbs they report nothing.
DIRECT_ONLY = frozenset("continue read post".split())
# Verbs whose object is the addressee, not the content ("told Biden").
ADDRESSEE_VERBS = frozenset("tell ask warn urge remind inform assure advise call".split())
CUE_MODIFIERS = ("aux", "auxpass", "neg")
# `Editor's note: ...`, `Correction: ...`: labels before a colon that name no speaker
NOT_SPEAKER_LABELS = frozenset("""
note correction update clarification disclosure related source sources photo photos video watch read see also
editor editors caption credit summary background context analysis opinion
""".split())
NON_SOURCES = {"it", "there", "you", "this", "that", "which", "what"}
RELATIVE = {"who", "which", "that"}

DOUBLE_OPEN = "“„«‟"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
MARKS = set(DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'`")


# -- quotation marks -----------------------------------------------------------
@dataclass
class Quoted:
    """A passage between quotation marks: ``start``/``end`` exclude the marks and outer spaces."""

    open: int
    start: int
    end: int
    close: int  # index after the closing mark (or the paragraph end when unclosed)
    double: bool
    parent: int | None = None
    closed: bool = True
    continues: bool = False  # left open at a paragraph end; the next paragraph goes on
    continuation_of: int | None = None
    children: list[int] = field(default_factory=list)


def _double_kind(ch: str) -> bool:
    return ch in DOUBLE_OPEN or ch in DOUBLE_CLOSE or ch == '"'


def _paragraphs(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        if text[pos:stop].strip():
            yield pos, stop
        pos = stop + 1


def scan_quotes(text: str, regions: Iterable[tuple[int, int]], max_chars: int = 5000) -> list[Quoted]:
    """Quoted passages in ``regions`` of ``text``, in order; nested ones have ``parent`` set."""
    found: list[Quoted] = []
    for r_start, r_end in regions:
        pending: int | None = None  # index of a quote continued into the next paragraph
        for p_start, p_end in _paragraphs(text, r_start, r_end):
            first = p_start + len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip())
            opens = text[first] in DOUBLE_OPEN + '"«' or text.startswith(("''", "``"), first)
            cont_of = pending if pending is not None and opens else None
            pending = _scan_paragraph(text, p_start, p_end, found, cont_of)
    keep = [k for k, q in enumerate(found) if q.end - q.start <= max_chars and any(c.isalnum() for c in text[q.start:q.end])]
    new = {old: i for i, old in enumerate(keep)}
    out = []
    for old in keep:
        q = found[old]
        q.parent = new.get(q.parent) if q.parent is not None else None
        q.continuation_of = new.get(q.continuation_of) if q.continuation_of is not None else None
        q.children = [new[c] for c in q.children if c in new]
        out.append(q)
    return out


def _scan_paragraph(text: str, a: int, b: int, found: list[Quoted], cont_of: int | None) -> int | None:
    stack: list[int] = []
    first_index = len(found)

    def push(i: int, double: bool) -> None:
        q = Quoted(open=i, start=i + width, end=-1, close=-1, double=double, parent=stack[-1] if stack else None)
        found.append(q)
        if stack:
            found[stack[-1]].children.append(len(found) - 1)
        stack.append(len(found) - 1)

    def close(i: int) -> None:
        q = found[stack.pop()]
        q.end, q.close = i, i + width

    skip = -1
    for i in range(a, b):
        ch = text[i]
        if ch not in MARKS or i <= skip:
            continue
        width = 1
        if text.startswith("''", i) or text.startswith("``", i):
            ch, width, skip = '"', 2, i + 1  # two single marks typed for a double one (''...'' or ``...'')
        prev = text[i - 1] if i > a else " "
        nxt = text[i + width] if i + width < b else " "
        top_double = bool(stack) and found[stack[-1]].double
        any_double = any(found[k].double for k in stack)
        if _double_kind(ch):
            opener = ch in DOUBLE_OPEN or (ch == '"' and (prev.isspace() or prev in "([{—–-:") and not nxt.isspace())
            if ch == '"' and top_double and not (opener and _nested_context(text, found[stack[-1]].start, i)):
                close(i)
            elif ch in DOUBLE_OPEN and top_double:
                # Either a nested quote (after ':' or ',') or a closing mark of the wrong kind.
                if _nested_context(text, found[stack[-1]].start, i):
                    push(i, True)
                else:
                    close(i)
            elif ch in DOUBLE_CLOSE and any_double:
                while stack and not found[stack[-1]].double:
                    found[stack.pop()].end = -1  # an unclosed single inside: not a quote
                close(i)
                # One mark closing a nested quote and its parent, the attribution after it.
                if stack and found[stack[-1]].double and _CUE_AFTER.match(text, i + 1, b):
                    close(i)
            elif opener or (ch in DOUBLE_CLOSE and (prev.isspace() or i == a) and nxt.isalnum()):
                push(i, True)
        else:
            can_close = (ch in SINGLE_CLOSE or ch == "'") and not nxt.isalnum() and not prev.isspace()
            can_open = (ch in SINGLE_OPEN or ch == "'") and (prev.isspace() or prev in "([{—–-\"“:") and nxt.isalnum()
            if can_close and stack and not found[stack[-1]].double:
                close(i)
            elif can_open:
                push(i, False)
    # Unclosed at the paragraph end.
    pending = None
    for k in reversed(stack):
        q = found[k]
        closed_children = [found[c] for c in q.children if found[c].end >= 0 and found[c].closed]
        if not q.double:
            q.end = -1
        elif closed_children and q.children and found[q.children[-1]] is closed_children[-1]:
            # one closing mark shared by the nested quote and this one
            q.end, q.close = closed_children[-1].end, closed_children[-1].close
        else:
            q.end, q.close, q.closed = b, b, False
            if q.parent is None:
                q.continues = True
                pending = k
    for k in range(first_index, len(found)):
        q = found[k]
        if q.end < 0:
            q.end = q.start  # dropped later (empty)
            continue
        while q.start < q.end and text[q.start].isspace():
            q.start += 1
        while q.end > q.start and text[q.end - 1].isspace():
            q.end -= 1
    if cont_of is not None and first_index < len(found) and found[first_index].parent is None:
        found[first_index].continuation_of = cont_of
    return pending


_CUE_AFTER = re.compile(
    r"\s*,?\s*(?:[\w’'.-]+\s+){0,5}?(?:said|says|say|told|tells|added|adds|asked|wrote|writes|noted|notes|"
    r"stressed|explained|continued|insisted|declared|replied|according)\b"
)


def _nested_context(text: str, quote_start: int, i: int) -> bool:
    """Is an opening mark at ``i``, inside a quote opened at ``quote_start``, a nested opening?"""
    j = i - 1
    while j >= quote_start and text[j].isspace():
        j -= 1
    return j >= quote_start and text[j] in ":,"


# -- relations -------------------------------------------------------------------
@dataclass
class _Rel:
    kind: str
    content: list[tuple[int, int]]  # char spans
    cue: tuple[int, int] | None
    source: tuple[int, int] | None  # token range
    speaker_tok: Token | None
    confidence: float
    parent: "_Rel | None" = None
    speaker: Speaker | None = None
    quoted: list[int] = field(default_factory=list)  # indices of quoted passages used


@Language.factory(
    "presswatch_quotes",
    default_config={"indirect": True, "follow_on": True, "min_direct_words": 4, "max_quote_chars": 5000,
                    "lexicon": "cue_lexicon.json", "model": "cue_model.json", "cue_threshold": 0.6,
                    "content_threshold": 0.1, "rule_threshold": 0.3},
)
def make_quotes(nlp: Language, name: str, indirect: bool, follow_on: bool, min_direct_words: int,
                max_quote_chars: int, lexicon: str, model: str, cue_threshold: float,
                content_threshold: float, rule_threshold: float) -> "QuotesComponent":
    register_extensions()
    return QuotesComponent(indirect=indirect, follow_on=follow_on, min_direct_words=min_direct_words,
                           max_quote_chars=max_quote_chars, learned=load_lexicon(lexicon),
                           models=load_models(model)[0] if model else None, cue_threshold=cue_threshold,
                           content_threshold=content_threshold, rule_threshold=rule_threshold)


def load_lexicon(name: str) -> frozenset[str]:
    """Learned reporting verbs (``presswatch train quotes``); ``""`` for none.

    ``name`` is a file in ``presswatch/models/quotes/`` or a path.
    """
    if not name:
        return frozenset()
    path = Path(name)
    if not path.is_absolute() and not path.exists():
        path = MODEL_DIR / name
    try:
        data = json.loads(path.read_text("utf-8"))
        return frozenset(str(k) for k in data["lemmas"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"cannot read the quote cue lexicon {path}: {exc}".splitlines()[0]) from None


class QuotesComponent:
    """See the module docstring. Config: ``indirect`` (also indirect and mixed quotes),
    ``follow_on`` (cue-less quotes after an attribution), ``min_direct_words`` (shorter
    quoted passages need a cue of their own), ``max_quote_chars`` (longer passages are
    taken for a stray mark and ignored), ``learned`` (extra lexicon verbs), ``models``
    (the learned cue/content/source models; None for the rules alone), ``cue_threshold``
    (cue probability for a learned report), ``content_threshold`` (least score of the
    chosen content), ``rule_threshold`` (below this cue probability the lexicon rules
    are not tried either)."""

    def __init__(self, indirect: bool = True, follow_on: bool = True, min_direct_words: int = 4,
                 max_quote_chars: int = 5000, learned: Iterable[str] = (),
                 models: dict[str, LinearModel] | None = None, cue_threshold: float = 0.6,
                 content_threshold: float = 0.1, rule_threshold: float = 0.3):
        self.learned = frozenset(learned) - SPEECH_VERBS
        self.models = models or {}
        self.cue_threshold = cue_threshold
        self.rule_threshold = rule_threshold
        self.content_threshold = content_threshold
        self.indirect = indirect
        self.follow_on = follow_on
        self.min_direct_words = min_direct_words
        self.max_quote_chars = max_quote_chars

    def __call__(self, doc: Doc) -> Doc:
        doc._.pw_quotes = extract(doc, self)
        return doc


class _Ctx:
    def __init__(self, doc: Doc, opts: QuotesComponent):
        self.doc = doc
        self.opts = opts
        self.text = doc.text
        self.regions = [(0, len(self.text))] if doc._.pw_regions is None else list(doc._.pw_regions)
        self.quoted = scan_quotes(self.text, self.regions, opts.max_quote_chars)
        self.starts = doc.to_array(IDX).tolist()  # token start offsets without a Python loop over tokens
        self._resolver: Resolver | None = None
        self.used_cues: set[int] = set()
        self.in_quotes: set[int] = set()  # tokens inside top-level quoted passages

    @property
    def resolver(self) -> Resolver:
        if self._resolver is None:
            self._resolver = Resolver(self.doc, self.regions)
        return self._resolver

    def token_range(self, start: int, end: int) -> range:
        """Indices of the tokens starting in ``[start, end)``."""
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))

    def tokens(self, start: int, end: int) -> list[Token]:
        """Tokens lying wholly inside ``[start, end)``."""
        if end <= start:
            return []
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.doc) and self.starts[i] < end:
            tok = self.doc[i]
            if tok.idx + len(tok) <= end:
                out.append(tok)
            i += 1
        return out

    def span_tokens(self, q: Quoted) -> Span | None:
        return self.doc.char_span(q.start, q.end, alignment_mode="expand")

    def sentence_like(self, q: Quoted) -> bool:
        span = self.span_tokens(q)
        if span is None:
            return False
        words = [t for t in span if t.is_alpha]
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in span)
        return len(words) >= self.opts.min_direct_words and has_verb


def _cue_span(v: Token) -> tuple[int, int]:
    start = v.idx
    for child in v.lefts:
        if child.dep_ in CUE_MODIFIERS and child.i >= v.i - 3:
            start = min(start, child.idx)
    end = v.idx + len(v)
    for child in v.rights:
        if child.dep_ == "prt" and child.i == v.i + 1:
            end = child.idx + len(child)
    return start, end


def _subject(v: Token) -> Token | None:
    for child in v.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "nsubjpass":
            return None
    # "went on to say", "paused and said", "tweeted, saying": the subject of the governing verb
    if (v.dep_ in ("xcomp", "conj") or v.dep_ == "advcl" and v.tag_ == "VBG") and v.head.pos_ in ("VERB", "AUX"):
        for child in v.head.children:
            if child.dep_ == "nsubj":
                return child
    return None


def _np_range(tok: Token) -> tuple[int, int]:
    """Token range of a noun phrase: the subtree without relative clauses, appositions after commas."""
    start, end = tok.left_edge.i, tok.i + 1
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "advcl", "cc", "conj") and child.i > tok.i:
            if child.dep_ == "conj":
                end = child.right_edge.i + 1
                continue
            break
        end = child.right_edge.i + 1
    doc = tok.doc
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def _trim_chars(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return start, end


def extract(doc: Doc, opts: QuotesComponent) -> list[Quote]:
    ctx = _Ctx(doc, opts)
    rels: list[_Rel] = []
    direct_zone: list[tuple[int, int]] = []  # contents of direct quotes: the quoted person's words
    top = [k for k, q in enumerate(ctx.quoted) if q.parent is None]
    claimed: set[int] = set()
    continued = {q.continuation_of for q in ctx.quoted if q.continuation_of is not None}
    for rel in _transcript_turns(ctx):  # `PENCE: Well, look, ...`: the turn is the quote
        rels.append(rel)
        direct_zone.extend(rel.content)
        claimed.update(k for k in top if rel.source[0] <= ctx.quoted[k].open + 1 and ctx.quoted[k].open < rel.cue[0]
                       or _inside(rel.content, ctx.quoted[k].start, ctx.quoted[k].end))
    for k in top:
        if k in claimed:
            continue
        q = ctx.quoted[k]
        # a closed quoted sentence is somebody's words even without a cue; an unclosed one may be a stray mark
        if ctx.sentence_like(q) and (q.closed or k in continued or q.continuation_of is not None):
            direct_zone.append((q.start, q.end))
        rel = _direct(ctx, k, claimed)
        if rel is not None:
            rels.append(rel)
    if opts.follow_on:
        rels = _follow_on(ctx, rels, top, claimed)
    direct_zone += [c for r in rels for c in r.content]
    rels.sort(key=lambda r: r.content[0][0])
    # nested quotes inside direct quotes
    nested: list[_Rel] = []
    for rel in rels:
        for k in rel.quoted:
            for child in ctx.quoted[k].children:
                sub = _direct(ctx, child, claimed, within=(ctx.quoted[k].start, ctx.quoted[k].end))
                if sub is not None:
                    sub.parent = rel
                    nested.append(sub)
    if opts.indirect:
        rels.extend(_indirect(ctx, direct_zone, rels))
    rels.sort(key=lambda r: r.content[0][0])
    return _to_quotes(ctx, rels + nested)


# -- direct quotes -------------------------------------------------------------------
def _direct(ctx: _Ctx, k: int, claimed: set[int], within: tuple[int, int] | None = None) -> _Rel | None:
    q = ctx.quoted[k]
    text = ctx.text
    lo, hi = within if within else (0, len(text))
    # cue after the quote: `“...,” the minister said` / `“...,” said X`, in the same paragraph,
    # when the quote ends without a full stop (`“...,”`, `“...?”`) or a comma follows it
    verb = None
    tail = text[q.start:q.end].rstrip(" ’'\"”»")
    after_ok = q.closed and (tail[-1:] in ",?!—–-…" or text[q.close:q.close + 2].lstrip()[:1] == ",")
    # a fragment inside a phrase (`into its “underbelly”, the article argues`) is not a stand-alone quote
    lead = text[lo:q.open].rstrip()
    after_ok = after_ok and (not lead or lead[-1] in ".!?:;,—–-(\n" or ctx.sentence_like(q))
    if after_ok and not _colon_intro(ctx, q, lo):
        for t in ctx.tokens(q.close, min(hi, q.close + 200))[:9]:
            if t.is_space and "\n" in t.text or t.text in ".!?" or t.text in MARKS:
                break
            if t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" and t.i not in ctx.used_cues:
                verb = t
                break
            if t.pos_ == "VERB" and t.dep_ != "amod":
                break
    if verb is not None and _subject(verb) is not None:
        rel = _make(ctx, verb, [(q.start, q.end)], [k], "direct", 0.9)
        # `“A,” he said, “B.”`: a second passage right after the cue clause
        nxt = _next_top(ctx, k)
        if nxt is not None and nxt not in claimed:
            between = text[verb.idx + len(verb):ctx.quoted[nxt].open]
            gap = [t for t in ctx.tokens(verb.idx + len(verb), ctx.quoted[nxt].open) if not t.is_space]
            if len(gap) <= 4 and "." not in between and "\n" not in between:
                rel.content.append((ctx.quoted[nxt].start, ctx.quoted[nxt].end))
                rel.quoted.append(nxt)
                claimed.add(nxt)
        claimed.add(k)
        return rel
    # cue before the quote: `X said: “...”`, `X told Y, “...”`, `X: “...”`
    before = [t for t in ctx.tokens(max(lo, q.open - 300), q.open) if not t.is_space]
    if not before:
        return None
    last = before[-1]
    sent_start = last.sent.start
    before = [t for t in before if t.i >= sent_start]
    if not before:
        return None
    if last.text in ":," or last.lemma_.lower() in SPEECH_VERBS and ctx.sentence_like(q):
        for t in reversed(before[-10:]):
            if t.text in ".!?;" or t.text in MARKS:
                break
            if t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" and t.i not in ctx.used_cues:
                if _subject(t) is not None:
                    claimed.add(k)
                    return _make(ctx, t, [(q.start, q.end)], [k], "direct", 0.85)
                break
        if last.text == ":" and ctx.sentence_like(q):
            rel = _colon(ctx, last, [(q.start, q.end)])
            if rel is not None:
                rel.quoted.append(k)
                claimed.add(k)
                return rel
    return None


def _colon_intro(ctx: _Ctx, q: Quoted, lo: int) -> bool:
    """Is the quote introduced by `speech verb ... :` just before it? (then that cue wins)"""
    head = ctx.text[max(lo, q.open - 120):q.open].rstrip()
    if not head.endswith(":"):
        return False
    toks = ctx.tokens(max(lo, q.open - 120), q.open)
    return any(t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" for t in toks[-8:])


def _next_top(ctx: _Ctx, k: int) -> int | None:
    for j in range(k + 1, len(ctx.quoted)):
        if ctx.quoted[j].parent is None:
            return j
    return None


def _colon(ctx: _Ctx, colon: Token, content: list[tuple[int, int]]) -> _Rel | None:
    """`Name: ...`: a person or organisation, and no verb, before the colon."""
    sent = colon.sent
    head = [t for t in ctx.doc[sent.start:colon.i] if not t.is_space]
    if not head or len(head) > 8 or any(t.pos_ in ("VERB", "AUX") for t in head):
        return None
    ents = [t for t in head if t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")]
    if not ents:
        return None
    s, e = head[0].i, head[-1].i + 1
    return _Rel("direct", content, (colon.idx, colon.idx + 1), (s, e), ents[-1], 0.7)


_TURN_LABEL = re.compile(r"[\"“”«']?\s*((?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.\s+)?[A-Z][A-Za-z.’'-]*(?:\s+[A-Z][A-Za-z.’'-]*){0,2}):\s+(?=\S)")


def _transcript_turns(ctx: _Ctx) -> list[_Rel]:
    """Interview transcript turns: a paragraph opening with a speaker label and a colon (`WALLACE: ...`,
    `Mr. Smith: ...`), when the article has at least two such paragraphs; the turn is the content."""
    text, found = ctx.text, []
    for r_start, r_end in ctx.regions:
        for a, b in _paragraphs(text, r_start, r_end):
            lead = len(text[a:b]) - len(text[a:b].lstrip())
            m = _TURN_LABEL.match(text, a + lead, b)
            if m is None or len(m.group(1)) > 40:
                continue
            label = ctx.tokens(m.start(1), m.end(1))
            if not label or label[-1].lower_ in NOT_SPEAKER_LABELS or any(
                    t.pos_ in ("VERB", "AUX") and not t.is_upper for t in label):
                continue
            colon = m.end(1)
            start, end = _trim_chars(text, m.end(), b)
            end = end - 1 if text[end - 1:end] in "\"”" and text[start - 1:start] not in "\"“" else end
            if end - start < 2:
                continue
            head = max(label, key=lambda t: (t.dep_ != "compound", t.i))
            found.append(_Rel("direct", [(start, end)], (colon, colon + 1), (label[0].i, label[-1].i + 1), head, 0.6))
    return found if len(found) >= 2 else []


def _colon_line(ctx: _Ctx, colon: Token) -> _Rel | None:
    """`Name: what they said` at the start of a paragraph (headlines, interview lines)."""
    text = ctx.text
    line_start = text.rfind("\n", 0, colon.idx) + 1
    head = [t for t in ctx.tokens(line_start, colon.idx) if not t.is_space]
    if not head or len(head) > 6 or not all(t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "PART", "PUNCT") for t in head):
        return None
    if not any(t.pos_ == "PROPN" for t in head) or head[-1].lower_ in NOT_SPEAKER_LABELS:
        return None
    line_end = text.find("\n", colon.idx)
    line_end = len(text) if line_end < 0 else line_end
    end = min(line_end, colon.sent.end_char if colon.sent.end_char > colon.idx + 1 else line_end)
    s, e = _trim_chars(text, colon.idx + 1, end)
    if len(text[s:e].split()) < 3:
        return None
    src = head[-1]
    while src.head.i != src.i and src.head.i < colon.i and src.head.i >= head[0].i and src.dep_ in ("compound", "amod", "det"):
        src = src.head
    return _Rel("direct", [(s, e)], (colon.idx, colon.idx + 1), (head[0].i, head[-1].i + 1), src, 0.6)


def _make(ctx: _Ctx, verb: Token, content, quoted, kind: str, conf: float) -> _Rel:
    subj = _subject(verb)
    ctx.used_cues.add(verb.i)
    source = _np_range(subj) if subj is not None else None
    return _Rel(kind, list(content), _cue_span(verb), source, subj, conf, quoted=list(quoted))


def _follow_on(ctx: _Ctx, rels: list[_Rel], top: list[int], claimed: set[int]) -> list[_Rel]:
    """Quoted sentences with no cue after an attribution: same speaker as the previous one."""
    out = list(rels)
    text = ctx.text
    for k in top:
        q = ctx.quoted[k]
        if k in claimed or not (ctx.sentence_like(q) or q.continuation_of is not None):
            continue
        prev = None
        for r in out:
            if r.content[-1][1] <= q.open and r.speaker_tok is not None:
                if prev is None or r.content[-1][1] > prev.content[-1][1]:
                    prev = r
        if prev is None:
            continue
        gap = text[prev.content[-1][1]:q.open]
        if q.continuation_of is None and gap.count("\n\n") + gap.count("\n") > 2:
            continue  # more than one paragraph break: too far
        if q.continuation_of is None and len(gap) > 600:
            continue
        rel = _Rel("direct", [(q.start, q.end)], None, None, prev.speaker_tok, 0.6, quoted=[k])
        rel.source = None
        claimed.add(k)
        out.append(rel)
    return out


# -- indirect quotes --------------------------------------------------------------------
def _inside(zones: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s <= a and b <= e for s, e in zones)


def _indirect(ctx: _Ctx, direct_zone, rels: list[_Rel]) -> list[_Rel]:
    cands: list[_Rel] = []
    doc = ctx.doc
    todo = sorted({i for s, e in ctx.regions for i in ctx.token_range(s, e)}
                  - {i for s, e in direct_zone for i in ctx.token_range(s, e)})
    ctx.in_quotes = {i for q in ctx.quoted if q.parent is None for i in ctx.token_range(q.start, q.end)}
    for i in todo:
        tok = doc[i]
        rel = None
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            rel = _according(ctx, tok)
        elif tok.text == ":":
            rel = _colon_line(ctx, tok)
        elif tok.i not in ctx.used_cues:
            # the learned cue model first; the hand lexicon and its rules where the model is unsure
            p = _cue_prob(ctx, tok) if ctx.opts.models and is_candidate(tok) else None
            if p is not None and p >= ctx.opts.cue_threshold:
                rel = _learned_relation(ctx, tok, p)
            if rel is None and tok.pos_ == "VERB" and (p is None or p >= ctx.opts.rule_threshold) and (
                    (lemma := tok.lemma_.lower()) in SPEECH_VERBS and lemma not in DIRECT_ONLY
                    or lemma in ctx.opts.learned):
                rel = _verb_relation(ctx, tok)
        if rel is not None:
            rel.content = [_extend_to_quotes(ctx, s, e) for s, e in rel.content]
            cands.append(rel)
    # One report per stretch of text, the outer one first: a report whose cue lies in another's
    # content ("X reports that ..., according to Y") gives way to it.
    def inner(r: _Rel) -> bool:
        at = r.cue[0] if r.cue else r.content[0][0]
        return any(o is not r and any(s <= at < e for s, e in o.content) for o in cands)

    taken = [c for r in rels for c in r.content]
    out: list[_Rel] = []
    for rel in sorted(cands, key=lambda r: (inner(r), r.content[0][0])):
        a, b = rel.content[0][0], rel.content[-1][1]
        at = rel.cue[0] if rel.cue else a
        if any(s < b and a < e or s <= at < e for s, e in taken):
            continue
        if any(q.parent is None and any(s <= q.start and q.end <= e for s, e in rel.content) for q in ctx.quoted):
            rel.kind = "mixed"
        taken.extend(rel.content)
        out.append(rel)
    return out


def _extend_to_quotes(ctx: _Ctx, s: int, e: int) -> tuple[int, int]:
    """A complement that cuts a quoted fragment in two is extended to the whole fragment."""
    for q in ctx.quoted:
        if q.parent is None and q.start < e < q.end and q.start >= s - 2:
            e = q.end
        if q.parent is None and q.start < s < q.end and q.end <= e + 2:
            s = q.start
    return s, e


def _verb_relation(ctx: _Ctx, v: Token) -> _Rel | None:
    subj = _subject(v)
    if subj is None or subj.lower_ in NON_SOURCES and subj.lower_ not in RELATIVE or subj.dep_ == "expl":
        return None
    if subj.lower_ in {"this", "that", "it", "what"}:
        return None
    comp = None
    for child in v.children:
        if child.dep_ in ("ccomp",) and child.i != subj.i:
            comp = child
            break
    lemma = v.lemma_.lower()
    if comp is None:
        for child in v.children:
            if (lemma in INFINITIVE_VERBS or lemma in ctx.opts.learned) and child.dep_ == "xcomp" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                comp = child
                break
    content = None
    if comp is not None:
        content = (comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge))
    elif lemma in NP_CONTENT_VERBS or lemma in ctx.opts.learned:
        for child in v.children:
            if child.dep_ == "dobj":
                content = (child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
                break
    if content is None:
        # the parser hung the that-clause elsewhere ("said during a news conference that ...")
        for t in v.doc[v.i + 1:min(v.sent.end, v.i + 10)]:
            if t.lower_ == "that" and t.dep_ == "mark" and t.head.i > t.i:
                content = (t.idx, t.head.right_edge.idx + len(t.head.right_edge))
                break
            if t.pos_ == "VERB" or t.text in ".;:\"“”":
                break
    if content is None and lemma in ("call", "label", "dub", "brand", "name"):
        # `calling Trump a fascist`: the object and what it is called
        obj = next((c for c in v.children if c.dep_ == "dobj"), None)
        pred = [c for c in v.children if c.dep_ in ("oprd", "xcomp", "ccomp", "attr") and c.i > v.i]
        if obj is not None and pred:
            last = max(p.right_edge.i for p in pred)
            content = (obj.left_edge.idx, v.doc[last].idx + len(v.doc[last]))
        elif obj is not None and obj.right_edge.i > obj.i and lemma == "call":
            content = (obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge))
    if content is None and lemma == "call":
        for child in v.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "on"):
                for gc in child.children:
                    if gc.dep_ == "pobj":
                        end = max(gc.right_edge.i, *(x.right_edge.i for x in child.children))
                        content = (gc.left_edge.idx, ctx.doc[end].idx + len(ctx.doc[end]))
    if content is None:
        return None
    s, e = _trim_chars(ctx.text, *content)
    if e - s < 3 or len(ctx.doc.char_span(s, e, alignment_mode="expand") or []) < 2:
        return None
    ctx.used_cues.add(v.i)
    return _Rel("indirect", [(s, e)], _cue_span(v), _np_range(subj), subj, 0.7)


def _cue_prob(ctx: _Ctx, v: Token) -> float:
    """Probability from the learned cue model that ``v`` reports speech or thought."""
    return ctx.opts.models["cue"].prob(features(v, v.i in ctx.in_quotes))


def _learned_relation(ctx: _Ctx, v: Token, p: float) -> _Rel | None:
    """A cue the learned model finds (``quote_cues``), with the complement it ranks first."""
    models = ctx.opts.models
    if _impersonal(v):
        return None
    subj, where = subject_of(v)
    if subj is not None and models["source"].prob(source_features(v, subj, where)) < 0.5:
        subj = None  # "Melania seems to have vanished": the subject is what the report is about
    source = _np_range(subj) if subj is not None else None
    cands = content_candidates(v)
    if source is not None:  # the content never holds its own source
        a, b = ctx.doc[source[0]].idx, ctx.doc[source[1] - 1].idx + len(ctx.doc[source[1] - 1])
        cands = [c for c in cands if not any(s < b and a < e for s, e in c[1])]
    if not cands:
        return None
    kinds = {k for k, _ in cands}
    scored = [(models["content"].prob(content_features(v, k, sp, kinds)), k, sp) for k, sp in cands]
    best, kind, spans = max(scored, key=lambda c: c[0])
    if best < ctx.opts.content_threshold:
        return None
    cue = _cue_span(v)
    if kind.startswith("prep"):  # `complained about`, `called on`: the preposition belongs to the cue
        prep = next((c for c in v.children if c.dep_ == "prep" and c.i > v.i
                     and c.idx < spans[0][0] <= c.right_edge.idx), None)
        if prep is not None:
            cue = (cue[0], prep.idx + len(prep))
    ctx.used_cues.add(v.i)
    return _Rel("indirect", [tuple(x) for x in spans], cue, source, subj, round(min(0.7, p), 2))


def _impersonal(v: Token) -> bool:
    """The writer's own voice: `it must be said that`, `it is important to note that`, `you can recall`."""
    for c in v.children:
        if c.dep_ == "expl" or c.dep_ == "nsubjpass" and c.lower_ == "it":
            return True
        # the reader addressed: `you can recall`, `one might argue`
        if c.dep_ == "nsubj" and c.lower_ in ("you", "one") and any(
                a.dep_ == "aux" and a.lower_ in ("can", "could", "may", "might", "should", "must") for a in v.children):
            return True
    head = v.head
    return v.dep_ == "xcomp" and head.lemma_ == "be" and any(
        c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in head.children)


def _according(ctx: _Ctx, tok: Token) -> _Rel | None:
    to = ctx.doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    src = _np_range(pobj)
    sent = tok.sent
    a, b = tok.i, src[1]
    pieces = []
    if sent.start < a:
        pieces.append((sent[0].idx, ctx.doc[a - 1].idx + len(ctx.doc[a - 1])))
    if b < sent.end:
        last = ctx.doc[sent.end - 1]
        pieces.append((ctx.doc[b].idx, last.idx + len(last)))
    pieces = [p for p in (_trim_chars(ctx.text, s, e) for s, e in pieces) if p[1] - p[0] > 2]
    if not pieces:
        return None
    # a colon that opens a quoted sentence ends this content: that sentence is a quote of its own
    for q in ctx.quoted:
        if q.parent is None and pieces[-1][0] < q.open < pieces[-1][1] and ctx.sentence_like(q):
            head = ctx.text[pieces[-1][0]:q.open].rstrip()
            if head.endswith(":"):
                pieces[-1] = _trim_chars(ctx.text, pieces[-1][0], pieces[-1][0] + len(head))
    end_tok = ctx.doc[a + 1]
    return _Rel("indirect", pieces, (tok.idx, end_tok.idx + len(end_tok)), src, pobj, 0.75)


# -- output ------------------------------------------------------------------------
def _to_quotes(ctx: _Ctx, all_rels: list[_Rel]) -> list[Quote]:
    doc = ctx.doc
    actors: list[Actor] = list(doc._.pw_actors or [])
    order = sorted(all_rels, key=lambda r: (r.content[0][0], r.parent is not None))
    ids = {id(r): f"q{i}" for i, r in enumerate(order)}
    quotes = []
    for r in order:
        name, span = _speaker(ctx, r.speaker_tok)
        source = []
        if r.source is not None:
            s, e = r.source
            source = [[doc[s].idx, doc[e - 1].idx + len(doc[e - 1])]]
        parent = ids[id(r.parent)] if r.parent is not None else None
        quotes.append(Quote(
            id=ids[id(r)], kind=r.kind, content=[[s, e] for s, e in r.content],
            cue=list(r.cue) if r.cue else None, source=source,
            speaker=Speaker(name=name, actor=_actor(actors, span, source, name)),
            parent=parent, confidence=r.confidence,
        ))
    return quotes


def _speaker(ctx: _Ctx, tok: Token | None) -> tuple[str | None, tuple[int, int] | None]:
    """Canonical name of the speaker the token refers to, and the char span of that name."""
    if tok is None:
        return None, None
    res = ctx.resolver
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "the newspaper, which reported": the noun the clause hangs on
    s, e = _np_range(tok)
    for i in [tok.i, *range(e - 1, s - 1, -1)]:
        p = res.person_at(i)
        if p is not None:
            root = res.root(p)
            return res.name(root), res.span(root)
    # "X's deputy minister of water resources, Bakhtiyor Juraev, said": the parser often hangs the
    # apposed name on the last noun of the description rather than on its head.
    for t in tok.subtree:
        if t.dep_ == "appos" and s <= t.head.i < e and t.i >= e and res.person_at(t.i) is not None:
            root = res.root(res.person_at(t.i))
            return res.name(root), res.span(root)
    p = res.resolve_token(tok)
    if p is None and tok.is_upper and tok.is_alpha and len(tok) > 2:  # transcript label `PENCE:`
        p = res.by_surname(tok.text)
    if p is not None:
        return res.name(p), res.span(p)
    # the head itself, or a name compounded to it ("The WSJ newspaper")
    for t in [tok, *(c for c in tok.lefts if c.dep_ == "compound" and c.ent_type_ in ("ORG", "PERSON"))]:
        ent = res.acronym(t)
        if ent is not None:
            return _strip_det(ent.text), (ent.start_char, ent.end_char)
        if t.ent_type_ in ("ORG", "GPE", "NORP", "FAC", "PERSON"):
            ent = next((x for x in ctx.doc.ents if x.start <= t.i < x.end), None)
            if ent is not None:
                return _strip_det(ent.text), (ent.start_char, ent.end_char)
    if tok.lower_ in PERSON_PRONOUNS or tok.pos_ == "PRON":
        return None, None
    span = ctx.doc[s:e]
    return _strip_det(span.text), (span.start_char, span.end_char)


def _strip_det(name: str) -> str:
    for det in ("the ", "The "):
        if name.startswith(det):
            return name[len(det):]
    return name


def _actor(actors: list[Actor], span, source, name: str | None) -> str | None:
    """The actor of the resolved name span; else by name or alias; else of the source's mention."""
    if not actors:
        return None

    def overlapping(s: int, e: int) -> str | None:
        # the tightest mention wins: "Russian" inside "the Russian Foreign Minister" is not the speaker
        best = None
        for a in actors:
            for m in a.mentions:
                if m[0] < e and s < m[1]:
                    cover = min(e, m[1]) - max(s, m[0])
                    if best is None or cover > best[0]:
                        best = (cover, a.id)
        return best[1] if best else None

    if span and (hit := overlapping(*span)) is not None:
        for a in actors:
            if a.id == hit and any(m[0] <= span[0] and span[1] <= m[1] or span[0] <= m[0] and m[1] <= span[1]
                                   and (m[1] - m[0]) * 2 >= span[1] - span[0] for m in a.mentions):
                return hit
    if name:
        key = name.casefold()
        for a in actors:
            if a.name.casefold() == key or key in (x.casefold() for x in a.aliases):
                return a.id
    return None
