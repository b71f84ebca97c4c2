"""Site kinds, recognised from their own files: Jekyll, Hexo, Hugo; anything else is a folder.

Each kind says where its posts are and what its configuration sets (time zone, folders,
taxonomies). Configuration files are read defensively: one that cannot be read is reported
(as a Skipped entry with its reason) and the generator's defaults are used.

    Hugo    hugo.{toml,yaml,yml,json} (or config/_default/hugo.*), or config.* beside a
            content/ folder or naming contentDir/baseURL; pages under content/ (contentDir,
            and each language's contentDir)
    Jekyll  a _posts/ folder (unless the folder is a Hexo site's source/)
    Hexo    _config.yml with Hexo keys (new_post_name, source_dir, ...), a scaffolds/ folder,
            a package.json naming hexo, or a source/_posts/ folder; posts under
            source/_posts/ (source_dir)
    Jekyll  otherwise, a _config.yml
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from newsreader.corpus.dates import zone
from newsreader.corpus.frontmatter import JSON, TOML, YAML, FormatError, load_structured
from newsreader.corpus.post import Skipped

JEKYLL, HEXO, HUGO, FOLDER = "jekyll", "hexo", "hugo", "folder"

MAX_CONFIG_BYTES = 1024 * 1024  # a site configuration larger than this is not read
MAX_DEPTH_UP = 8  # how far above a given path its site is looked for

_CONFIG_FORMATS = {".toml": TOML, ".yaml": YAML, ".yml": YAML, ".json": JSON}
_HUGO_CONFIGS = [f"{stem}{ext}" for stem in ("hugo", "config") for ext in _CONFIG_FORMATS]
_HUGO_HINT = re.compile(r"^\s*[\"']?(?:contentdir|baseurl)[\"']?\s*[:=]", re.IGNORECASE | re.MULTILINE)
_HEXO_KEYS = re.compile(r"^(?:new_post_name|source_dir|public_dir|post_asset_folder|default_layout"
                        r"|render_drafts|permalink_defaults)\s*:", re.MULTILINE)
_HEXO_PACKAGE = re.compile(r"\"hexo\"\s*:")
_TIMEZONE_LINE = re.compile(r"^timezone\s*:\s*['\"]?([\w/+-]+)['\"]?\s*$", re.MULTILINE)
_SOURCE_DIR_LINE = re.compile(r"^source_dir\s*:\s*['\"]?([^'\"#\s]+)['\"]?\s*(?:#.*)?$", re.MULTILINE)


@dataclass(slots=True)
class Site:
    """A site and what its configuration says about its posts."""

    kind: str
    root: Path
    timezone: str | None = None  # the configured zone name (None: the generator's default)
    post_dirs: list[Path] = field(default_factory=list)  # Hexo: source/_posts; Hugo: content folders
    draft_dirs: list[Path] = field(default_factory=list)  # Hexo: source/_drafts
    category_key: str | None = "categories"  # Hugo: the front-matter key of each taxonomy
    tag_key: str | None = "tags"
    problems: list[Skipped] = field(default_factory=list)  # its configuration files that could not be used

    def holds(self, path: Path) -> bool:
        """True when `path` (a folder or file) is where this site keeps posts."""
        if self.kind == JEKYLL:
            parts = path.relative_to(self.root).parts if path.is_relative_to(self.root) else ()
            return "_posts" in parts or "_drafts" in parts
        return any(path == top or path.is_relative_to(top) for top in self.post_dirs + self.draft_dirs)


def _head(path: Path, limit: int = 64 * 1024) -> str | None:
    """The first `limit` bytes of a file as text, or None when it is not a readable file."""
    try:
        if not path.is_file():
            return None
        with open(path, "rb") as fh:
            return fh.read(limit).decode("utf-8", errors="replace")
    except OSError:
        return None


def _inside(root: Path, relative: str) -> Path | None:
    """root/relative when it stays inside root (a configured folder may not point elsewhere)."""
    candidate = Path(os.path.normpath(root / relative))
    return candidate if candidate.is_relative_to(root) else None


def _set_zone(site: Site, name: str | None, config: Path, default: str) -> None:
    """The site's configured time zone, unless it is none that this machine knows."""
    if name and zone(name) is None:
        site.problems.append(Skipped(str(config), f"time zone {name!r} is unknown: {default} used"))
        name = None
    site.timezone = name


def jekyll_site(root: Path) -> Site:
    """A Jekyll site: the `timezone:` of its _config.yml, read without trusting it to be YAML."""
    site = Site(JEKYLL, root)
    match = _TIMEZONE_LINE.search(_head(root / "_config.yml") or "")
    _set_zone(site, match.group(1) if match else None, root / "_config.yml", "the machine's")
    return site


def _hexo_site(root: Path, config: str) -> Site:
    """A Hexo site: posts in <source_dir>/_posts, drafts in <source_dir>/_drafts."""
    site = Site(HEXO, root)
    match = _TIMEZONE_LINE.search(config)
    _set_zone(site, match.group(1) if match else None, root / "_config.yml", "the machine's")
    source = root / "source"
    if match := _SOURCE_DIR_LINE.search(config):
        configured = _inside(root, match.group(1))
        if configured is None:
            site.problems.append(Skipped(str(root / "_config.yml"),
                                         f"source_dir {match.group(1)!r} is outside the site: source/ used"))
        else:
            source = configured
    site.post_dirs = [source / "_posts"]
    site.draft_dirs = [source / "_drafts"]
    return site


def _lower_keys(value: object) -> object:
    """Hugo's configuration keys are case-insensitive: every mapping's keys lower-cased."""
    if isinstance(value, dict):
        return {str(k).lower(): _lower_keys(v) for k, v in value.items()}
    return value


def _hugo_config_file(root: Path) -> Path | None:
    """hugo.* or config.* at the root, else in config/_default/ (Hugo's configuration folder)."""
    folders = [root, root / "config" / "_default"] if (root / "config").is_dir() else [root]
    for folder in folders:
        for name in _HUGO_CONFIGS:
            if (folder / name).is_file():
                return folder / name
    return None


def _hugo_site(root: Path, config_path: Path) -> Site:
    """A Hugo site: contentDir (and each language's), timeZone, taxonomies; defaults when unreadable."""
    site = Site(HUGO, root)
    config: dict = {}
    fmt = _CONFIG_FORMATS[config_path.suffix]
    try:
        size = config_path.stat().st_size
        if size > MAX_CONFIG_BYTES:
            raise FormatError(f"is {size:,} bytes, too large for a configuration")
        with open(config_path, "rb") as fh:
            text = fh.read().decode("utf-8")
        loaded = load_structured(text, fmt)
        if loaded is not None and not isinstance(loaded, dict):
            raise FormatError(f"is not a {fmt.upper()} mapping")
        lowered = _lower_keys(loaded or {})  # a mapping in, a mapping out
        config = lowered if isinstance(lowered, dict) else {}
    except (FormatError, UnicodeDecodeError, OSError) as exc:
        reason = "is not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc)
        if isinstance(exc, OSError):
            reason = f"cannot be read ({(exc.strerror or type(exc).__name__).lower()})"
        site.problems.append(Skipped(str(config_path), f"{reason}: Hugo's defaults used"))
    configured = config.get("timezone")
    _set_zone(site, configured if isinstance(configured, str) else None, config_path, "UTC")
    dirs = [config.get("contentdir")]
    languages = config.get("languages")
    if isinstance(languages, dict):
        dirs += [lang.get("contentdir") for lang in languages.values() if isinstance(lang, dict)]
    for relative in [d for d in dirs if isinstance(d, str) and d] or ["content"]:
        folder = _inside(root, relative)
        if folder is None:
            site.problems.append(Skipped(str(config_path), f"contentDir {relative!r} is outside the site: ignored"))
        elif folder not in site.post_dirs:
            site.post_dirs.append(folder)
    if not site.post_dirs:
        site.post_dirs = [root / "content"]
    taxonomies = config.get("taxonomies")
    if isinstance(taxonomies, dict):  # a site that sets its taxonomies replaces Hugo's two
        category, tag = taxonomies.get("category"), taxonomies.get("tag")
        site.category_key = str(category).lower() if category else None
        site.tag_key = str(tag).lower() if tag else None
    return site


def _is_hexo(folder: Path, config_yml: str | None) -> bool:
    """Hexo's signs: its keys in _config.yml, scaffolds/, a package.json naming it, source/_posts/."""
    return bool(config_yml and _HEXO_KEYS.search(config_yml)) or (folder / "scaffolds").is_dir() \
        or bool(_HEXO_PACKAGE.search(_head(folder / "package.json") or "")) \
        or (folder / "source" / "_posts").is_dir()


def _is_hexo_source(folder: Path) -> bool:
    """True for a Hexo site's source folder (its _posts/ is Hexo's, not a Jekyll site's)."""
    if (folder / "_config.yml").is_file():
        return False
    configured = _SOURCE_DIR_LINE.search(_head(folder.parent / "_config.yml") or "")
    return folder.name == (configured.group(1).strip("/") if configured else "source")


def site_at(folder: Path) -> Site | None:
    """The site whose root is `folder`, or None when `folder` is not a site's root."""
    hugo_config = _hugo_config_file(folder)
    if hugo_config is not None and (hugo_config.stem == "hugo" or hugo_config.parent != folder):
        return _hugo_site(folder, hugo_config)  # hugo.* and config/_default/ are Hugo's own names
    if (folder / "_posts").is_dir() and not _is_hexo_source(folder):
        return jekyll_site(folder)
    config_yml = _head(folder / "_config.yml")
    if _is_hexo(folder, config_yml):
        return _hexo_site(folder, config_yml or "")
    if hugo_config is not None and ((folder / "content").is_dir() or _HUGO_HINT.search(_head(hugo_config) or "")):
        return _hugo_site(folder, hugo_config)
    if config_yml is not None:
        return jekyll_site(folder)
    return None


def enclosing_site(path: Path) -> Site | None:
    """The nearest site above `path` (within a few folders), whether or not `path` holds its posts."""
    for folder in list(path.parents)[:MAX_DEPTH_UP]:
        site = site_at(folder)
        if site is not None:
            return site
    return None
