"""The command-line interface: thin click wrappers over the library (the only click user)."""
