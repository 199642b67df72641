"""Dialogs of the member's window: settings, export, save a copy, setup, messages."""
