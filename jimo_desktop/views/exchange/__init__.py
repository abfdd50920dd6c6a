"""Data in and out: the Excel import with its preview and questions, field packages."""
