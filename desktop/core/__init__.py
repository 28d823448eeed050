"""Plain Python: protocol, rules and computations. No Qt, no I/O."""
