"""`python -m bot.cli ...` is the `mentorbot` command."""

import sys

from bot.cli import main

sys.exit(main())
