"""Keeping the officer's data safe: backups, copies between engines, integrity checks, where
the file lives, one writer at a time, which database a package belongs to."""
