"""The open review as the window holds it: the review file, its undo stack and undo commands."""
