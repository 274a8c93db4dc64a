"""`python -m core …`: the command line for archivists, administrators and scripts."""
import sys

from .cli import main

sys.exit(main())
