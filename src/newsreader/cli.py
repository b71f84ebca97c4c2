"""The command line: `newsreader [PATH...]` opens the reader; subcommands script the same index.

Modules load where they are used, not here: `newsreader --version` and a one-shot command on an
unchanged archive pay only for what they run (measured with `python -X importtime`).
"""

from __future__ import annotations

import sys
from functools import cache  # loaded already: the command's script imports re, which imports functools

from newsreader import __version__

TYPE_CHECKING = False  # typing itself is not imported: it is most of what `--version` would load

if TYPE_CHECKING:
    import argparse
    import re
    from collections.abc import Callable, Iterable, Mapping
    from contextlib import AbstractContextManager as ContextManager
    from datetime import date
    from typing import NoReturn

DESCRIPTION = "A terminal reader for news archives kept as Jekyll, Hexo or Hugo sites."

_JSON_UNSAFE = ("[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
                "\ud800-\udfff\U000e0000-\U000e007f]")


def _json_escape(match: re.Match) -> str:
    code = ord(match.group())
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def dumps(obj: object) -> str:
    """One JSON line, readable Chinese, with every character a terminal could act on escaped."""
    import json
    import re

    return re.sub(_JSON_UNSAFE, _json_escape, json.dumps(obj, ensure_ascii=False))


class UsageError(Exception):
    """Bad command-line usage (exit status 2)."""


def _parser(**kwargs: object) -> argparse.ArgumentParser:
    """An argument parser whose errors are one line (a UsageError), not argparse's usage block."""
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            raise UsageError(f"{message} (see `{self.prog} --help`)")

    return Parser(**kwargs)  # type: ignore[arg-type]


def _common(p: argparse.ArgumentParser, paths: bool = True) -> None:
    if paths:
        p.add_argument("paths", nargs="*", metavar="PATH",
                       help="Jekyll, Hexo or Hugo sites, folders of posts or post files "
                            "(default: config.toml's sources, else the bundled samples)")
    p.add_argument("--cache-dir", help="where the index is kept (default: $NEWSREADER_CACHE_DIR or the "
                                       "platform's cache folder)")
    p.add_argument("--data-dir", help="where read/starred marks are kept (default: $NEWSREADER_DATA_DIR or "
                                      "the platform's data folder)")
    p.add_argument("--drafts", action="store_true", help="also read posts in _drafts/ folders")


_CATEGORY_HELP = "only posts in this category; a path such as 金融/新浪财经 includes its subcategories"


def _index_options(p: argparse.ArgumentParser) -> None:
    _common(p)
    p.add_argument("--workers", type=int, help="worker processes for a cold index (default: one per core)")


def _list_options(p: argparse.ArgumentParser) -> None:
    _common(p)
    p.add_argument("--category", help=_CATEGORY_HELP)
    p.add_argument("--tag", help="only posts with this tag")
    p.add_argument("--since", type=_date_arg, help="only posts dated on or after YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="JSON lines")


def _show_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("post", metavar="POST", help="a post's id or path")
    _common(p)
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    p.add_argument("--width", type=_width_arg, help="line width for --format text (default: the terminal's)")


def _search_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", metavar="QUERY")
    _common(p)
    p.add_argument("--category", help=_CATEGORY_HELP)
    p.add_argument("--tag", help="only posts with this tag")
    p.add_argument("--limit", type=int, default=0, help="at most this many results (default: all)")
    p.add_argument("--json", action="store_true", help="JSON lines")


def _targets_options(p: argparse.ArgumentParser) -> None:
    _common(p)
    p.add_argument("--kind", choices=("target", "achieved"), help="only this kind of item")
    p.add_argument("--metric", help="only items whose metric contains this text or names the same indicator "
                   "(地区生产总值 also finds 全省生产总值 and GDP)")
    p.add_argument("--category", help=_CATEGORY_HELP)
    p.add_argument("--tag", help="only posts with this tag")
    p.add_argument("--json", action="store_true", help="JSON lines (the format of the evaluation guide)")


def _scorecard_options(p: argparse.ArgumentParser) -> None:
    _common(p)
    p.add_argument("--entity", help="only this government or company (吕梁 and 吕梁市 are one)")
    p.add_argument("--metric", help="only this metric: a key (gdp) or words (地区生产总值, 就业)")
    p.add_argument("--as-of", type=_date_arg, help="judge which periods are over on this day (default: today)")
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="JSON lines, one per target")
    output.add_argument("--csv", action="store_true", help="CSV with a header line")


# Each subcommand: its one-line help and what adds its arguments (COMMANDS is their order).
_SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "index": ("build or refresh the cache index, with progress and a summary", _index_options),
    "list": ("list posts, newest first", _list_options),
    "show": ("print one post (by the id or path that `list` prints)", _show_options),
    "search": ("search titles and bodies (any substring, Chinese included)", _search_options),
    "targets": ("numeric targets and achieved figures found in posts", _targets_options),
    "scorecard": ("every target set against what was achieved, year after year", _scorecard_options),
}
COMMANDS = tuple(_SUBCOMMANDS)


def build_parser() -> tuple[argparse.ArgumentParser, Mapping[str, argparse.ArgumentParser]]:
    """The parser of every subcommand (for `--help`), and the subcommands' parsers by name."""
    parser = _parser(prog="newsreader", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=type(parser))
    for name, (summary, add_options) in _SUBCOMMANDS.items():
        add_options(sub.add_parser(name, help=summary))
    return parser, sub.choices


def command_parser(name: str) -> argparse.ArgumentParser:
    """One subcommand's parser alone, as `build_parser` makes it (a one-shot command builds only its own)."""
    parser = _parser(prog=f"newsreader {name}")
    _SUBCOMMANDS[name][1](parser)
    return parser


def _date_arg(text: str) -> date:
    import argparse
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _width_arg(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 10 <= value <= 1000:
        raise argparse.ArgumentTypeError("width must be between 10 and 1000")
    return value


# -- opening the index ---------------------------------------------------------------------


def _open_index(args: argparse.Namespace, *, full: bool = False, items: bool = False):
    """The refreshed index of the sources named on the command line.

    Only `index` (`full`) stats every post file; the other commands take the index as it is when
    no folder changed (see store.freshness): a post edited in place waits for the next `index`.
    With `items`, the numeric items of posts that lack them are extracted too.
    """
    from newsreader.sources import resolve_sources
    from newsreader.store.index import Index
    from newsreader.store.paths import cache_dir

    index = Index(resolve_sources(args.paths), cache_dir(args.cache_dir), drafts=args.drafts)
    for warning in index.warnings:
        _warn(warning)
    bar, report = _progress(full and sys.stderr.isatty(), "listing")
    with bar:
        summary = index.refresh(progress=report, workers=getattr(args, "workers", None), quick=not full, items=False)
    for warning in summary.warnings:
        _warn(warning)
    if items:
        bar, report = _progress(sys.stderr.isatty(), "numeric items")
        with bar:
            second = index.extract_items(progress=report, workers=getattr(args, "workers", None))
        for warning in second.warnings:  # the cache was found damaged and rebuilt
            _warn(warning)
        summary.extracted, summary.extract_seconds = second.extracted, second.extract_seconds
    return index, summary


def _progress(enabled: bool, what: str) -> tuple[ContextManager, Callable[[int, int], None] | None]:
    """A Rich progress bar on stderr for a pass of the refresh, and the callback that moves it (no
    bar and no callback when not `enabled`: stderr is not a terminal)."""
    if not enabled:
        from contextlib import nullcontext

        return nullcontext(), None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn(what), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True)
    task = bar.add_task("index", total=None)

    def report(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total or None)

    return bar, report


def _warn(message: str) -> None:
    print(f"newsreader: warning: {_safe(message)}", file=sys.stderr)


@cache
def _sanitizer() -> Callable[[str], str]:
    """render.sanitize, loaded on first use (the render package brings Rich with it)."""
    from newsreader.render import sanitize

    return sanitize


def _safe(text: str) -> str:
    """Post text made safe for the terminal."""
    return _sanitizer()(text)


def _post_json(row) -> dict:
    return {"id": row.id, "path": row.path, "title": row.title, "date": row.date, "categories": row.categories,
            "category_paths": row.category_paths, "tags": row.tags, "warnings": row.warnings,
            "targets": row.n_target, "achieved": row.n_achieved}


def _cells(text: str, width: int) -> str:
    """`text` cut or padded to exactly `width` terminal cells."""
    if text.isascii() and text.isprintable():  # one cell a character: no need to measure
        return text[:width].ljust(width)
    from rich.cells import cell_len, set_cell_size

    return set_cell_size(text, width) if cell_len(text) != width else text


def _post_line(row, categories: dict[tuple[str, ...], str]) -> str:
    """A post as `list` and `search` print it; `categories` remembers the column of each set of categories."""
    day = (row.date or "")[:16].replace("T", " ") or "undated"
    paths = tuple(row.category_paths)
    column = categories.get(paths)
    if column is None:
        from newsreader.corpus.categories import leaf_paths

        column = categories[paths] = _cells(_safe(",".join(leaf_paths(row.category_paths)) or "-"), 14)
    return f"{_cells(day, 16)}  {column}  {_safe(row.label)}  [{_safe(row.id)}]"


# -- commands ------------------------------------------------------------------------------


def cmd_index(args: argparse.Namespace) -> int:
    index, summary = _open_index(args, full=True, items=True)
    where = "in memory" if index.memory else str(index.path)
    print(f"{index.count():,} posts ({where}): {summary.line()}")
    print(f"numeric items of {summary.extracted:,} posts extracted in {summary.extract_seconds:.1f} s")
    for skipped in summary.skipped:
        print(f"skipped {_safe(skipped.path)}: {_safe(skipped.reason)}")
    from newsreader.targets import BUDGET_CUT, EXTRACTION_FAILED

    for words, what in ((EXTRACTION_FAILED, "listed without numeric items (an error in the extractor)"),
                        (BUDGET_CUT, "too dense to extract in full")):
        found = index.paths_warned(words)
        if found:
            print(f"{len(found):,} post{'s' if len(found) != 1 else ''} {what}:")
            for path, warning in found:
                print(f"  {_safe(path)}: {_safe(warning)}")
    return 0


def _filter(args: argparse.Namespace):
    from newsreader.store.index import Filter

    return Filter(category=getattr(args, "category", None), tag=getattr(args, "tag", None))


def cmd_list(args: argparse.Namespace) -> int:
    index, _ = _open_index(args)
    rows = index.rows(index.view(_filter(args)))
    if args.since:
        from datetime import datetime

        rows = [r for r in rows if r.date and datetime.fromisoformat(r.date).date() >= args.since]
    categories: dict[tuple[str, ...], str] = {}
    _print_lines(dumps(_post_json(row)) if args.json else _post_line(row, categories) for row in rows)
    return 0


def _print_lines(lines: Iterable[str]) -> None:
    """Lines to stdout, written in blocks (a line at a time costs more than the rest of `list`)."""
    block: list[str] = []
    for line in lines:
        block.append(line)
        if len(block) == 1000:
            sys.stdout.write("\n".join(block) + "\n")
            block.clear()
    if block:
        sys.stdout.write("\n".join(block) + "\n")


def cmd_search(args: argparse.Namespace) -> int:
    index, _ = _open_index(args)
    rowids = index.view(_filter(args), args.query)
    shown = rowids[: args.limit] if args.limit > 0 else rowids
    categories: dict[tuple[str, ...], str] = {}
    _print_lines(dumps({**_post_json(row), "rank": rank}) if args.json else _post_line(row, categories)
                 for rank, row in enumerate(index.rows(shown), 1))
    if not args.json:
        count = f"{len(rowids):,} post{'s' if len(rowids) != 1 else ''}"
        print(f"{count} match{'es' if len(rowids) == 1 else ''} {_safe(args.query)!r}", file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from newsreader.article import load_article

    index, _ = _open_index(args)
    row = index.find(args.post)
    if row is None:
        raise RuntimeError(f"no post {args.post!r} in {', '.join(index.sources)} "
                           "(use an id or path that `newsreader list` prints)")
    article = load_article(row, index)
    if args.format == "json":
        print(dumps({**_post_json(row), "text": article.doc.text,
                     "links": [{"number": link.number, "url": link.url, "text": link.text,
                                "image": link.is_image} for link in article.doc.links],
                     "items": [t.to_dict() for t in article.items]}))
    elif args.format == "markdown":
        from newsreader.render import to_markdown

        print(to_markdown(article.body))
    else:
        import shutil

        width = args.width or shutil.get_terminal_size((80, 24)).columns
        sys.stdout.write(article.plain_text(width))
    return 0


def _metric_key(words: str | None) -> str | None:
    """The indicator key `--metric` names, so that 地区生产总值 also finds 全省生产总值 and GDP."""
    if not words:
        return None
    from newsreader.targets.vocabulary import canonical_metric, keys_for

    keys = keys_for(words)
    return canonical_metric(words) or (next(iter(keys)) if len(keys) == 1 else None)


def cmd_targets(args: argparse.Namespace) -> int:
    index, _ = _open_index(args, items=True)
    flt = _filter(args)
    items = index.all_items(kind=args.kind, metric=args.metric, metric_key=_metric_key(args.metric),
                            flt=flt if (flt.category or flt.tag) else None)
    if args.json:
        import os

        for row, item in items:
            print(dumps({"post": os.path.basename(row.path), "id": row.id, "date": row.date,
                         **item.to_dict()}))
        return 0
    _print_targets(items)
    return 0


def _print_targets(items) -> None:
    """A readable table: one section per post, then per entity, targets before achieved figures."""
    from dataclasses import fields
    from operator import attrgetter

    from newsreader.targets.format import format_value
    from newsreader.targets.model import Target

    # What an item's value is written from: every field but where it stands (which changes no value)
    value_fields = attrgetter(*(f.name for f in fields(Target) if f.name not in ("start", "end", "sentence")))

    @cache  # items repeat their metrics, kinds and values: each column's text is laid out once
    def column(text: str, width: int) -> str:
        return _cells(_safe(text), width)

    values: dict[tuple, str] = {}
    lines: list[str] = []
    post: int | None = None  # the post and entity whose heading was printed last
    entity: str | None = None
    for row, item in sorted(items, key=lambda ri: (ri[0].date or "9", ri[0].id, ri[1].entity or "",
                                                  ri[1].kind != "target", ri[1].start)):
        if row.rowid != post:
            lines.append(f"\n{_safe(row.label)}  [{_safe(row.id)}, {(row.date or 'undated')[:10]}]")
            post, entity = row.rowid, None
        if item.entity != entity:
            if item.entity:
                lines.append(f"  {_safe(item.entity)}")
            entity = item.entity
        key = value_fields(item)
        value = values.get(key)
        if value is None:
            value = values[key] = format_value(item)
        lines.append(f"    {column(item.kind, 8)}  {column(item.metric or '?', 24)}  {column(value, 22)}  "
                     f"{_safe(item.horizon or '')}")
    _print_lines(lines)


def cmd_scorecard(args: argparse.Namespace) -> int:
    from newsreader.scorecard import rows_of_index
    from newsreader.scorecard.fields import FIELDS, LIST_FIELDS, row_fields

    index, _ = _open_index(args, items=True)
    rows = rows_of_index(index, args.as_of, entity=args.entity, metric=args.metric)
    if args.json:
        for row in rows:
            print(dumps(row_fields(row)))
    elif args.csv:
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(FIELDS)
        for row in rows:
            fields = row_fields(row)
            writer.writerow([_safe(_csv_cell(fields[name], name in LIST_FIELDS)) for name in FIELDS])
    else:
        _print_scorecard(rows)
    return 0


def _csv_cell(value: object, as_json: bool) -> str:
    if as_json:
        import json

        return json.dumps(value, ensure_ascii=False) if value else ""
    return "" if value is None else str(value)


def _print_scorecard(rows) -> None:
    """A readable table: entity, metric, year, target, result, verdict."""
    from newsreader.scorecard.fields import verdict_text

    for row in rows:
        result = row.result.item.text if row.result else ("(in words)" if row.statement else "-")
        print(f"{_cells(_safe(row.entity), 14)}  {_cells(row.metric_key, 22)}  {_cells(row.target.period.years, 9)}  "
              f"{_cells(_safe(row.target.item.text), 14)}  {_cells(_safe(result), 14)}  {verdict_text(row)}")
    print(f"{len(rows):,} target{'s' if len(rows) != 1 else ''}", file=sys.stderr)


def run_tui(argv: list[str]) -> int:
    parser = _parser(prog="newsreader", description=f"{DESCRIPTION} "
                     f"Subcommands: {', '.join(COMMANDS)} (see `newsreader COMMAND --help`).")
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    _common(parser)
    args = parser.parse_args(argv)
    from newsreader.sources import resolve_sources
    from newsreader.tui.app import run

    return run(resolve_sources(args.paths), cache_dir=args.cache_dir, data_dir=args.data_dir, drafts=args.drafts)


def _runtime_errors() -> tuple[type[Exception], ...]:
    """What a command reports in one line with status 1 (a missing path, a broken cache, a full disk)."""
    from newsreader.corpus import PostError, SourceError
    from newsreader.sources import ConfigError
    from newsreader.store.index import StoreError

    return SourceError, ConfigError, StoreError, PostError, RuntimeError, OSError


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `newsreader` command."""
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--version"]:  # answered before anything else loads
        print(f"newsreader {__version__}")
        return 0
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        if argv and argv[0] in COMMANDS:
            # Options may follow the PATHs (`search 吕梁 ~/archive --json`): parse intermixed.
            args = command_parser(argv[0]).parse_intermixed_args(argv[1:])
            return globals()[f"cmd_{argv[0]}"](args)
        if argv and argv[0] in ("-h", "--help"):
            build_parser()[0].print_help()
            return 0
        return run_tui(argv)
    except UsageError as exc:
        print(f"newsreader: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except Exception as exc:
        if not isinstance(exc, _runtime_errors()):
            raise
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        if isinstance(exc, OSError) and exc.filename:
            message = f"{exc.filename}: {message}"
        print(f"newsreader: error: {_safe(message)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
