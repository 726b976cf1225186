"""The tradescreen error tree.

::

    TradescreenError              root; never raised itself
    ├── InputError                the caller's data is wrong        → CLI exit 2
    │   ├── ListFormatError       file, record (source id or line), problem
    │   ├── UnknownFormatError    file, formats tried
    │   ├── ShrinkRefusedError    an import would empty or shrink a source's latest version
    │   └── TransactionError      JSON pointer into the transaction ("/items/0/hs_code")
    ├── NotFoundError             source or version unknown         → CLI exit 3
    ├── RuleDataError             shipped regime or control-list data invalid: file, rule, key
    ├── DownloadError             a publisher's file could not be fetched or is bad
    ├── StoreError                database trouble; the import was rolled back
    └── ConfigError               a bad TRADESCREEN_* value

Every message is one line a compliance officer can act on; its parts are
attributes too, so that an API can return them as JSON.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ConfigError",
    "DownloadError",
    "InputError",
    "ListFormatError",
    "NotFoundError",
    "RuleDataError",
    "ShrinkRefusedError",
    "StoreError",
    "TradescreenError",
    "TransactionError",
    "UnknownFormatError",
]


class TradescreenError(Exception):
    """Root of every error tradescreen raises on purpose."""


class InputError(TradescreenError):
    """The caller's data is wrong."""


class ListFormatError(InputError):
    """A list file is malformed: names the file, the record (or line) and the problem."""

    def __init__(self, path: Path | str, problem: str, record: str | None = None) -> None:
        self.path = Path(path)
        self.record = record
        self.problem = problem
        where = f"{self.path.name}: {record}: " if record else f"{self.path.name}: "
        super().__init__(where + problem)


class UnknownFormatError(InputError):
    """No list format recognises a file."""

    def __init__(self, path: Path | str, tried: list[str]) -> None:
        self.path = Path(path)
        self.tried = tried
        super().__init__(
            f"{self.path.name}: not a recognised list file (tried: {', '.join(tried)})"
        )


class ShrinkRefusedError(InputError):
    """An import would make a source's latest version empty, or much smaller than the one before.

    A wrong or broken download must not silently turn screening off for a whole list; the
    user can insist (``--allow-shrink``) when the list really shrank.
    """

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path.name}: {problem}")


class TransactionError(InputError):
    """A transaction is invalid: names the JSON pointer of the offending value."""

    def __init__(self, pointer: str, problem: str) -> None:
        self.pointer = pointer
        self.problem = problem
        super().__init__(f"{pointer or '/'}: {problem}")


class RuleDataError(TradescreenError):
    """Shipped regime, control-list or reference data is invalid: names file, rule and key."""

    def __init__(
        self, path: Path | str, problem: str, rule: str | None = None, key: str | None = None
    ) -> None:
        self.path = Path(path)
        self.rule = rule
        self.key = key
        self.problem = problem
        where = ": ".join(part for part in (self.path.name, rule, key) if part)
        super().__init__(f"{where}: {problem}")


class NotFoundError(TradescreenError):
    """A source or list version is not in the store."""


class DownloadError(TradescreenError):
    """A publisher's file could not be downloaded, or what came is not a valid list."""


class StoreError(TradescreenError):
    """The database failed; whatever was being written was rolled back."""


class ConfigError(TradescreenError):
    """A TRADESCREEN_* setting has a value that cannot be used."""
