"""`python -m newsreader` runs the command line."""

from newsreader.cli import main

raise SystemExit(main())
