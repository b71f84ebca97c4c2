"""A scroll view that draws its own lines (the Line API), with its base style worked out once."""

from __future__ import annotations

from rich.style import Style
from textual.scroll_view import ScrollView


class LinesView(ScrollView):
    """Draws its lines itself; `base_style` is its Rich style, worked out once per style change.

    `rich_style` walks every ancestor's styles: asked for each line drawn, it was a tenth of the
    reader's first paint.
    """

    _base_style: Style | None = None

    @property
    def base_style(self) -> Style:
        """This widget's Rich style (as `rich_style`), kept until its styles change."""
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None
