"""Excel in and out: the units' messy submissions, and print-ready sheets."""
