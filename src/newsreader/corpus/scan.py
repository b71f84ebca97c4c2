"""Finding post files under the paths a user gives, as each site's generator would."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from newsreader.corpus.post import Skipped, SourceError
from newsreader.corpus.sites import FOLDER, HEXO, HUGO, JEKYLL, MAX_DEPTH_UP, Site, enclosing_site, looked_at, site_at
from newsreader.corpus.stamps import Stamp, stamp

POST_EXTENSIONS = {".md", ".markdown", ".mkd", ".mkdn", ".mdown", ".html", ".htm"}
# Folders Jekyll never reads posts from (besides any starting with "." or "_").
_IGNORED_DIRS = {"node_modules", "vendor"}
_FRONT_MATTER_FENCES = (b"---", b"+++")


SizeTime = tuple[int, int]  # a file's size and modification time (ns), as a folder's scan found them


@dataclass(slots=True)
class SourceFile:
    """A file that holds a post, with what its location tells about it."""

    path: str  # absolute path as found (symlinks not resolved)
    id: str  # path relative to the source root, POSIX separators
    size: int
    mtime_ns: int
    folder_categories: list[str] = field(default_factory=list)  # Jekyll: the `<cat>/_posts/` folders
    timezone: str | None = None  # the site's configured time zone
    draft: bool = False  # found in a drafts folder
    kind: str = FOLDER  # the site kind whose rules read it: jekyll, hexo, hugo or folder
    section: tuple[str, ...] = ()  # Hugo: the page's section (nested sections as a path)
    drafts_wanted: bool = False  # Hugo: whether a page marked `draft: true` is read
    category_key: str | None = "categories"  # Hugo: the front-matter keys of its two taxonomies
    tag_key: str | None = "tags"


def starts_with_front_matter(path: str) -> bool:
    """True when a file's first non-blank line is `---` or `+++` (how a .txt post is recognised)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(512)
    except OSError:
        return False
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    return head[:3] in _FRONT_MATTER_FENCES and head[3:4] in (b"\n", b"\r", b" ", b"\t", b"")


def _site_fields(site: Site | None, drafts: bool) -> dict:
    """The SourceFile fields every post of `site` shares (a plain folder's when None)."""
    if site is None:
        return {"kind": FOLDER}
    fields: dict[str, object] = {"kind": site.kind, "timezone": site.timezone}
    if site.kind == HUGO:
        fields.update(drafts_wanted=drafts, category_key=site.category_key, tag_key=site.tag_key)
    return fields


class _Walker:
    """Collects post files and skipped entries for one source root."""

    def __init__(self, root: Path, drafts: bool, stamps: dict[str, Stamp] | None = None) -> None:
        self.root = root
        self.real_root = os.path.realpath(root)
        self.drafts = drafts
        self.files: list[SourceFile] = []
        self.skipped: list[Skipped] = []
        self._seen_dirs: set[tuple[int, int]] = set()
        self._prefix = os.path.join(str(root), "")  # ids are paths with this cut off
        self.stamps = stamps  # filled when given (see `discover`)

    def note(self, paths: list[Path]) -> None:
        """Stamp paths whose change would change what is found (when stamps are collected)."""
        if self.stamps is not None:
            for path in map(str, paths):
                if path not in self.stamps:
                    self.stamps[path] = stamp(path)

    def add(self, path: str, entry_stat: SizeTime | None, **fields) -> None:
        """Record one candidate file, following a symlink only when it stays inside the source.

        `entry_stat` is (size, mtime_ns) from the folder scan for a regular file; None means a
        symbolic link or a file given on its own, which are looked at here. `fields` are SourceFile's.
        """
        if entry_stat is None:
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
            entry_stat = (st.st_size, st.st_mtime_ns)
        # Cutting the root off is the hot path of a refresh over 100,000 files (relpath is slow).
        rel = path[len(self._prefix):] if path.startswith(self._prefix) else os.path.relpath(path, self.root)
        if os.sep != "/":
            rel = rel.replace(os.sep, "/")
        self.files.append(SourceFile(path, rel, *entry_stat, **fields))

    def walk(self, site: Site | None, top: Path) -> None:
        """The posts under `top`, read by the rules of `site` (a plain folder's when None)."""
        if site is None:
            self.walk_folder(top)
            return
        self.skipped.extend(site.problems)
        self.note(looked_at(site.root) + [d.parent for d in site.post_dirs + site.draft_dirs])
        {JEKYLL: self.walk_jekyll, HEXO: self.walk_hexo, HUGO: self.walk_hugo}[site.kind](site, top)

    def walk_jekyll(self, site: Site, top: Path) -> None:
        """Jekyll's rule: posts live in `_posts/` folders; the folders above them are categories."""
        fields = _site_fields(site, self.drafts)
        for folder, dirs, files in self._walk(top):
            rel_parts = Path(folder).relative_to(site.root).parts
            in_posts = "_posts" in rel_parts
            in_drafts = self.drafts and "_drafts" in rel_parts
            dirs[:] = [d for d in dirs if d in ("_posts", "_drafts") or not d.startswith(("_", "."))
                       and d not in _IGNORED_DIRS]
            if not (in_posts or in_drafts):
                continue
            marker = "_posts" if in_posts else "_drafts"
            categories = list(rel_parts[: rel_parts.index(marker)])
            self.add_posts(folder, files, folder_categories=categories, draft=in_drafts and not in_posts, **fields)

    def walk_hexo(self, site: Site, top: Path) -> None:
        """Hexo's rule: posts are the files under source/_posts/ (drafts: source/_drafts/), names
        starting with `_` or `.` left out; categories come from front matter only."""
        fields = _site_fields(site, self.drafts)
        folders = [(d, False) for d in site.post_dirs] + [(d, True) for d in site.draft_dirs if self.drafts]
        for posts_dir, draft in folders:
            start = _start_within(posts_dir, top)
            if start is None or not start.is_dir():
                continue
            for folder, dirs, files in self._walk(start):
                dirs[:] = [d for d in dirs if not d.startswith(("_", "."))]
                self.add_posts(folder, [(n, st) for n, st in files if not n.startswith("_")], draft=draft, **fields)

    def walk_hugo(self, site: Site, top: Path) -> None:
        """Hugo's rule: regular pages under content/; `_index` files are list pages, a folder with
        an `index` file is one page (a leaf bundle) whose other files are its resources."""
        fields = _site_fields(site, self.drafts)
        for content in site.post_dirs:
            start = _start_within(content, top)
            if start is None or not start.is_dir():
                continue
            sections = _HugoSections(content)
            for folder, dirs, files in self._walk(start):
                here = Path(folder)
                pages = [(n, st) for n, st in files if _is_hugo_content(n)]
                bundle = next(((n, st) for n, st in pages if n.rpartition(".")[0] == "index"), None)
                if bundle is not None and here != content:
                    dirs[:] = []  # a leaf bundle: one page, the rest is its resources
                    self.add(os.path.join(folder, bundle[0]), bundle[1], section=sections.of(here.parent), **fields)
                    continue
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                section = sections.of(here, [n for n, _ in pages])
                for name, st in pages:
                    if not name.startswith("_index."):
                        self.add(os.path.join(folder, name), st, section=section, **fields)

    def walk_folder(self, top: Path) -> None:
        """Any folder: every Markdown/HTML file is a post, other files when they open with front
        matter; sites inside are read by their own rules. Beside sites, files without front
        matter (a README describing them) are not posts."""
        for folder, dirs, files in self._walk(top):
            sites = {d: site_at(Path(folder, d)) for d in dirs}
            sites = {d: site for d, site in sites.items() if site is not None}
            for d, site in sites.items():
                self.walk(site, Path(folder, d))
            dirs[:] = [d for d in dirs if d not in sites and not d.startswith((".", "_")) and d not in _IGNORED_DIRS]
            if sites:
                files = [(n, st) for n, st in files if starts_with_front_matter(os.path.join(folder, n))]
            self.add_posts(folder, files, kind=FOLDER)

    def add_posts(self, folder: str, files, **fields) -> None:
        """The posts among a folder's (name, stat) files: Markdown/HTML, or any file opening with
        front matter."""
        here = os.path.join(folder, "")
        for name, st in files:
            if name.startswith("."):
                continue
            path = here + name
            if os.path.splitext(name)[1].lower() in POST_EXTENSIONS or starts_with_front_matter(path):
                self.add(path, st, **fields)

    def _walk(self, top: Path):
        """os.walk with each file's (size, mtime_ns), and no symlinked folders (they could loop)."""
        stack = [str(top)]
        while stack:
            folder = stack.pop()
            try:
                st = os.stat(folder)  # before the listing: an entry added meanwhile shows at the next check
                key = (st.st_dev, st.st_ino)
                if key in self._seen_dirs:
                    continue
                self._seen_dirs.add(key)
                if self.stamps is not None:
                    self.stamps[folder] = (st.st_size, st.st_mtime_ns)
                dirs: list[str] = []
                files: list[tuple[str, SizeTime | None]] = []  # None: a symlink, followed later
                with os.scandir(folder) as it:
                    # each entry read as it comes (a list of them all would hold a million at once)
                    for entry in it:
                        try:
                            if entry.is_dir(follow_symlinks=False):
                                dirs.append(entry.name)
                            elif entry.is_symlink():
                                files.append((entry.name, None))
                            elif entry.is_file(follow_symlinks=False):
                                found = entry.stat(follow_symlinks=False)
                                files.append((entry.name, (found.st_size, found.st_mtime_ns)))  # (not the whole stat)
                        except OSError as exc:
                            self.skipped.append(Skipped(entry.path, _reason(exc)))
            except OSError as exc:
                self.skipped.append(Skipped(folder, _reason(exc)))
                continue
            dirs.sort()
            files.sort()
            yield folder, dirs, files
            stack.extend(os.path.join(folder, d) for d in reversed(dirs))


def _reason(exc: OSError) -> str:
    """A short human reason for a file-system error."""
    return (exc.strerror or type(exc).__name__).lower()


def _start_within(posts_dir: Path, top: Path) -> Path | None:
    """Where to walk for the posts of `posts_dir` that lie under `top` (None: they do not)."""
    if top == posts_dir or top.is_relative_to(posts_dir):
        return top
    return posts_dir if posts_dir.is_relative_to(top) else None


def _is_hugo_content(name: str) -> bool:
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in POST_EXTENSIONS


class _HugoSections:
    """Hugo's sections: each top-level folder of content/, and below it each folder holding an
    `_index` file whose parent is a section too."""

    def __init__(self, content: Path) -> None:
        self.content = content
        self._known: dict[Path, tuple[str, ...]] = {content: ()}

    def of(self, folder: Path, names: list[str] | None = None) -> tuple[str, ...]:
        """The section path of pages in `folder` (under content/); `names`: its files, when known."""
        known = self._known.get(folder)
        if known is not None:
            return known
        if not folder.is_relative_to(self.content):
            return ()
        if folder.parent == self.content:
            section: tuple[str, ...] = (folder.name,)
        else:
            parent = self.of(folder.parent)
            depth = len(folder.parent.relative_to(self.content).parts)
            nested = len(parent) == depth and _has_index(folder, names)
            section = (*parent, folder.name) if nested else parent
        self._known[folder] = section
        return section


def _has_index(folder: Path, names: list[str] | None = None) -> bool:
    """True when `folder` (whose file names may be given) holds an `_index` content file."""
    if names is None:
        try:
            names = os.listdir(folder)
        except OSError:
            return False
    return any(name.startswith("_index.") and _is_hugo_content(name) for name in names)


def _single_file_fields(path: Path, drafts: bool) -> tuple[dict, list[Skipped]]:
    """A file given on its own: the rules of the site it belongs to, found from its folders."""
    site = enclosing_site(path)
    if site is None:
        return {"kind": FOLDER}, []
    problems = site.problems
    if not site.holds(path):
        return {"kind": FOLDER, "timezone": site.timezone}, problems
    fields = _site_fields(site, drafts)
    if site.kind == JEKYLL:
        parts = path.relative_to(site.root).parts
        marker = "_posts" if "_posts" in parts else "_drafts"
        fields["folder_categories"] = list(parts[: parts.index(marker)])
    elif site.kind == HUGO:
        content = next(d for d in site.post_dirs if path.is_relative_to(d))
        folder = path.parent.parent if path.stem == "index" and path.parent != content else path.parent
        fields["section"] = _HugoSections(content).of(folder)
    return fields, problems


def source_file(path: str, post_id: str, size: int, mtime_ns: int) -> SourceFile:
    """An indexed post's file, with its site's rules, to be read again (drafts included: the
    index only holds a draft when drafts were asked for)."""
    fields, _ = _single_file_fields(Path(os.path.abspath(path)), drafts=True)
    return SourceFile(path, post_id, size, mtime_ns, **fields)


def _looked_above(path: Path) -> list[Path]:
    """What `enclosing_site(path)` reads."""
    return [looked for folder in list(path.parents)[:MAX_DEPTH_UP] for looked in looked_at(folder)]


def discover(paths: list[str], *, drafts: bool = False,
             stamps: dict[str, Stamp] | None = None) -> tuple[list[SourceFile], list[Skipped]]:
    """Every post file under `paths` (sites, folders or single files) and what was skipped.

    With `stamps`, also fills it with the stamp of every path whose change could change the answer:
    each folder listed (a post added, removed or renamed changes its modification time), each folder
    and configuration file a site was recognised from, each file given on its own. A post edited in
    place changes no folder: only its own stamp (SourceFile.size and mtime_ns) shows that.

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
            walker = _Walker(path, drafts, stamps)
            walker.note(looked_at(path))
            site = site_at(path)
            if site is None:  # a folder inside a site (its _posts/, content/posts/ ...) keeps its rules
                walker.note(_looked_above(path))
                outer = enclosing_site(path)
                site = outer if outer is not None and outer.holds(path) else None
            walker.walk(site, path)
        elif path.is_file():
            walker = _Walker(path.parent, drafts, stamps)
            walker.note([path, *_looked_above(path)])
            fields, problems = _single_file_fields(path, drafts)
            walker.skipped.extend(problems)
            walker.add(str(path), None, **fields)
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
