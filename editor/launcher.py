"""Start-up: read the command line, then hand over to the CLI or, with no command, the GUI.

Nothing heavy is imported here: the GUI (Qt) is imported only when it is about to run.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None, *, exit_when_done: bool = False) -> int:
    """Run ZoneDesk; the exit code. ``exit_when_done`` (``main.py``): a command line command
    ends the process as soon as its output is out (see ``_exit``)."""
    from editor import cli  # noqa: PLC0415

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = cli.build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.command is None:
        from editor.app import run_gui  # noqa: PLC0415

        return run_gui(args.db, [sys.argv[0], *argv])
    code = cli.run(args, process_ends=exit_when_done)
    if exit_when_done:
        _exit(code)
    return code


def _exit(code: int) -> None:
    """End the process now: the command has closed its archive and written its output, and
    taking the interpreter apart object by object (an export's plan holds hundreds of thousands)
    would only add a tenth of a second the user waits for nothing."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nobody reads what is left
            code = code or 1
    logging.shutdown()
    os._exit(code)
