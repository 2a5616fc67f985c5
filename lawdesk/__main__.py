import sys

from lawdesk.cli import main

sys.exit(main())
