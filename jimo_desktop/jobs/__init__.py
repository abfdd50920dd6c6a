"""Whole tasks the command line and the window both run, over the store and the papers
(reports/): they import no Qt, and views/ and commands/ call them alike."""
