"""外业包: a package made, read as hostile, planned and merged back."""
