"""The command line: `newsreader [PATH...]` opens the reader; subcommands script the same index."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from typing import NoReturn

from newsreader import __version__

COMMANDS = ("index", "list", "show", "search", "targets", "scorecard")
DESCRIPTION = "A terminal reader for news archives kept as Jekyll, Hexo or Hugo sites."

_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
                          "\ud800-\udfff\U000e0000-\U000e007f]")


def _json_escape(match: re.Match) -> str:
    code = ord(match.group())
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def dumps(obj: object) -> str:
    """One JSON line, readable Chinese, with every character a terminal could act on escaped."""
    return _JSON_UNSAFE.sub(_json_escape, json.dumps(obj, ensure_ascii=False))


class UsageError(Exception):
    """Bad command-line usage (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    commands: Mapping[str, argparse.ArgumentParser]  # the subcommands' parsers, by name (set by build_parser)

    def error(self, message: str) -> NoReturn:  # one line, not argparse's usage block
        raise UsageError(f"{message} (see `{self.prog} --help`)")


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


def build_parser() -> _Parser:
    """The parser of every subcommand."""
    parser = _Parser(prog="newsreader", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    parser.commands = sub.choices

    p = sub.add_parser("index", help="build or refresh the cache index, with progress and a summary")
    _common(p)
    p.add_argument("--workers", type=int, help="worker processes for a cold index (default: one per core)")

    p = sub.add_parser("list", help="list posts, newest first")
    _common(p)
    p.add_argument("--category", help=_CATEGORY_HELP)
    p.add_argument("--tag", help="only posts with this tag")
    p.add_argument("--since", type=_date_arg, help="only posts dated on or after YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="JSON lines")

    p = sub.add_parser("show", help="print one post (by the id or path that `list` prints)")
    p.add_argument("post", metavar="POST", help="a post's id or path")
    _common(p)
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    p.add_argument("--width", type=_width_arg, help="line width for --format text (default: the terminal's)")

    p = sub.add_parser("search", help="search titles and bodies (any substring, Chinese included)")
    p.add_argument("query", metavar="QUERY")
    _common(p)
    p.add_argument("--category", help=_CATEGORY_HELP)
    p.add_argument("--tag", help="only posts with this tag")
    p.add_argument("--limit", type=int, default=0, help="at most this many results (default: all)")
    p.add_argument("--json", action="store_true", help="JSON lines")

    p = sub.add_parser("targets", help="numeric targets and achieved figures found in posts")
    _common(p)
    p.add_argument("--kind", choices=("target", "achieved"), help="only this kind of item")
    p.add_argument("--metric", help="only items whose metric contains this text or names the same indicator "
                   "(地区生产总值 also finds 全省生产总值 and GDP)")
    p.add_argument("--category", help=_CATEGORY_HELP)
    p.add_argument("--tag", help="only posts with this tag")
    p.add_argument("--json", action="store_true", help="JSON lines (the format of the evaluation guide)")

    p = sub.add_parser("scorecard", help="every target set against what was achieved, year after year")
    _common(p)
    p.add_argument("--entity", help="only this government or company (吕梁 and 吕梁市 are one)")
    p.add_argument("--metric", help="only this metric: a key (gdp) or words (地区生产总值, 就业)")
    p.add_argument("--as-of", type=_date_arg, help="judge which periods are over on this day (default: today)")
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="JSON lines, one per target")
    output.add_argument("--csv", action="store_true", help="CSV with a header line")
    return parser


def _date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _width_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 10 <= value <= 1000:
        raise argparse.ArgumentTypeError("width must be between 10 and 1000")
    return value


# -- opening the index ---------------------------------------------------------------------


def _open_index(args: argparse.Namespace, *, progress: bool = False):
    """The refreshed index of the sources named on the command line."""
    from newsreader.sources import resolve_sources
    from newsreader.store.index import Index
    from newsreader.store.paths import cache_dir

    index = Index(resolve_sources(args.paths), cache_dir(args.cache_dir), drafts=args.drafts)
    for warning in index.warnings:
        _warn(warning)
    with _progress(progress and sys.stderr.isatty()) as report:
        summary = index.refresh(progress=report, workers=getattr(args, "workers", None))
    for warning in summary.warnings:
        _warn(warning)
    return index, summary


@contextmanager
def _progress(enabled: bool) -> Iterator:
    """A Rich progress bar on stderr for the refresh (nothing when stderr is not a terminal)."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True)
    task = bar.add_task("index", total=None)

    def report(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total or None)

    with bar:
        yield report


def _warn(message: str) -> None:
    print(f"newsreader: warning: {_safe(message)}", file=sys.stderr)


def _safe(text: str) -> str:
    from newsreader.render import sanitize

    return sanitize(text)


def _post_json(row) -> dict:
    return {"id": row.id, "path": row.path, "title": row.title, "date": row.date, "categories": row.categories,
            "category_paths": row.category_paths, "tags": row.tags, "warnings": row.warnings,
            "targets": row.n_target, "achieved": row.n_achieved}


def _cells(text: str, width: int) -> str:
    """`text` cut or padded to exactly `width` terminal cells."""
    from rich.cells import cell_len, set_cell_size

    return set_cell_size(text, width) if cell_len(text) != width else text


def _post_line(row) -> str:
    from newsreader.corpus.categories import leaf_paths

    day = (row.date or "")[:16].replace("T", " ") or "undated"
    category = ",".join(leaf_paths(row.category_paths)) or "-"
    return f"{_cells(day, 16)}  {_cells(_safe(category), 14)}  {_safe(row.label)}  [{_safe(row.id)}]"


# -- commands ------------------------------------------------------------------------------


def cmd_index(args: argparse.Namespace) -> int:
    index, summary = _open_index(args, progress=True)
    where = "in memory" if index.memory else str(index.path)
    print(f"{index.count():,} posts ({where}): {summary.line()}")
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
        rows = [r for r in rows if r.date and datetime.fromisoformat(r.date).date() >= args.since]
    for row in rows:
        print(dumps(_post_json(row)) if args.json else _post_line(row))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    index, _ = _open_index(args)
    rowids = index.view(_filter(args), args.query)
    shown = rowids[: args.limit] if args.limit > 0 else rowids
    for rank, row in enumerate(index.rows(shown), 1):
        print(dumps({**_post_json(row), "rank": rank}) if args.json else _post_line(row))
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
    index, _ = _open_index(args)
    flt = _filter(args)
    items = index.all_items(kind=args.kind, metric=args.metric, metric_key=_metric_key(args.metric),
                            flt=flt if (flt.category or flt.tag) else None)
    if args.json:
        for row, item in items:
            print(dumps({"post": os.path.basename(row.path), "id": row.id, "date": row.date,
                         **item.to_dict()}))
        return 0
    _print_targets(items)
    return 0


def _print_targets(items) -> None:
    """A readable table: one section per post, then per entity, targets before achieved figures."""
    from newsreader.targets.format import format_value

    post: int | None = None  # the post and entity whose heading was printed last
    entity: str | None = None
    for row, item in sorted(items, key=lambda ri: (ri[0].date or "9", ri[0].id, ri[1].entity or "",
                                                  ri[1].kind != "target", ri[1].start)):
        if row.rowid != post:
            print(f"\n{_safe(row.label)}  [{_safe(row.id)}, {(row.date or 'undated')[:10]}]")
            post, entity = row.rowid, None
        if item.entity != entity:
            if item.entity:
                print(f"  {_safe(item.entity)}")
            entity = item.entity
        print(f"    {_cells(item.kind, 8)}  {_cells(_safe(item.metric or '?'), 24)}  "
              f"{_cells(_safe(format_value(item)), 22)}  {_safe(item.horizon or '')}")


def cmd_scorecard(args: argparse.Namespace) -> int:
    from newsreader.scorecard import rows_of_index
    from newsreader.scorecard.fields import FIELDS, LIST_FIELDS, row_fields

    index, _ = _open_index(args)
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
    parser = _Parser(prog="newsreader", description=f"{DESCRIPTION} "
                     f"Subcommands: {', '.join(COMMANDS)} (see `newsreader COMMAND --help`).")
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    _common(parser)
    args = parser.parse_args(argv)
    from newsreader.sources import resolve_sources
    from newsreader.tui.app import run

    return run(resolve_sources(args.paths), cache_dir=args.cache_dir, data_dir=args.data_dir, drafts=args.drafts)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `newsreader` command."""
    from newsreader.corpus import PostError, SourceError
    from newsreader.sources import ConfigError
    from newsreader.store.index import StoreError

    argv = sys.argv[1:] if argv is None else argv
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        if argv and argv[0] in COMMANDS:
            parser = build_parser()
            # Options may follow the PATHs (`search 吕梁 ~/archive --json`): parse intermixed.
            command = parser.commands[argv[0]]
            args = command.parse_intermixed_args(argv[1:])
            return globals()[f"cmd_{argv[0]}"](args)
        if argv and argv[0] in ("-h", "--help"):
            build_parser().print_help()
            return 0
        return run_tui(argv)
    except UsageError as exc:
        print(f"newsreader: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except (SourceError, ConfigError, StoreError, PostError, RuntimeError, OSError) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        if isinstance(exc, OSError) and exc.filename:
            message = f"{exc.filename}: {message}"
        print(f"newsreader: error: {_safe(message)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
