"""Data shipped with the package (benchmark graphs)."""
