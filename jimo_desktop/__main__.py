import sys

from jimo_desktop.cli import main, write_output_to_log_without_console

write_output_to_log_without_console()
sys.exit(main())
