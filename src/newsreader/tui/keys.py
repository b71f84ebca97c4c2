"""Key bindings as data: the keys in force (config.toml's `[keys]` applied), grouped for help and the palette.

Every binding of the reader has an id; `[keys]` in config.toml maps ids to keys
(`next_unread = "u,ctrl+n"`), through Textual's keymap. Help and the command palette read the
bindings that newsreader's own classes declare, with that keymap applied, so neither can drift
from the keys, and neither shows Textual's internal bindings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding, BindingsMap, InvalidBinding
from textual.dom import DOMNode

OWN_PACKAGE = "newsreader."


@dataclass(slots=True)
class KeyEntry:
    """One action and every key that runs it."""

    keys: list[str]
    description: str
    action: str
    id: str
    tooltip: str = ""


def declared_bindings(node: DOMNode | type[DOMNode]) -> BindingsMap:
    """The bindings newsreader's classes declare for a node or node class, merged as Textual merges them.

    A subclass's binding of a key replaces its base's. Bindings that Textual's own widgets
    declare (the tree's, the text box's editing keys) are left out.
    """
    cls = node if isinstance(node, type) else type(node)
    keys: dict[str, list[Binding]] = {}
    for base in reversed(cls.__mro__):
        if base.__module__.startswith(OWN_PACKAGE) and "BINDINGS" in vars(base):
            keys.update(BindingsMap(vars(base)["BINDINGS"]).key_to_bindings)
    return BindingsMap.from_keys(keys)


def bindings_in_force(node: DOMNode | type[DOMNode], keymap: Mapping[str, str]) -> BindingsMap:
    """A node's own bindings with the keymap applied."""
    bindings = declared_bindings(node)
    if keymap:
        bindings.apply_keymap(dict(keymap))
    return bindings


def entries(app: App, node: DOMNode | type[DOMNode], keymap: Mapping[str, str]) -> list[KeyEntry]:
    """One entry per action of `node`, keys in the order declared, as the footer shows them."""
    grouped: dict[tuple[str, str], KeyEntry] = {}
    for bindings in bindings_in_force(node, keymap).key_to_bindings.values():
        for binding in bindings:
            description = binding.description or binding.action.replace("_", " ")
            entry = grouped.setdefault((binding.action, description),
                                       KeyEntry([], description, binding.action, binding.id or "", binding.tooltip))
            shown = app.get_key_display(binding)
            if shown not in entry.keys:
                entry.keys.append(shown)
    return list(grouped.values())


def sections(app: App, nodes: Iterable[tuple[str, DOMNode | type[DOMNode]]],
             keymap: Mapping[str, str]) -> list[tuple[str, list[KeyEntry]]]:
    """(title, entries) for each titled node, leaving out nodes without bindings."""
    out = []
    for title, node in nodes:
        found = entries(app, node, keymap)
        if found:
            out.append((title, found))
    return out


def normalized_keys(keys: str) -> str:
    """A key list as Textual names keys ("?" becomes "question_mark"); raises InvalidBinding when one is empty."""
    return ",".join(binding.key for binding in Binding.make_bindings([Binding(keys, "")]))


def binding_ids(classes: Iterable[type[DOMNode]]) -> set[str]:
    """Every binding id the classes declare."""
    return {binding.id for cls in classes for _, binding in declared_bindings(cls) if binding.id}


def keymap_from_config(config: Mapping[str, object], known: set[str]) -> tuple[dict[str, str], list[str]]:
    """config.toml's `[keys]` table as a keymap of known binding ids, and a warning for each entry left out."""
    table = config.get("keys", {})
    if not isinstance(table, Mapping):
        return {}, ["config.toml: [keys] must be a table of action = \"keys\""]
    keymap, warnings = {}, []
    for action, keys in table.items():
        if action not in known:
            warnings.append(f"config.toml: [keys] {action}: no such action (the help screen, ?, lists them)")
        elif not isinstance(keys, str) or not keys.strip():
            warnings.append(f"config.toml: [keys] {action}: keys must be a string such as \"u,ctrl+n\"")
        else:
            try:
                keymap[action] = normalized_keys(keys)
            except InvalidBinding as exc:
                warnings.append(f"config.toml: [keys] {action}: {exc}")
    return keymap, warnings
