"""Modules generated from ui/*.ui by scripts/compile-forms; never edited by hand."""
