"""``python -m attrib`` runs the command line."""

import sys

from attrib.cli import main

sys.exit(main())
