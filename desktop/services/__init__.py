"""QtCore objects on the GUI thread that own workers and expose signals."""
