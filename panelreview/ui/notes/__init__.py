"""The member's notes: notes list and editor, note dialog, recommendations, Find."""
