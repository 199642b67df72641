"""CLI subcommands. Each module exposes ``register(subparsers)``; heavy imports stay inside handlers
so that ``panelreview outline`` imports neither Qt nor SQLite helpers it does not need."""
