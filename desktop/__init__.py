"""Maru: an offline desktop AI assistant running GGUF models through llama.cpp."""

__version__ = "0.1.0"
