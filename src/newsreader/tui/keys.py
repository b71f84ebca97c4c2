"""Key bindings as data: grouped for the help screen and offered to the command palette.

Both read the bindings the widgets really have, so neither can drift from the keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

# Inherited scrolling actions that do nothing here: no pane of the reader scrolls sideways.
SIDEWAYS = frozenset({"scroll_left", "scroll_right", "page_left", "page_right"})


@dataclass(slots=True)
class KeyEntry:
    """One action and every key that runs it."""

    keys: list[str]
    description: str
    action: str


def bindings_of(node: DOMNode | type[DOMNode]) -> BindingsMap:
    """The bindings of a live node, or those a node class declares (its bases' included)."""
    if isinstance(node, DOMNode):
        return node._bindings  # noqa: SLF001 - Textual keeps a node's live bindings here
    merged = node._merged_bindings  # noqa: SLF001 - computed by Textual when the class is made
    return merged if merged is not None else BindingsMap()


def entries(app: App, node: DOMNode | type[DOMNode]) -> list[KeyEntry]:
    """One entry per action of `node`, keys in the order declared, as the footer shows them."""
    grouped: dict[tuple[str, str], KeyEntry] = {}
    for bindings in bindings_of(node).key_to_bindings.values():
        for binding in bindings:
            if binding.action in SIDEWAYS:
                continue
            description = binding.description or binding.action.replace("_", " ")
            entry = grouped.setdefault((binding.action, description), KeyEntry([], description, binding.action))
            shown = _display(app, binding)
            if shown not in entry.keys:
                entry.keys.append(shown)
    return list(grouped.values())


def _display(app: App, binding: Binding) -> str:
    return app.get_key_display(binding)


def sections(app: App, nodes: Iterable[tuple[str, DOMNode | type[DOMNode]]]) -> list[tuple[str, list[KeyEntry]]]:
    """(title, entries) for each titled node, leaving out nodes without bindings."""
    out = []
    for title, node in nodes:
        found = entries(app, node)
        if found:
            out.append((title, found))
    return out
