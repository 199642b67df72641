"""The main window and what wires its rooms together: actions, opening reviews, smoke test."""
