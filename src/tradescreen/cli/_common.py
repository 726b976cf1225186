"""What every command shares: the store, output helpers, and error → exit code mapping."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from sqlalchemy import Engine

from tradescreen.exc import InputError, NotFoundError, TradescreenError
from tradescreen.settings import get_settings
from tradescreen.store import open_engine

__all__ = [
    "EXIT_CODES",
    "check_output_path",
    "console",
    "handle_errors",
    "print_json",
    "store_engine",
]

console = Console(highlight=False)
_stderr = Console(stderr=True, highlight=False)

#: Exit codes by error class; the first matching class wins.
EXIT_CODES: tuple[tuple[type[TradescreenError], int], ...] = (
    (InputError, 2),
    (NotFoundError, 3),
    (TradescreenError, 1),
)

P = ParamSpec("P")
R = TypeVar("R")


def handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Print a TradescreenError as one line on stderr and exit with its code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except TradescreenError as exc:
            _stderr.print(f"[bold red]error:[/] {exc}", soft_wrap=True)
            code = next(code for cls, code in EXIT_CODES if isinstance(exc, cls))
            raise typer.Exit(code) from exc

    return wrapper


@contextmanager
def store_engine() -> Iterator[Engine]:
    """The configured store, its connections closed when the command ends."""
    engine = open_engine(get_settings().database_url)
    try:
        yield engine
    finally:
        engine.dispose()


def check_output_path(path: Path) -> None:
    """Refuse, before any work, an output file that cannot be written where it is asked for."""
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give the file to write")
    if not path.parent.is_dir():
        raise InputError(f"{path}: the folder {path.parent} does not exist")


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
