"""``python -m launchgeo``: the command-line tool (see :mod:`launchgeo.cli`)."""

import sys

from launchgeo.cli import main

if __name__ == "__main__":
    sys.exit(main())
