"""``python -m bot`` runs the negobot command line."""

from bot.cli import main

raise SystemExit(main())
