import sys

from jimo_desktop.cli import main

sys.exit(main())
