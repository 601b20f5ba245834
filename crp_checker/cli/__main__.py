"""`python -m crp_checker.cli`: the same as the `crp-checker` console script."""

import sys

from crp_checker.cli import main

sys.exit(main())
