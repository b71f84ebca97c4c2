"""Which archive to open (the paths given, else config.toml's `sources`, else the bundled samples); config.toml."""

from __future__ import annotations

from pathlib import Path

from newsreader.store.paths import config_dir


class ConfigError(Exception):
    """config.toml cannot be read; the message is one line."""


def _bundled(name: str) -> Path:
    """A folder shipped with newsreader (inside the wheel, or beside src/ in a checkout)."""
    from importlib import resources

    packaged = Path(str(resources.files("newsreader"))) / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / name


def bundled_samples() -> Path:
    """The sample Jekyll site shipped with newsreader."""
    return _bundled("sample_posts")


def bundled_sources() -> list[str]:
    """What newsreader opens when told nothing: the sample Jekyll site and the Hexo and Hugo
    sample sites (sample_sites/ holds one of each)."""
    return [str(bundled_samples()), str(_bundled("sample_sites"))]


def config_path() -> Path:
    """config.toml in the user config folder."""
    return config_dir() / "config.toml"


def read_config() -> dict:
    """The settings of config.toml ({} when there is none); raises ConfigError when it cannot be read."""
    path = config_path()
    try:
        with open(path, "rb") as fh:
            import tomllib  # (only when there is a file to read: most starts have none)

            try:
                return tomllib.load(fh)
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"{path}: {exc}") from None
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def configured_sources() -> list[str]:
    """`sources = [...]` from config.toml in the user config folder, if that file exists."""
    path = config_path()
    sources = read_config().get("sources", [])
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise ConfigError(f"{path}: `sources` must be a list of paths")
    return [str(Path(s).expanduser()) for s in sources]


def resolve_sources(paths: list[str]) -> list[str]:
    """The sources to read: `paths`, else the configured ones, else the bundled samples."""
    return list(paths) or configured_sources() or bundled_sources()
