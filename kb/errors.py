"""Content problems, collected rather than raised one at a time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in a content file, printed as `path:line: message`."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        try:
            shown = self.path.resolve().relative_to(Path.cwd())
        except ValueError:
            shown = self.path
        return f"{shown}:{self.line}: {self.message}"


class ContentInvalid(Exception):
    """Raised when content has problems; carries all of them so they can be fixed in one go."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(errors)
        super().__init__(f"{len(self.errors)} fel i innehållet:\n" + "\n".join(str(e) for e in self.errors))
