"""The targets panel: the open article's numeric items, grouped by entity, targets before achieved."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from newsreader.render import Wrapped, sanitize
from newsreader.targets.format import format_value
from newsreader.targets.model import Target
from newsreader.tui import styles

KIND_TITLES = {"target": "targets", "achieved": "achieved"}
GENERAL = "General"  # the heading of items tied to no entity, in an article that names some


def grouped(items: Sequence[Target]) -> list[tuple[str | None, str, list[int]]]:
    """(entity, kind, item indexes) groups: entities in order of appearance, targets first."""
    entities: list[str | None] = []
    for item in items:
        if item.entity not in entities:
            entities.append(item.entity)
    groups = []
    for entity in entities:
        for kind in ("target", "achieved"):
            indexes = [i for i, t in enumerate(items) if t.entity == entity and t.kind == kind]
            if indexes:
                groups.append((entity, kind, indexes))
    return groups


def item_prompt(item: Target) -> Wrapped:
    """The metric, then value (with comparator and unit), relation and horizon, indented under it."""
    metric = sanitize(item.metric or item.text)
    details = [format_value(item)]
    if item.relation:
        details.append(item.relation)
    if item.horizon:
        details.append(item.horizon)
    return Wrapped(Text.assemble((metric, styles.item_style(item)), "\n", (sanitize(" · ".join(details)), "dim")),
                   indent=2)


class TargetsPanel(OptionList):
    """Choosing an item (moving onto it or pressing enter) shows it in the article."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="up"),
        Binding("g,home", "first", "Top", show=False, id="top"),
        Binding("G,end", "last", "Bottom", show=False, id="bottom"),
        Binding("enter", "select", "Show in article", id="open"),
        Binding("t", "screen.targets", "Hide panel", id="targets"),
        Binding("escape", "screen.back", "Back", id="back"),
    ]

    class ItemChosen(Message):
        """An item was highlighted (`jump` False) or selected with enter or a click (`jump` True)."""

        def __init__(self, index: int, jump: bool) -> None:
            super().__init__()
            self.index = index
            self.jump = jump

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[Target] = []
        self.show_items(None)

    def show_items(self, items: Sequence[Target] | None) -> None:
        """List an article's items (None: no article is open)."""
        self.items = list(items or [])
        self.clear_options()
        if items is None:
            self.add_option(Option(Text("no article open", style="italic"), disabled=True))
        elif not self.items:
            self.add_option(Option(Text("no numeric targets", style="italic"), disabled=True))
        groups = grouped(self.items)
        named = any(entity for entity, _, _ in groups)
        for entity, kind, indexes in groups:
            # with entities, every heading names its group, so that no count reads as the whole article's
            heading = f"{KIND_TITLES[kind]} ({len(indexes)})"
            title = (Text.assemble((sanitize(entity or GENERAL), "bold"), " · ", heading) if named
                     else Text(heading.capitalize(), style="bold"))
            self.add_option(Option(title, disabled=True))
            self.add_options(Option(item_prompt(self.items[i]), id=str(i)) for i in indexes)
        n_target = sum(1 for t in self.items if t.kind == "target")
        self.border_subtitle = Text(f"{styles.count(n_target, 'target')} · {len(self.items) - n_target} achieved") \
            if self.items else None

    def highlight_first(self) -> None:
        """Put the cursor on the first item, if there is one and none is highlighted."""
        if self.highlighted is not None and not self.get_option_at_index(self.highlighted).disabled:
            return
        for index in range(self.option_count):
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return

    def highlight_item(self, item_index: int) -> None:
        """Put the cursor on one item (by its index in the article's items)."""
        try:
            self.highlighted = self.get_option_index(str(item_index))
        except OptionDoesNotExist:
            pass

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.ItemChosen(int(event.option.id), jump=False))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.ItemChosen(int(event.option.id), jump=True))
