"""Start-up: read the command line, then hand over to the CLI or, with no command, the GUI.

Nothing heavy is imported here: the GUI (Qt) is imported only when it is about to run.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
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
    return cli.run(args)
