"""PyInstaller runtime hook: point pyenchant and Enchant at the copies inside the bundle.

Runs in the frozen ZoneDesk before ``main.py`` (and again in every worker process it starts).
The bundle holds, under ``_internal/spelling/`` (see ``zonedesk.spec``):

- ``lib/libenchant-2.so.2``: the Enchant library, its provider folder patched to
  ``/proc/self/fd/<MODULES_FD>`` (Debian's Enchant 2 has that folder compiled in as
  ``/usr/lib/<arch>/enchant-2`` and cannot be relocated), so this hook opens the bundle's
  provider folder on that descriptor and the library finds ``enchant_hunspell.so`` there;
- ``lib/enchant-2/enchant_hunspell.so``: the Hunspell provider;
- ``hunspell/en_US.aff`` and ``.dic``: the dictionary. The Hunspell provider looks in
  ``$ENCHANT_CONFIG_DIR/hunspell`` first, and Enchant keeps its (here unused, empty) personal word
  lists in ``$ENCHANT_CONFIG_DIR`` itself, so that is a folder of the user's,
  ``~/.config/ZoneDesk/enchant``, whose ``hunspell`` is a link to the bundle's dictionaries (not
  the bundle's folder: Enchant would write into the installed program). Without a writable home
  it is the bundle's folder after all.

Nothing here raises: without these files spelling is simply not checked (the editor says so).
"""

from __future__ import annotations

import os
import sys

#: Must match MODULES_FD in zonedesk.spec (the patched library names this descriptor).
MODULES_FD = 471


def _point_enchant_into_bundle() -> None:
    base = getattr(sys, "_MEIPASS", None)
    if base is None:
        return
    spelling = os.path.join(base, "spelling")
    library = os.path.join(spelling, "lib", "libenchant-2.so.2")
    modules = os.path.join(spelling, "lib", "enchant-2")
    if not os.path.isfile(library):
        return
    os.environ["PYENCHANT_LIBRARY_PATH"] = library
    if "ENCHANT_CONFIG_DIR" not in os.environ:
        os.environ["ENCHANT_CONFIG_DIR"] = _enchant_config(os.path.join(spelling, "hunspell"))
    try:
        os.fstat(MODULES_FD)
    except OSError:
        pass  # free, as it should be this early
    else:
        return  # taken (inherited?): leave it alone; spelling may then be unavailable
    try:
        fd = os.open(modules, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    if fd != MODULES_FD:
        os.dup2(fd, MODULES_FD, inheritable=False)
        os.close(fd)


def _enchant_config(dictionaries: str) -> str:
    """``~/.config/ZoneDesk/enchant``, its ``hunspell`` linked to ``dictionaries``; the bundle's
    spelling folder when that cannot be made."""
    home = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    config = os.path.join(home, "ZoneDesk", "enchant")
    link = os.path.join(config, "hunspell")
    try:
        os.makedirs(config, exist_ok=True)
        if os.path.islink(link) and os.readlink(link) == dictionaries:
            return config
        if os.path.lexists(link) and not os.path.islink(link):
            return config  # a folder of the user's own dictionaries: theirs to keep
        temporary = f"{link}.{os.getpid()}"
        if os.path.lexists(temporary):  # left by a crash of an earlier process with this id
            os.remove(temporary)
        os.symlink(dictionaries, temporary)
        os.replace(temporary, link)  # another bundle's link is replaced in one step
    except OSError:
        return os.path.dirname(dictionaries)
    return config


_point_enchant_into_bundle()
