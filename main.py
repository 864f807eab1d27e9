#!/usr/bin/env python3
"""ZoneDesk (开发区新闻编辑台): `python main.py` opens the editor, `--help` lists the commands."""

import sys

from editor.launcher import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # the bundle (make dist): a spawned export worker starts here
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main(exit_when_done=True))
