"""The ``launchgeo`` command: a thin shell over the library.

Lives here: the argument parser and one function per sub-command (``core``), the streams and
exit statuses (``_output``), the strict CSV reader of ``classify --csv`` (``_csv``).
May import: every lower layer (each command calls one library function).

Examples
--------
>>> from launchgeo.cli import main
>>> main(["rings", "Nowhere-ri", "300"])
1
"""

from launchgeo.cli.core import _COMMANDS, build_parser, main

__all__ = ["_COMMANDS", "build_parser", "main"]
