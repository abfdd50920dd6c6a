"""Pure data and rules of the bureau's work: no I/O, no Qt."""
