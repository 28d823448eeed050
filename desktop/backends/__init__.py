"""Blocking I/O without Qt: the engine process, GGUF files, model storage."""
