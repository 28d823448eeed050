"""QtWidgets: windows, pages and dialogs. Never imports backends."""
