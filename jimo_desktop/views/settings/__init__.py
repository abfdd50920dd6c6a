"""设置: dictionaries, light rules, backups and where the data lives."""
