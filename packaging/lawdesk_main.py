"""Entry point of the frozen application (both `LawDesk` and `lawdesk-cli` run this file).

It is the console script `lawdesk = lawdesk.cli:main` plus what only a frozen program needs:
`multiprocessing.freeze_support()` (the batch runner's process pool re-launches this
executable for its workers) and a hidden `--packaging-self-test` that support staff and CI
can run on any platform to see whether the bundle is complete.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    if sys.argv[1:2] == ["--packaging-self-test"]:
        from packaging_self_test import main as self_test

        sys.exit(self_test(sys.argv[2:]))
    from lawdesk.cli import main

    sys.exit(main())
