"""Errors a user can act on.

Each carries a message written for a councillor or clerk, never a traceback. The CLI prints the
message and exits 2; the UI shows it in a dialog. Anything else that escapes is a bug and is logged.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can understand and act on; ``str(err)`` is the plain-English message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DocumentError(UserError):
    """A draft could not be opened or read."""


class PasswordRequired(DocumentError):
    """The file is encrypted; open it again with a password."""

    def __init__(self, message: str = "This PDF is password-protected.") -> None:
        super().__init__(message)


class WrongPassword(PasswordRequired):
    """A password was given but it does not open the file."""

    def __init__(self) -> None:
        super().__init__("That password does not open this PDF. Check it and try again.")
