"""`python -m generator` runs the command line (see generator.cli)."""
import sys

from .cli import main

sys.exit(main())
