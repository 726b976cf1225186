"""What every command shares: the store, reading input files, output helpers, and error →
exit code mapping."""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from tradescreen.exc import InputError, NotFoundError, TradescreenError
from tradescreen.model.transaction import loads_json
from tradescreen.settings import get_settings
from tradescreen.sources.encoding import decode_text

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from tradescreen.compiled import CompiledLists

__all__ = [
    "EXIT_CODES",
    "check_output_path",
    "compile_lists_now",
    "compiled_lists_dir",
    "console",
    "decode_json",
    "handle_errors",
    "latest_lists",
    "print_json",
    "printable",
    "read_text",
    "record_screening",
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

#: Bidirectional formatting characters: they reorder what a terminal shows after them.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def _escape_char(char: str) -> str:
    if unicodedata.category(char) != "Cc" and char not in _BIDI_CONTROLS:
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(value: object) -> str:
    r"""``value`` as text safe to show on a terminal through Rich.

    Control characters (C0 and C1: NUL, ESC, newline...) and bidirectional overrides
    become ``\x1b``/``\u202e`` escapes, so that data cannot move the cursor, recolour
    or reorder the screen; Rich markup in the text is escaped, so ``[red]`` shows as is.
    JSON output needs none of this: ``json.dumps`` escapes control characters itself.
    """
    return escape("".join(_escape_char(char) for char in str(value)))


P = ParamSpec("P")
R = TypeVar("R")


def handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Print a TradescreenError as one line on stderr and exit with its code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except TradescreenError as exc:
            _stderr.print(f"[bold red]error:[/] {printable(exc)}", soft_wrap=True)
            code = next(code for cls, code in EXIT_CODES if isinstance(exc, cls))
            raise typer.Exit(code) from exc

    return wrapper


@contextmanager
def store_engine() -> Iterator[Engine]:
    """The configured store, its connections closed when the command ends."""
    # Here and below, what a command needs is imported when it runs, not for ``--help``.
    from tradescreen.store import open_engine

    engine = open_engine(get_settings().database_url)
    try:
        yield engine
    finally:
        engine.dispose()


def compiled_lists_dir() -> Path:
    """Where the compiled lists are saved: beside the default database."""
    return get_settings().data_dir / "compiled"


def latest_lists(engine: Engine) -> CompiledLists:
    """The store's latest lists compiled for screening.

    Raises:
        NotFoundError: the store holds no lists.
    """
    from tradescreen.compiled import compiled_lists

    lists = compiled_lists(engine, compiled_lists_dir())
    if not lists.versions:
        raise NotFoundError("the store holds no lists: run `tradescreen lists import` first")
    return lists


def compile_lists_now(engine: Engine, quiet: bool) -> None:
    """Compile the latest lists for screening now (after an import or a judgement), not in
    the next screening's time."""
    import time

    from tradescreen.compiled import compile_lists

    start = time.perf_counter()
    lists = compile_lists(engine, compiled_lists_dir())
    if not quiet:
        console.print(
            f"compiled {len(lists.screener.entities)} entities for screening "
            f"in {time.perf_counter() - start:.1f} s"
        )


def record_screening(
    action: str, subject: str, details: dict[str, Any], lists: CompiledLists
) -> None:
    """An audit record of a screening, with the list versions of ``lists`` it ran against."""
    from tradescreen.store import audit

    with store_engine() as engine, engine.begin() as conn:
        audit.record_screening(conn, action, subject, details, lists.versions, get_settings().user)


def check_output_path(path: Path) -> None:
    """Refuse, before any work, an output file that cannot be written where it is asked for."""
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give the file to write")
    if not path.parent.is_dir():
        raise InputError(f"{path.parent}: no such directory; create it first")


def read_text(path: Path) -> str:
    """The text of a UTF-8 input file (a byte order mark allowed).

    Raises:
        InputError: the file cannot be read, or is not UTF-8 (naming the line and byte).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode_text(path, data)


def decode_json(path: Path, text: str, line: int | None = None) -> Any:
    """JSON from line ``line`` of ``path`` (or the whole file), as ``loads_json`` reads it.

    Raises:
        json.JSONDecodeError: the text is not JSON.
        InputError: the JSON nests deeper than Python can decode.
    """
    try:
        return loads_json(text)
    except RecursionError:
        where = f"{path.name}: line {line}" if line else path.name
        raise InputError(f"{where}: the JSON nests too deeply") from None


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
