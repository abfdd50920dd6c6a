"""SQLite through sqlite-utils: the only code that reads or writes the database."""
