"""Swapping two folders in one step: ``renameat2(…, RENAME_EXCHANGE)`` on Linux.

``exchange(a, b)`` gives ``a`` the entry of ``b`` and ``b`` that of ``a`` at the same instant: a
reader looking up either name finds one of the two folders, never nothing. It returns False
where that is not to be had, and the caller falls back to two renames (a moment with no folder
at one of the names):

- not Linux, or a C library without ``renameat2`` on a machine whose system call number is not
  known here;
- a kernel older than 3.15 (``ENOSYS``), or a file system that does not support the flag
  (``EINVAL``, ``ENOTSUP``: some network and FUSE file systems, overlayfs on older kernels).

Any other failure (``ENOENT``, ``EXDEV``, ``EACCES`` …) is an ``OSError`` as from ``os.rename``.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 1 << 1
#: ``SYS_renameat2`` where the C library has no wrapper (glibc before 2.28).
_SYSCALL_NUMBERS = {"x86_64": 316, "aarch64": 276, "i686": 353, "i386": 353, "armv7l": 382}
#: The answers meaning "this kernel or file system cannot exchange": fall back.
_UNSUPPORTED = frozenset({errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP})

_Call = Callable[[bytes, bytes], int]


@cache
def _renameat2() -> _Call | None:
    """A call ``(old, new) -> 0 | -1`` (errno set) exchanging the two; None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    return _wrapper(libc) or _system_call(libc)


def _wrapper(libc: ctypes.CDLL) -> _Call | None:
    """The C library's ``renameat2`` (glibc 2.28 and later, musl 1.2.4 and later)."""
    function = getattr(libc, "renameat2", None)
    if function is None:
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    return lambda old, new: int(function(AT_FDCWD, old, AT_FDCWD, new, RENAME_EXCHANGE))


def _system_call(libc: ctypes.CDLL) -> _Call | None:
    """``syscall(SYS_renameat2, …)``, on the machines whose number is known."""
    number = _SYSCALL_NUMBERS.get(platform.machine())
    function = getattr(libc, "syscall", None)
    if number is None or function is None:
        return None
    function.restype = ctypes.c_long
    return lambda old, new: int(
        function(
            ctypes.c_long(number),
            ctypes.c_int(AT_FDCWD),
            ctypes.c_char_p(old),
            ctypes.c_int(AT_FDCWD),
            ctypes.c_char_p(new),
            ctypes.c_uint(RENAME_EXCHANGE),
        )
    )


def exchange(a: Path, b: Path) -> bool:
    """Swap the folders (or files) ``a`` and ``b`` atomically; False where that is not
    supported (nothing was changed then); OSError when it failed otherwise."""
    call = _renameat2()
    if call is None:
        return False
    if call(os.fsencode(a), os.fsencode(b)) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))
