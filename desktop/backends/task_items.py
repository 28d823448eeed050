"""The items of a classification batch: read from a file or pasted text, and the
results written back out. File I/O, no Qt.

A table (CSV, TSV, JSONL) keeps its rows, parallel to the items, so the export
can put each result next to the user's original columns. Item text is cleaned
the way document text is (NFC, no invisible or bidi controls), stripped, and
cut at MAX_ITEM_CHARS.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.backends.doc_readers.common import is_garbled, read_bounded
from desktop.backends.doc_readers.encoding import decode_text
from desktop.core.classify import Example, ItemResult
from desktop.core.doc_text import normalize_text
from desktop.core.documents import DocError
from desktop.core.tasks import TaskError, TaskErrorKind

MAX_ITEMS = 100_000
MAX_ITEM_CHARS = 20_000  # longer items are cut, not refused
MAX_INPUT_BYTES = 256 * 1024**2
# The item column when none is named, in order of preference.
TEXT_COLUMNS = (
    "text", "sentence", "review", "message", "content", "body", "문장", "내용", "텍스트",
)
_SNIFF_BYTES = 8192  # where a NUL byte means "not a text file"
_GARBLE_SAMPLE = 100_000  # chars: enough to judge, bounded time
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")  # their text has NULs
_TABLE_SUFFIXES = (".csv", ".tsv")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_BAD = TaskErrorKind.BAD_EXAMPLES


@dataclass(frozen=True)
class ItemSource:
    """The items of a batch; `rows` (tables only) are the original rows, rows[i]
    being the row of items[i]."""

    items: tuple[str, ...]
    column: str | None  # the column or key used, if any
    rows: tuple[dict[str, str], ...] = ()


# ---- reading ----------------------------------------------------------------------


def read_items(path: str, column: str | None = None) -> ItemSource:
    """The items of a file, by suffix: .csv/.tsv (a header row; `column` names the
    text column, else a column named like TEXT_COLUMNS, else the first),
    .jsonl/.ndjson (objects, `column` is the key, "text" by default; a line that
    is a JSON string is an item), anything else one item per line. Empty cells and
    lines are skipped.

    Raises TaskError: MISSING_COLUMN (detail "'x'; columns: a, b", or "not a table"
    when a column is given for a line file), EMPTY_INPUT, BINARY_FILE,
    UNREADABLE_INPUT (the OS message; "line N is not JSON"; too many items)."""
    text = read_text_file(path)
    suffix = Path(path).suffix.lower()
    if suffix in _TABLE_SUFFIXES:
        source = _table_items(text, suffix == ".tsv", column)
    elif suffix in _JSONL_SUFFIXES:
        source = _jsonl_items(text, column or "text")
    elif column is not None:
        raise TaskError(TaskErrorKind.MISSING_COLUMN, "not a table")
    else:
        source = ItemSource(_line_items(text), None)
    _check_count(len(source.items))
    return source


def read_text_items(text: str) -> tuple[str, ...]:
    """One item per non-empty line of pasted text; EMPTY_INPUT if there is none."""
    items = _line_items(text)
    _check_count(len(items))
    return items


def read_text_file(path: str) -> str:
    """A text file's decoded text. Raises TaskError UNREADABLE_INPUT (the OS
    message, or too large), EMPTY_INPUT (0 bytes), BINARY_FILE (NUL bytes near the
    start, no text encoding fits, or mostly non-text characters)."""
    try:
        data = read_bounded(path, MAX_INPUT_BYTES)
    except OSError as exc:
        raise TaskError(TaskErrorKind.UNREADABLE_INPUT, exc.strerror or str(exc)) from exc
    except DocError as exc:  # only TOO_LARGE comes from read_bounded
        raise TaskError(TaskErrorKind.UNREADABLE_INPUT, exc.detail) from exc
    if not data:
        raise TaskError(TaskErrorKind.EMPTY_INPUT, "0 bytes")
    if b"\x00" in data[:_SNIFF_BYTES] and not data.startswith(_UTF16_32_BOMS):
        raise TaskError(TaskErrorKind.BINARY_FILE, "NUL bytes")
    try:
        text, _codec = decode_text(data)
    except DocError as exc:
        raise TaskError(TaskErrorKind.BINARY_FILE, exc.detail) from exc
    if is_garbled(text[:_GARBLE_SAMPLE]):
        raise TaskError(TaskErrorKind.BINARY_FILE, "mostly non-text characters")
    return text


def _clean(text: str) -> str:
    return normalize_text(text).strip()[:MAX_ITEM_CHARS]


def _line_items(text: str) -> tuple[str, ...]:
    lines = (line.strip()[:MAX_ITEM_CHARS] for line in normalize_text(text).split("\n"))
    return tuple(line for line in lines if line)


def _check_count(count: int) -> None:
    if count == 0:
        raise TaskError(TaskErrorKind.EMPTY_INPUT, "no items")
    if count > MAX_ITEMS:
        raise TaskError(TaskErrorKind.UNREADABLE_INPUT, f"{count} items; at most {MAX_ITEMS}")


# ---- tables -----------------------------------------------------------------------


def _table_rows(text: str, tab: bool) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """(header, [(line number, row)]) of a CSV or TSV text."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text, tab))
    try:
        first = next((cells for cells in reader if any(c.strip() for c in cells)), [])
        header = [name.strip() for name in first]
        rows = [(reader.line_num, _row_dict(header, cells)) for cells in reader if any(cells)]
    except csv.Error as exc:
        raise TaskError(TaskErrorKind.UNREADABLE_INPUT, f"line {reader.line_num}: {exc}") from exc
    if not header:
        raise TaskError(TaskErrorKind.EMPTY_INPUT, "no header row")
    return header, rows


def _delimiter(text: str, tab: bool) -> str:
    if tab:
        return "\t"
    # Excel in many European locales writes ";": judge by the header line.
    first_line = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first_line.count) if first_line else ","


def _row_dict(header: list[str], cells: list[str]) -> dict[str, str]:
    # A short row gets empty cells; cells past the header have no name and are dropped.
    return {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header)}


def _table_items(text: str, tab: bool, column: str | None) -> ItemSource:
    header, rows = _table_rows(text, tab)
    chosen = _choose_column(header, column)
    kept = [(_clean(row[chosen]), row) for _line, row in rows]
    kept = [(item, row) for item, row in kept if item]
    return ItemSource(tuple(i for i, _ in kept), chosen, tuple(r for _, r in kept))


def _choose_column(header: list[str], column: str | None) -> str:
    by_key = {name.casefold(): name for name in reversed(header)}  # first one wins
    if column is not None:
        if column in header:
            return column
        if column.strip().casefold() in by_key:
            return by_key[column.strip().casefold()]
        raise TaskError(TaskErrorKind.MISSING_COLUMN, _missing(column, header))
    for name in TEXT_COLUMNS:
        if name in by_key:
            return by_key[name]
    return header[0]


def _missing(column: str, names: Iterable[str]) -> str:
    return f"{column!r}; columns: {', '.join(names)}"


# ---- JSON lines -------------------------------------------------------------------


def _json_lines(text: str, kind: TaskErrorKind) -> Iterator[tuple[int, object]]:
    """(line number, value) of each non-blank line; TaskError(kind) on bad JSON."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except (ValueError, RecursionError) as exc:  # RecursionError: "[[[[..." nested deep
            raise TaskError(kind, f"line {number} is not JSON") from exc


def _jsonl_items(text: str, key: str) -> ItemSource:
    items: list[str] = []
    rows: list[dict[str, str]] = []
    keys: dict[str, None] = {}  # every key seen, in order, for MISSING_COLUMN
    for number, value in _json_lines(text, TaskErrorKind.UNREADABLE_INPUT):
        if isinstance(value, str):
            value = {key: value}
        if not isinstance(value, dict):
            detail = f"line {number} is not a JSON object or string"
            raise TaskError(TaskErrorKind.UNREADABLE_INPUT, detail)
        keys.update(dict.fromkeys(value))
        row = {str(k): _cell_text(v) for k, v in value.items()}
        item = _clean(row.get(key, ""))
        if item:
            items.append(item)
            rows.append(row)
    if keys and key not in keys:
        raise TaskError(TaskErrorKind.MISSING_COLUMN, _missing(key, keys))
    return ItemSource(tuple(items), key, tuple(rows))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


# ---- examples ---------------------------------------------------------------------


def read_examples(path: str) -> tuple[Example, ...]:
    """Few-shot examples: CSV/TSV with columns text and label (several labels
    separated by ";" or "|"), or JSON lines {"text": ..., "label": "x"} or
    {"text": ..., "labels": ["x", "y"]}. Raises TaskError BAD_EXAMPLES ("line N:
    ...") for a bad row, MISSING_COLUMN, EMPTY_INPUT when there is none, and the
    errors of `read_text_file`."""
    text = read_text_file(path)
    suffix = Path(path).suffix.lower()
    if suffix in _TABLE_SUFFIXES:
        examples = _table_examples(text, suffix == ".tsv")
    else:
        examples = tuple(_json_example(n, v) for n, v in _json_lines(text, _BAD))
    if not examples:
        raise TaskError(TaskErrorKind.EMPTY_INPUT, "no examples")
    return examples


def _table_examples(text: str, tab: bool) -> tuple[Example, ...]:
    header, rows = _table_rows(text, tab)
    text_column = _choose_column(header, "text")
    named = {h.casefold() for h in header}
    plural = "labels" in named and "label" not in named
    label_column = _choose_column(header, "labels" if plural else "label")
    return tuple(
        _example(number, row[text_column], _split_labels(row[label_column]))
        for number, row in rows
    )


def _split_labels(cell: str) -> list[str]:
    return cell.replace("|", ";").split(";")


def _json_example(number: int, value: object) -> Example:
    if not isinstance(value, dict):
        raise TaskError(_BAD, f"line {number}: not a JSON object")
    labels = value.get("labels", [value["label"]] if "label" in value else [])
    text = value.get("text")
    if not isinstance(text, str):
        raise TaskError(_BAD, f"line {number}: no \"text\" string")
    if isinstance(labels, str):
        labels = [labels]
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        raise TaskError(_BAD, f"line {number}: \"label\" must be a string or \"labels\" a list")
    return _example(number, text, labels)


def _example(number: int, text: str, labels: list[str]) -> Example:
    cleaned = tuple(dict.fromkeys(n for n in (normalize_text(x).strip() for x in labels) if n))
    if not _clean(text):
        raise TaskError(_BAD, f"line {number}: empty text")
    if not cleaned:
        raise TaskError(_BAD, f"line {number}: no label")
    return Example(_clean(text), cleaned)


# ---- results ----------------------------------------------------------------------


def write_results_csv(
    path: str, results: list[ItemResult], names: tuple[str, ...], source: ItemSource | None = None
) -> None:
    """Results as CSV in UTF-8 with a BOM (so Excel reads Korean): index, text,
    label (several joined by ";"), then p_<name> per label, 4 decimals. With
    `source.rows`, the original columns replace text: index, original columns,
    label, p_*; an original column named like one of those is kept as
    "input_<name>" (an "index" one is dropped). Written to a temporary file in the
    same folder, then renamed: a full disk or a crash never leaves half a file."""
    header, lines = _result_table(results, names, source)
    fd, tmp = tempfile.mkstemp(prefix=f".{Path(path).name}.", suffix=".tmp", dir=_folder(path))
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(header)
            writer.writerows(lines)
            file.flush()
            os.fsync(file.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _folder(path: str) -> str:
    return os.path.dirname(os.path.abspath(path))


def _result_table(
    results: list[ItemResult], names: tuple[str, ...], source: ItemSource | None
) -> tuple[list[str], list[list[str]]]:
    rows = source.rows if source is not None else ()
    ours = ["label", *(f"p_{name}" for name in names)]
    originals = _original_columns(rows)
    if not rows:
        originals = []
        ours = ["text", *ours]
    header = ["index", *(f"input_{c}" if c in ours else c for c in originals), *ours]
    lines = []
    for result in results:
        row = rows[result.index] if 0 <= result.index < len(rows) else {}
        cells = [row.get(c, "") for c in originals] if rows else [result.text]
        probabilities = [_probability(result.probabilities.get(n)) for n in names]
        lines.append([str(result.index), *cells, ";".join(result.labels), *probabilities])
    return header, lines


def _original_columns(rows: tuple[dict[str, str], ...]) -> list[str]:
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    columns.pop("index", None)
    return list(columns)


def _probability(p: float | None) -> str:
    return "" if p is None else f"{round(p, 4):.4f}"


def results_json(results: list[ItemResult]) -> list[dict]:
    """Results as JSON-ready dicts (for --json): index, text, labels, label (the
    first label or None) and probabilities."""
    return [
        {
            "index": r.index,
            "text": r.text,
            "labels": list(r.labels),
            "label": r.labels[0] if r.labels else None,
            "probabilities": dict(r.probabilities),
        }
        for r in results
    ]
