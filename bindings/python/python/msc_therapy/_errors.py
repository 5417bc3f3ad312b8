"""The error raised for a document that fails validation."""

from __future__ import annotations

from typing import Optional

__all__ = ["DocumentError"]


class DocumentError(ValueError):
    """A document (product, offer, policy) that the crate could not read.

    Attributes:
        kind: the crate's ``DocumentErrorKind`` as a machine name: ``syntax``,
            ``unknown_field``, ``missing_field``, ``duplicate_field``, ``wrong_type``,
            ``unknown_code``, ``invalid_value``, ``too_large`` or ``io``.
        path: the dotted path of the offending field, as in ``release.viability[0].percent``;
            ``"."`` for the document as a whole.
        message: what is wrong, without path or position.
        line, column: where in the JSON text the parser stopped (counted from 1), or None.

    ``str(err)`` is the crate's own message: ``path: message at line L column C``.
    """

    kind: str
    path: str
    message: str
    line: Optional[int]
    column: Optional[int]

    def __init__(
        self,
        kind: str,
        path: str,
        message: str,
        line: Optional[int] = None,
        column: Optional[int] = None,
    ) -> None:
        super().__init__(kind, path, message, line, column)
        self.kind = kind
        self.path = path
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}"
        if self.line is not None and self.column is not None:
            text += f" at line {self.line} column {self.column}"
        return text
