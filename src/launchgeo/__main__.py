"""``python -m launchgeo`` and the ``launchgeo`` command's entry point (see :mod:`launchgeo.cli`).

Ctrl-C while the command is still starting (importing the CLI takes a tenth of a second) ends
it at once with status 130 and the usual one line, instead of a traceback from the middle of
an import; once :func:`launchgeo.cli.main` runs, it handles Ctrl-C itself (cleaning up partial
files) and returns 130 too.
"""

import contextlib
import os
import signal
import sys

__all__ = ["run"]


def _interrupted_while_starting(signum: int, frame: object) -> None:
    with contextlib.suppress(OSError):  # no stderr: the status still says it
        os.write(2, b"launchgeo: interrupted\n")
    os._exit(130)


def run() -> None:
    """Run the command with ``sys.argv`` and exit with its status."""
    signal.signal(signal.SIGINT, _interrupted_while_starting)
    from launchgeo.cli import main

    signal.signal(signal.SIGINT, signal.default_int_handler)  # main() takes it from here
    sys.exit(main())


if __name__ == "__main__":
    run()
