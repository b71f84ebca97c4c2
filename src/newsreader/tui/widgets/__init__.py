"""The reader's widgets: sidebar, post list, article pane, targets panel and their helpers."""
