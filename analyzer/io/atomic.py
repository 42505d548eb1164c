"""An output file written whole or not at all: the rows go to a temporary file beside it, renamed over the name
given only once every row is written, so Ctrl-C, a full disk or a failing read leaves no part of a file and keeps
the file it would have replaced."""
from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

# names that stand for an open stream, whatever it points at (a shell's `> file` makes /dev/stdout a regular file)
STREAM_NAMES = ("/dev/stdin", "/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/")
NAME_KEPT = 100  # characters of the name in a temporary name: a name near the 255 limit must still fit

def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _give_owner(path: str, status: os.stat_result) -> None:
    """Give ``path`` the owner and group of the file it replaces, as far as the runner may (root: both; a member
    of its group: the group); before its mode is set, since a change of owner clears set-user-id bits."""
    for owner in (status.st_uid, -1):
        try:
            os.chown(path, owner, status.st_gid)
            return
        except OSError:
            continue


def _a_stream(output: str | os.PathLike) -> bool:
    return os.path.abspath(output).startswith(STREAM_NAMES)


@contextlib.contextmanager
def replaced_whole(output: str | os.PathLike) -> Iterator[str]:
    """Yield the path to write ``output``'s content to. For a regular file (or a name not yet taken) that is a
    temporary file in the same folder, renamed over ``output`` (over the file a symbolic link names, so the link
    stays) when the block ends without an exception, with the permissions, owner and group of the file it replaces
    (a new file: as ``open`` makes one); on any exception, Ctrl-C included, it is removed. A device, FIFO or socket (``/dev/null``),
    and a name of an open stream (``/dev/stdout``, ``/dev/fd/3``, /proc: whatever it points at) is written directly:
    renaming over it would replace the device, or the file a shell's redirect opened. A regular file elsewhere under
    /dev (``/dev/shm/x.csv``, a memory file system) is replaced whole like any other."""
    try:
        status = os.stat(output)
    except FileNotFoundError:
        status = None
    mode = status.st_mode if status is not None else None
    if (mode is not None and not stat.S_ISREG(mode)) or _a_stream(output):
        yield str(output)
        return
    target = Path(os.path.realpath(output))
    if mode is not None and not os.access(target, os.W_OK):  # a file made read-only is not replaced (as open() and a
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(output))  # shell's > refuse it)
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:NAME_KEPT]}.",
                                             suffix=".part")
    except PermissionError as error:  # a writable file in a closed folder: say which may not be written
        why = f"{error.strerror}: its folder {target.parent} may not be written (the file is replaced whole)"
        raise PermissionError(error.errno, why, str(output)) from None
    os.close(handle)
    try:
        yield temporary
        if status is not None:
            _give_owner(temporary, status)
        os.chmod(temporary, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
