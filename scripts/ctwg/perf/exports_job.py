"""The open-data exports and feeds, written by a forked child process while MkDocs renders.

In: the SiteContext and the (already cleaned) site folder. Out: api/ and feeds/ in it, as
ctwg.site.outputs.exports.write_all writes them; `finish` raises ExportsError if the child
failed, with its message.
"""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path

from ..errors import ExportsError
from ..site.context import SiteContext


class ExportsJob:
    """`build`: the open-data exports and feeds, written by a forked child process.

    They depend only on the catalog, so a copy of this process writes them into the (already
    cleaned) site folder while MkDocs renders the pages. The child reports a failure on a pipe
    and through its exit code; `finish` turns either into a stopped build.
    """

    def __init__(self, ctx: SiteContext, site_dir: Path) -> None:
        self.read_fd, write_fd = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: write, report, and leave without running the parent's exit code
            code = 1
            try:
                os.close(self.read_fd)
                from ..site.outputs.exports import write_all  # in the child only: the parent never needs it

                write_all(ctx, site_dir)
                code = 0
            except BaseException as exc:  # noqa: BLE001 - every failure must reach the parent
                with contextlib.suppress(OSError):
                    os.write(write_fd, f"{type(exc).__name__}: {exc}".encode()[:4000])
            finally:
                os._exit(code)
        os.close(write_fd)

    def finish(self) -> None:
        with os.fdopen(self.read_fd, "rb") as pipe:
            message = pipe.read().decode(errors="replace")
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise ExportsError(f"The open-data exports and feeds could not be written: {message or 'the writer stopped'}")

    def cancel(self) -> None:
        with contextlib.suppress(OSError, ChildProcessError):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            os.close(self.read_fd)
