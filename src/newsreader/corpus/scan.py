"""Finding post files under the paths a user gives, as Jekyll would."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

POST_EXTENSIONS = {".md", ".markdown", ".mkd", ".mkdn", ".mdown", ".html", ".htm"}
# Folders Jekyll never reads posts from (besides any starting with "." or "_").
_IGNORED_DIRS = {"node_modules", "vendor"}
_TIMEZONE_LINE = re.compile(r"^timezone\s*:\s*['\"]?([\w/+-]+)['\"]?\s*$", re.MULTILINE)


@dataclass(slots=True)
class SourceFile:
    """A file that holds a post, with what its location tells about it."""

    path: str  # absolute path as found (symlinks not resolved)
    id: str  # path relative to the source root, POSIX separators
    size: int
    mtime_ns: int
    folder_categories: list[str] = field(default_factory=list)  # `<cat>/_posts/` folders
    timezone: str | None = None  # the site's `timezone:` from _config.yml
    draft: bool = False


@dataclass(slots=True)
class Skipped:
    """A file that could not be taken as a post, and why."""

    path: str
    reason: str


class SourceError(Exception):
    """A source path a user gave cannot be read at all (missing, not a file or folder)."""


def is_site_root(folder: Path) -> bool:
    """True for a Jekyll site: a folder with `_posts/` or `_config.yml`."""
    return (folder / "_posts").is_dir() or (folder / "_config.yml").is_file()


def site_timezone(site: Path | None) -> str | None:
    """The `timezone:` of a site's _config.yml, read without trusting the file to be YAML."""
    if site is None:
        return None
    try:
        with open(site / "_config.yml", encoding="utf-8", errors="replace") as fh:
            head = fh.read(64 * 1024)
    except OSError:
        return None
    match = _TIMEZONE_LINE.search(head)
    return match.group(1) if match else None


def _find_site(start: Path) -> Path | None:
    """The enclosing Jekyll site of a file given on its own, if any (a `_posts` folder's parent)."""
    for folder in [start, *start.parents][:6]:
        if folder.name == "_posts":
            return folder.parent
        if (folder / "_config.yml").is_file():
            return folder
    return None


def starts_with_front_matter(path: str) -> bool:
    """True when a file's first non-blank line is `---` (how a .txt post is recognised)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(512)
    except OSError:
        return False
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    return head.startswith(b"---") and head[3:4] in (b"\n", b"\r", b" ", b"\t", b"")


class _Walker:
    """Collects post files and skipped entries for one source root."""

    def __init__(self, root: Path, drafts: bool) -> None:
        self.root = root
        self.real_root = os.path.realpath(root)
        self.drafts = drafts
        self.files: list[SourceFile] = []
        self.skipped: list[Skipped] = []
        self._seen_dirs: set[tuple[int, int]] = set()
        self._prefix = os.path.join(str(root), "")  # ids are paths with this cut off

    def add(self, path: str, entry_stat: os.stat_result | None, *, categories: list[str], tz: str | None,
            draft: bool = False) -> None:
        """Record one candidate file, following a symlink only when it stays inside the source.

        `entry_stat` comes from the folder scan for a regular file; None means a symbolic link
        or a file given on its own, which are looked at here.
        """
        st = entry_stat
        if st is None:
            try:
                if os.path.islink(path):
                    target = os.path.realpath(path)
                    if os.path.commonpath([target, self.real_root]) != self.real_root:
                        self.skipped.append(Skipped(path, "symbolic link to a file outside the source"))
                        return
                st = os.stat(path)
            except OSError as exc:
                self.skipped.append(Skipped(path, _reason(exc)))
                return
        if not stat.S_ISREG(st.st_mode):
            return
        # Cutting the root off is the hot path of a refresh over 100,000 files (relpath is slow).
        rel = path[len(self._prefix):] if path.startswith(self._prefix) else os.path.relpath(path, self.root)
        if os.sep != "/":
            rel = rel.replace(os.sep, "/")
        self.files.append(SourceFile(path, rel, st.st_size, st.st_mtime_ns, categories, tz, draft))

    def walk_site(self, site: Path) -> None:
        """Jekyll's rule: posts live in `_posts/` folders; the folders above them are categories."""
        tz = site_timezone(site)
        for folder, dirs, files in self._walk(site):
            rel_parts = Path(folder).relative_to(site).parts
            in_posts = "_posts" in rel_parts
            in_drafts = self.drafts and "_drafts" in rel_parts
            dirs[:] = [d for d in dirs if d in ("_posts", "_drafts") or not d.startswith(("_", "."))
                       and d not in _IGNORED_DIRS]
            if not (in_posts or in_drafts):
                continue
            marker = "_posts" if in_posts else "_drafts"
            categories = list(rel_parts[: rel_parts.index(marker)])
            self.add_posts(folder, files, categories=categories, tz=tz, draft=in_drafts and not in_posts)

    def walk_folder(self, top: Path) -> None:
        """Any folder: every Markdown/HTML file is a post, other files when they open with `---`."""
        if is_site_root(top):
            self.walk_site(top)
            return
        for folder, dirs, files in self._walk(top):
            sites = [d for d in dirs if is_site_root(Path(folder, d))]
            for d in sites:
                self.walk_site(Path(folder, d))
            dirs[:] = [d for d in dirs if d not in sites and not d.startswith((".", "_")) and d not in _IGNORED_DIRS]
            self.add_posts(folder, files, categories=[], tz=None)

    def add_posts(self, folder: str, files, **fields) -> None:
        """The posts among a folder's (name, stat) files: Markdown/HTML, or any file opening with `---`."""
        here = os.path.join(folder, "")
        for name, st in files:
            if name.startswith("."):
                continue
            path = here + name
            if os.path.splitext(name)[1].lower() in POST_EXTENSIONS or starts_with_front_matter(path):
                self.add(path, st, **fields)

    def _walk(self, top: Path):
        """os.walk with stat results and no symlinked folders (they could loop)."""
        stack = [str(top)]
        while stack:
            folder = stack.pop()
            try:
                st = os.stat(folder)
                key = (st.st_dev, st.st_ino)
                if key in self._seen_dirs:
                    continue
                self._seen_dirs.add(key)
                with os.scandir(folder) as it:
                    entries = list(it)
            except OSError as exc:
                self.skipped.append(Skipped(folder, _reason(exc)))
                continue
            dirs: list[str] = []
            files: list[tuple[str, os.stat_result | None]] = []  # None: a symlink, followed later
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        dirs.append(entry.name)
                    elif entry.is_symlink():
                        files.append((entry.name, None))
                    elif entry.is_file(follow_symlinks=False):
                        files.append((entry.name, entry.stat(follow_symlinks=False)))
                except OSError as exc:
                    self.skipped.append(Skipped(entry.path, _reason(exc)))
            dirs.sort()
            files.sort()
            yield folder, dirs, files
            stack.extend(os.path.join(folder, d) for d in reversed(dirs))


def _reason(exc: OSError) -> str:
    """A short human reason for a file-system error."""
    return (exc.strerror or type(exc).__name__).lower()


def discover(paths: list[str], *, drafts: bool = False) -> tuple[list[SourceFile], list[Skipped]]:
    """Every post file under `paths` (sites, folders or single files) and what was skipped.

    Raises SourceError when a given path does not exist or is neither a file nor a folder.
    """
    files: list[SourceFile] = []
    skipped: list[Skipped] = []
    seen_ids: set[str] = set()
    for given in paths:
        path = Path(os.path.abspath(os.path.expanduser(given)))
        if not os.path.lexists(path):
            raise SourceError(f"{given}: no such file or folder")
        if path.is_dir():
            walker = _Walker(path, drafts)
            walker.walk_folder(path)
        elif path.is_file():
            walker = _Walker(path.parent, drafts)
            site = _find_site(path.parent)
            walker.add(str(path), None, categories=[], tz=site_timezone(site))
        else:
            raise SourceError(f"{given}: not a readable file or folder")
        for sf in walker.files:
            if sf.id in seen_ids:  # two sources hold the same relative path: keep both apart
                sf.id = f"{path.name}/{sf.id}"
                n = 2
                while sf.id in seen_ids:
                    sf.id = f"{path.name}~{n}/{sf.id.split('/', 1)[1]}"
                    n += 1
            seen_ids.add(sf.id)
        files.extend(walker.files)
        skipped.extend(walker.skipped)
    return files, skipped
