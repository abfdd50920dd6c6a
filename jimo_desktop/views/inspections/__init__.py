"""现场督查: the list, the quick form and its photos."""
