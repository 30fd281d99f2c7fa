"""``python -m duban.cli`` runs the same command as ``duban``."""

import sys

from duban.cli import main

sys.exit(main())
