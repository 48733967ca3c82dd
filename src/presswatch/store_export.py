"""Export a corpus: analyses as JSONL, tables as JSONL/CSV/Parquet, the stance graph as GraphML.

JSONL and CSV stream row by row; CSV text cells get the spreadsheet formula guard of
:func:`presswatch.export_csv.formula_safe` (articles are untrusted). Parquet (pyarrow) builds the table in memory
before writing, so export a huge table as CSV or JSONL instead. GraphML is written
by networkx and opens in Gephi: nodes are actors (``label``, ``type``,
``country``, ``articles``), one directed edge per source/target pair with
``support``, ``oppose``, ``weight`` (= stance count), ``sign`` ((support - oppose)
/ weight), ``attitude`` (majority) and ``first``/``last`` dates.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import IO, Any, Iterable

from .export_csv import formula_safe
from .store import QueryError, Store
from .store_query import EDGE_ATTRS, iter_analyses, iter_table, stance_graph

FORMATS = ("jsonl", "csv", "parquet", "graphml")


def rows_for(store: Store, table: str) -> Iterable[dict[str, Any]]:
    return iter_analyses(store) if table == "analyses" else iter_table(store, table)


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = None
    n = 0
    for row in rows:
        flat = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else formula_safe(v)
                for k, v in row.items()}
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(flat), extrasaction="ignore")
            writer.writeheader()
        writer.writerow(flat)
        n += 1
    return n


def write_parquet(rows: Iterable[dict[str, Any]], path: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    flat = [{k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()}
            for row in rows]
    pq.write_table(pa.Table.from_pylist(flat), path)
    return len(flat)


# Characters XML 1.0 cannot hold: most C0 controls, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(value: Any) -> Any:
    """Strings with U+FFFD for what XML cannot hold (an article's form feed reached actor and
    stance texts, and the GraphML writer refused the whole graph); other values unchanged."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def _write_graph(nodes: Iterable[tuple[str, dict[str, Any]]], edges: Iterable[tuple[str, str, dict[str, Any]]],
                 out: IO[bytes]) -> int:
    import networkx as nx

    g = nx.DiGraph(name="presswatch stance graph")
    for key, attrs in nodes:
        g.add_node(_xml_safe(key), **{k: _xml_safe(v) for k, v in attrs.items()})
    for src, dst, attrs in edges:
        g.add_edge(_xml_safe(src), _xml_safe(dst), **{k: _xml_safe(v) for k, v in attrs.items()})
    nx.write_graphml(g, out, encoding="utf-8", prettyprint=True)
    return g.number_of_edges()


def write_graphml(store: Store, out: IO[bytes]) -> int:
    """The whole corpus's stance graph (:func:`presswatch.store_query.stance_graph`); returns the edge count."""
    graph = stance_graph(store)
    return _write_graph(graph.nodes.items(), ((s, t, attrs) for (s, t), attrs in graph.edges.items()), out)


def network_graphml(network: dict[str, Any]) -> bytes:
    """GraphML of a filtered :func:`presswatch.store_query.stance_network` (the web graph's download).

    Nodes carry ``label`` and ``weight``; edges the same attributes as :func:`write_graphml`.
    """
    out = io.BytesIO()
    _write_graph(((n["id"], {"label": n["label"], "weight": n["weight"]}) for n in network["nodes"]),
                 ((e["source"], e["target"], {k: e[k] for k in EDGE_ATTRS}) for e in network["edges"]), out)
    return out.getvalue()


def export(store: Store, fmt: str, out: str | IO, table: str = "analyses") -> int:
    """Write ``table`` (or the stance graph for GraphML) to a path or an open file; returns rows/edges written.

    Text formats accept a text stream; Parquet needs a path; GraphML a path or binary stream.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt == "graphml":
        if isinstance(out, str):
            with open(out, "wb") as fh:
                return write_graphml(store, fh)
        return write_graphml(store, out if not isinstance(out, io.TextIOBase) else out.buffer)
    if fmt == "parquet":
        if not isinstance(out, str):
            raise QueryError("Parquet export needs an output path (-o FILE.parquet)")
        return write_parquet(rows_for(store, table), out)
    writer = write_jsonl if fmt == "jsonl" else write_csv
    if isinstance(out, str):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return writer(rows_for(store, table), fh)
    return writer(rows_for(store, table), out)
