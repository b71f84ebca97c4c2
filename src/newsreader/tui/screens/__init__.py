"""The reader's screens: the main reader, help, links, and targets across the archive."""
